import type { Generated } from 'kysely';
import type { FindingStatus } from '../../modules/findings/findings.rules.ts';

/* Tables of the findings area (see the migration 20261207_0180_findings). */

export type ResponsibleType = 'unit' | 'village' | 'enterprise' | 'other';
export type FindingSeverity = 'minor' | 'general' | 'major';
export type ReinspectionResult = 'fixed' | 'not_fixed';

export interface FindingTable {
  id: string;
  townId: string;
  code: string;
  activityId: string;
  foundOn: string;
  description: string;
  place: Generated<string>;
  responsibleType: ResponsibleType;
  responsibleUnitId: string | null;
  responsibleVillageId: string | null;
  responsibleName: Generated<string>;
  severity: FindingSeverity;
  status: Generated<FindingStatus>;
  closedOn: string | null;
  closeReason: Generated<string>;
  searchText: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FindingFileTable {
  findingId: string;
  fileId: string;
  townId: string;
  seq: number;
}

export interface RectificationNoticeTable {
  id: string;
  townId: string;
  number: string;
  issuedOn: string;
  deadline: string;
  addressee: string;
  content: Generated<string>;
  fileId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface NoticeFindingTable {
  noticeId: string;
  findingId: string;
  townId: string;
}

export interface ReinspectionTable {
  id: string;
  townId: string;
  findingId: string;
  noticeId: string | null;
  date: string;
  result: ReinspectionResult;
  notes: Generated<string>;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ReinspectionDeputyTable {
  reinspectionId: string;
  deputyId: string;
  townId: string;
}

export interface FindingTables {
  finding: FindingTable;
  findingFile: FindingFileTable;
  rectificationNotice: RectificationNoticeTable;
  noticeFinding: NoticeFindingTable;
  reinspection: ReinspectionTable;
  reinspectionDeputy: ReinspectionDeputyTable;
}
