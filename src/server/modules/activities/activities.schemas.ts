import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { CodeField, DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { DeputySelector } from '../roster/deputy-selection.ts';
import { ScheduleRuleSchema } from '../stations/schedule.rules.ts';

export const COUNTS_AS = ['training', 'inspection', 'research', 'meeting', 'group', 'fixed_day', 'visit', 'other'] as const;
export const ORGANISER_TYPES = ['town', 'station', 'group'] as const;
export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const ATTENDANCE_MARKS = ['present', 'late', 'absent', 'on_leave'] as const;
export const LEAVE_STATUSES = ['requested', 'approved', 'refused', 'withdrawn'] as const;

registerFieldLabels({
  countsAs: '统计归类',
  title: '标题',
  kindId: '活动类型',
  organiserType: '组织方类型',
  organiserId: '组织方',
  startAt: '开始时间',
  endAt: '结束时间',
  place: '地点',
  content: '内容',
  speakers: '主讲人',
  outcomes: '活动成效',
  startTime: '开始时刻',
  durationMinutes: '时长（分钟）',
  fromDate: '起始日期',
  untilDate: '截止日期',
  invite: '邀请范围',
  stationIds: '联络站',
  groupIds: '代表小组',
  levels: '代表层级',
  decision: '审批结果',
  note: '审批意见',
  entries: '签到登记',
  seriesId: '活动系列',
  rule: '重复规则',
  kindIds: '活动类型顺序',
});

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** A moment with its offset (2026-06-06T09:00:00+08:00 or …Z); stored as UTC. Years as DateStr allows. */
const IsoWithOffset = z.iso.datetime({ offset: true });
export const DateTimeStr = z
  .string()
  .max(40)
  .superRefine((s, ctx) => {
    if (!IsoWithOffset.safeParse(s).success) {
      ctx.addIssue({ code: 'custom', message: '时间格式应为带时区的 ISO 8601，如 2026-06-06T09:00:00+08:00' });
      return;
    }
    const y = new Date(s).getUTCFullYear();
    if (!(y >= MIN_YEAR && y <= MAX_YEAR)) ctx.addIssue({ code: 'custom', message: `年份应在 ${MIN_YEAR} 到 ${MAX_YEAR} 之间` });
  });

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Speakers = z.array(NonEmpty(50)).max(20, '最多 20 位');

// ---- Kinds ----

export const ActivityKindInput = z.object({
  // Empty on create means "the next automatic code" (K01, K02 …).
  code: CodeField.optional(),
  name: NonEmpty(50),
  countsAs: z.enum(COUNTS_AS),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
});
// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.
export const ActivityKindUpdate = ActivityKindInput.partial().extend({ code: CodeField.min(1, '不能为空').optional(), version: z.number().int().positive() });

export const ActivityKindOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  countsAs: z.enum(COUNTS_AS),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
/** The kinds in the order they are to be listed (sort order 10, 20, 30 …); kinds left out keep theirs. */
export const ActivityKindOrder = z.object({ kindIds: z.array(IdField).min(1, '至少一项').max(200) });
export const ActivityKindQuery = PageQuery.extend({ active: z.enum(['true', 'false']).optional() });
export const ActivityKindPage = pageOf(ActivityKindOut);

// ---- Activities ----

const Organiser = { organiserType: z.enum(ORGANISER_TYPES), organiserId: IdField.nullish() };

export const ActivityInput = z.object({
  title: NonEmpty(100),
  kindId: IdField,
  ...Organiser,
  startAt: DateTimeStr,
  endAt: DateTimeStr,
  place: Text(200).optional(),
  content: Text(5000).optional(),
  speakers: Speakers.optional(),
  outcomes: Text(5000).optional(),
  // A past activity may be recorded as held straight away; cancelling is a change of an existing one.
  status: z.enum(['planned', 'held']).optional(),
});
export const ActivityUpdate = ActivityInput.partial().extend({ status: z.enum(ACTIVITY_STATUSES).optional(), version: z.number().int().positive() });

export const ActivityQuery = PageQuery.extend({
  from: DateStr.optional(),
  to: DateStr.optional(),
  kindId: IdField.optional(),
  organiserType: z.enum(ORGANISER_TYPES).optional(),
  organiserId: IdField.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  seriesId: IdField.optional(),
});
export const MineQuery = PageQuery.extend({ from: DateStr.optional(), to: DateStr.optional(), status: z.enum(ACTIVITY_STATUSES).optional() });

export const MyInvitation = z.object({
  response: z.enum(['pending', 'accepted']),
  leaveStatus: z.enum(LEAVE_STATUSES).nullable(),
  leaveReason: z.string(),
  leaveNote: z.string(),
  attendance: z.enum(ATTENDANCE_MARKS).nullable(),
  signedInAt: z.string().nullable(),
  /** Only once the activity has ended (and was not cancelled). */
  finalStatus: z.enum(ATTENDANCE_MARKS).nullable(),
});

export const ActivitySummary = z.object({
  id: z.string(),
  /** External key (A00001…), unique in the town; the workbook refers to the activity by it. */
  code: z.string(),
  title: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  countsAs: z.enum(COUNTS_AS),
  organiserType: z.enum(ORGANISER_TYPES),
  organiserId: z.string().nullable(),
  organiserName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  place: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  seriesId: z.string().nullable(),
  /** For an occurrence: the rule date it was made for, and whether it was moved or changed on its own. */
  seriesDate: z.string().nullable(),
  moved: z.boolean(),
  detached: z.boolean(),
  invitedCount: z.number().int(),
});
export const ActivityPage = pageOf(ActivitySummary);

const FinalCounts = z.object({
  invited: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  onLeave: z.number().int(),
  absent: z.number().int(),
  rate: z.number().nullable(),
});

export const ActivityDetail = ActivitySummary.extend({
  content: z.string(),
  speakers: z.array(z.string()),
  outcomes: z.string(),
  /** Shown to staff only; a deputy gets it from the screen or the QR code at the activity. */
  signInCode: z.string().nullable(),
  signInOpensAt: z.string(),
  counts: z.object({
    invited: z.number().int(),
    accepted: z.number().int(),
    leavePending: z.number().int(),
    leaveApproved: z.number().int(),
    signedIn: z.number().int(),
    /** Final statuses once the activity has ended; null before and for a cancelled one. */
    final: FinalCounts.nullable(),
  }),
  myInvitation: MyInvitation.nullable(),
  version: z.number().int(),
});

export const MineItem = ActivitySummary.extend({ myInvitation: MyInvitation });
export const MinePage = pageOf(MineItem);

// ---- Invitations, leave, attendance ----

/** Whom to invite: the deputy selector shared with documents (roster/deputy-selection.ts). */
export const InviteSelector = DeputySelector;
export const InviteResult = z.object({ added: z.number().int(), alreadyInvited: z.number().int(), invitedCount: z.number().int() });

export const InvitationParams = z.object({ id: IdField, deputyId: IdField });

export const InvitationOut = z.object({
  id: z.string(),
  deputyId: z.string(),
  deputyCode: z.string(),
  deputyName: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  response: z.enum(['pending', 'accepted']),
  respondedAt: z.string().nullable(),
  leaveStatus: z.enum(LEAVE_STATUSES).nullable(),
  leaveReason: z.string(),
  leaveRequestedAt: z.string().nullable(),
  leaveNote: z.string(),
  leaveDecidedAt: z.string().nullable(),
  attendance: z.enum(ATTENDANCE_MARKS).nullable(),
  attendanceBy: z.enum(['self', 'staff']).nullable(),
  signedInAt: z.string().nullable(),
  finalStatus: z.enum(ATTENDANCE_MARKS).nullable(),
});
export const InvitationPage = pageOf(InvitationOut);

export const LeaveRequestInput = z.object({ reason: NonEmpty(500) });
export const LeaveDecisionInput = z.object({ decision: z.enum(['approved', 'refused']), note: Text(500).optional() });
export const LeaveQuery = PageQuery.extend({ status: z.enum(LEAVE_STATUSES).optional() });
export const LeaveItem = z.object({
  invitationId: z.string(),
  activityId: z.string(),
  activityTitle: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  deputyId: z.string(),
  deputyName: z.string(),
  stationName: z.string().nullable(),
  leaveStatus: z.enum(LEAVE_STATUSES),
  leaveReason: z.string(),
  leaveRequestedAt: z.string().nullable(),
  leaveNote: z.string(),
});
export const LeavePage = pageOf(LeaveItem);

// Strict: the deputy is the caller, and a body naming anyone else is refused rather than quietly ignored.
export const SignInInput = z.strictObject({ code: z.string().trim().min(1, '必填').max(20) });
export const SignInOut = z.object({ activityId: z.string(), title: z.string(), status: z.enum(['present', 'late']), signedInAt: z.string() });

export const AttendanceInput = z.object({
  entries: z
    .array(z.object({ deputyId: IdField, status: z.enum(ATTENDANCE_MARKS).nullable() }))
    .min(1, '至少登记一位代表')
    .max(500),
});
export const AttendanceResult = z.object({ updated: z.number().int() });

// ---- Series ----

export const SeriesInput = z.object({
  title: NonEmpty(100),
  kindId: IdField,
  ...Organiser,
  rule: ScheduleRuleSchema,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时刻格式应为 HH:MM'),
  durationMinutes: z.number().int().min(5, '至少 5 分钟').max(1440, '不能超过 24 小时'),
  fromDate: DateStr,
  untilDate: DateStr,
  place: Text(200).optional(),
  content: Text(5000).optional(),
  speakers: Speakers.optional(),
  invite: InviteSelector.nullish(),
});
export const SeriesUpdate = SeriesInput.partial().extend({ version: z.number().int().positive() });

export const SeriesOut = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  organiserType: z.enum(ORGANISER_TYPES),
  organiserId: z.string().nullable(),
  organiserName: z.string(),
  rule: ScheduleRuleSchema,
  ruleText: z.string(),
  startTime: z.string(),
  durationMinutes: z.number().int(),
  fromDate: z.string(),
  untilDate: z.string(),
  place: z.string(),
  content: z.string(),
  speakers: z.array(z.string()),
  invite: InviteSelector.nullable(),
  occurrenceCount: z.number().int(),
  /** What the last write did to the occurrences; null on a plain read. */
  regenerated: z.object({ created: z.number().int(), updated: z.number().int(), removed: z.number().int(), kept: z.number().int() }).nullable(),
  version: z.number().int(),
});

