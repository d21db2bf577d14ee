import { http, type Page, type PageQuery, request } from './client.ts';
import type { ScheduleRule } from './stations.ts';

export const COUNTS_AS = ['training', 'inspection', 'research', 'meeting', 'group', 'fixed_day', 'visit', 'other'] as const;
export type CountsAs = (typeof COUNTS_AS)[number];
export const ORGANISER_TYPES = ['town', 'station', 'group'] as const;
export type OrganiserType = (typeof ORGANISER_TYPES)[number];
export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ATTENDANCE_MARKS = ['present', 'late', 'absent', 'on_leave'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
export const LEAVE_STATUSES = ['requested', 'approved', 'refused', 'withdrawn'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export type ActivityKind = { id: string; code: string; name: string; countsAs: CountsAs; sortOrder: number; active: boolean; version: number };

export type MyInvitation = {
  response: 'pending' | 'accepted';
  leaveStatus: LeaveStatus | null;
  leaveReason: string;
  leaveNote: string;
  attendance: AttendanceMark | null;
  signedInAt: string | null;
  finalStatus: AttendanceMark | null;
};

export type ActivitySummary = {
  id: string;
  code: string;
  title: string;
  kindId: string;
  kindName: string;
  countsAs: CountsAs;
  organiserType: OrganiserType;
  organiserId: string | null;
  organiserName: string;
  startAt: string;
  endAt: string;
  place: string;
  status: ActivityStatus;
  seriesId: string | null;
  /** For an occurrence of a series: the rule date it was made for; moved / changed on its own. */
  seriesDate: string | null;
  moved: boolean;
  detached: boolean;
  invitedCount: number;
};

export type FinalCounts = { invited: number; present: number; late: number; onLeave: number; absent: number; rate: number | null };

export type ActivityDetail = ActivitySummary & {
  content: string;
  speakers: string[];
  outcomes: string;
  seriesDate: string | null;
  detached: boolean;
  signInCode: string | null;
  signInOpensAt: string;
  counts: { invited: number; accepted: number; leavePending: number; leaveApproved: number; signedIn: number; final: FinalCounts | null };
  myInvitation: MyInvitation | null;
  version: number;
};

export type MineItem = ActivitySummary & { myInvitation: MyInvitation };

export type ActivityInput = {
  title: string;
  kindId: string;
  organiserType: OrganiserType;
  organiserId?: string | null;
  startAt: string;
  endAt: string;
  place?: string;
  content?: string;
  speakers?: string[];
  outcomes?: string;
  status?: 'planned' | 'held';
};
export type ActivityUpdate = Partial<Omit<ActivityInput, 'status'>> & { status?: ActivityStatus; version: number };

export type ActivityFilters = {
  from?: string;
  to?: string;
  kindId?: string;
  organiserType?: OrganiserType;
  organiserId?: string;
  status?: ActivityStatus;
  seriesId?: string;
};

export type InviteSelector = { stationIds?: string[]; groupIds?: string[]; levels?: ('town' | 'county')[]; deputyIds?: string[] };
export type InviteResult = { added: number; alreadyInvited: number; invitedCount: number };

export type Invitation = {
  id: string;
  deputyId: string;
  deputyCode: string;
  deputyName: string;
  stationId: string | null;
  stationName: string | null;
  response: 'pending' | 'accepted';
  respondedAt: string | null;
  leaveStatus: LeaveStatus | null;
  leaveReason: string;
  leaveRequestedAt: string | null;
  leaveNote: string;
  leaveDecidedAt: string | null;
  attendance: AttendanceMark | null;
  attendanceBy: 'self' | 'staff' | null;
  signedInAt: string | null;
  finalStatus: AttendanceMark | null;
};

export type LeaveItem = {
  invitationId: string;
  activityId: string;
  activityTitle: string;
  startAt: string;
  endAt: string;
  deputyId: string;
  deputyName: string;
  stationName: string | null;
  leaveStatus: LeaveStatus;
  leaveReason: string;
  leaveRequestedAt: string | null;
  leaveNote: string;
};

export type SignInResult = { activityId: string; title: string; status: 'present' | 'late'; signedInAt: string };

export type SeriesInput = {
  title: string;
  kindId: string;
  organiserType: OrganiserType;
  organiserId?: string | null;
  rule: ScheduleRule;
  startTime: string;
  durationMinutes: number;
  fromDate: string;
  untilDate: string;
  place?: string;
  content?: string;
  speakers?: string[];
  invite?: InviteSelector | null;
};
export type Series = Omit<SeriesInput, 'invite'> & {
  id: string;
  code: string;
  kindName: string;
  organiserName: string;
  ruleText: string;
  place: string;
  content: string;
  speakers: string[];
  invite: InviteSelector | null;
  occurrenceCount: number;
  regenerated: { created: number; updated: number; removed: number; kept: number } | null;
  version: number;
};

/** `attended`: person-times (人次), present plus late. */
export type StatCounts = FinalCounts & { attended: number };
export type StatsMonth = StatCounts & { month: string; activities: number; kinds: { kindId: string; kindName: string; activities: number }[] };
export type TrainingTopic = StatCounts & { activityId: string; title: string; date: string; kindName: string };
export type Stats = {
  from: string;
  to: string;
  /** The station whose activities are counted (a liaison's own, or an admin's filter); null for the town. */
  stationId: string | null;
  totals: StatCounts & { activities: number };
  byActivity: (StatCounts & { activityId: string; title: string; startAt: string; kindId: string; kindName: string; countsAs: CountsAs })[];
  byDeputy: (StatCounts & { deputyId: string; code: string; name: string; stationId: string | null; stationName: string | null })[];
  byStation: (StatCounts & { stationId: string | null; stationName: string | null })[];
  byKind: (StatCounts & { kindId: string; kindName: string; countsAs: CountsAs; activities: number })[];
  byMonth: StatsMonth[];
  trainingTopics: TrainingTopic[];
};

export type ActivityKindInput = { code?: string; name: string; countsAs: CountsAs; sortOrder?: number; active?: boolean };

// ---- Duty record and board ----

export type EntryStatus = AttendanceMark | 'pending';
export type Counts = FinalCounts & { pending: number };
export const activitiesApi = {
  kinds: (active?: boolean) => http.get<Page<ActivityKind>>('/activity-kinds', { active, pageSize: 100 }),
  /** Every kind of the town (the management page; a town has far fewer than 200). */
  allKinds: () => http.get<Page<ActivityKind>>('/activity-kinds', { pageSize: 200 }),
  createKind: (body: ActivityKindInput) => http.post<ActivityKind>('/activity-kinds', body),
  updateKind: (id: string, body: Partial<ActivityKindInput> & { version: number }) => http.patch<ActivityKind>(`/activity-kinds/${id}`, body),
  reorderKinds: (kindIds: string[]) => http.post<Page<ActivityKind>>('/activity-kinds/reorder', { kindIds }),
  list: (q: ActivityFilters & PageQuery) => http.get<Page<ActivitySummary>>('/activities', q),
  mine: (q: PageQuery & { from?: string; to?: string; status?: ActivityStatus } = {}) => http.get<Page<MineItem>>('/activities/mine', q),
  get: (id: string) => http.get<ActivityDetail>(`/activities/${id}`),
  create: (body: ActivityInput) => http.post<ActivityDetail>('/activities', body),
  update: (id: string, body: ActivityUpdate) => http.patch<ActivityDetail>(`/activities/${id}`, body),
  invitations: (id: string, q: PageQuery = {}) => http.get<Page<Invitation>>(`/activities/${id}/invitations`, q),
  invite: (id: string, body: InviteSelector) => http.post<InviteResult>(`/activities/${id}/invitations`, body),
  uninvite: (id: string, deputyId: string) => request<void>('DELETE', `/activities/${id}/invitations/${deputyId}`),
  decideLeave: (id: string, deputyId: string, body: { decision: 'approved' | 'refused'; note?: string }) =>
    http.post<Invitation>(`/activities/${id}/invitations/${deputyId}/leave-decision`, body),
  leaveRequests: (q: PageQuery & { status?: LeaveStatus } = {}) => http.get<Page<LeaveItem>>('/activities/leave-requests', q),
  accept: (id: string) => http.post<unknown>(`/activities/${id}/accept`, {}),
  askLeave: (id: string, reason: string) => http.post<unknown>(`/activities/${id}/leave`, { reason }),
  withdrawLeave: (id: string) => http.post<unknown>(`/activities/${id}/leave/withdraw`, {}),
  signIn: (code: string) => http.post<SignInResult>('/activities/sign-in', { code }),
  setAttendance: (id: string, entries: { deputyId: string; status: AttendanceMark | null }[]) =>
    http.put<{ updated: number }>(`/activities/${id}/attendance`, { entries }),
  stats: (from: string, to: string, stationId?: string) => http.get<Stats>('/activities/stats', { from, to, stationId }),
  createSeries: (body: SeriesInput) => http.post<Series>('/activity-series', body),
  getSeries: (id: string) => http.get<Series>(`/activity-series/${id}`),
  updateSeries: (id: string, body: Partial<SeriesInput> & { version: number }) => http.patch<Series>(`/activity-series/${id}`, body),
  /** Cancel every occurrence still to come from a China date on; the series then ends the day before. */
  cancelSeries: (id: string, fromDate: string, version: number) =>
    http.post<Series & { cancelled: number }>(`/activity-series/${id}/cancel`, { fromDate, version }),
};
