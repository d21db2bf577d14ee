import type { Counts, PollStatus } from './appraisals.ts';
import { http, type Page, type PageQuery } from './client.ts';
import type { EvalStatus } from './dutyReports.ts';

/* 代表互评 (peer review, monthly) and 选民比评 (voter review, quarterly); docs/duty-reports.md. */

export type ReviewKind = 'peer_review' | 'voter_review';
export const REVIEW_KINDS: readonly ReviewKind[] = ['peer_review', 'voter_review'];
export type ScalePoints = { satisfied: number; basic: number; dissatisfied: number };
export const DEFAULT_SCALE_POINTS: ScalePoints = { satisfied: 100, basic: 60, dissatisfied: 0 };

export type ReviewListItem = { id: string; kind: ReviewKind; station: { id: string; name: string }; period: string; status: EvalStatus; version: number };
export type Review = ReviewListItem & { scalePoints: ScalePoints; poll: PollStatus | null; deputies: { id: string; name: string }[] };
export type IssuedCode = { deputyId: string; name: string; code: string };
export type ReviewOpened = Review & { codes: IssuedCode[] };
export type ReviewResults = {
  reviewId: string;
  status: EvalStatus;
  ballots: number;
  rows: { deputyId: string; name: string; counts: Counts; valid: number; score: number | null; rank: number | null }[];
};
export type ReviewQuery = PageQuery & { kind?: ReviewKind; stationId?: string; status?: EvalStatus; period?: string };

export const reviewsApi = {
  list: (q: ReviewQuery) => http.get<Page<ReviewListItem>>('/reviews', q),
  get: (id: string) => http.get<Review>(`/reviews/${id}`),
  create: (body: { kind: ReviewKind; stationId: string; period: string; scalePoints?: ScalePoints }) => http.post<Review>('/reviews', body),
  update: (id: string, body: { scalePoints: ScalePoints; version: number }) => http.patch<Review>(`/reviews/${id}`, body),
  open: (id: string, version: number) => http.post<ReviewOpened>(`/reviews/${id}/open`, { version }),
  reissue: (id: string) => http.post<ReviewOpened>(`/reviews/${id}/peer-codes`),
  close: (id: string, version: number) => http.post<Review>(`/reviews/${id}/close`, { version }),
  paper: (id: string, body: { ballots: number; counts: ({ deputyId: string } & Counts)[] }) => http.post<Review>(`/reviews/${id}/paper-ballots`, body),
  results: (id: string) => http.get<ReviewResults>(`/reviews/${id}/results`),
};
