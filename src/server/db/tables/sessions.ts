import type { Generated } from 'kysely';

/* Tables of the congress sessions area (see the migration 20261207_0170_sessions). */

export type SessionKind = 'ordinary' | 'extraordinary';
export type SessionStatus = 'preparing' | 'open' | 'closed';
export type RollStatus = 'expected' | 'present' | 'late' | 'on_leave' | 'absent';
export type ItemKind = 'work_report' | 'written_report' | 'motion' | 'election' | 'decision' | 'other';
export type ItemStatus = 'pending' | 'reviewed' | 'passed' | 'failed';
export type ProposerType = 'deputies' | 'presidium' | 'government';
export type MotionStatus = 'submitted' | 'on_agenda' | 'to_suggestion' | 'not_accepted' | 'withdrawn' | 'passed' | 'failed';
export type VoteMethod = 'count' | 'per_deputy';
export type VoteChoice = 'for' | 'against' | 'abstain' | 'not_voting';
export type VoteResult = 'passed' | 'failed' | 'tie';
export type ElectionPost = 'chair' | 'vice_chair' | 'town_head' | 'deputy_head' | 'presidium_member' | 'other';
export type ElectionStatus = 'nominating' | 'voting' | 'done';
export type Nominator = 'presidium' | 'deputies';
export type RoundOutcome = 'filled' | 'partly' | 'none' | 'void';

export interface CongressSessionTable {
  id: string;
  townId: string;
  code: string;
  termId: string;
  number: number;
  kind: SessionKind;
  startDate: string;
  endDate: string;
  place: Generated<string>;
  status: Generated<SessionStatus>;
  secretaryGeneralId: string | null;
  rollTakenAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionPresidiumTable {
  sessionId: string;
  deputyId: string;
  townId: string;
  executive: Generated<number>;
  sortOrder: number;
}

export interface SessionAttendeeTable {
  sessionId: string;
  deputyId: string;
  townId: string;
  status: Generated<RollStatus>;
  leaveReason: Generated<string>;
  arrivedAt: string | null;
  markedBy: string | null;
  markedAt: string | null;
}

export interface SessionItemTable {
  id: string;
  townId: string;
  sessionId: string;
  seq: number;
  kind: ItemKind;
  title: string;
  presenter: Generated<string>;
  status: Generated<ItemStatus>;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface SessionItemFileTable {
  itemId: string;
  fileId: string;
  townId: string;
}

export interface MotionTable {
  id: string;
  townId: string;
  sessionId: string;
  number: number;
  proposerType: ProposerType;
  subject: string;
  grounds: Generated<string>;
  solution: Generated<string>;
  submittedOn: string;
  status: Generated<MotionStatus>;
  decisionReason: Generated<string>;
  decidedAt: string | null;
  itemId: string | null;
  suggestionId: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MotionSponsorTable {
  motionId: string;
  deputyId: string;
  townId: string;
  role: 'lead' | 'co';
}

export interface SessionVoteTable {
  id: string;
  townId: string;
  sessionId: string;
  itemId: string;
  round: number;
  method: VoteMethod;
  forCount: number;
  againstCount: number;
  abstainCount: number;
  notVotingCount: number;
  allDeputies: number;
  presentCount: number;
  result: VoteResult;
  announcement: Generated<string>;
  recordedBy: string | null;
  recordedAt: string;
}

export interface SessionVoteBallotTable {
  voteId: string;
  deputyId: string;
  townId: string;
  choice: VoteChoice;
}

export interface ElectionTable {
  id: string;
  townId: string;
  sessionId: string;
  itemId: string;
  post: ElectionPost;
  postName: string;
  seats: number;
  status: Generated<ElectionStatus>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface ElectionCandidateTable {
  id: string;
  townId: string;
  electionId: string;
  deputyId: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  party: Generated<string>;
  title: Generated<string>;
  sortOrder: number;
  withdrawn: Generated<number>;
}

export interface ElectionNominationTable {
  id: string;
  townId: string;
  electionId: string;
  nominator: Nominator;
  submittedOn: string;
  notes: Generated<string>;
  createdAt: string;
}

export interface ElectionNominationCandidateTable {
  nominationId: string;
  candidateId: string;
  townId: string;
}

export interface ElectionNominationSignerTable {
  nominationId: string;
  deputyId: string;
  townId: string;
}

export interface ElectionRoundTable {
  id: string;
  townId: string;
  electionId: string;
  round: number;
  seats: number;
  ballotsIssued: number;
  ballotsReturned: number;
  ballotsValid: number;
  ballotsInvalid: number;
  allDeputies: number;
  presentCount: number;
  outcome: RoundOutcome;
  announcement: Generated<string>;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ElectionTallyTable {
  id: string;
  townId: string;
  roundId: string;
  candidateId: string | null;
  writeInName: string | null;
  forVotes: number;
  againstVotes: Generated<number>;
  abstainVotes: Generated<number>;
  elected: Generated<number>;
}

export interface SessionTables {
  congressSession: CongressSessionTable;
  sessionPresidium: SessionPresidiumTable;
  sessionAttendee: SessionAttendeeTable;
  sessionItem: SessionItemTable;
  sessionItemFile: SessionItemFileTable;
  motion: MotionTable;
  motionSponsor: MotionSponsorTable;
  sessionVote: SessionVoteTable;
  sessionVoteBallot: SessionVoteBallotTable;
  election: ElectionTable;
  electionCandidate: ElectionCandidateTable;
  electionNomination: ElectionNominationTable;
  electionNominationCandidate: ElectionNominationCandidateTable;
  electionNominationSigner: ElectionNominationSignerTable;
  electionRound: ElectionRoundTable;
  electionTally: ElectionTallyTable;
}
