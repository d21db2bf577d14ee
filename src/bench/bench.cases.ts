/*
 * What the benchmark measures: the pages people open all day, at volume. Each case is one GET as one
 * demo user, with the p95 budget (ms, in-process, one client) that a list must stay under on this
 * machine class (2 cores). `{deputyId}`, `{stationId}` and `{sessionId}` (the closed demo session) are filled from the demo town.
 */
export type BenchCase = { name: string; user: string; url: string; budgetP95: number; runs?: number };

export const CASES: BenchCase[] = [
  { name: 'deputies: page 1', user: 'admin', url: '/api/v1/deputies?page=1&pageSize=20', budgetP95: 40 },
  { name: 'deputies: name search', user: 'admin', url: '/api/v1/deputies?q=%E6%98%8E&page=1&pageSize=20', budgetP95: 40 },
  { name: 'activities: page 1', user: 'admin', url: '/api/v1/activities?page=1&pageSize=20', budgetP95: 60 },
  { name: 'activities: stats of the year', user: 'admin', url: '/api/v1/activities/stats?from=2026-01-01&to=2026-12-31', budgetP95: 150 },
  { name: 'duty record of a deputy', user: 'admin', url: '/api/v1/deputies/{deputyId}/duty-record?year=2026', budgetP95: 80 },
  { name: 'station board', user: 'admin', url: '/api/v1/stations/{stationId}/board', budgetP95: 80 },
  { name: 'audit: page 1 (100k events)', user: 'admin', url: '/api/v1/audit-events?page=1&pageSize=20', budgetP95: 80 },
  { name: 'audit: by entity', user: 'admin', url: '/api/v1/audit-events?entity=suggestion&page=1&pageSize=20', budgetP95: 80 },
  { name: 'suggestions: page 1', user: 'admin', url: '/api/v1/suggestions?page=1&pageSize=20', budgetP95: 60 },
  { name: 'suggestions: by due date', user: 'admin', url: '/api/v1/suggestions?sort=due&page=1&pageSize=20', budgetP95: 80 },
  { name: 'suggestions: overdue', user: 'admin', url: '/api/v1/suggestions?due=overdue&page=1&pageSize=20', budgetP95: 80 },
  { name: 'suggestions: text 路灯', user: 'admin', url: `/api/v1/suggestions?q=${encodeURIComponent('路灯')}&page=1&pageSize=20`, budgetP95: 120 },
  { name: 'suggestions: handler workspace', user: 'handler', url: '/api/v1/suggestions?sort=due&page=1&pageSize=20', budgetP95: 60 },
  { name: 'suggestions: stats of a year', user: 'admin', url: '/api/v1/suggestions/stats?year=2026', budgetP95: 200 },
  { name: 'search: 交通', user: 'admin', url: `/api/v1/search?q=${encodeURIComponent('交通')}`, budgetP95: 150 },
  { name: 'receptions: page 1', user: 'admin', url: '/api/v1/receptions?page=1&pageSize=20', budgetP95: 60 },
  { name: 'receptions: stats', user: 'admin', url: '/api/v1/receptions/stats?from=2026-01-01&to=2026-12-31', budgetP95: 150 },
  { name: 'suggestion ledger .xlsx (a year)', user: 'admin', url: '/api/v1/suggestions/ledger.xlsx?from=2026-01-01&to=2026-12-31', budgetP95: 3000, runs: 5 },
  { name: 'sessions: page 1', user: 'admin', url: '/api/v1/sessions?page=1&pageSize=20', budgetP95: 40 },
  { name: 'session: detail', user: 'admin', url: '/api/v1/sessions/{sessionId}', budgetP95: 60 },
  { name: 'session: roll (all deputies)', user: 'admin', url: '/api/v1/sessions/{sessionId}/roll', budgetP95: 40 },
  { name: 'session: elections', user: 'admin', url: '/api/v1/sessions/{sessionId}/elections', budgetP95: 60 },
  { name: 'sessions: stats of a year', user: 'admin', url: '/api/v1/sessions/stats?from=2026-01-01&to=2026-12-31', budgetP95: 100 },
];
