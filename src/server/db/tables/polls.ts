import type { Generated } from 'kysely';

/* One-time-code polls and the appraisal of offices (see the migration 20261207_0190_polls). */

export type PollKind = 'appraisal' | 'duty_report' | 'peer_review' | 'voter_review';
export type PollStatus = 'draft' | 'open' | 'closed';
export type AppraisalStatus = 'draft' | 'voting' | 'closed';

export interface PollTable {
  id: string;
  townId: string;
  kind: PollKind;
  title: string;
  /** JSON [{id, name}] */
  subjects: string;
  /** JSON {dimensions: [{key, label}], scale: [{key, label}]} */
  questionnaire: string;
  status: Generated<PollStatus>;
  paperBallots: Generated<number>;
  opensAt: string | null;
  closesAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A one-time code: only its hash and whether it was used. No time of use, no ballot, by design. */
export interface PollCodeTable {
  id: string;
  townId: string;
  pollId: string;
  codeHash: string;
  used: Generated<number>;
  issuedTo: string | null;
}

/** A counter: how many ballots gave `answer` to `question` about `subjectId`. The only trace of a ballot. */
export interface PollCountTable {
  pollId: string;
  townId: string;
  subjectId: string;
  question: string;
  answer: string;
  count: Generated<number>;
}

export interface AppraisalTable {
  id: string;
  townId: string;
  code: string;
  title: string;
  year: number;
  hearingDate: string | null;
  hearingNotes: Generated<string>;
  /** JSON [dimension key] */
  dimensions: Generated<string>;
  previousId: string | null;
  pollId: string | null;
  status: Generated<AppraisalStatus>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppraisalUnitTable {
  appraisalId: string;
  unitId: string;
  townId: string;
  reportFileId: string | null;
}

export interface AppraisalIssueTable {
  id: string;
  townId: string;
  appraisalId: string;
  unitId: string;
  description: string;
  deadline: string | null;
  status: Generated<'open' | 'done'>;
  doneOn: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface PollTables {
  poll: PollTable;
  pollCode: PollCodeTable;
  pollCount: PollCountTable;
  appraisal: AppraisalTable;
  appraisalUnit: AppraisalUnitTable;
  appraisalIssue: AppraisalIssueTable;
}
