import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/unique.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { chunks } from '../workbook/workbook.write.ts';
import { commendationOf, monthEnded, periodMonths, yearRange } from './points.catalogue.ts';
import { reviewScores } from '../reviews/reviews.scores.ts';
import { type DeputyInfo, type Scheme, boardDeputies, endedMonths, latestSnapshots, liveMonth, mustScheme, snapshotRows } from './points.repo.ts';
import { combine, gradeOf, rankByScore, recordsPercent, round2 } from './points.rules.ts';

/*
 * The month board (月晒), its publication, the quarterly and yearly rankings and the yearly score. A
 * published month is a frozen snapshot; rankings and the year read only snapshots, so an edit of an old
 * record never moves a figure already shown to the deputies.
 */

export function assertMonthOfScheme(s: Scheme, month: string, field = 'params.month') {
  if (!month.startsWith(`${s.year}-`)) throw ValidationError.field(field, `月份须在方案年度 ${s.year} 年内`);
}

const rowOf = (d: DeputyInfo, total: number) => ({ deputyId: d.id, name: d.name, stationName: d.stationName, total, score: total });

export async function monthBoard(ctx: Ctx, id: string, month: string) {
  const townId = townOf(ctx);
  const s = await mustScheme(ctx.db, townId, id);
  assertMonthOfScheme(s, month);
  const head = (await latestSnapshots(ctx.db, townId, s.id, [month])).get(month);
  let rows: ReturnType<typeof rowOf>[];
  if (head) {
    const snap = await snapshotRows(ctx.db, townId, [head.id]);
    const deps = new Map(
      (
        await boardDeputies(
          ctx.db,
          townId,
          [],
          snap.map((r) => r.deputyId),
        )
      ).map((d) => [d.id, d]),
    );
    rows = snap.flatMap((r) => {
      const d = deps.get(r.deputyId);
      return d ? [rowOf(d, r.total)] : [];
    });
  } else {
    const live = await liveMonth(ctx.db, townId, s, month);
    rows = live.deputies.map((d) => rowOf(d, live.scores.get(d.id)?.total ?? 0));
  }
  return {
    month,
    published: head ? { id: head.id, version: head.version, publishedAt: head.publishedAt, publishedBy: head.publishedBy } : null,
    live: !head,
    rows: rankByScore(rows).map(({ score: _s, ...r }) => r),
  };
}

/** Freeze the month: a new snapshot version with every deputy's records score and its breakdown (record ids included). */
export async function publishMonth(ctx: Ctx, id: string, month: string) {
  const townId = townOf(ctx);
  const s = await mustScheme(ctx.db, townId, id);
  assertMonthOfScheme(s, month);
  if (s.status !== 'active') throw new ConflictError('方案尚未启用，启用后才能公布', { reason: 'SCHEME_DRAFT' });
  if (!monthEnded(month, todayInChina())) throw new ConflictError(`${month} 尚未结束，月底之后才能公布`, { reason: 'MONTH_NOT_ENDED' });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // Computed inside the transaction, so what is frozen is what the records said at this moment.
      const live = await liveMonth(trx, townId, s, month);
      const prev = await latestSnapshots(trx, townId, s.id, [month]);
      const version = (prev.get(month)?.version ?? 0) + 1;
      const snapshot = { id: newId(), townId, schemeId: s.id, month, version, publishedAt: nowIso(), publishedBy: ctx.principal.userId };
      await trx.insertInto('pointsSnapshot').values(snapshot).execute();
      const rows = live.deputies.map((d) => {
        const score = live.scores.get(d.id);
        return { snapshotId: snapshot.id, townId, deputyId: d.id, total: score?.total ?? 0, breakdown: JSON.stringify(score) };
      });
      for (const part of chunks(rows, 200)) await trx.insertInto('pointsSnapshotRow').values(part).execute();
      const out = { ...snapshot, rowCount: rows.length };
      await recordAudit(trx, ctx, {
        entity: 'points_snapshot',
        entityId: snapshot.id,
        action: 'publish',
        summary: `公布 ${month} 履职积分（${s.year} ${s.name}，第 ${version} 版，${rows.length} 人）`,
        after: { ...out, totals: rows.map((r) => ({ deputyId: r.deputyId, total: r.total })) },
      });
      return { snapshot: { id: out.id, month, version, publishedAt: out.publishedAt, publishedBy: out.publishedBy, rowCount: out.rowCount } };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('该月正由他人公布，请刷新后再试');
    throw err;
  }
}

