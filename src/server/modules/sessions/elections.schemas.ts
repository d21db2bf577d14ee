import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty } from '../../http/schemas.ts';

export const ELECTION_POSTS = ['chair', 'vice_chair', 'town_head', 'deputy_head', 'presidium_member', 'other'] as const;
export const ELECTION_STATUSES = ['nominating', 'voting', 'done'] as const;
export const NOMINATORS = ['presidium', 'deputies'] as const;
export const ROUND_OUTCOMES = ['filled', 'partly', 'none', 'void'] as const;

// `seats` already carries a label (代表名额 / 应选名额) from other areas; it is not re-registered here.
registerFieldLabels({
  post: '职务',
  postName: '职务名称',
  candidates: '候选人',
  signerIds: '联名代表',
  nominator: '提名方式',
  submittedOn: '提名日期',
  issued: '发出选票',
  returned: '收回选票',
  valid: '有效票',
  invalid: '无效票',
  lines: '候选人得票',
  writeIns: '另选他人',
  for: '赞成票',
  against: '反对票',
  abstain: '弃权票',
});

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Version = z.number().int().positive();
const Count = z.number().int('须为整数').min(0, '不能小于 0').max(100000);

export const ElectionParams = z.object({ id: IdField, electionId: IdField });
export const NominationParams = ElectionParams.extend({ nominationId: IdField });
export const CandidateParams = ElectionParams.extend({ candidateId: IdField });
export const RoundParams = ElectionParams.extend({ roundId: IdField });

export const ElectionInput = z.object({
  post: z.enum(ELECTION_POSTS),
  postName: NonEmpty(50).optional(),
  seats: z.number().int('须为整数').min(1, '至少 1 名').max(50, '不能超过 50 名'),
});
export const ElectionUpdate = ElectionInput.omit({ post: true }).partial().extend({ version: Version });
export const VersionInput = z.object({ version: Version });

/** A candidate: a deputy from the roster (deputyId) or anyone else by name (a town head need not be a deputy). */
export const CandidateInput = z.object({
  deputyId: IdField.optional(),
  name: Text(50).optional(),
  gender: z.enum(['male', 'female']).nullish(),
  birthDate: DateStr.nullish(),
  party: Text(50).optional(),
  title: Text(100).optional(),
});

export const NominationInput = z.object({
  nominator: z.enum(NOMINATORS),
  signerIds: z.array(IdField).max(200).optional(),
  submittedOn: DateStr.optional(),
  notes: Text(1000).optional(),
  candidates: z.array(CandidateInput).min(1, '至少提名 1 名候选人').max(50),
});

export const RoundInput = z.object({
  /** The election's version the client saw: a round recorded meanwhile makes it stale (409), never the next round. */
  version: Version,
  issued: Count,
  returned: Count,
  valid: Count,
  invalid: Count,
  lines: z.array(z.object({ candidateId: IdField, for: Count, against: Count, abstain: Count })).max(100),
  writeIns: z
    .array(z.object({ name: NonEmpty(50), for: Count }))
    .max(50)
    .optional(),
});

// ---- Output ----

export const NominationRuleOut = z.object({ mode: z.enum(['competitive', 'uncontested', 'irregular']), warnings: z.array(z.string()) });

export const CandidateOut = z.object({
  id: z.string(),
  deputyId: z.string().nullable(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  party: z.string(),
  title: z.string(),
  withdrawn: z.boolean(),
  nominatedBy: z.array(z.enum(NOMINATORS)),
  elected: z.boolean(),
});

export const NominationOut = z.object({
  id: z.string(),
  nominator: z.enum(NOMINATORS),
  submittedOn: z.string(),
  notes: z.string(),
  signers: z.array(z.object({ deputyId: z.string(), name: z.string() })),
  candidateIds: z.array(z.string()),
});

export const RoundLineOut = z.object({
  candidateId: z.string().nullable(),
  writeInName: z.string().nullable(),
  name: z.string(),
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  elected: z.boolean(),
});

export const RoundOut = z.object({
  id: z.string(),
  round: z.number().int(),
  seats: z.number().int(),
  issued: z.number().int(),
  returned: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  allDeputies: z.number().int(),
  presentCount: z.number().int(),
  needed: z.number().int(),
  outcome: z.enum(ROUND_OUTCOMES),
  announcement: z.string(),
  recordedAt: z.string(),
  lines: z.array(RoundLineOut),
});

export const ElectionOut = z.object({
  id: z.string(),
  item: z.object({ id: z.string(), seq: z.number().int(), title: z.string(), status: z.string() }),
  post: z.enum(ELECTION_POSTS),
  postName: z.string(),
  seats: z.number().int(),
  status: z.enum(ELECTION_STATUSES),
  version: z.number().int(),
  rule: NominationRuleOut,
  seatsLeft: z.number().int(),
  candidates: z.array(CandidateOut),
  nominations: z.array(NominationOut),
  rounds: z.array(RoundOut),
  elected: z.array(z.object({ name: z.string(), candidateId: z.string().nullable(), round: z.number().int() })),
});

/** The list also carries what the tab and the print page need around it: the session and its live roll. */
export const ElectionList = z.object({
  session: z.object({ id: z.string(), name: z.string(), shortName: z.string(), status: z.enum(['preparing', 'open', 'closed']) }),
  roll: z.object({
    all: z.number().int(),
    present: z.number().int(),
    quorumNeeded: z.number().int(),
    quorumReached: z.boolean(),
    majorityNeeded: z.number().int(),
  }),
  items: z.array(ElectionOut),
});
