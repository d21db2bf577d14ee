import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { STATES } from './suggestion.machine.ts';
import { ACTIONS } from './suggestions.policy.ts';

// Only names no other area labels yet (labels are global); see suggestions.errors.ts for the others.
registerFieldLabels({
  grounds: '案据',
  proposal: '建议解决办法',
  sourceType: '来源',
  sourceId: '来源记录',
  villageId: '村（社区）',
  sessionId: '会议',
  leadDeputyId: '领衔代表',
  coSponsorIds: '附议代表',
  submit: '提交',
  state: '状态',
  states: '状态',
  due: '期限',
  mine: '我的',
  excludeId: '排除的建议',
  intoId: '并入的建议',
  leadUnitId: '主办单位',
  coUnitIds: '协办单位',
  heldOn: '面商日期',
  method: '面商方式',
  stage: '面商阶段',
  requestedDue: '申请延期至',
  approved: '是否同意',
  repliedOn: '答复日期',
  attitude: '办理态度评价',
  comment: '评价意见',
  key: '重点督办',
  published: '是否公开',
  publicAnswer: '公开答复',
});

export const KINDS = ['suggestion', 'criticism', 'opinion'] as const;
export const SOURCE_TYPES = ['deputy', 'reception', 'visit', 'portal', 'session', 'inspection'] as const;
const RATINGS = ['satisfied', 'basically', 'dissatisfied'] as const;
const Version = z.number().int().positive();
const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

// No .default() in input schemas (zod would apply it inside .partial() and blank fields on PUT).
const SuggestionFields = {
  kind: z.enum(KINDS),
  title: NonEmpty(100),
  content: NonEmpty(10000),
  grounds: Text(5000).optional(),
  proposal: Text(5000).optional(),
  category: NonEmpty(20),
  villageId: IdField.nullish(),
  sessionId: IdField.nullish(),
  sourceType: z.enum(SOURCE_TYPES),
  sourceId: IdField.nullish(),
  leadDeputyId: IdField.nullish(),
  coSponsorIds: z.array(IdField).max(100, '最多 100 名附议代表').optional(),
  fileIds: z.array(IdField).max(20, '最多 20 个附件').optional(),
};

export const SuggestionInput = z.object({ ...SuggestionFields, submit: z.boolean().optional() });
export const SuggestionUpdate = z.object(SuggestionFields).partial().extend({ version: Version });

const Bool = z.enum(['true', 'false']);
const YearQuery = z.coerce.number().int('应为整数').min(2000, '年度应在 2000 到 2100 之间').max(2100, '年度应在 2000 到 2100 之间');

