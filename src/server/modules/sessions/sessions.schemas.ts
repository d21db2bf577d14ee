import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery } from '../../http/schemas.ts';
import { MOTION_STATUSES } from './motions.schemas.ts';

/* Congress sessions (人代会): the session, its roll (点名) and its agenda (议程). See docs/api-contract-sessions.md. */

export const SESSION_KINDS = ['ordinary', 'extraordinary'] as const;
export const SESSION_STATUSES = ['preparing', 'open', 'closed'] as const;
export const ROLL_STATUSES = ['expected', 'present', 'late', 'on_leave', 'absent'] as const;
export const ITEM_KINDS = ['work_report', 'written_report', 'motion', 'election', 'decision', 'other'] as const;
export const ITEM_STATUSES = ['pending', 'reviewed', 'passed', 'failed'] as const;
export const SESSION_ACTIONS = ['edit', 'delete', 'open', 'close', 'take_roll', 'mark_roll', 'manage_items'] as const;

// Labels are global: the names other areas already label (number 届次, startDate, place, presidium …)
// keep theirs; the service's own messages say 会议次数, 开幕日期 etc. in full.
registerFieldLabels({
  secretaryGeneralId: '秘书长',
  leaveReason: '请假事由',
  ids: '议程顺序',
  expectedStatus: '原签到状态',
});

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Version = z.number().int().positive();

export const PresidiumSeatInput = z.object({ deputyId: IdField, executive: z.boolean().optional() });

export const SessionInput = z.object({
  termId: IdField,
  number: z.number().int().min(1).max(99).optional(),
  kind: z.enum(SESSION_KINDS),
  startDate: DateStr,
  endDate: DateStr,
  place: Text(200).optional(),
  notes: Text(2000).optional(),
  secretaryGeneralId: IdField.nullish(),
  presidium: z.array(PresidiumSeatInput).max(60, '最多 60 人').optional(),
});
// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.
export const SessionUpdate = SessionInput.omit({ termId: true }).partial().extend({ version: Version });

/** Open / close: the version the user saw, optional (a stale one → 409); the body itself may be absent. */
export const VersionSeen = z.object({ version: Version.optional() }).nullish();

export const SessionQuery = PageQuery.extend({
  termId: IdField.optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
});

export const RollCounts = z.object({
  all: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  onLeave: z.number().int(),
  absent: z.number().int(),
  expected: z.number().int(),
});
export const Quorum = z.object({ all: z.number().int(), present: z.number().int(), needed: z.number().int(), reached: z.boolean(), short: z.number().int() });

export const ItemFile = z.object({ id: z.string(), name: z.string(), kind: z.string(), size: z.number().int() });
export const AgendaItem = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  presenter: z.string(),
  status: z.enum(ITEM_STATUSES),
  notes: z.string(),
  version: z.number().int(),
  files: z.array(ItemFile),
  /** The motion on this item; `status` withdrawn → the item shows 已撤回 (and may be deleted). */
  motion: z.object({ id: z.string(), number: z.number().int(), status: z.enum(MOTION_STATUSES) }).nullable(),
  election: z.object({ id: z.string() }).nullable(),
  lastVote: z
    .object({
      round: z.number().int(),
      result: z.string(),
      for: z.number().int(),
      against: z.number().int(),
      abstain: z.number().int(),
      notVoting: z.number().int(),
    })
    .nullable(),
});

export const SessionSummary = z.object({
  id: z.string(),
  code: z.string(),
  termId: z.string(),
  termNumber: z.number().int(),
  number: z.number().int(),
  kind: z.enum(SESSION_KINDS),
  name: z.string(),
  shortName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  status: z.enum(SESSION_STATUSES),
  roll: RollCounts.nullable(),
  quorum: Quorum.nullable(),
  motionCount: z.number().int(),
  suggestionCount: z.number().int(),
});
export const SessionPage = z.object({ items: z.array(SessionSummary), total: z.number().int() });

const DeputyRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const RollStatusEnum = z.enum(ROLL_STATUSES);

export const SessionDetail = SessionSummary.extend({
  notes: z.string(),
  version: z.number().int(),
  rollTakenAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  secretaryGeneral: DeputyRef.nullable(),
  presidium: z.array(z.object({ deputyId: z.string(), code: z.string(), name: z.string(), executive: z.boolean() })),
  items: z.array(AgendaItem),
  suggestions: z.object({ total: z.number().int(), replied: z.number().int(), closed: z.number().int() }),
  actions: z.array(z.enum(SESSION_ACTIONS)),
  /** For a deputy: their own line on the roll (for signing in), null when not on it or not a deputy. */
  me: z.object({ deputyId: z.string(), status: RollStatusEnum }).nullable(),
});

// ---- Roll ----

export const RollEntry = z.object({
  deputyId: z.string(),
  code: z.string(),
  name: z.string(),
  stationName: z.string().nullable(),
  status: RollStatusEnum,
  leaveReason: z.string(),
  arrivedAt: z.string().nullable(),
  markedAt: z.string().nullable(),
});
export const Roll = z.object({ counts: RollCounts, quorum: Quorum, entries: z.array(RollEntry) });
/** `expectedStatus`: the status the clerk saw; when given, a mark made meanwhile by someone else → 409 (no last-write-wins). */
export const RollMarkInput = z.object({ status: RollStatusEnum, leaveReason: Text(200).optional(), expectedStatus: RollStatusEnum.optional() });
export const RollBulkInput = z.object({
  deputyIds: z.array(IdField).min(1, '请选择代表').max(500),
  status: RollStatusEnum,
  leaveReason: Text(200).optional(),
});
export const RollMarkOut = z.object({ entry: RollEntry, counts: RollCounts, quorum: Quorum });
export const RollDeputyParam = z.object({ id: IdField, deputyId: IdField });

// ---- Agenda ----

export const ItemInput = z.object({
  kind: z.enum(ITEM_KINDS),
  title: NonEmpty(200),
  presenter: Text(50).optional(),
  notes: Text(2000).optional(),
  fileIds: z.array(IdField).max(20, '最多 20 个文件').optional(),
});
export const ItemUpdate = z.object({
  version: Version,
  title: NonEmpty(200).optional(),
  presenter: Text(50).optional(),
  notes: Text(2000).optional(),
  fileIds: z.array(IdField).max(20, '最多 20 个文件').optional(),
  status: z.enum(ITEM_STATUSES).optional(),
});
export const ItemOrderInput = z.object({ ids: z.array(IdField).min(1).max(200) });
export const ItemParam = z.object({ id: IdField, itemId: IdField });
export const ItemFileParam = z.object({ id: IdField, itemId: IdField, fileId: IdField });
export const ItemList = z.object({ items: z.array(AgendaItem) });

// ---- Absences ----

export const AbsenceQuery = z.object({ termId: IdField.optional() });
export const AbsenceRow = z.object({
  deputy: z.object({ id: z.string(), code: z.string(), name: z.string(), status: z.string(), stationName: z.string().nullable() }),
  absences: z.array(z.object({ sessionId: z.string(), shortName: z.string(), startDate: z.string() })),
  flagged: z.boolean(),
});
export const AbsenceList = z.array(AbsenceRow);
