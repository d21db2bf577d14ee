import type { z } from 'zod';
import { ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { rangeProblem } from '../stations/schedule.rules.ts';
import { attendanceRate, chinaDateRange } from './activities.rules.ts';
import type { StatsQuery } from './activities.schemas.ts';
import { attendanceStats, countsOf } from './stats.repo.ts';

const withRate = <T extends object>(row: T & { invited: unknown; present: unknown; late: unknown; onLeave: unknown; absent: unknown }) => {
  const c = countsOf(row);
  return { ...row, ...c, rate: attendanceRate(c) };
};

/**
 * Attendance over China dates `from`..`to` (both included, at most 3 years): totals and rates per
 * activity, per deputy, per station (the deputy's current station) and per kind. Only activities that
 * have ended by `now` and were not cancelled count; a rate is null when nobody was expected.
 */
export async function stats(ctx: Ctx, q: z.infer<typeof StatsQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const problem = rangeProblem(q.from, q.to);
  if (problem) throw ValidationError.field(`querystring.${problem.field}`, problem.message);
  const range = chinaDateRange(q.from, q.to);
  const s = await attendanceStats(ctx.db, townId, { ...range, now: now.toISOString() });
  return {
    from: q.from,
    to: q.to,
    totals: { ...withRate(s.totals), activities: Number(s.totals.activities ?? 0) },
    byActivity: s.byActivity.map(withRate),
    byDeputy: s.byDeputy.map((r) => withRate({ ...r, deputyId: r.deputyId as string, code: r.code ?? '', name: r.name ?? '' })),
    byStation: s.byStation.map(withRate),
    byKind: s.byKind.map((r) => {
      const { sortOrder: _s, ...rest } = withRate(r);
      return { ...rest, activities: Number(r.activities) };
    }),
  };
}
