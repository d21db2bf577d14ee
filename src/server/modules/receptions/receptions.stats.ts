import type { z } from 'zod';
import { ForbiddenError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { statsRows } from './receptions.repo.ts';
import { emptyRoutingCounts, monthsBetween } from './receptions.rules.ts';
import type { StatsQuery } from './receptions.schemas.ts';
import { invalid } from './receptions.service.ts';

/** Longest period the figures cover at once: five years of months is already a long chart. */
const MAX_DAYS = 5 * 366;

/**
 * The figures a work report quotes ("接待群众 11 次，收集意见 15 条"): receptions held, visitors received
 * (the sum of the matters' visitor counts), matters, and the matters by routing, by category, by station
 * and by month. The period defaults to the current year; a liaison's figures are their station's.
 * Two grouped queries whatever the number of receptions.
 */
export async function receptionStatsUseCase(ctx: Ctx, q: z.infer<typeof StatsQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  const year = todayInChina(now).slice(0, 4);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = q.to ?? `${from.slice(0, 4)}-12-31`;
  if (to < from) throw invalid([{ field: 'querystring.to', message: '结束日期不能早于开始日期' }]);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw invalid([{ field: 'querystring.to', message: '统计期间不能超过 5 年' }]);
  let stationId = q.stationId;
  if (p.role === 'liaison') {
    if (!p.stationId || (stationId && stationId !== p.stationId)) throw new ForbiddenError('联络员只能查看本联络站的接待统计');
    stationId = p.stationId;
  }
  const rows = await statsRows(ctx.db, townId, { from, to, stationId });

  const months = new Map(monthsBetween(from, to).map((m) => [m, { month: m, receptions: 0, visitors: 0, matters: 0 }]));
  const stations = new Map<string, { station: { id: string; code: string; name: string }; receptions: number; visitors: number; matters: number }>();
  for (const r of rows.receptions) {
    const s = stations.get(r.stationId) ?? { station: { id: r.stationId, code: r.stationCode, name: r.stationName }, receptions: 0, visitors: 0, matters: 0 };
    s.receptions += r.n;
    stations.set(r.stationId, s);
    const m = months.get(r.month);
    if (m) m.receptions += r.n;
  }
  const byRouting = emptyRoutingCounts();
  const categories = new Map<string, { category: string; matters: number; visitors: number }>();
  for (const r of rows.matters) {
    byRouting[r.routing] += r.n;
    const c = categories.get(r.category) ?? { category: r.category, matters: 0, visitors: 0 };
    c.matters += r.n;
    c.visitors += r.visitors;
    categories.set(r.category, c);
    const s = stations.get(r.stationId);
    if (s) {
      s.matters += r.n;
      s.visitors += r.visitors;
    }
    const m = months.get(r.month);
    if (m) {
      m.matters += r.n;
      m.visitors += r.visitors;
    }
  }
  const byStation = [...stations.values()].sort((a, b) => a.station.code.localeCompare(b.station.code));
  return {
    from,
    to,
    receptions: byStation.reduce((n, s) => n + s.receptions, 0),
    visitors: byStation.reduce((n, s) => n + s.visitors, 0),
    matters: byStation.reduce((n, s) => n + s.matters, 0),
    byRouting,
    // Most matters first; equal counts in the order of the words, so the list is stable.
    byCategory: [...categories.values()].sort((a, b) => b.matters - a.matters || a.category.localeCompare(b.category)),
    byStation,
    byMonth: [...months.values()],
  };
}
