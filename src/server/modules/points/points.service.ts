import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError, registerFieldLabels } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { DEFAULT_BANDS, DEFAULT_COMMEND_TOP, DEFAULT_FULL_MARKS, DEFAULT_ITEMS, DEFAULT_WEIGHTS, METRICS, schemeProblems } from './points.catalogue.ts';
import { type Scheme, adjustmentRows, boardDeputies, latestSnapshots, listSchemeRows, mustScheme } from './points.repo.ts';
import type { AdjustmentInput, AdjustmentQuery, RatingsInput, SchemeInput, SchemeUpdate } from './points.schemas.ts';

registerFieldLabels({
  fullMarks: '满分',
  weights: '权重',
  bands: '等次',
  commendTop: '表彰名额',
  items: '计分项目',
  metric: '计分指标',
  cap: '上限',
  ratings: '主席团评分',
  reason: '理由',
});

const STALE = '该考评方案已被他人修改，请刷新后再编辑';

export function listMetrics() {
  return { items: METRICS.map((m) => ({ ...m })) };
}

function schemeOut(s: Scheme, publishedMonths: string[]) {
  return {
    id: s.id,
    year: s.year,
    name: s.name,
    items: s.items,
    fullMarks: s.fullMarks,
    weights: s.weights,
    bands: s.bands,
    commendTop: s.commendTop,
    status: s.status,
    version: s.version,
    publishedMonths,
  };
}

/** A scheme as the pages see it, with the months that have a publication. */
export async function presentScheme(db: Kysely<DB>, s: Scheme) {
  const heads = await latestSnapshots(db, s.townId, s.id);
  return schemeOut(s, [...heads.keys()].sort());
}

