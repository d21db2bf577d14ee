import type { Generated } from 'kysely';

/*
 * Tables of one area, merged into the app's DB type in ../schema.ts. Table names are camelCase here
 * (the CamelCasePlugin maps them to snake_case in SQL). Created by migration 20261128_0080.
 */

export type MeetingStatus = 'planned' | 'held';
export type DecisionStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type DecisionOwnerType = 'deputy' | 'unit' | 'other';

export interface PresidiumMeetingTable {
  id: string;
  townId: string;
  /** External key, unique in the town (M001…), given at creation. */
  code: string;
  termId: string;
  /** 第N次 in the term; unique per term. */
  number: number;
  title: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: Generated<string>;
  presider: Generated<string>;
  attendees: Generated<string>;
  activityId: string | null;
  status: Generated<MeetingStatus>;
  minutes: Generated<string>;
  minutesFileId: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PresidiumAgendaItemTable {
  id: string;
  townId: string;
  meetingId: string;
  sortOrder: number;
  title: string;
  presenter: Generated<string>;
  notes: Generated<string>;
}

export interface PresidiumDecisionTable {
  id: string;
  townId: string;
  meetingId: string;
  seq: number;
  content: string;
  ownerType: DecisionOwnerType;
  ownerDeputyId: string | null;
  ownerUnitId: string | null;
  ownerName: Generated<string>;
  dueDate: string;
  status: Generated<DecisionStatus>;
  doneDate: string | null;
  result: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PresidiumDecisionProgressTable {
  id: string;
  townId: string;
  decisionId: string;
  date: string;
  note: string;
  authorUserId: string | null;
  authorName: string;
  createdAt: string;
}

export interface PresidiumMeetingTables {
  presidiumMeeting: PresidiumMeetingTable;
  presidiumAgendaItem: PresidiumAgendaItemTable;
  presidiumDecision: PresidiumDecisionTable;
  presidiumDecisionProgress: PresidiumDecisionProgressTable;
}
