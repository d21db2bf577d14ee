import type { PollStatus, Counts } from './appraisals.ts';
import { API_BASE, http, type Page, type PageQuery } from './client.ts';

/* 述职 (duty reports to voters) and its one-time-code poll; docs/duty-reports.md. */

export type EvalStatus = 'draft' | 'voting' | 'closed';
export type Band = { label: string; minPercent: number };
export const DEFAULT_BANDS: Band[] = [
  { label: '称职', minPercent: 80 },
  { label: '基本称职', minPercent: 50 },
  { label: '不称职', minPercent: 0 },
];

export type DutyReportListItem = {
  id: string;
  code: string;
  deputy: { id: string; code: string; name: string };
  year: number;
  heldOn: string;
  place: string;
  voterReps: number;
  status: EvalStatus;
  result: string | null;
  approval: number | null;
  version: number;
};

export type DutyReport = DutyReportListItem & {
  station: { id: string; name: string } | null;
  summary: string;
  notes: string;
  reportFile: { id: string; name: string } | null;
  bands: Band[];
  poll: PollStatus | null;
  counts: Counts | null;
  warnings: string[];
};

export type DutyReportInput = {
  deputyId: string;
  year: number;
  heldOn: string;
  place?: string | null;
  stationId?: string | null;
  voterReps: number;
  summary?: string | null;
  reportFileId?: string | null;
  bands?: Band[];
  notes?: string | null;
};

export type DutyReportQuery = PageQuery & { q?: string; year?: number; deputyId?: string; status?: EvalStatus };

export const dutyReportsApi = {
  list: (q: DutyReportQuery) => http.get<Page<DutyReportListItem>>('/duty-reports', q),
  get: (id: string) => http.get<DutyReport>(`/duty-reports/${id}`),
  create: (body: DutyReportInput) => http.post<DutyReport>('/duty-reports', body),
  update: (id: string, body: Partial<DutyReportInput> & { version: number }) => http.patch<DutyReport>(`/duty-reports/${id}`, body),
  open: (id: string, version: number) => http.post<DutyReport>(`/duty-reports/${id}/open`, { version }),
  close: (id: string, version: number) => http.post<DutyReport>(`/duty-reports/${id}/close`, { version }),
  paper: (id: string, body: { ballots: number } & Counts) => http.post<DutyReport>(`/duty-reports/${id}/paper-ballots`, body),
  fileUrl: (id: string) => `${API_BASE}/duty-reports/${id}/report-file`,
};
