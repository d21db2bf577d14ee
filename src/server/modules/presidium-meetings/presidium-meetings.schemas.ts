import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { FileMeta } from '../files/files.schemas.ts';

export const MEETING_STATUSES = ['planned', 'held'] as const;
export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const OWNER_TYPES = ['deputy', 'unit', 'other'] as const;

// Labels are global: names another area uses with another meaning (number 届次, note 审批意见) are
// avoided here, hence `ordinal` and `detail`.
registerFieldLabels({
  ordinal: '会议次数',
  date: '日期',
  endTime: '结束时刻',
  presider: '主持人',
  attendees: '出席人员',
  minutes: '会议纪要',
  minutesFileId: '会议纪要附件',
  activityId: '关联活动',
  items: '议程',
  presenter: '汇报人',
  ownerType: '责任方类型',
  ownerId: '责任方',
  ownerName: '责任方名称',
  dueDate: '截止日期',
  doneDate: '办结日期',
  result: '落实结果',
  detail: '进展情况',
  meetingId: '会议',
  overdue: '是否逾期',
});

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时刻格式应为 HH:MM');
const Version = z.number().int().positive();

// ---- Meetings ----

export const MeetingInput = z.object({
  // The current term when left out; the next 第N次 of the term when `ordinal` is left out.
  termId: IdField.optional(),
  ordinal: z.number().int().min(1).max(999).optional(),
  title: NonEmpty(100),
  date: DateStr,
  startTime: Time.nullish(),
  endTime: Time.nullish(),
  place: Text(200).optional(),
  presider: Text(50).optional(),
  attendees: Text(1000).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  minutes: Text(20000).optional(),
  minutesFileId: IdField.nullish(),
  activityId: IdField.nullish(),
});
// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.
export const MeetingUpdate = MeetingInput.omit({ termId: true }).partial().extend({ version: Version });

export const MeetingQuery = PageQuery.extend({
  termId: IdField.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  q: z.string().trim().max(50).optional(),
});

export const AgendaItemInput = z.object({ title: NonEmpty(200), presenter: Text(50).optional(), notes: Text(2000).optional() });
export const AgendaInput = z.object({ version: Version, items: z.array(AgendaItemInput).max(50, '最多 50 项') });
export const CreateActivityInput = z.object({ version: Version });

const ActivityLink = z.object({ id: z.string(), code: z.string(), title: z.string(), startAt: z.string(), status: z.string(), invited: z.number().int(), signedIn: z.number().int() });

export const AgendaItemOut = z.object({ id: z.string(), title: z.string(), presenter: z.string(), notes: z.string() });

export const MeetingSummary = z.object({
  id: z.string(),
  code: z.string(),
  termId: z.string(),
  termNumber: z.number().int(),
  ordinal: z.number().int(),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string(),
  status: z.enum(MEETING_STATUSES),
  activityId: z.string().nullable(),
  hasMinutes: z.boolean(),
  agendaCount: z.number().int(),
  decisionCount: z.number().int(),
  openDecisionCount: z.number().int(),
  overdueDecisionCount: z.number().int(),
});
export const MeetingPage = pageOf(MeetingSummary);

// ---- Decisions ----

export const DecisionInput = z.object({
  content: NonEmpty(2000),
  ownerType: z.enum(OWNER_TYPES),
  // A deputy's or a handling unit's id for those types; the name is typed in for `other`.
  ownerId: IdField.nullish(),
  ownerName: Text(100).nullish(),
  dueDate: DateStr,
});
export const DecisionUpdate = DecisionInput.partial().extend({
  status: z.enum(DECISION_STATUSES).optional(),
  doneDate: DateStr.nullish(),
  result: Text(2000).optional(),
  version: Version,
});
export const DecisionQuery = PageQuery.extend({
  status: z.enum([...DECISION_STATUSES, 'active']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  meetingId: IdField.optional(),
  ownerType: z.enum(OWNER_TYPES).optional(),
  ownerId: IdField.optional(),
  // A substring of the owner's name, whichever kind of owner it is.
  owner: z.string().trim().max(50).optional(),
});
export const ProgressInput = z.object({ date: DateStr, detail: NonEmpty(2000) });

export const ProgressOut = z.object({ id: z.string(), date: z.string(), detail: z.string(), authorName: z.string(), createdAt: z.string() });

export const DecisionOut = z.object({
  id: z.string(),
  code: z.string(),
  meetingId: z.string(),
  meetingCode: z.string(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  seq: z.number().int(),
  content: z.string(),
  ownerType: z.enum(OWNER_TYPES),
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(DECISION_STATUSES),
  doneDate: z.string().nullable(),
  result: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  progressCount: z.number().int(),
  lastProgress: ProgressOut.nullable(),
  version: z.number().int(),
});
export const DecisionDetail = DecisionOut.extend({ progress: z.array(ProgressOut) });
export const DecisionPage = pageOf(DecisionOut).extend({
  summary: z.object({ open: z.number().int(), inProgress: z.number().int(), overdue: z.number().int(), done: z.number().int(), cancelled: z.number().int() }),
});

export const MeetingDetail = MeetingSummary.extend({
  presider: z.string(),
  attendees: z.string(),
  minutes: z.string(),
  minutesFile: FileMeta.nullable(),
  activity: ActivityLink.nullable(),
  agenda: z.array(AgendaItemOut),
  decisions: z.array(DecisionOut),
  /** Whether the caller may edit (a town or county administrator); presidium deputies read only. */
  canEdit: z.boolean(),
  version: z.number().int(),
});
