import { z } from 'zod';
import { DateStr, IdField } from '../../http/schemas.ts';

const YearQuery = z.coerce.number().int('应为整数').min(2000, '年度应在 2000 到 2100 之间').max(2100, '年度应在 2000 到 2100 之间');

/** One of: from/to, year, sessionId; none = the current year (checked in the service, naming the field). */
export const PeriodQuery = z.object({
  from: DateStr.optional(),
  to: DateStr.optional(),
  year: YearQuery.optional(),
  sessionId: IdField.optional(),
});

export const ReceptionLedgerQuery = z.object({ from: DateStr.optional(), to: DateStr.optional(), stationId: IdField.optional() });

const Count = z.object({ key: z.string(), count: z.number().int() });
const Rate = z.number().nullable().describe('0–1, four decimals; null when there is nothing to divide by');

export const UnitFigures = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  /** Items it leads now or has answered. */
  assigned: z.number().int(),
  replies: z.number().int(),
  /** Replies on or before the due date they answered. */
  onTime: z.number().int(),
  onTimeRate: Rate,
  ratings: z.number().int(),
  /** Ratings of its replies whose result is 满意 or 基本满意. */
  satisfied: z.number().int(),
  satisfactionRate: Rate,
  /** First-round replies sent back for re-handling. */
  rehandled: z.number().int(),
});

export const StatsOut = z.object({
  period: z.object({
    kind: z.enum(['range', 'year', 'session']),
    from: z.string().optional(),
    to: z.string().optional(),
    year: z.number().int().optional(),
    sessionId: z.string().optional(),
    label: z.string(),
  }),
  total: z.number().int(),
  bySource: z.array(Count),
  byCategory: z.array(Count),
  byState: z.array(Count),
  byUnit: z.array(UnitFigures),
  assigned: z.number().int(),
  replied: z.number().int(),
  closed: z.number().int(),
  /** Carried over under follow-up (grade B promised action). */
  followUp: z.number().int(),
  /** Went to a second round after a dissatisfied rating. */
  rehandled: z.number().int(),
  replies: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: Rate,
  ratings: z.number().int(),
  satisfied: z.number().int(),
  satisfactionRate: Rate,
});
