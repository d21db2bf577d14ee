import { NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { assertMonthOfScheme } from './points.board.ts';
import { yearRange } from './points.catalogue.ts';
import { countedRecords, groupCounted } from './points.metrics.ts';
import { type Scheme, adjustmentRows, findDeputy, latestSnapshots, mustScheme, schemeOfYear, snapshotRows, toAdjustment } from './points.repo.ts';
import { type RecordsScore, scoreRecords } from './points.rules.ts';
import { resolveRecords } from './points.records.ts';

/*
 * One deputy's points: the month asked (published → from the snapshot, else live) with every item's
 * count, points, cap and the records it counted as links; the adjustments; and each month of the year
 * so far. Published months come from one snapshot read; the unpublished ones from one pass over the
 * year's records for this deputy, bucketed by month — the number of queries does not grow with months.
 */

/** The months of the scheme's year up to the current one (all twelve for a past year). */
function monthsSoFar(year: number, today: string): string[] {
  const y = Number(today.slice(0, 4));
  const last = y > year ? 12 : y < year ? 0 : Number(today.slice(5, 7));
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

function defaultMonth(year: number, today: string): string {
  const y = Number(today.slice(0, 4));
  if (y === year) return today.slice(0, 7);
  return y > year ? `${year}-12` : `${year}-01`;
}

export async function deputyBreakdown(ctx: Ctx, schemeId: string, deputyId: string, monthIn?: string) {
  const townId = townOf(ctx);
  const s = await mustScheme(ctx.db, townId, schemeId);
  // A deputy reads only their own record; another deputy's is "not found", never "forbidden".
  if (ctx.principal.role === 'deputy' && ctx.principal.deputyId !== deputyId) throw new NotFoundError('代表');
  return breakdownOf(ctx, s, deputyId, monthIn);
}

export async function myPoints(ctx: Ctx, year?: number, month?: string) {
  const townId = townOf(ctx);
  const deputyId = ctx.principal.deputyId;
  if (!deputyId) throw new NotFoundError('代表');
  const today = todayInChina();
  const y = year ?? Number(today.slice(0, 4));
  const s = await schemeOfYear(ctx.db, townId, y);
  if (!s) throw new NotFoundError(`${y} 年考评方案`);
  return breakdownOf(ctx, s, deputyId, month);
}

async function breakdownOf(ctx: Ctx, s: Scheme, deputyId: string, monthIn?: string) {
  const townId = townOf(ctx);
  const today = todayInChina();
  const month = monthIn ?? defaultMonth(s.year, today);
  assertMonthOfScheme(s, month, 'querystring.month');
  const deputy = await findDeputy(ctx.db, townId, deputyId);
  if (!deputy) throw new NotFoundError('代表');

  const yearMonths = monthsSoFar(s.year, today);
  const wanted = [...new Set([...yearMonths, month])].sort();
  const heads = await latestSnapshots(ctx.db, townId, s.id, wanted);
  const published = await snapshotRows(
    ctx.db,
    townId,
    [...heads.values()].map((h) => h.id),
    deputyId,
  );
  const publishedBy = new Map<string, RecordsScore>();
  for (const [m, h] of heads) {
    const r = published.find((x) => x.snapshotId === h.id);
    publishedBy.set(m, r?.breakdown ?? scoreRecords(s.items, {}, []));
  }

  // The unpublished months, live, from one read of the year's records for this deputy.
  const liveMonths = wanted.filter((m) => !heads.has(m));
  const liveBy = new Map<string, RecordsScore>();
  if (liveMonths.length) {
    const metrics = [...new Set(s.items.map((i) => i.metric))];
    const [counted, adjustments] = await Promise.all([
      countedRecords(ctx.db, townId, yearRange(s.year), metrics, { deputyIds: [deputyId] }),
      adjustmentRows(ctx.db, townId, s.id, { months: liveMonths, deputyId }),
    ]);
    for (const m of liveMonths) {
      const values = groupCounted(counted.filter((c) => c.date.startsWith(`${m}-`))).get(deputyId) ?? {};
      liveBy.set(m, scoreRecords(s.items, values, adjustments.filter((a) => a.month === m).map(toAdjustment)));
    }
  }

  const score = publishedBy.get(month) ?? liveBy.get(month) ?? scoreRecords(s.items, {}, []);
  const links = await resolveRecords(
    ctx.db,
    townId,
    score.lines.flatMap((l) => [...l.recordIds]),
  );
  return {
    deputy: { id: deputy.id, name: deputy.name, stationName: deputy.stationName },
    schemeId: s.id,
    month,
    published: heads.has(month),
    total: score.total,
    lines: score.lines.map((l) => ({
      ...l,
      recordIds: [...l.recordIds],
      records: l.recordIds.flatMap((ref) => {
        const r = links.get(ref);
        return r ? [r] : [];
      }),
    })),
    adjustments: score.adjustments.map((a) => ({ id: a.id, points: a.points, reason: a.reason })),
    months: yearMonths.map((m) => ({ month: m, total: (publishedBy.get(m) ?? liveBy.get(m))?.total ?? 0, published: heads.has(m) })),
  };
}
