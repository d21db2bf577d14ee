import type { Generated } from 'kysely';

/*
 * Tables of one area, merged into the app's DB type in ../schema.ts. Table names are camelCase here
 * (the CamelCasePlugin maps them to snake_case in SQL).
 */

export type ResearchStatus = 'open' | 'claimed' | 'submitted' | 'graded' | 'withdrawn';
export type ResearchGrade = 'excellent' | 'good' | 'pass' | 'fail';
export type ResearchClaimantType = 'station' | 'group';
export type ResearchRole = 'lead' | 'member';

export interface ResearchTopicTable {
  id: string;
  townId: string;
  /** External key, unique in the town (T001…), given at publication. */
  code: string;
  year: number;
  title: string;
  description: Generated<string>;
  dueDate: string;
  status: Generated<ResearchStatus>;
  claimantType: ResearchClaimantType | null;
  stationId: string | null;
  groupId: string | null;
  claimedAt: string | null;
  claimedBy: string | null;
  reportFileId: string | null;
  reportSummary: Generated<string>;
  submittedAt: string | null;
  submittedBy: string | null;
  returnNote: Generated<string>;
  grade: ResearchGrade | null;
  gradeComment: Generated<string>;
  gradedAt: string | null;
  gradedBy: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ResearchTopicMemberTable {
  topicId: string;
  deputyId: string;
  townId: string;
  role: ResearchRole;
}

export interface ResearchTopicActivityTable {
  topicId: string;
  activityId: string;
  townId: string;
}

export interface ResearchTables {
  researchTopic: ResearchTopicTable;
  researchTopicMember: ResearchTopicMemberTable;
  researchTopicActivity: ResearchTopicActivityTable;
}
