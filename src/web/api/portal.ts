import { http, type Page, type PageQuery } from './client.ts';

/*
 * The public portal (群众意见) and the staff inbox (群众来信), as in docs/api-contract-suggestions.md
 * ("Public portal") and docs/portal.md. The public calls need no session.
 */

export type PublicTown = { code: string; name: string };
export type PublicStation = { id: string; name: string; address: string; phone: string | null; schedule: string; nextDays: string[] };
export type TownPortal = { town: PublicTown; stations: PublicStation[]; categories: string[]; villages: { id: string; name: string }[] };
export type PublicDeputy = {
  id: string;
  name: string;
  gender: 'male' | 'female';
  party: string;
  level: 'town' | 'county' | 'both';
  stationId: string | null;
  station: string | null;
  constituency: string | null;
  workplace: string;
  title: string;
};
export type Captcha = { id: string; svg: string; expiresAt: string };
export type OpinionInput = {
  captchaId: string;
  captchaAnswer: string;
  idempotencyKey: string;
  targetType: 'station' | 'deputy';
  stationId?: string;
  deputyId?: string;
  name?: string;
  phone?: string;
  villageId?: string;
  category: string;
  content: string;
};

export const STAGES = [
  'received',
  'declined',
  'answered',
  'accepted',
  'not_accepted',
  'handling',
  'replied',
  'rehandling',
  'following',
  'closed',
  'merged',
  'ended',
] as const;
export type Stage = (typeof STAGES)[number];
export type Tracked = {
  trackingCode: string;
  town: PublicTown;
  target: { type: 'station' | 'deputy'; name: string };
  category: string;
  content: string;
  status: SubmissionStatus;
  stage: Stage;
  stageLabel: string;
  receivedAt: string;
  steps: { stage: Stage; label: string; date: string }[];
  answer: string | null;
  declineReason: string | null;
};
export type PublicResult = {
  code: string;
  title: string;
  category: string;
  grade: string | null;
  gradeLabel: string | null;
  publicAnswer: string;
  repliedOn: string | null;
  closedDate: string | null;
};

export const SUBMISSION_STATUSES = ['received', 'accepted', 'declined'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
type Named = { id: string; name: string };
export type Submission = {
  id: string;
  trackingCode: string;
  status: SubmissionStatus;
  targetType: 'station' | 'deputy';
  station: Named | null;
  deputy: Named | null;
  name: string;
  phone: string | null;
  village: Named | null;
  category: string;
  content: string;
  declineReason: string;
  publicReply: string;
  suggestion: { id: string; code: string; state: string } | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
  version: number;
};

const town = (code: string) => `/public/towns/${encodeURIComponent(code)}`;

export const portalApi = {
  towns: () => http.get<PublicTown[]>('/public/towns'),
  town: (code: string) => http.get<TownPortal>(town(code)),
  deputies: (code: string) => http.get<PublicDeputy[]>(`${town(code)}/deputies`),
  captcha: () => http.get<Captcha>('/public/captcha'),
  submit: (code: string, body: OpinionInput) => http.post<{ trackingCode: string }>(`${town(code)}/opinions`, body),
  track: (trackingCode: string) => http.get<Tracked>(`/public/track/${encodeURIComponent(trackingCode)}`),
  results: (code: string, q: PageQuery) => http.get<Page<PublicResult>>(`${town(code)}/results`, q),
};

export const inboxApi = {
  list: (q: PageQuery & { status?: SubmissionStatus }) => http.get<Page<Submission>>('/portal-submissions', q),
  get: (id: string) => http.get<Submission>(`/portal-submissions/${encodeURIComponent(id)}`),
  decline: (id: string, body: { reason: string; version: number }) => http.post<Submission>(`/portal-submissions/${id}/decline`, body),
  answer: (id: string, body: { publicReply: string; version: number }) => http.post<Submission>(`/portal-submissions/${id}/answer`, body),
};

/**
 * The "转为建议" link: the suggestions page opens its new-suggestion form prefilled from the submission;
 * that server links the suggestion back and marks the submission accepted.
 */
export function toSuggestionLink(s: Submission): string {
  const q = new URLSearchParams({ sourceType: 'portal', sourceId: s.id, content: s.content, category: s.category });
  if (s.village) q.set('villageId', s.village.id);
  return `/suggestions/new?${q}`;
}
