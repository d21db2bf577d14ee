import { http } from './client.ts';

/*
 * 人代会统计 and the reads that link other areas to a session (docs/sessions-integration.md):
 * GET /sessions/stats, GET /sessions/options, GET /sessions/:id/suggestion-counts.
 */

export type SessionOption = {
  id: string;
  code: string;
  name: string;
  shortName: string;
  startDate: string;
  endDate: string;
  status: 'preparing' | 'open' | 'closed';
};

export type SessionSuggestionCounts = { total: number; replied: number; closed: number };

export type Attendance = { all: number; attended: number; late: number; onLeave: number; absent: number; rate: number | null };
export type StatsItemKind = 'work_report' | 'written_report' | 'motion' | 'election' | 'decision' | 'other';
export type StatsMotionStatus = 'submitted' | 'on_agenda' | 'to_suggestion' | 'not_accepted' | 'withdrawn' | 'passed' | 'failed';
export type StatsPost = 'chair' | 'vice_chair' | 'town_head' | 'deputy_head' | 'presidium_member' | 'other';

export type SessionStats = {
  from: string;
  to: string;
  sessions: {
    id: string;
    code: string;
    name: string;
    shortName: string;
    kind: 'ordinary' | 'extraordinary';
    startDate: string;
    endDate: string;
    attendance: Attendance;
    suggestions: SessionSuggestionCounts;
  }[];
  attendance: Attendance;
  items: { kind: StatsItemKind; total: number; reviewed: number; passed: number; failed: number; pending: number }[];
  motions: { total: number; byStatus: Record<StatsMotionStatus, number> };
  elected: {
    sessionId: string;
    shortName: string;
    electionId: string;
    post: StatsPost;
    postName: string;
    name: string;
    deputyId: string | null;
    round: number;
    votes: number;
  }[];
  suggestions: SessionSuggestionCounts;
};

export const sessionStatsApi = {
  stats: (q: { from?: string; to?: string }) => http.get<SessionStats>('/sessions/stats', q),
  options: () => http.get<{ items: SessionOption[] }>('/sessions/options'),
  suggestionCounts: (sessionId: string) => http.get<SessionSuggestionCounts>(`/sessions/${sessionId}/suggestion-counts`),
};