/** Cancel the rest of a series: every occurrence still planned that starts on `fromDate` or later and is still to come. */
export const SeriesCancelInput = z.object({ fromDate: DateStr, version: z.number().int().positive() });
export const SeriesCancelOut = SeriesOut.extend({ cancelled: z.number().int() });

// ---- Statistics ----

/** `stationId`: the activities that station organised; a liaison always gets their own station's. */
export const StatsQuery = z.object({ from: DateStr, to: DateStr, stationId: IdField.optional() });
/** `attended` is the person-times (人次): present plus late, over every activity counted. */
const Rates = FinalCounts.extend({ attended: z.number().int() });
export const StatsOut = z.object({
  from: z.string(),
  to: z.string(),
  stationId: z.string().nullable(),
  totals: Rates.extend({ activities: z.number().int() }),
  byActivity: z.array(
    Rates.extend({ activityId: z.string(), title: z.string(), startAt: z.string(), kindId: z.string(), kindName: z.string(), countsAs: z.enum(COUNTS_AS) }),
  ),
  byDeputy: z.array(Rates.extend({ deputyId: z.string(), code: z.string(), name: z.string(), stationId: z.string().nullable(), stationName: z.string().nullable() })),
  byStation: z.array(Rates.extend({ stationId: z.string().nullable(), stationName: z.string().nullable() })),
  byKind: z.array(Rates.extend({ kindId: z.string(), kindName: z.string(), countsAs: z.enum(COUNTS_AS), activities: z.number().int() })),
  /** Every month of the range (China month of the start), empty ones included, with its activities per kind. */
  byMonth: z.array(
    Rates.extend({
      month: z.string(),
      activities: z.number().int(),
      kinds: z.array(z.object({ kindId: z.string(), kindName: z.string(), activities: z.number().int() })),
    }),
  ),
  /** Trainings held (kinds counted as training), in date order. */
  trainingTopics: z.array(Rates.extend({ activityId: z.string(), title: z.string(), date: z.string(), kindName: z.string() })),
});