/** Per deputy, the sum of the latest published snapshot of each of the months. */
export async function publishedSums(db: Kysely<DB>, townId: string, schemeId: string, months: readonly string[]) {
  const heads = await latestSnapshots(db, townId, schemeId, months);
  const used = [...heads.keys()].sort();
  const rows = await snapshotRows(
    db,
    townId,
    [...heads.values()].map((h) => h.id),
  );
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.deputyId, round2((sums.get(r.deputyId) ?? 0) + r.total));
  return { used, heads, rows, sums };
}

export async function ranking(ctx: Ctx, id: string, period: string) {
  const townId = townOf(ctx);
  const s = await mustScheme(ctx.db, townId, id);
  const p = periodMonths(period);
  if (!p || p.year !== s.year) throw ValidationError.field('querystring.period', `期间须在方案年度 ${s.year} 年内`);
  const { used, sums } = await publishedSums(ctx.db, townId, s.id, p.months);
  const ended = new Set(endedMonths(s.year));
  const missing = p.months.filter((m) => ended.has(m) && !used.includes(m));
  const deps = await boardDeputies(ctx.db, townId, [], [...sums.keys()]);
  const rows = rankByScore(
    deps.map((d) => ({ deputyId: d.id, name: d.name, stationName: d.stationName, records: sums.get(d.id) ?? 0, score: sums.get(d.id) ?? 0 })),
  );
  return { period, months: used, missing, rows: rows.map(({ score: _s, ...r }) => r) };
}

export type YearRow = {
  deputyId: string;
  name: string;
  stationName: string | null;
  records: number;
  recordsPercent: number;
  peer: number | null;
  voter: number | null;
  presidium: number | null;
  score: number | null;
  grade: string | null;
  rank: number | null;
  commended: boolean;
};

/** The yearly score of every deputy: records (published months) + peer + voter + presidium, combined by the weights. */
export async function yearScores(
  db: Kysely<DB>,
  townId: string,
  s: Scheme,
): Promise<{
  months: string[];
  missing: string[];
  rows: YearRow[];
  commendation: { deputyId: string; name: string; score: number | null; grade: string | null }[];
}> {
  const months = Array.from({ length: 12 }, (_, i) => `${s.year}-${String(i + 1).padStart(2, '0')}`);
  const [{ sums, used }, peer, voter, presidium] = await Promise.all([
    publishedSums(db, townId, s.id, months),
    reviewScores(db, townId, 'peer_review', yearRange(s.year)),
    reviewScores(db, townId, 'voter_review', yearRange(s.year)),
    db.selectFrom('presidiumRating').select(['deputyId', 'score']).where('townId', '=', townId).where('schemeId', '=', s.id).execute(),
  ]);
  const pres = new Map(presidium.map((r) => [r.deputyId, Number(r.score)]));
  const deps = await boardDeputies(db, townId, [...sums.keys(), ...pres.keys(), ...peer.keys(), ...voter.keys()]);
  const anyPublished = sums.size > 0;
  const rows = deps.map((d) => {
    const records = sums.get(d.id) ?? 0;
    const pct = recordsPercent(records, s.fullMarks);
    const parts = {
      // No published month yet: the records part did not happen, rather than a zero.
      records: anyPublished ? pct : null,
      peer: peer.get(d.id) ?? null,
      voter: voter.get(d.id) ?? null,
      presidium: pres.get(d.id) ?? null,
    };
    const score = combine(s.weights, parts);
    return {
      deputyId: d.id,
      name: d.name,
      stationName: d.stationName,
      records,
      recordsPercent: pct,
      peer: parts.peer,
      voter: parts.voter,
      presidium: parts.presidium,
      score,
      grade: gradeOf(s.bands, score),
    };
  });
  const ranked = rankByScore(rows);
  const commended = new Set(commendationOf(ranked, s.bands, s.commendTop).map((r) => r.deputyId));
  const out = ranked.map((r) => ({ ...r, commended: commended.has(r.deputyId) }));
  const ended = endedMonths(s.year);
  return {
    months: used,
    missing: ended.filter((m) => !used.includes(m)),
    rows: out,
    commendation: out.filter((r) => r.commended).map((r) => ({ deputyId: r.deputyId, name: r.name, score: r.score, grade: r.grade })),
  };
}

export async function yearBoard(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  return yearScores(ctx.db, townId, await mustScheme(ctx.db, townId, id));
}
