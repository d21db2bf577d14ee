import { z } from 'zod';
import { IdField } from '../../http/schemas.ts';

export const POLL_KINDS = ['appraisal', 'duty_report', 'peer_review', 'voter_review'] as const;
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;

export const PollParams = z.object({ townCode: z.string().trim().min(1).max(32), pollId: IdField });

const Choice = z.object({ key: z.string(), label: z.string() });

export const PublicPollOut = z.object({
  id: z.string(),
  town: z.object({ code: z.string(), name: z.string() }),
  kind: z.enum(POLL_KINDS),
  title: z.string(),
  status: z.enum(POLL_STATUSES),
  questions: z.array(Choice),
  scale: z.array(Choice),
  subjects: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const BallotInput = z.object({
  code: z.string().trim().min(1, '必填').max(20),
  answers: z
    .array(z.object({ subjectId: IdField, question: z.string().min(1).max(40), answer: z.string().min(1).max(40) }))
    .min(1, '请填写评议意见')
    .max(500),
});

export const CodesInput = z.object({ count: z.number().int().min(1, '至少生成 1 个').max(500, '一次最多生成 500 个') });

export const CodesOut = z.object({
  pollId: z.string(),
  title: z.string(),
  townCode: z.string(),
  codes: z.array(z.string()),
  issued: z.number().int(),
});

export const PollStatusOut = z.object({
  id: z.string(),
  kind: z.enum(POLL_KINDS),
  title: z.string(),
  status: z.enum(POLL_STATUSES),
  codesIssued: z.number().int(),
  codesUsed: z.number().int(),
  paperBallots: z.number().int(),
  ballots: z.number().int(),
  townCode: z.string(),
});

export const CodeCheckInput = z.object({ code: z.string().trim().min(1, '必填').max(20) });
export const CodeCheckOut = z.object({ subjects: z.array(z.object({ id: z.string(), name: z.string() })) });
