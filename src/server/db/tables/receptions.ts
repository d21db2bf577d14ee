import type { Generated } from 'kysely';

/* Tables of the receptions area (see the migration 20261128_0130_receptions). */

export type MatterRouting = 'on_spot' | 'village' | 'suggestion' | 'county_deputy' | 'not_accepted';

export interface ReceptionTable {
  id: string;
  townId: string;
  code: string;
  stationId: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: Generated<string>;
  activityId: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReceptionDeputyTable {
  receptionId: string;
  deputyId: string;
  townId: string;
}

export interface ReceptionMatterTable {
  id: string;
  townId: string;
  receptionId: string;
  seq: number;
  visitorName: Generated<string>;
  visitorPhone: string | null;
  visitorCount: Generated<number>;
  villageId: string | null;
  category: string;
  content: string;
  routing: MatterRouting;
  routingNote: Generated<string>;
  suggestionId: string | null;
  searchText: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface ReceptionTables {
  reception: ReceptionTable;
  receptionDeputy: ReceptionDeputyTable;
  receptionMatter: ReceptionMatterTable;
}
