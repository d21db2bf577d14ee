import { http, request } from './client.ts';

/** Motions (议案) of a congress session and votes (表决) on its agenda items. */

export const PROPOSER_TYPES = ['deputies', 'presidium', 'government'] as const;
export type ProposerType = (typeof PROPOSER_TYPES)[number];
export const MOTION_STATUSES = ['submitted', 'on_agenda', 'to_suggestion', 'not_accepted', 'withdrawn', 'passed', 'failed'] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];
export type MotionDecision = 'put_on_agenda' | 'to_suggestion' | 'not_accept';
export type MotionAction = MotionDecision | 'withdraw' | 'edit';

export type MotionSponsor = { deputyId: string; code: string; name: string; role: 'lead' | 'co' };
export type PoolDeputy = { deputyId: string; code: string; name: string };

export type Motion = {
  id: string;
  number: number;
  proposerType: ProposerType;
  subject: string;
  grounds: string;
  solution: string;
  submittedOn: string;
  status: MotionStatus;
  decisionReason: string;
  decidedAt: string | null;
  sponsors: MotionSponsor[];
  item: { id: string; seq: number } | null;
  suggestion: { id: string; code: string; state: string } | null;
  actions: MotionAction[];
  version: number;
};

export type MotionList = { items: Motion[]; sponsorPool: PoolDeputy[]; minSponsors: number };

export type MotionInput = {
  proposerType: ProposerType;
  subject: string;
  grounds?: string;
  solution?: string;
  submittedOn?: string;
  leadDeputyId?: string | null;
  coSponsorIds?: string[];
};

export const VOTE_CHOICES = ['for', 'against', 'abstain', 'not_voting'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export type VoteResult = 'passed' | 'failed' | 'tie';

export type Vote = {
  id: string;
  round: number;
  method: 'count' | 'per_deputy';
  for: number;
  against: number;
  abstain: number;
  notVoting: number;
  allDeputies: number;
  presentCount: number;
  needed: number;
  result: VoteResult;
  announcement: string;
  recordedAt: string;
  ballots: { deputyId: string; code: string; name: string; choice: VoteChoice }[];
};

export type VoteList = {
  items: Vote[];
  /** The live roll figures; who is present comes from the roll query (sessionsApi.roll), only for per-deputy votes. */
  roll: { all: number; present: number; quorumNeeded: number; quorumReached: boolean; majorityNeeded: number };
  canRecord: boolean;
};

export type VoteInput =
  /** `round`: the round being recorded (1 + the rounds the clerk saw); a stale one is refused (409). */
  | { method: 'count'; round: number; for: number; against: number; abstain: number; notVoting: number }
  | { method: 'per_deputy'; round: number; ballots: { deputyId: string; choice: VoteChoice }[] };

const S = (sessionId: string) => `/sessions/${sessionId}`;

export const motionsApi = {
  list: (sessionId: string) => http.get<MotionList>(`${S(sessionId)}/motions`),
  create: (sessionId: string, body: MotionInput) => http.post<Motion>(`${S(sessionId)}/motions`, body),
  update: (sessionId: string, id: string, body: Partial<MotionInput> & { version: number }) => http.patch<Motion>(`${S(sessionId)}/motions/${id}`, body),
  decide: (sessionId: string, id: string, body: { decision: MotionDecision; reason?: string; category?: string; version: number }) =>
    http.post<Motion>(`${S(sessionId)}/motions/${id}/decide`, body),
  withdraw: (sessionId: string, id: string, body: { reason: string; version: number }) => http.post<Motion>(`${S(sessionId)}/motions/${id}/withdraw`, body),
};

export const votesApi = {
  list: (sessionId: string, itemId: string) => http.get<VoteList>(`${S(sessionId)}/items/${itemId}/votes`),
  record: (sessionId: string, itemId: string, body: VoteInput) => http.post<VoteList>(`${S(sessionId)}/items/${itemId}/votes`, body),
  remove: (sessionId: string, itemId: string, voteId: string) => request<VoteList>('DELETE', `${S(sessionId)}/items/${itemId}/votes/${voteId}`),
};
