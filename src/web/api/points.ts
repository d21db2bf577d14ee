import { download, http, request } from './client.ts';

/* 履职积分 (the points scheme); docs/api-contract-points.md. */

export type SchemeItem = { key: string; label: string; metric: string; points: number; cap: number | null };
export type Weights = { records: number; peer: number; voter: number; presidium: number };
export type GradeBand = { label: string; min: number };
export type SchemeStatus = 'draft' | 'active';

export type Scheme = {
  id: string;
  year: number;
  name: string;
  items: SchemeItem[];
  fullMarks: number;
  weights: Weights;
  bands: GradeBand[];
  commendTop: number;
  status: SchemeStatus;
  version: number;
  publishedMonths: string[];
};

export type SchemeInput = {
  year: number;
  name: string;
  items?: SchemeItem[];
  fullMarks: number;
  weights: Weights;
  bands: GradeBand[];
  commendTop: number;
};
export type SchemePatch = Partial<Omit<SchemeInput, 'year'>> & { version: number };

export type Metric = { metric: string; label: string; unit: string };

export type MonthRow = { deputyId: string; name: string; stationName: string | null; total: number; rank: number | null };
export type MonthBoard = {
  month: string;
  published: null | { id: string; version: number; publishedAt: string; publishedBy: string | null };
  live: boolean;
  rows: MonthRow[];
};

export type RankingRow = { deputyId: string; name: string; stationName: string | null; records: number; rank: number | null };
export type Ranking = { period: string; months: string[]; missing: string[]; rows: RankingRow[] };

export type YearRow = {
  deputyId: string;
  name: string;
  stationName: string | null;
  records: number;
  recordsPercent: number;
  peer: number | null;
  voter: number | null;
  presidium: number | null;
  score: number | null;
  grade: string | null;
  rank: number | null;
  commended: boolean;
};
export type YearResult = {
  rows: YearRow[];
  commendation: { deputyId: string; name: string; score: number | null; grade: string | null }[];
  /** Not in the contract's answer; shown when the server sends it. */
  months?: string[];
  missing?: string[];
};

export type Rating = { deputyId: string; score: number | null };

export type AdjustmentItem = {
  id: string;
  deputyId: string;
  deputyName: string;
  month: string;
  points: number;
  reason: string;
  createdBy: string | null;
  createdAt: string;
};
export type AdjustmentInput = { deputyId: string; month: string; points: number; reason: string };

export type RecordRef = { kind: string; id: string; code: string; title: string; date: string | null; href: string };
export type ItemLine = {
  key: string;
  label: string;
  metric: string;
  count: number;
  raw: number;
  points: number;
  capped: boolean;
  recordIds?: string[];
  records: RecordRef[];
};
export type Breakdown = {
  schemeId?: string;
  deputy: { id: string; name: string; stationName: string | null };
  month: string;
  published: boolean;
  total: number;
  lines: ItemLine[];
  adjustments: { id: string; points: number; reason: string; month?: string }[];
  months: { month: string; total: number; published: boolean }[];
};

const s = (id: string) => `/points/schemes/${encodeURIComponent(id)}`;

export const pointsApi = {
  metrics: () => http.get<{ items: Metric[] }>('/points/metrics'),
  schemes: (year: number) => http.get<{ items: Scheme[] }>('/points/schemes', { year }),
  scheme: (id: string) => http.get<Scheme>(s(id)),
  create: (body: SchemeInput) => http.post<Scheme>('/points/schemes', body),
  update: (id: string, body: SchemePatch) => http.patch<Scheme>(s(id), body),
  activate: (id: string, version: number) => http.post<Scheme>(`${s(id)}/activate`, { version }),
  month: (id: string, month: string) => http.get<MonthBoard>(`${s(id)}/months/${month}`),
  publish: (id: string, month: string) => http.post<{ snapshot: unknown }>(`${s(id)}/months/${month}/publish`, {}),
  ranking: (id: string, period: string) => http.get<Ranking>(`${s(id)}/ranking`, { period }),
  year: (id: string) => http.get<YearResult>(`${s(id)}/year`),
  saveRatings: (id: string, ratings: Rating[]) => http.put<{ ratings: Rating[] }>(`${s(id)}/presidium-ratings`, { ratings }),
  adjustments: (id: string, q: { month?: string; deputyId?: string } = {}) => http.get<{ items: AdjustmentItem[] }>(`${s(id)}/adjustments`, q),
  addAdjustment: (id: string, body: AdjustmentInput) => http.post<AdjustmentItem>(`${s(id)}/adjustments`, body),
  deleteAdjustment: (id: string, adjId: string) => request<void>('DELETE', `${s(id)}/adjustments/${encodeURIComponent(adjId)}`),
  breakdown: (id: string, deputyId: string, month: string) => http.get<Breakdown>(`${s(id)}/deputies/${encodeURIComponent(deputyId)}`, { month }),
  mine: (year: number, month?: string) => http.get<Breakdown>('/points/mine', { year, month }),
  scoreSheet: (id: string, period: string) => download(`${s(id)}/score-sheet.xlsx`, { period }, `积分表-${period}.xlsx`),
};