function assertScheme(parts: Parameters<typeof schemeProblems>[0]) {
  const problems = schemeProblems(parts);
  if (problems.length) throw ValidationError.of(problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
}

export async function listSchemes(ctx: Ctx, q: { year?: number }) {
  const townId = townOf(ctx);
  const rows = await listSchemeRows(ctx.db, townId, q.year);
  if (rows.length === 0) return { items: [] };
  // The published months of every listed scheme in one read.
  const published = await ctx.db
    .selectFrom('pointsSnapshot')
    .select(['schemeId', 'month'])
    .distinct()
    .where('townId', '=', townId)
    .where(
      'schemeId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const months = (id: string) => [...new Set(published.filter((p) => p.schemeId === id).map((p) => p.month))].sort();
  return { items: rows.map((s) => schemeOut(s, months(s.id))) };
}

export async function getScheme(ctx: Ctx, id: string) {
  return presentScheme(ctx.db, await mustScheme(ctx.db, townOf(ctx), id));
}

export async function createScheme(ctx: Ctx, input: z.infer<typeof SchemeInput>) {
  const townId = townOf(ctx);
  const items = input.items ?? [...DEFAULT_ITEMS];
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const bands = input.bands ?? [...DEFAULT_BANDS];
  const fullMarks = input.fullMarks ?? DEFAULT_FULL_MARKS;
  assertScheme({ items, weights, bands, fullMarks });
  const taken = () => new ConflictError(`${input.year} 年已有考评方案`, { reason: 'YEAR_TAKEN' });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('pointsScheme').select('id').where('townId', '=', townId).where('year', '=', input.year).executeTakeFirst();
      if (exists) throw taken();
      const at = nowIso();
      const row = {
        id: newId(),
        townId,
        year: input.year,
        name: input.name,
        items: JSON.stringify(items),
        fullMarks,
        weights: JSON.stringify(weights),
        bands: JSON.stringify(bands),
        commendTop: input.commendTop ?? DEFAULT_COMMEND_TOP,
        status: 'draft' as const,
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: at,
        updatedAt: at,
      };
      await trx.insertInto('pointsScheme').values(row).execute();
      const out = await presentScheme(trx, await mustScheme(trx, townId, row.id));
      await recordAudit(trx, ctx, { entity: 'points_scheme', entityId: row.id, action: 'create', summary: `新建考评方案 ${row.year} ${row.name}`, after: out });
      return out;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

async function bump(trx: Kysely<DB>, townId: string, id: string, version: number, patch: Record<string, unknown>) {
  const res = await trx
    .updateTable('pointsScheme')
    .set((eb) => ({ ...patch, updatedAt: nowIso(), version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

export async function updateScheme(ctx: Ctx, id: string, input: z.infer<typeof SchemeUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustScheme(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    assertScheme({ items: input.items, weights: input.weights, bands: input.bands, fullMarks: input.fullMarks });
    const patch: Record<string, unknown> = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.items !== undefined) patch.items = JSON.stringify(input.items);
    if (input.weights !== undefined) patch.weights = JSON.stringify(input.weights);
    if (input.bands !== undefined) patch.bands = JSON.stringify(input.bands);
    if (input.fullMarks !== undefined) patch.fullMarks = input.fullMarks;
    if (input.commendTop !== undefined) patch.commendTop = input.commendTop;
    const shown = await presentScheme(trx, before);
    await bump(trx, townId, id, input.version, patch);
    const after = await presentScheme(trx, await mustScheme(trx, townId, id));
    await recordAudit(trx, ctx, {
      entity: 'points_scheme',
      entityId: id,
      action: 'update',
      summary: `修改考评方案 ${after.year} ${after.name}`,
      before: shown,
      after,
    });
    return after;
  });
}

/** draft → active: only an active scheme is published; published months keep what they froze. */
export async function activateScheme(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustScheme(trx, townId, id);
    if (before.version !== version) throw new ConflictError(STALE, { currentVersion: before.version });
    if (before.status !== 'draft') throw new InvalidTransitionError('该方案已启用');
    await bump(trx, townId, id, version, { status: 'active' });
    const after = await presentScheme(trx, await mustScheme(trx, townId, id));
    await recordAudit(trx, ctx, { entity: 'points_scheme', entityId: id, action: 'activate', summary: `启用考评方案 ${after.year} ${after.name}`, after });
    return after;
  });
}

// ---- Presidium ratings (主席团评价) ----

/** All-or-nothing: every deputy must be this town's, or nothing is written. null removes a rating. */
export async function putPresidiumRatings(ctx: Ctx, id: string, input: z.infer<typeof RatingsInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await mustScheme(trx, townId, id);
    const ids = [...new Set(input.ratings.map((r) => r.deputyId))];
    if (ids.length !== input.ratings.length) throw ValidationError.field('body.ratings', '同一代表只能评一次');
    const found = await boardDeputies(trx, townId, [], ids);
    if (found.length !== ids.length) {
      const known = new Set(found.map((d) => d.id));
      const i = input.ratings.findIndex((r) => !known.has(r.deputyId));
      throw ValidationError.field(`body.ratings.${i}.deputyId`, '代表不存在');
    }
    const before = await trx.selectFrom('presidiumRating').select(['deputyId', 'score']).where('townId', '=', townId).where('schemeId', '=', s.id).execute();
    const at = nowIso();
    if (ids.length) await trx.deleteFrom('presidiumRating').where('townId', '=', townId).where('schemeId', '=', s.id).where('deputyId', 'in', ids).execute();
    const rows = input.ratings
      .filter((r) => r.score !== null)
      .map((r) => ({ schemeId: s.id, deputyId: r.deputyId, townId, score: r.score as number, updatedBy: ctx.principal.userId, updatedAt: at }));
    if (rows.length) await trx.insertInto('presidiumRating').values(rows).execute();
    const after = await trx
      .selectFrom('presidiumRating')
      .select(['deputyId', 'score'])
      .where('townId', '=', townId)
      .where('schemeId', '=', s.id)
      .orderBy('deputyId')
      .execute();
    const ratings = after.map((r) => ({ deputyId: r.deputyId, score: Number(r.score) }));
    await recordAudit(trx, ctx, {
      entity: 'points_scheme',
      entityId: s.id,
      action: 'presidium_ratings',
      summary: `录入主席团评分 ${input.ratings.length} 人（${s.year} ${s.name}）`,
      before: { ratings: before.map((r) => ({ deputyId: r.deputyId, score: Number(r.score) })) },
      after: { ratings },
    });
    return { ratings };
  });
}

// ---- Adjustments (加减分) ----

export async function listAdjustments(ctx: Ctx, id: string, q: z.infer<typeof AdjustmentQuery>) {
  const townId = townOf(ctx);
  const s = await mustScheme(ctx.db, townId, id);
  return { items: await adjustmentRows(ctx.db, townId, s.id, { months: q.month ? [q.month] : undefined, deputyId: q.deputyId }) };
}

async function assertMonthOpen(trx: Kysely<DB>, townId: string, schemeId: string, month: string) {
  const heads = await latestSnapshots(trx, townId, schemeId, [month]);
  if (heads.has(month)) {
    throw new ConflictError(`${month} 已公布，不能再增减该月的加减分；如需更正，请重新公布该月（将生成新版本）`, { reason: 'MONTH_PUBLISHED' });
  }
}

export async function addAdjustment(ctx: Ctx, id: string, input: z.infer<typeof AdjustmentInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await mustScheme(trx, townId, id);
    if (!input.month.startsWith(`${s.year}-`)) throw ValidationError.field('body.month', `月份须在方案年度 ${s.year} 年内`);
    const [d] = await boardDeputies(trx, townId, [], [input.deputyId]);
    if (!d) throw ValidationError.field('body.deputyId', '代表不存在');
    await assertMonthOpen(trx, townId, s.id, input.month);
    const row = {
      id: newId(),
      townId,
      schemeId: s.id,
      deputyId: d.id,
      month: input.month,
      points: input.points,
      reason: input.reason,
      createdBy: ctx.principal.userId,
      createdAt: nowIso(),
    };
    await trx.insertInto('pointsAdjustment').values(row).execute();
    const out = {
      id: row.id,
      deputyId: d.id,
      deputyName: d.name,
      month: row.month,
      points: row.points,
      reason: row.reason,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    };
    await recordAudit(trx, ctx, {
      entity: 'points_adjustment',
      entityId: row.id,
      action: 'create',
      summary: `${d.name} ${row.month} ${row.points > 0 ? '加' : '减'} ${Math.abs(row.points)} 分：${row.reason}`,
      after: out,
    });
    return out;
  });
}

export async function deleteAdjustment(ctx: Ctx, id: string, adjId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await mustScheme(trx, townId, id);
    const [a] = await adjustmentRows(trx, townId, s.id, { id: adjId });
    if (!a) throw new NotFoundError('加减分记录');
    await assertMonthOpen(trx, townId, s.id, a.month);
    await trx.deleteFrom('pointsAdjustment').where('townId', '=', townId).where('id', '=', adjId).execute();
    await recordAudit(trx, ctx, {
      entity: 'points_adjustment',
      entityId: a.id,
      action: 'delete',
      summary: `删除 ${a.deputyName} ${a.month} 的加减分`,
      before: a,
    });
  });
}
