import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { IdField } from '../../http/schemas.ts';

export const VOTE_CHOICES = ['for', 'against', 'abstain', 'not_voting'] as const;
export const VOTE_RESULTS = ['passed', 'failed', 'tie'] as const;

registerFieldLabels({
  for: '赞成',
  against: '反对',
  abstain: '弃权',
  notVoting: '未按表决器',
  total: '表决合计',
  ballots: '逐人表决',
  choice: '表决意见',
  voteId: '表决',
  itemId: '议程事项',
  round: '表决轮次',
});

const Count = z.number().int('须为整数').min(0, '不能小于 0').max(10000);
/** The round the client is recording (1 + the rounds it saw): a stale one is refused (409), never bumped. */
const Round = z.number().int('须为整数').min(1, '不能小于 1').max(100);

export const VoteInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('count'), round: Round, for: Count, against: Count, abstain: Count, notVoting: Count }),
  z.object({
    method: z.literal('per_deputy'),
    round: Round,
    ballots: z
      .array(z.object({ deputyId: IdField, choice: z.enum(VOTE_CHOICES) }))
      .min(1, '请逐人填写表决意见')
      .max(500),
  }),
]);

export const ItemParams = z.object({ id: IdField, itemId: IdField });
export const VoteParams = z.object({ id: IdField, itemId: IdField, voteId: IdField });

export const Vote = z.object({
  id: z.string(),
  round: z.number().int(),
  method: z.enum(['count', 'per_deputy']),
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  notVoting: z.number().int(),
  allDeputies: z.number().int(),
  presentCount: z.number().int(),
  needed: z.number().int(),
  result: z.enum(VOTE_RESULTS),
  announcement: z.string(),
  recordedAt: z.string(),
  ballots: z.array(z.object({ deputyId: z.string(), code: z.string(), name: z.string(), choice: z.enum(VOTE_CHOICES) })),
});

export const VoteList = z.object({
  items: z.array(Vote),
  /** What the record dialog needs now: the live roll figures, the quorum and the majority (who is present: GET …/roll). */
  roll: z.object({
    all: z.number().int(),
    present: z.number().int(),
    quorumNeeded: z.number().int(),
    quorumReached: z.boolean(),
    majorityNeeded: z.number().int(),
  }),
  /** Whether the caller may record a round now (open session, quorum, no decided result, not an election item). */
  canRecord: z.boolean(),
});