export const SuggestionQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  state: z.enum(STATES).optional(),
  /** Comma-separated states: `replied,following`. */
  states: z.string().trim().max(300).optional(),
  kind: z.enum(KINDS).optional(),
  category: z.string().trim().max(20).optional(),
  sourceType: z.enum(SOURCE_TYPES).optional(),
  unitId: IdField.optional(),
  deputyId: IdField.optional(),
  /** With deputyId (or, for a deputy, themselves): only items where that deputy is the lead / a co-sponsor. */
  sponsorRole: z.enum(['lead', 'co']).optional(),
  villageId: IdField.optional(),
  year: YearQuery.optional(),
  sessionId: IdField.optional(),
  key: Bool.optional(),
  due: z.enum(['soon', 'overdue', 'open']).optional(),
  pending: z.enum(['return', 'extension', 'any']).optional(),
  mine: Bool.optional(),
  sort: z.enum(['due', 'code', 'updated']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export const SuggestionParams = z.object({ id: IdField });
export const SuggestionFileParams = z.object({ id: IdField, fileId: IdField });

// ---- Action bodies: each carries the version the caller saw ----

export const ActionInputs = {
  submit: z.object({ version: Version }),
  register: z.object({ version: Version }),
  'not-accept': z.object({ version: Version, reason: NonEmpty(500) }),
  withdraw: z.object({ version: Version, reason: Text(500).optional() }),
  merge: z.object({ version: Version, intoId: IdField }),
  assign: z.object({
    version: Version,
    leadUnitId: IdField,
    coUnitIds: z.array(IdField).max(20, '最多 20 个协办单位').optional(),
    dueDate: DateStr.optional(),
  }),
  start: z.object({ version: Version }),
  consult: z.object({
    version: Version,
    heldOn: DateStr,
    method: z.enum(['face', 'phone', 'site', 'other']),
    stage: z.enum(['before', 'during', 'after']),
    note: NonEmpty(2000),
  }),
  'request-return': z.object({ version: Version, reason: NonEmpty(1000) }),
  'decide-return': z.object({ version: Version, approved: z.boolean(), note: Text(1000).optional() }),
  'request-extension': z.object({ version: Version, reason: NonEmpty(1000), requestedDue: DateStr }),
  'decide-extension': z.object({ version: Version, approved: z.boolean(), note: Text(1000).optional(), dueDate: DateStr.optional() }),
  reply: z.object({
    version: Version,
    grade: z.string().trim().min(1, '必填').max(4),
    content: NonEmpty(10000),
    fileId: IdField.nullish(),
    repliedOn: DateStr.optional(),
  }),
  rate: z.object({ version: Version, attitude: z.enum(RATINGS), result: z.enum(RATINGS), comment: Text(1000).optional() }),
  close: z.object({ version: Version, note: Text(1000).optional() }),
  key: z.object({ version: Version, key: z.boolean(), note: Text(500).optional() }),
  publish: z.object({ version: Version, published: z.boolean(), publicAnswer: Text(5000).optional() }),
} as const;
export type ActionInput<A extends keyof typeof ActionInputs> = z.infer<(typeof ActionInputs)[A]>;

// ---- Responses ----

const Ref = z.object({ id: z.string(), name: z.string() });
const Due = z.object({ daysLeft: z.number().int(), overdue: z.boolean(), dueSoon: z.boolean() });
const Rating = z.enum(RATINGS);

export const SuggestionItem = z.object({
  id: z.string(),
  code: z.string(),
  year: z.number().int(),
  kind: z.enum(KINDS),
  title: z.string(),
  category: z.string(),
  sourceType: z.enum(SOURCE_TYPES),
  state: z.enum(STATES),
  pending: z.enum(['return', 'extension']).nullable(),
  round: z.number().int(),
  followUp: z.boolean(),
  keySupervision: z.boolean(),
  leadDeputy: Ref.nullable(),
  sponsorCount: z.number().int(),
  village: Ref.nullable(),
  /** The congress session it was raised at (人代会期间), by its short name (十八届二次). */
  session: z.object({ id: z.string(), shortName: z.string() }).nullable(),
  leadUnit: Ref.nullable(),
  coUnits: z.array(Ref),
  assignedOn: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** Only while an office holds the item (assigned, handling, re-handling). */
  due: Due.nullable(),
  repliedOn: z.string().nullable(),
  grade: z.string().nullable(),
  rating: Rating.nullable(),
  published: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const SuggestionPage = pageOf(SuggestionItem);

export const SuggestionDetail = SuggestionItem.extend({
  content: z.string(),
  grounds: z.string(),
  proposal: z.string(),
  sourceId: z.string().nullable(),
  source: z.object({ type: z.enum(SOURCE_TYPES), id: z.string(), label: z.string(), link: z.string() }).nullable(),
  sessionId: z.string().nullable(),
  notAcceptedReason: z.string(),
  mergedInto: z.object({ id: z.string(), code: z.string() }).nullable(),
  merged: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  keyNote: z.string(),
  publicAnswer: z.string(),
  sponsors: z.array(z.object({ deputyId: z.string(), name: z.string(), role: z.enum(['lead', 'co']) })),
  units: z.array(z.object({ unitId: z.string(), name: z.string(), role: z.enum(['lead', 'co']) })),
  replies: z.array(
    z.object({
      id: z.string(),
      round: z.number().int(),
      unit: Ref,
      grade: z.string(),
      gradeLabel: z.string(),
      content: z.string(),
      file: z.object({ id: z.string(), name: z.string(), size: z.number().int() }).nullable(),
      repliedOn: z.string(),
      dueDate: z.string(),
      onTime: z.boolean(),
    }),
  ),
  ratings: z.array(z.object({ round: z.number().int(), deputy: Ref.nullable(), attitude: Rating, result: Rating, comment: z.string(), ratedOn: z.string() })),
  requests: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['return', 'extension']),
      unit: Ref,
      reason: z.string(),
      requestedDue: z.string().nullable(),
      requestedAt: z.string(),
      requestedByName: z.string(),
      decision: z.enum(['approved', 'refused', 'withdrawn']).nullable(),
      decisionNote: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  consultations: z.array(
    z.object({
      id: z.string(),
      unit: Ref.nullable(),
      heldOn: z.string(),
      method: z.enum(['face', 'phone', 'site', 'other']),
      stage: z.enum(['before', 'during', 'after']),
      note: z.string(),
      createdByName: z.string(),
    }),
  ),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int(), mime: z.string() })),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      round: z.number().int(),
      actorName: z.string(),
      at: z.string(),
      data: z.record(z.string(), z.unknown()),
      note: z.string(),
    }),
  ),
  returnDeadline: z.string().nullable(),
  latestDueDate: z.string().nullable(),
  /** What this caller may do now: action names (and `edit`); the page shows exactly these buttons. */
  actions: z.array(z.enum([...ACTIONS, 'edit'])),
});

