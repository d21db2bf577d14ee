import { download, http, type Page, type PageQuery } from './client.ts';

/*
 * Suggestions (建议、批评和意见), their settings and the town's holiday calendar, as in
 * docs/api-contract-suggestions.md ("Settings" and "Suggestions").
 */

export const SUGGESTION_STATES = [
  'draft',
  'submitted',
  'not_accepted',
  'registered',
  'assigned',
  'handling',
  'replied',
  'rehandling',
  'following',
  'closed',
  'withdrawn',
  'merged',
] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export const SUGGESTION_KINDS = ['suggestion', 'criticism', 'opinion'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SOURCE_TYPES = ['deputy', 'reception', 'visit', 'portal', 'session', 'inspection'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
/** The sources a deputy may give: their own, a visit to voters, a congress session. */
export const DEPUTY_SOURCE_TYPES: readonly SourceType[] = ['deputy', 'visit', 'session'];

export const RATINGS = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const CONSULT_METHODS = ['face', 'phone', 'site', 'other'] as const;
export type ConsultMethod = (typeof CONSULT_METHODS)[number];
export const CONSULT_STAGES = ['before', 'during', 'after'] as const;
export type ConsultStage = (typeof CONSULT_STAGES)[number];

/** The action names of POST /suggestions/:id/actions/:action; the detail's `actions` lists those the caller may use now. */
export const ACTIONS = [
  'submit',
  'register',
  'not-accept',
  'withdraw',
  'merge',
  'assign',
  'start',
  'consult',
  'request-return',
  'decide-return',
  'request-extension',
  'decide-extension',
  'reply',
  'rate',
  'close',
  'key',
  'publish',
] as const;
export type SuggestionAction = (typeof ACTIONS)[number];

export type Ref = { id: string; name: string };
export type Due = { daysLeft: number; overdue: boolean; dueSoon: boolean };

export type Grade = { code: string; label: string; followUp: boolean };
export type Settings = {
  categories: string[];
  grades: Grade[];
  replyMonths: number;
  returnWorkingDays: number;
  rehandleDays: number;
  dueSoonDays: number;
  version: number;
};
export type HolidayKind = 'holiday' | 'workday';
export type Holiday = { date: string; kind: HolidayKind; name: string };
export type Holidays = { year: number; items: Holiday[] };

export type SuggestionItem = {
  id: string;
  code: string;
  year: number;
  kind: SuggestionKind;
  title: string;
  category: string;
  sourceType: SourceType;
  state: SuggestionState;
  pending: 'return' | 'extension' | null;
  round: 1 | 2;
  followUp: boolean;
  keySupervision: boolean;
  leadDeputy: Ref | null;
  sponsorCount: number;
  village: Ref | null;
  /** The congress session it was raised at (人代会期间). */
  session: { id: string; shortName: string } | null;
  leadUnit: Ref | null;
  coUnits: Ref[];
  assignedOn: string | null;
  dueDate: string | null;
  /** Only while an office holds the item (assigned, handling, rehandling). */
  due: Due | null;
  repliedOn: string | null;
  grade: string | null;
  rating: Rating | null;
  published: boolean;
  updatedAt: string;
  version: number;
};

export type Reply = {
  id: string;
  round: number;
  unit: Ref;
  grade: string;
  gradeLabel: string;
  content: string;
  file: { id: string; name: string; size: number } | null;
  repliedOn: string;
  dueDate: string;
  onTime: boolean;
};
export type RatingRecord = { round: number; deputy: Ref | null; attitude: Rating; result: Rating; comment: string; ratedOn: string };
export type OfficeRequest = {
  id: string;
  kind: 'return' | 'extension';
  unit: Ref;
  reason: string;
  requestedDue: string | null;
  requestedAt: string;
  requestedByName: string;
  decision: null | 'approved' | 'refused' | 'withdrawn';
  decisionNote: string;
  decidedAt: string | null;
};
export type Consultation = { id: string; unit: Ref | null; heldOn: string; method: ConsultMethod; stage: ConsultStage; note: string; createdByName: string };
export type SuggestionEvent = {
  id: string;
  type: string;
  fromState: string | null;
  toState: string;
  round: number;
  actorName: string;
  at: string;
  data: Record<string, unknown>;
  note: string;
};
export type SuggestionFile = { id: string; name: string; size: number; mime: string };

export type Suggestion = SuggestionItem & {
  content: string;
  grounds: string;
  proposal: string;
  sourceId: string | null;
  source: { type: SourceType; id: string; label: string; link: string } | null;
  sessionId: string | null;
  notAcceptedReason: string;
  mergedInto: { id: string; code: string } | null;
  merged: { id: string; code: string; title: string }[];
  keyNote: string;
  publicAnswer: string;
  sponsors: { deputyId: string; name: string; role: 'lead' | 'co' }[];
  units: { unitId: string; name: string; role: 'lead' | 'co' }[];
  replies: Reply[];
  ratings: RatingRecord[];
  requests: OfficeRequest[];
  consultations: Consultation[];
  files: SuggestionFile[];
  events: SuggestionEvent[];
  returnDeadline: string | null;
  latestDueDate: string | null;
  actions: string[];
};

export type SuggestionInput = {
  kind: SuggestionKind;
  title: string;
  content: string;
  grounds?: string;
  proposal?: string;
  category: string;
  villageId?: string;
  /** A session of the town; null clears it on PUT. */
  sessionId?: string | null;
  sourceType: SourceType;
  sourceId?: string;
  leadDeputyId?: string;
  coSponsorIds?: string[];
  fileIds?: string[];
  submit?: boolean;
};

export type SuggestionFilters = {
  q?: string;
  state?: SuggestionState;
  states?: string;
  kind?: SuggestionKind;
  category?: string;
  sourceType?: SourceType;
  unitId?: string;
  deputyId?: string;
  /** With deputyId, or for a deputy themselves: only items where that deputy is the lead / a co-sponsor. */
  sponsorRole?: 'lead' | 'co';
  villageId?: string;
  year?: number;
  sessionId?: string;
  key?: 'true';
  due?: 'soon' | 'overdue' | 'open';
  pending?: 'return' | 'extension' | 'any';
  mine?: 'true';
  sort?: 'due' | 'code' | 'updated';
  order?: 'asc' | 'desc';
};

export type Duplicate = { id: string; code: string; title: string; state: SuggestionState; score: number };
export type UploadedFile = { id: string; name: string; kind: string; mime: string; size: number };

const base = '/suggestions';

export const suggestionsApi = {
  settings: () => http.get<Settings>('/suggestion-settings'),
  saveSettings: (body: Settings) => http.put<Settings>('/suggestion-settings', body),
  holidays: (year: number) => http.get<Holidays>('/holidays', { year }),
  saveHolidays: (year: number, items: Holiday[]) => http.put<Holidays>(`/holidays/${year}`, { items }),

  list: (q: SuggestionFilters & PageQuery) => http.get<Page<SuggestionItem>>(base, q),
  get: (id: string) => http.get<Suggestion>(`${base}/${id}`),
  create: (body: SuggestionInput) => http.post<Suggestion>(base, body),
  /** PUT takes null to clear the village or the lead deputy. */
  update: (
    id: string,
    body: Partial<Omit<SuggestionInput, 'villageId' | 'leadDeputyId' | 'submit'>> & {
      villageId?: string | null;
      leadDeputyId?: string | null;
      version: number;
    },
  ) => http.put<Suggestion>(`${base}/${id}`, body),
  act: (id: string, action: string, body: Record<string, unknown> & { version: number }) => http.post<Suggestion>(`${base}/${id}/actions/${action}`, body),
  duplicates: (q: { title?: string; content?: string; excludeId?: string }) => http.get<{ items: Duplicate[] }>(`${base}/duplicates`, q),
  /** Attachments of a suggestion: images and documents; the one use (with document) open to deputies and handlers. */
  uploadAttachment: (file: File) => http.upload<UploadedFile>('POST', '/files?use=suggestion', file),
  /** A reply document: PDF or Office. */
  uploadDocument: (file: File) => http.upload<UploadedFile>('POST', '/files?use=document', file),
  downloadFile: (id: string, fileId: string, name: string) => download(`${base}/${id}/files/${fileId}`, undefined, name),
};
