import { z } from 'zod';

/* Dashboards (docs/api-contract-reports.md, "Dashboards"). Dates are checked by the service (query.from / query.to). */

export const DashboardQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });
export const CountyReportParams = z.object({ format: z.enum(['docx', 'md', 'json']) });

const Rate = z.number().nullable();
export const TownDashboard = z.object({
  town: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  funnel: z.array(z.object({ stage: z.enum(['received', 'registered', 'assigned', 'replied', 'closed']), count: z.number() })),
  onTimeByUnit: z.array(z.object({ unitId: z.string(), name: z.string(), replied: z.number(), onTime: z.number(), rate: Rate })),
  categories: z.array(z.object({ name: z.string(), count: z.number() })),
  monthly: z.array(z.object({ month: z.string(), activities: z.number(), personTimes: z.number(), expected: z.number(), attendanceRate: Rate })),
  stations: z.array(z.object({ stationId: z.string(), name: z.string(), receptions: z.number(), visitors: z.number(), opinions: z.number() })),
  points: z.object({ year: z.number(), grades: z.array(z.object({ label: z.string(), count: z.number() })) }).nullable(),
});

export const CountyDashboard = z.object({
  county: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  keys: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['count', 'rate']) })),
  towns: z.array(z.object({ townId: z.string(), name: z.string(), facts: z.record(z.string(), z.number().nullable()) })),
});
