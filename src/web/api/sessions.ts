import { download, http, type PageQuery, request } from './client.ts';
import type { MotionStatus } from './motions.ts';

/** Congress sessions (人代会): the session, its roll (点名) and agenda (议程). See docs/api-contract-sessions.md. */

export const SESSION_STATUSES = ['preparing', 'open', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type SessionKind = 'ordinary' | 'extraordinary';
export const ROLL_STATUSES = ['expected', 'present', 'late', 'on_leave', 'absent'] as const;
export type RollStatus = (typeof ROLL_STATUSES)[number];
export const ITEM_KINDS = ['work_report', 'written_report', 'motion', 'election', 'decision', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
/** The kinds staff add directly (elections and motions arrive through their own tabs). */
export const ADDABLE_KINDS: readonly ItemKind[] = ['work_report', 'written_report', 'decision', 'other'];
export const REPORT_KINDS: readonly ItemKind[] = ['work_report', 'written_report'];
export type ItemStatus = 'pending' | 'reviewed' | 'passed' | 'failed';
export type SessionAction = 'edit' | 'delete' | 'open' | 'close' | 'take_roll' | 'mark_roll' | 'manage_items';

export type RollCounts = { all: number; present: number; late: number; onLeave: number; absent: number; expected: number };
export type Quorum = { all: number; present: number; needed: number; reached: boolean; short: number };

export type SessionSummary = {
  id: string;
  code: string;
  termId: string;
  termNumber: number;
  number: number;
  kind: SessionKind;
  name: string;
  shortName: string;
  startDate: string;
  endDate: string;
  place: string;
  status: SessionStatus;
  roll: RollCounts | null;
  quorum: Quorum | null;
  motionCount: number;
  suggestionCount: number;
};

export type AgendaItem = {
  id: string;
  seq: number;
  kind: ItemKind;
  title: string;
  presenter: string;
  status: ItemStatus;
  notes: string;
  version: number;
  files: { id: string; name: string; kind: string; size: number }[];
  /** `status`: the motion's (withdrawn → the item shows 已撤回 and may be deleted). */
  motion: { id: string; number: number; status: MotionStatus } | null;
  election: { id: string } | null;
  lastVote: { round: number; result: string; for: number; against: number; abstain: number; notVoting: number } | null;
};

export type SessionDetail = SessionSummary & {
  notes: string;
  version: number;
  rollTakenAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  secretaryGeneral: { id: string; code: string; name: string } | null;
  presidium: { deputyId: string; code: string; name: string; executive: boolean }[];
  items: AgendaItem[];
  suggestions: { total: number; replied: number; closed: number };
  actions: SessionAction[];
  me: { deputyId: string; status: RollStatus } | null;
};

export type SessionInput = {
  termId: string;
  number?: number;
  kind: SessionKind;
  startDate: string;
  endDate: string;
  place?: string;
  notes?: string;
  secretaryGeneralId?: string | null;
  presidium?: { deputyId: string; executive?: boolean }[];
};
export type SessionUpdate = Partial<Omit<SessionInput, 'termId'>> & { version: number };
export type SessionQuery = PageQuery & { termId?: string; status?: SessionStatus; year?: number };

export type RollEntry = {
  deputyId: string;
  code: string;
  name: string;
  stationName: string | null;
  status: RollStatus;
  leaveReason: string;
  arrivedAt: string | null;
  markedAt: string | null;
};
export type Roll = { counts: RollCounts; quorum: Quorum; entries: RollEntry[] };
export type RollMark = { entry: RollEntry; counts: RollCounts; quorum: Quorum };

export type ItemInput = { kind: ItemKind; title: string; presenter?: string; notes?: string; fileIds?: string[] };
export type ItemUpdate = { version: number; title?: string; presenter?: string; notes?: string; fileIds?: string[]; status?: ItemStatus };

export type AbsenceRow = {
  deputy: { id: string; code: string; name: string; status: string; stationName: string | null };
  absences: { sessionId: string; shortName: string; startDate: string }[];
  flagged: boolean;
};

export type UploadedFile = { id: string; name: string; kind: string; mime: string; size: number };

const S = '/sessions';

export const sessionsApi = {
  list: (q: SessionQuery) => http.get<{ items: SessionSummary[]; total: number }>(S, q),
  get: (id: string) => http.get<SessionDetail>(`${S}/${id}`),
  create: (body: SessionInput) => http.post<SessionDetail>(S, body),
  update: (id: string, body: SessionUpdate) => http.patch<SessionDetail>(`${S}/${id}`, body),
  remove: (id: string) => request<{ ok: true }>('DELETE', `${S}/${id}`),
  /** `version`: the session as the user saw it; changed meanwhile → 409. */
  open: (id: string, version?: number) => http.post<SessionDetail>(`${S}/${id}/open`, version === undefined ? undefined : { version }),
  close: (id: string, version?: number) => http.post<SessionDetail>(`${S}/${id}/close`, version === undefined ? undefined : { version }),
  takeRoll: (id: string) => http.post<Roll>(`${S}/${id}/roll`),
  roll: (id: string) => http.get<Roll>(`${S}/${id}/roll`),
  /** The sign-in sheet as Excel (staff). */
  rollXlsx: (id: string) => download(`${S}/${id}/roll.xlsx`, undefined, '签到表.xlsx'),
  mark: (id: string, deputyId: string, body: { status: RollStatus; leaveReason?: string; expectedStatus?: RollStatus }) =>
    http.put<RollMark>(`${S}/${id}/roll/${deputyId}`, body),
  markBulk: (id: string, body: { deputyIds: string[]; status: RollStatus; leaveReason?: string }) => http.post<Roll>(`${S}/${id}/roll/bulk`, body),
  signIn: (id: string) => http.post<RollMark>(`${S}/${id}/sign-in`),
  addItem: (id: string, body: ItemInput) => http.post<AgendaItem>(`${S}/${id}/items`, body),
  updateItem: (id: string, itemId: string, body: ItemUpdate) => http.patch<AgendaItem>(`${S}/${id}/items/${itemId}`, body),
  removeItem: (id: string, itemId: string) => request<{ ok: true }>('DELETE', `${S}/${id}/items/${itemId}`),
  orderItems: (id: string, ids: string[]) => http.post<{ items: AgendaItem[] }>(`${S}/${id}/items/order`, { ids }),
  itemFileUrl: (id: string, itemId: string, fileId: string) => `/api/v1${S}/${id}/items/${itemId}/files/${fileId}`,
  uploadDocument: (file: File) => http.upload<UploadedFile>('POST', '/files?use=document', file),
  absences: (termId?: string) => http.get<AbsenceRow[]>(`${S}/absences`, { termId }),
};
