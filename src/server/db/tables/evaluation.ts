import type { Generated } from 'kysely';

/* Duty reports, peer and voter reviews and the points scheme (see the migration 20261207_0200_evaluation). */

export type ReviewKind = 'peer_review' | 'voter_review';
export type EvalStatus = 'draft' | 'voting' | 'closed';

export interface DutyReportTable {
  id: string;
  townId: string;
  code: string;
  deputyId: string;
  year: number;
  heldOn: string;
  place: Generated<string>;
  stationId: string | null;
  voterReps: Generated<number>;
  summary: Generated<string>;
  reportFileId: string | null;
  /** JSON [{label, minPercent}] */
  bands: string;
  pollId: string | null;
  status: Generated<EvalStatus>;
  result: string | null;
  approval: number | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeputyReviewTable {
  id: string;
  townId: string;
  kind: ReviewKind;
  stationId: string;
  /** YYYY-MM (peer) or YYYY-Qn (voter) */
  period: string;
  pollId: string | null;
  /** JSON {satisfied, basic, dissatisfied} → points on a 100 scale */
  scalePoints: string;
  status: Generated<EvalStatus>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PointsSchemeTable {
  id: string;
  townId: string;
  year: number;
  name: string;
  /** JSON SchemeItem[] */
  items: string;
  fullMarks: number;
  /** JSON Weights */
  weights: string;
  /** JSON GradeBand[] */
  bands: string;
  commendTop: Generated<number>;
  status: Generated<'draft' | 'active'>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PointsAdjustmentTable {
  id: string;
  townId: string;
  schemeId: string;
  deputyId: string;
  month: string;
  points: number;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

export interface PresidiumRatingTable {
  schemeId: string;
  deputyId: string;
  townId: string;
  score: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface PointsSnapshotTable {
  id: string;
  townId: string;
  schemeId: string;
  month: string;
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface PointsSnapshotRowTable {
  snapshotId: string;
  townId: string;
  deputyId: string;
  total: number;
  /** JSON RecordsScore */
  breakdown: string;
}

export interface EvaluationTables {
  dutyReport: DutyReportTable;
  deputyReview: DeputyReviewTable;
  pointsScheme: PointsSchemeTable;
  pointsAdjustment: PointsAdjustmentTable;
  presidiumRating: PresidiumRatingTable;
  pointsSnapshot: PointsSnapshotTable;
  pointsSnapshotRow: PointsSnapshotRowTable;
}
