import { http, request } from './client.ts';

/** Elections at a congress session (选举): nominations, the rule check, rounds and their tally. */

export const ELECTION_POSTS = ['chair', 'vice_chair', 'town_head', 'deputy_head', 'presidium_member', 'other'] as const;
export type ElectionPost = (typeof ELECTION_POSTS)[number];
export type ElectionStatus = 'nominating' | 'voting' | 'done';
export type Nominator = 'presidium' | 'deputies';
export type RoundOutcome = 'filled' | 'partly' | 'none' | 'void';

export type Candidate = {
  id: string;
  deputyId: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  party: string;
  title: string;
  withdrawn: boolean;
  nominatedBy: Nominator[];
  elected: boolean;
};

export type Nomination = {
  id: string;
  nominator: Nominator;
  submittedOn: string;
  notes: string;
  signers: { deputyId: string; name: string }[];
  candidateIds: string[];
};

export type RoundLine = {
  candidateId: string | null;
  writeInName: string | null;
  name: string;
  for: number;
  against: number;
  abstain: number;
  elected: boolean;
};

export type Round = {
  id: string;
  round: number;
  seats: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  allDeputies: number;
  presentCount: number;
  needed: number;
  outcome: RoundOutcome;
  announcement: string;
  recordedAt: string;
  lines: RoundLine[];
};

export type Election = {
  id: string;
  item: { id: string; seq: number; title: string; status: string };
  post: ElectionPost;
  postName: string;
  seats: number;
  status: ElectionStatus;
  version: number;
  rule: { mode: 'competitive' | 'uncontested' | 'irregular'; warnings: string[] };
  seatsLeft: number;
  candidates: Candidate[];
  nominations: Nomination[];
  rounds: Round[];
  elected: { name: string; candidateId: string | null; round: number }[];
};

export type ElectionList = {
  session: { id: string; name: string; shortName: string; status: 'preparing' | 'open' | 'closed' };
  roll: { all: number; present: number; quorumNeeded: number; quorumReached: boolean; majorityNeeded: number };
  items: Election[];
};

export type CandidateInput = { deputyId?: string; name?: string; gender?: 'male' | 'female' | null; party?: string; title?: string };
export type NominationInput = { nominator: Nominator; signerIds?: string[]; submittedOn?: string; notes?: string; candidates: CandidateInput[] };
export type RoundInput = {
  /** The election's version the clerk saw: a round recorded meanwhile makes it stale (409). */
  version: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  lines: { candidateId: string; for: number; against: number; abstain: number }[];
  writeIns?: { name: string; for: number }[];
};

/** The session's roll as the signer picker needs it (GET /sessions/:id/roll, built with the sessions pages). */
export type RollEntry = { deputyId: string; code: string; name: string; status: string };

const base = (sessionId: string) => `/sessions/${sessionId}/elections`;

export const electionsApi = {
  list: (sessionId: string) => http.get<ElectionList>(base(sessionId)),
  create: (sessionId: string, body: { post: ElectionPost; postName?: string; seats: number }) => http.post<Election>(base(sessionId), body),
  update: (sessionId: string, id: string, body: { version: number; postName?: string; seats?: number }) =>
    http.patch<Election>(`${base(sessionId)}/${id}`, body),
  nominate: (sessionId: string, id: string, body: NominationInput) => http.post<Election>(`${base(sessionId)}/${id}/nominations`, body),
  deleteNomination: (sessionId: string, id: string, nominationId: string) =>
    request<Election>('DELETE', `${base(sessionId)}/${id}/nominations/${nominationId}`),
  withdraw: (sessionId: string, id: string, candidateId: string) => http.post<Election>(`${base(sessionId)}/${id}/candidates/${candidateId}/withdraw`),
  start: (sessionId: string, id: string, version: number) => http.post<Election>(`${base(sessionId)}/${id}/start`, { version }),
  recordRound: (sessionId: string, id: string, body: RoundInput) => http.post<Election>(`${base(sessionId)}/${id}/rounds`, body),
  deleteRound: (sessionId: string, id: string, roundId: string) => request<Election>('DELETE', `${base(sessionId)}/${id}/rounds/${roundId}`),
  roll: (sessionId: string) => http.get<{ entries: RollEntry[] }>(`/sessions/${sessionId}/roll`),
};
