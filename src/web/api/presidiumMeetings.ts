import { http, type Page, type PageQuery, request } from './client.ts';

/** Presidium meetings (主席团会议): agenda, minutes, decisions followed until done. */

export const MEETING_STATUSES = ['planned', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const OWNER_TYPES = ['deputy', 'unit', 'other'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export type FileMeta = { id: string; name: string; kind: string; mime: string; size: number; uploadedAt: string };

export type MeetingSummary = {
  id: string;
  code: string;
  termId: string;
  termNumber: number;
  ordinal: number;
  title: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string;
  status: MeetingStatus;
  activityId: string | null;
  hasMinutes: boolean;
  agendaCount: number;
  decisionCount: number;
  openDecisionCount: number;
  overdueDecisionCount: number;
};

export type Progress = { id: string; date: string; detail: string; authorName: string; createdAt: string };

export type Decision = {
  id: string;
  code: string;
  meetingId: string;
  meetingCode: string;
  meetingTitle: string;
  meetingDate: string;
  seq: number;
  content: string;
  ownerType: OwnerType;
  ownerId: string | null;
  ownerName: string;
  dueDate: string;
  status: DecisionStatus;
  doneDate: string | null;
  result: string;
  overdue: boolean;
  daysOverdue: number;
  progressCount: number;
  lastProgress: Progress | null;
  version: number;
};
export type DecisionDetail = Decision & { progress: Progress[] };

export type AgendaItem = { id?: string; title: string; presenter: string; notes: string };

export type MeetingDetail = MeetingSummary & {
  presider: string;
  attendees: string;
  minutes: string;
  minutesFile: FileMeta | null;
  activity: { id: string; code: string; title: string; startAt: string; status: string; invited: number; signedIn: number } | null;
  agenda: Required<AgendaItem>[];
  decisions: Decision[];
  canEdit: boolean;
  version: number;
};

export type MeetingInput = {
  termId?: string;
  ordinal?: number;
  title: string;
  date: string;
  startTime?: string | null;
  endTime?: string | null;
  place?: string;
  presider?: string;
  attendees?: string;
  status?: MeetingStatus;
  minutes?: string;
  minutesFileId?: string | null;
  activityId?: string | null;
};
export type MeetingUpdate = Partial<Omit<MeetingInput, 'termId'>> & { version: number };
export type MeetingQuery = PageQuery & { termId?: string; status?: MeetingStatus; year?: number; q?: string };

export type DecisionInput = { content: string; ownerType: OwnerType; ownerId?: string | null; ownerName?: string | null; dueDate: string };
export type DecisionUpdate = Partial<DecisionInput> & { status?: DecisionStatus; doneDate?: string | null; result?: string; version: number };
export type DecisionQuery = PageQuery & {
  status?: DecisionStatus | 'active';
  overdue?: 'true' | 'false';
  meetingId?: string;
  ownerType?: OwnerType;
  ownerId?: string;
  owner?: string;
};
export type DecisionSummary = { open: number; inProgress: number; overdue: number; done: number; cancelled: number };

const M = '/presidium-meetings';
const D = '/presidium-decisions';

export const presidiumMeetingsApi = {
  list: (q: MeetingQuery) => http.get<Page<MeetingSummary>>(M, q),
  get: (id: string) => http.get<MeetingDetail>(`${M}/${id}`),
  create: (body: MeetingInput) => http.post<MeetingDetail>(M, body),
  update: (id: string, body: MeetingUpdate) => http.patch<MeetingDetail>(`${M}/${id}`, body),
  remove: (id: string) => request<{ ok: true }>('DELETE', `${M}/${id}`),
  setAgenda: (id: string, version: number, items: AgendaItem[]) =>
    http.put<MeetingDetail>(`${M}/${id}/agenda`, { version, items: items.map(({ title, presenter, notes }) => ({ title, presenter, notes })) }),
  createActivity: (id: string, version: number) => http.post<MeetingDetail>(`${M}/${id}/activity`, { version }),
  minutesFileUrl: (id: string) => `/api/v1${M}/${id}/minutes-file`,
  uploadMinutes: (file: File) => http.upload<FileMeta>('POST', '/files?use=any', file),
  addDecision: (meetingId: string, body: DecisionInput) => http.post<DecisionDetail>(`${M}/${meetingId}/decisions`, body),
  decisions: (q: DecisionQuery) => http.get<Page<Decision> & { summary: DecisionSummary }>(D, q),
  decision: (id: string) => http.get<DecisionDetail>(`${D}/${id}`),
  updateDecision: (id: string, body: DecisionUpdate) => http.patch<DecisionDetail>(`${D}/${id}`, body),
  addProgress: (id: string, body: { date: string; detail: string }) => http.post<DecisionDetail>(`${D}/${id}/progress`, body),
};
