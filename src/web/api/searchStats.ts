import { download, http } from './client.ts';
import type { SuggestionState } from './suggestions.ts';

/*
 * Search, suggestion statistics, the two ledgers and the supervision reminders, as in
 * docs/api-contract-suggestions.md ("Search, statistics, ledgers, supervision").
 */

export type SearchType = 'suggestion' | 'reception';
export type SearchItem = {
  type: SearchType;
  /** The suggestion, or the reception the matter was raised at. */
  id: string;
  matterId?: string;
  code: string;
  title: string;
  snippet: string;
  date: string;
  state?: SuggestionState;
};
export type SearchPage = { items: SearchItem[]; total: number; page: number; pageSize: number };

/** One of: a date range, a year, a session; none = the current year. */
export type PeriodQuery = { from?: string; to?: string; year?: number; sessionId?: string };

export type CountRow = { key: string; count: number };
export type UnitFigures = {
  unit: { id: string; name: string };
  assigned: number;
  replies: number;
  onTime: number;
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
  rehandled: number;
};
export type SuggestionStats = {
  period: { kind: 'range' | 'year' | 'session'; from?: string; to?: string; year?: number; sessionId?: string; label: string };
  total: number;
  bySource: CountRow[];
  byCategory: CountRow[];
  byState: CountRow[];
  byUnit: UnitFigures[];
  assigned: number;
  replied: number;
  closed: number;
  followUp: number;
  rehandled: number;
  replies: number;
  onTime: number;
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
};

export const searchStatsApi = {
  search: (q: { q: string; types?: string; page?: number; pageSize?: number }) => http.get<SearchPage>('/search', q),
  stats: (p: PeriodQuery) => http.get<SuggestionStats>('/suggestions/stats', p),
  suggestionLedger: (p: PeriodQuery) => download('/suggestions/ledger.xlsx', p, '建议办理台账.xlsx'),
  receptionLedger: (p: { from?: string; to?: string; stationId?: string }) => download('/receptions/ledger.xlsx', p, '接待台账.xlsx'),
  /** Admins: today's due-soon and overdue reminders for the town now (a second press the same day sends 0). */
  remind: () => http.post<{ sent: number }>('/supervision/remind'),
};
