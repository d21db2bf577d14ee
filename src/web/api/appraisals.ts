import { http, type Page, type PageQuery } from './client.ts';

/* 民主评议 (the appraisal of offices) and its one-time-code poll; docs/appraisals.md. */

export const DIMENSION_KEYS = ['policy', 'duty', 'service', 'style', 'integrity'] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];
export type AppraisalStatus = 'draft' | 'voting' | 'closed';
export type Rating = 'satisfied' | 'basic' | 'dissatisfied';
export const RATINGS: readonly Rating[] = ['satisfied', 'basic', 'dissatisfied'];

export type PollStatus = {
  id: string;
  kind: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  codesIssued: number;
  codesUsed: number;
  paperBallots: number;
  ballots: number;
  townCode: string;
};

export type AppraisalListItem = {
  id: string;
  code: string;
  title: string;
  year: number;
  hearingDate: string | null;
  status: AppraisalStatus;
  unitCount: number;
  previousId: string | null;
  version: number;
};

export type AppraisalIssue = {
  id: string;
  unitId: string;
  unitName: string;
  description: string;
  deadline: string | null;
  status: 'open' | 'done';
  doneOn: string | null;
  notes: string;
  overdue: boolean;
  version: number;
};

type Ref = { id: string; code: string; title: string };

export type Appraisal = AppraisalListItem & {
  hearingNotes: string;
  dimensions: DimensionKey[];
  units: { id: string; name: string }[];
  poll: PollStatus | null;
  previous: Ref | null;
  followUps: Ref[];
  issues: AppraisalIssue[];
};

export type AppraisalInput = {
  title: string;
  year: number;
  hearingDate?: string | null;
  hearingNotes?: string | null;
  unitIds: string[];
  dimensions?: DimensionKey[];
  previousId?: string | null;
};

export type Counts = Record<Rating, number>;
export type ResultLine = { counts: Counts; valid: number; rating: Rating | null; approvalShare: number | null };
export type Results = {
  appraisalId: string;
  status: AppraisalStatus;
  ballots: number;
  codesUsed: number;
  paperBallots: number;
  questions: { key: string; label: string }[];
  units: { unitId: string; name: string; rank: number | null; overall: ResultLine; dimensions: (ResultLine & { key: string; label: string })[] }[];
};

export type PaperInput = { ballots: number; counts: { unitId: string; question: string; satisfied: number; basic: number; dissatisfied: number }[] };
export type IssueInput = { unitId: string; description: string; deadline?: string | null; notes?: string | null };
export type IssueUpdate = Partial<Omit<IssueInput, 'unitId'>> & { status?: 'open' | 'done'; doneOn?: string | null; version: number };

export type Codes = { pollId: string; title: string; townCode: string; codes: string[]; issued: number };

export type PublicPoll = {
  id: string;
  town: { code: string; name: string };
  kind: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  questions: { key: string; label: string }[];
  scale: { key: string; label: string }[];
  subjects: { id: string; name: string }[];
};
export type BallotAnswer = { subjectId: string; question: string; answer: string };

export type AppraisalQuery = PageQuery & { q?: string; year?: number; status?: AppraisalStatus };

export const appraisalsApi = {
  list: (q: AppraisalQuery) => http.get<Page<AppraisalListItem>>('/appraisals', q),
  get: (id: string) => http.get<Appraisal>(`/appraisals/${id}`),
  create: (body: AppraisalInput) => http.post<Appraisal>('/appraisals', body),
  update: (id: string, body: Partial<AppraisalInput> & { version: number }) => http.patch<Appraisal>(`/appraisals/${id}`, body),
  open: (id: string, version: number) => http.post<Appraisal>(`/appraisals/${id}/open`, { version }),
  close: (id: string, version: number) => http.post<Appraisal>(`/appraisals/${id}/close`, { version }),
  paper: (id: string, body: PaperInput) => http.post<Appraisal>(`/appraisals/${id}/paper-ballots`, body),
  results: (id: string) => http.get<Results>(`/appraisals/${id}/results`),
  addIssue: (id: string, body: IssueInput) => http.post<Appraisal>(`/appraisals/${id}/issues`, body),
  updateIssue: (id: string, issueId: string, body: IssueUpdate) => http.patch<Appraisal>(`/appraisals/${id}/issues/${issueId}`, body),
  codes: (pollId: string, count: number) => http.post<Codes>(`/polls/${pollId}/codes`, { count }),
};

export const publicPollApi = {
  get: (townCode: string, pollId: string) => http.get<PublicPoll>(`/p/${encodeURIComponent(townCode)}/polls/${encodeURIComponent(pollId)}`),
  /** The subjects a code may rate (a peer-review code leaves its holder out); 409 for a code that cannot vote. */
  subjects: (townCode: string, pollId: string, code: string) =>
    http.post<{ subjects: { id: string; name: string }[] }>(`/p/${encodeURIComponent(townCode)}/polls/${encodeURIComponent(pollId)}/subjects`, { code }),
  cast: (townCode: string, pollId: string, body: { code: string; answers: BallotAnswer[] }) =>
    http.post<{ ok: true }>(`/p/${encodeURIComponent(townCode)}/polls/${encodeURIComponent(pollId)}/ballots`, body),
};

/** The public page of a poll, as printed on the slips. */
export function ballotUrl(origin: string, townCode: string, pollId: string): string {
  return `${origin}/p/${encodeURIComponent(townCode)}/polls/${encodeURIComponent(pollId)}`;
}
