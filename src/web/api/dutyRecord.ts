import type { Counts, CountsAs, EntryStatus } from './activities.ts';
import { http } from './client.ts';
import type { DeputyStatus } from './deputies.ts';
import type { DocumentCategory } from './documents.ts';
import type { ResearchGrade, ResearchStatus } from './research.ts';
import type { Rating, SuggestionState } from './suggestions.ts';

/** One line of a deputy's duty record (履职档案); `source` says which area it comes from. */
export type ActivityDutyEntry = {
  source: 'activity';
  id: string;
  code: string;
  date: string;
  startAt: string;
  endAt: string;
  title: string;
  kindName: string;
  countsAs: CountsAs;
  place: string;
  status: EntryStatus;
};
export type DocumentDutyEntry = { source: 'document'; id: string; code: string; date: string; title: string; category: DocumentCategory; sentAt: string; readAt: string };
export type ResearchDutyEntry = {
  source: 'research';
  id: string;
  code: string;
  date: string;
  title: string;
  role: 'lead' | 'member';
  status: ResearchStatus;
  grade: ResearchGrade | null;
  dueDate: string;
};
/** A reception (接待) the deputy was on duty at. */
export type ReceptionDutyEntry = {
  source: 'reception';
  id: string;
  code: string;
  date: string;
  title: string;
  station: { id: string; name: string };
  matterCount: number;
  visitorCount: number;
};
/** A suggestion the deputy raised (lead) or joined (co), dated by its submission. */
export type SuggestionDutyEntry = {
  source: 'suggestion';
  id: string;
  code: string;
  date: string;
  title: string;
  role: 'lead' | 'co';
  state: SuggestionState;
  grade: string | null;
  rating: Rating | null;
};
/** A congress session (人代会) on the deputy's roll, dated by its start; status is the roll mark. */
export type SessionDutyEntry = {
  source: 'session';
  id: string;
  code: string;
  date: string;
  title: string;
  shortName: string;
  startDate: string;
  endDate: string;
  status: 'expected' | 'present' | 'late' | 'on_leave' | 'absent';
  leaveReason: string;
};
/** A motion (议案) the deputy sponsored, dated by its submission. */
export type MotionDutyEntry = {
  source: 'motion';
  id: string;
  code: string;
  date: string;
  title: string;
  number: number;
  role: 'lead' | 'co';
  status: 'submitted' | 'on_agenda' | 'to_suggestion' | 'not_accepted' | 'withdrawn' | 'passed' | 'failed';
  session: { id: string; shortName: string };
};
export type DutyEntry = ActivityDutyEntry | DocumentDutyEntry | ResearchDutyEntry | ReceptionDutyEntry | SuggestionDutyEntry | SessionDutyEntry | MotionDutyEntry;

export type DutyRecord = {
  year: number;
  deputy: {
    id: string;
    code: string;
    name: string;
    status: DeputyStatus;
    termNumber: number | null;
    isTownLevel: boolean;
    isCountyLevel: boolean;
    station: { id: string; code: string; name: string } | null;
    groups: { id: string; code: string; name: string; role: string }[];
    presidium: { position: string; termNumber: number; startDate: string; endDate: string | null } | null;
  };
  months: { month: number; entries: DutyEntry[]; counts: { activities: Counts; documentsRead: number; research: number } }[];
  totals: {
    activities: Counts & { attended: number; trainings: number; inspections: number; research: number; attendedByCountsAs: Record<CountsAs, number> };
    documentsRead: number;
    receptions: { onDuty: number; matters: number; visitors: number };
    suggestions: { lead: number; co: number; replied: number; satisfied: number };
    sessions: { attended: number; onLeave: number; absent: number };
    motions: { lead: number; co: number };
    research: { topics: number; lead: number; reported: number; byGrade: Record<ResearchGrade, number> };
  };
  trainingTopics: { id: string; title: string; date: string }[];
  /** 述职 of the year and the year's average peer / voter review scores (duty-reports.duty.ts). */
  evaluation?: {
    dutyReports: { id: string; code: string; heldOn: string; place: string; status: 'draft' | 'voting' | 'closed'; result: string | null; approval: number | null }[];
    reviewScores: { peer: number | null; voter: number | null };
  };
};

export type BoardRow = Counts & { deputyId: string; code: string; name: string; status: DeputyStatus; trainings: number };
export type Board = {
  month: string;
  station: { id: string; code: string; name: string };
  rows: BoardRow[];
  totals: Counts & { trainings: number; deputies: number; activities: number };
};

export const dutyRecordApi = {
  record: (deputyId: string, year?: number) => http.get<DutyRecord>(`/deputies/${deputyId}/duty-record`, { year }),
  board: (stationId: string, month?: string) => http.get<Board>(`/stations/${stationId}/board`, { month }),
};
