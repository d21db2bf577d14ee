import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty } from '../../http/schemas.ts';

export const PROPOSER_TYPES = ['deputies', 'presidium', 'government'] as const;
export const MOTION_STATUSES = ['submitted', 'on_agenda', 'to_suggestion', 'not_accepted', 'withdrawn', 'passed', 'failed'] as const;
export const MOTION_DECISIONS = ['put_on_agenda', 'to_suggestion', 'not_accept'] as const;
export const MOTION_ACTIONS = ['put_on_agenda', 'to_suggestion', 'not_accept', 'withdraw', 'edit'] as const;

registerFieldLabels({
  proposerType: '提出方',
  subject: '案由',
  solution: '方案',
  submittedOn: '提出日期',
  leadDeputyId: '领衔代表',
  coSponsorIds: '附议代表',
  decision: '处理决定',
  motionId: '议案',
});

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Version = z.number().int().positive();

// No .default() in input schemas (zod would apply it inside .partial()); the service fills defaults.
const MotionFields = {
  proposerType: z.enum(PROPOSER_TYPES),
  // The subject becomes a suggestion's title when the motion is handled as one (at most 100 characters).
  subject: NonEmpty(100),
  grounds: Text(5000).optional(),
  solution: Text(5000).optional(),
  submittedOn: DateStr.optional(),
  leadDeputyId: IdField.nullish(),
  coSponsorIds: z.array(IdField).max(160, '最多 160 名附议代表').optional(),
};

export const MotionInput = z.object(MotionFields);
export const MotionUpdate = z.object(MotionFields).partial().extend({ version: Version });
export const MotionDecideInput = z.object({
  decision: z.enum(MOTION_DECISIONS),
  reason: Text(500).optional(),
  /** The suggestion's category when handled as a suggestion (其他 by default, or the town's first). */
  category: Text(20).optional(),
  version: Version,
});
export const MotionWithdrawInput = z.object({ reason: NonEmpty(500), version: Version });

export const SessionParams = z.object({ id: IdField });
export const MotionParams = z.object({ id: IdField, motionId: IdField });

const Sponsor = z.object({ deputyId: z.string(), code: z.string(), name: z.string(), role: z.enum(['lead', 'co']) });

export const Motion = z.object({
  id: z.string(),
  number: z.number().int(),
  proposerType: z.enum(PROPOSER_TYPES),
  subject: z.string(),
  grounds: z.string(),
  solution: z.string(),
  submittedOn: z.string(),
  status: z.enum(MOTION_STATUSES),
  decisionReason: z.string(),
  decidedAt: z.string().nullable(),
  sponsors: z.array(Sponsor),
  item: z.object({ id: z.string(), seq: z.number().int() }).nullable(),
  suggestion: z.object({ id: z.string(), code: z.string(), state: z.string() }).nullable(),
  actions: z.array(z.enum(MOTION_ACTIONS)),
  version: z.number().int(),
});

export const PoolDeputy = z.object({ deputyId: z.string(), code: z.string(), name: z.string() });

export const MotionList = z.object({
  items: z.array(Motion),
  /** Who may sponsor a motion of this session: the roll, or the deputies in office when no roll is taken yet. */
  sponsorPool: z.array(PoolDeputy),
  minSponsors: z.number().int(),
});
