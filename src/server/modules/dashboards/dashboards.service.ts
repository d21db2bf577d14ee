import type { z } from 'zod';
import { ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { yearScores } from '../points/points.board.ts';
import { listSchemeRows } from '../points/points.repo.ts';
import type { FactRange } from '../report-facts/area.ts';
import { factRangeOf } from '../report-facts/report-facts.rules.ts';
import { rate } from '../search/stats.rules.ts';
import { activityAttendance, repliesByUnit, stationFigures, suggestionGroups } from './dashboards.repo.ts';
import { gradeHistogram, monthly } from './dashboards.rules.ts';
import type { DashboardQuery, TownDashboard } from './dashboards.schemas.ts';

/** The period of a dashboard query, or 400 naming query.from / query.to (the facts' rule: at most 5 years). */
export function rangeOrThrow(q: { from?: string; to?: string }): FactRange {
  const r = factRangeOf(q.from, q.to);
  if ('field' in r) throw ValidationError.field(r.field, r.message);
  return r;
}

/** The grades of the active points scheme of the period's last year (null when that year has none). */
async function pointsGrades(ctx: Ctx, townId: string, year: number) {
  const scheme = (await listSchemeRows(ctx.db, townId, year)).find((s) => s.status === 'active');
  if (!scheme) return null;
  const y = await yearScores(ctx.db, townId, scheme);
  return {
    year,
    grades: gradeHistogram(
      scheme.bands,
      y.rows.map((r) => r.grade),
    ),
  };
}

/** A town's dashboard: five groups of set queries, run at once. */
export async function townDashboard(ctx: Ctx, q: z.infer<typeof DashboardQuery>, now = new Date()): Promise<z.infer<typeof TownDashboard>> {
  const townId = townOf(ctx);
  const range = rangeOrThrow(q);
  const [town, groups, units, acts, stations, points] = await Promise.all([
    ctx.db.selectFrom('town').select(['id', 'name']).where('id', '=', townId).executeTakeFirstOrThrow(),
    suggestionGroups(ctx.db, townId, range),
    repliesByUnit(ctx.db, townId, range),
    activityAttendance(ctx.db, townId, range, now),
    stationFigures(ctx.db, townId, range),
    pointsGrades(ctx, townId, Number(range.to.slice(0, 4))),
  ]);
  const sum = (k: 'total' | 'registered' | 'assigned' | 'replied' | 'closed') => groups.reduce((s, g) => s + g[k], 0);
  return {
    town,
    from: range.from,
    to: range.to,
    funnel: [
      { stage: 'received', count: sum('total') },
      { stage: 'registered', count: sum('registered') },
      { stage: 'assigned', count: sum('assigned') },
      { stage: 'replied', count: sum('replied') },
      { stage: 'closed', count: sum('closed') },
    ],
    onTimeByUnit: units.map((u) => ({ ...u, rate: rate(u.onTime, u.replied) })).sort((a, b) => b.replied - a.replied || a.name.localeCompare(b.name, 'zh-CN')),
    categories: groups.map((g) => ({ name: g.category, count: g.total })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN')),
    monthly: monthly(acts, range.from, range.to),
    stations,
    points,
  };
}
