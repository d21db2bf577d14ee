import type { z } from 'zod';
import { ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { statsRows } from './stats.repo.ts';
import { type Period, assembleFigures, periodLabel, resolvePeriod } from './stats.rules.ts';
import type { PeriodQuery, StatsOut } from './stats.schemas.ts';

/** The period of a query, or 400 naming the field. */
export function periodOrThrow(q: z.infer<typeof PeriodQuery>, now = new Date()): Period {
  const r = resolvePeriod(q, todayInChina(now));
  if ('issues' in r) throw ValidationError.of(r.issues);
  return r.period;
}

export function periodOut(p: Period) {
  if (p.kind === 'range') return { kind: p.kind, from: p.from, to: p.to, label: periodLabel(p) };
  if (p.kind === 'year') return { kind: p.kind, year: p.year, label: periodLabel(p) };
  return { kind: p.kind, sessionId: p.sessionId, label: periodLabel(p) };
}

/**
 * The suggestion figures of a period, a year or a session: counts by source, category, state and
 * office; assigned, replied, closed; on-time and satisfaction rates (stats.rules.ts defines each).
 * Admins and liaisons read the whole town.
 */
export async function suggestionStatsUseCase(ctx: Ctx, q: z.infer<typeof PeriodQuery>, now = new Date()): Promise<z.infer<typeof StatsOut>> {
  const townId = townOf(ctx);
  const period = periodOrThrow(q, now);
  const rows = await statsRows(ctx.db, townId, period);
  return { period: periodOut(period), ...assembleFigures(rows) };
}
