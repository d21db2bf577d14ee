import { download, http } from './client.ts';

/* Dashboards (docs/api-contract-reports.md, "Dashboards"): a town's chart figures and the county's comparison. */

export type FunnelStage = 'received' | 'registered' | 'assigned' | 'replied' | 'closed';
export type TownDashboard = {
  town: { id: string; name: string };
  from: string;
  to: string;
  funnel: { stage: FunnelStage; count: number }[];
  onTimeByUnit: { unitId: string; name: string; replied: number; onTime: number; rate: number | null }[];
  categories: { name: string; count: number }[];
  monthly: { month: string; activities: number; personTimes: number; expected: number; attendanceRate: number | null }[];
  stations: { stationId: string; name: string; receptions: number; visitors: number; opinions: number }[];
  points: { year: number; grades: { label: string; count: number }[] } | null;
};
export type CountyKey = { key: string; label: string; kind: 'count' | 'rate' };
export type CountyDashboard = {
  county: { id: string; name: string };
  from: string;
  to: string;
  keys: CountyKey[];
  towns: { townId: string; name: string; facts: Record<string, number | null> }[];
};

export const dashboardsApi = {
  town: (from: string, to: string) => http.get<TownDashboard>('/dashboard', { from, to }),
  county: (from: string, to: string) => http.get<CountyDashboard>('/county/dashboard', { from, to }),
  countyReport: (format: 'docx' | 'md' | 'json', from: string, to: string) => download(`/county/report.${format}`, { from, to }, `county-report.${format}`),
};
