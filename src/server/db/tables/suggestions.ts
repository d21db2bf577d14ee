import type { Generated } from 'kysely';
import type { SuggestionState } from '../../modules/suggestions/suggestion.machine.ts';

/*
 * Tables of the suggestions area, merged into the app's DB type in ../schema.ts (see the migration
 * 20261128_0120_suggestions for what each column means).
 */

export type SuggestionKind = 'suggestion' | 'criticism' | 'opinion';
export type SuggestionSource = 'deputy' | 'reception' | 'visit' | 'portal' | 'session' | 'inspection';
export type SponsorRole = 'lead' | 'co';
export type RatingValue = 'satisfied' | 'basically' | 'dissatisfied';
export type RequestKind = 'return' | 'extension';
export type RequestDecision = 'approved' | 'refused' | 'withdrawn';
export type ConsultMethod = 'face' | 'phone' | 'site' | 'other';
export type ConsultStage = 'before' | 'during' | 'after';

export interface SuggestionSettingsTable {
  townId: string;
  categories: string;
  grades: string;
  replyMonths: number;
  returnWorkingDays: number;
  rehandleDays: number;
  dueSoonDays: number;
  version: Generated<number>;
  updatedAt: string;
}

export interface TownHolidayTable {
  townId: string;
  date: string;
  kind: 'holiday' | 'workday';
  name: Generated<string>;
}

export interface SuggestionTable {
  id: string;
  townId: string;
  code: string;
  year: number;
  kind: SuggestionKind;
  title: string;
  content: Generated<string>;
  grounds: Generated<string>;
  proposal: Generated<string>;
  sourceType: SuggestionSource;
  sourceId: string | null;
  category: string;
  villageId: string | null;
  sessionId: string | null;
  state: Generated<SuggestionState>;
  pending: 'return' | 'extension' | null;
  round: Generated<number>;
  followUp: Generated<number>;
  notAcceptedReason: Generated<string>;
  mergedIntoId: string | null;
  keySupervision: Generated<number>;
  keyNote: Generated<string>;
  assignedOn: string | null;
  dueDate: string | null;
  submittedAt: string | null;
  registeredAt: string | null;
  repliedOn: string | null;
  grade: string | null;
  rating: RatingValue | null;
  closedAt: string | null;
  published: Generated<number>;
  publicAnswer: Generated<string>;
  searchText: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SuggestionSponsorTable {
  suggestionId: string;
  deputyId: string;
  townId: string;
  role: SponsorRole;
}

export interface SuggestionUnitTable {
  suggestionId: string;
  unitId: string;
  townId: string;
  role: SponsorRole;
}

export interface SuggestionEventTable {
  id: string;
  townId: string;
  suggestionId: string;
  type: string;
  fromState: string | null;
  toState: string;
  round: number;
  actorUserId: string | null;
  actorName: Generated<string>;
  at: string;
  data: Generated<string>;
  note: Generated<string>;
}

export interface SuggestionReplyTable {
  id: string;
  townId: string;
  suggestionId: string;
  round: number;
  unitId: string;
  grade: string;
  content: string;
  fileId: string | null;
  repliedOn: string;
  dueDate: string;
  repliedBy: string | null;
  createdAt: string;
}

export interface SuggestionRatingTable {
  id: string;
  townId: string;
  suggestionId: string;
  round: number;
  deputyId: string | null;
  attitude: RatingValue;
  result: RatingValue;
  comment: Generated<string>;
  ratedOn: string;
  ratedBy: string | null;
  createdAt: string;
}

export interface SuggestionRequestTable {
  id: string;
  townId: string;
  suggestionId: string;
  unitId: string;
  kind: RequestKind;
  reason: string;
  requestedDue: string | null;
  requestedBy: string | null;
  requestedAt: string;
  decision: RequestDecision | null;
  decisionNote: Generated<string>;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface SuggestionConsultationTable {
  id: string;
  townId: string;
  suggestionId: string;
  unitId: string | null;
  heldOn: string;
  method: ConsultMethod;
  stage: ConsultStage;
  note: Generated<string>;
  createdBy: string | null;
  createdAt: string;
}

export interface SuggestionFileTable {
  suggestionId: string;
  fileId: string;
  townId: string;
  sortOrder: Generated<number>;
}

export interface SuggestionTables {
  suggestionSettings: SuggestionSettingsTable;
  townHoliday: TownHolidayTable;
  suggestion: SuggestionTable;
  suggestionSponsor: SuggestionSponsorTable;
  suggestionUnit: SuggestionUnitTable;
  suggestionEvent: SuggestionEventTable;
  suggestionReply: SuggestionReplyTable;
  suggestionRating: SuggestionRatingTable;
  suggestionRequest: SuggestionRequestTable;
  suggestionConsultation: SuggestionConsultationTable;
  suggestionFile: SuggestionFileTable;
}
