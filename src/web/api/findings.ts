import { http, type Page, type PageQuery, request } from './client.ts';

/* Findings (问题) and rectification notices (限期整改通知书); see docs/findings.md. */

export const RESPONSIBLE_TYPES = ['unit', 'village', 'enterprise', 'other'] as const;
export const SEVERITIES = ['minor', 'general', 'major'] as const;
export const FINDING_STATUSES = ['open', 'rectifying', 'reinspected', 'closed'] as const;
export type ResponsibleType = (typeof RESPONSIBLE_TYPES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export type FindingAction = 'issue_notice' | 'reinspect_fixed' | 'reinspect_not_fixed' | 'close' | 'reopen';

type Named = { id: string; name: string };
export type NoticeRef = { id: string; number: string; issuedOn: string; deadline: string };

export type FindingItem = {
  id: string;
  code: string;
  activity: { id: string; title: string; startAt: string };
  foundOn: string;
  description: string;
  place: string;
  responsibleType: ResponsibleType;
  responsibleUnit: Named | null;
  responsibleVillage: Named | null;
  responsibleName: string;
  responsible: string;
  severity: Severity;
  status: FindingStatus;
  notice: NoticeRef | null;
  overdue: boolean;
  closedOn: string | null;
  version: number;
};

export type FindingDetail = FindingItem & {
  closeReason: string;
  photos: { id: string; name: string; url: string }[];
  notices: NoticeRef[];
  reinspections: { id: string; date: string; result: 'fixed' | 'not_fixed'; notes: string; deputies: Named[]; noticeId: string | null; recordedAt: string }[];
  actions: FindingAction[];
  can: { edit: boolean; delete: boolean };
  createdAt: string;
  updatedAt: string;
};

export type NoticeDetail = NoticeRef & { addressee: string; content: string; townName: string; findings: FindingItem[]; createdAt: string };

export type FindingInput = {
  activityId: string;
  foundOn: string;
  description: string;
  place?: string | null;
  responsibleType: ResponsibleType;
  responsibleUnitId?: string | null;
  responsibleVillageId?: string | null;
  responsibleName?: string | null;
  severity: Severity;
  fileIds?: string[];
};

export type FindingQuery = PageQuery & {
  status?: FindingStatus;
  overdue?: '0' | '1';
  activityId?: string;
  unitId?: string;
  villageId?: string;
  severity?: Severity;
  q?: string;
  from?: string;
  to?: string;
};

export type NoticeInput = { findingIds: string[]; number: string; issuedOn: string; deadline: string; addressee: string; content?: string | null };
export type ReinspectionInput = { version: number; date: string; result: 'fixed' | 'not_fixed'; notes?: string | null; deputyIds?: string[] };
export type FindingTotals = {
  from: string;
  to: string;
  found: string[];
  noticesIssued: string[];
  fixedOnTime: string[];
  fixedLate: string[];
  stillOpen: string[];
  overdue: string[];
};

const base = '/findings';

export const findingsApi = {
  list: (q: FindingQuery) => http.get<Page<FindingItem>>(base, q),
  get: (id: string) => http.get<FindingDetail>(`${base}/${id}`),
  create: (body: FindingInput) => http.post<FindingDetail>(base, body),
  update: (id: string, body: Partial<Omit<FindingInput, 'activityId'>> & { version: number }) => http.patch<FindingDetail>(`${base}/${id}`, body),
  remove: (id: string, version: number) => request<{ ok: true }>('DELETE', `${base}/${id}`, { body: { version } }),
  issueNotice: (body: NoticeInput) => http.post<NoticeDetail>(`${base}/notices`, body),
  notice: (id: string) => http.get<NoticeDetail>(`${base}/notices/${id}`),
  nextNumber: () => http.get<{ number: string }>(`${base}/notices/next-number`),
  reinspect: (id: string, body: ReinspectionInput) => http.post<FindingDetail>(`${base}/${id}/reinspections`, body),
  close: (id: string, body: { version: number; reason?: string | null; closedOn?: string | null }) => http.post<FindingDetail>(`${base}/${id}/close`, body),
  reopen: (id: string, body: { version: number; reason?: string | null }) => http.post<FindingDetail>(`${base}/${id}/reopen`, body),
  totals: (from: string, to: string) => http.get<FindingTotals>(`${base}/totals`, { from, to }),
  uploadPhoto: (file: File) => http.upload<{ id: string; name: string }>('POST', '/files?use=image', file),
};
