import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { lockTownCodes } from '../../db/unique.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { searchText } from '../../lib/search-text.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type AchievementCategory, nextAchievementCode, totalsByUnit } from './achievements.rules.ts';
import type { AchievementInput, AchievementOut, AchievementQuery, AchievementUpdate } from './achievements.schemas.ts';

type Out = z.infer<typeof AchievementOut>;
const STALE = '该记录已被他人修改，请刷新后再编辑';

/** The ledger's rows with their activity and suggestion (code and title), for a page or one record. */
function selectOut(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('achievement as a')
    .leftJoin('activity as act', (j) => j.onRef('act.id', '=', 'a.activityId').on('act.townId', '=', townId))
    .leftJoin('suggestion as s', (j) => j.onRef('s.id', '=', 'a.suggestionId').on('s.townId', '=', townId))
    .where('a.townId', '=', townId)
    .select([
      'a.id',
      'a.code',
      'a.date',
      'a.title',
      'a.category',
      'a.amount',
      'a.unit',
      'a.description',
      'a.version',
      'a.createdAt',
      'a.updatedAt',
      'act.id as activityId',
      'act.code as activityCode',
      'act.title as activityTitle',
      's.id as suggestionId',
      's.code as suggestionCode',
      's.title as suggestionTitle',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectOut>['executeTakeFirstOrThrow']>>;

function present(r: Row): Out {
  return {
    id: r.id,
    code: r.code,
    date: r.date,
    title: r.title,
    category: r.category as AchievementCategory,
    amount: r.amount === null ? null : Number(r.amount),
    unit: r.unit,
    description: r.description,
    activity: r.activityId ? { id: r.activityId, code: r.activityCode ?? '', title: r.activityTitle ?? '' } : null,
    suggestion: r.suggestionId ? { id: r.suggestionId, code: r.suggestionCode ?? '', title: r.suggestionTitle ?? '' } : null,
    version: Number(r.version),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function mustAchievement(db: Kysely<DB>, townId: string, id: string): Promise<Out> {
  const r = await selectOut(db, townId).where('a.id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError('成效');
  return present(r);
}

/** A linked activity or suggestion must be this town's: another town's id is a bad field, never a link. */
async function checkLinks(db: Kysely<DB>, townId: string, input: { activityId?: string | null; suggestionId?: string | null }) {
  if (input.activityId) {
    const a = await db.selectFrom('activity').select('id').where('townId', '=', townId).where('id', '=', input.activityId).executeTakeFirst();
    if (!a) throw ValidationError.field('body.activityId', '活动不存在');
  }
  if (input.suggestionId) {
    const s = await db.selectFrom('suggestion').select('id').where('townId', '=', townId).where('id', '=', input.suggestionId).executeTakeFirst();
    if (!s) throw ValidationError.field('body.suggestionId', '建议不存在');
  }
}

// Stored as the search index wants it (lib/search-text.ts), the same as the workbook import writes.
const searchTextOf = (x: { title: string; description: string }) => searchText(x.title, x.description);

export async function listAchievements(ctx: Ctx, q: z.infer<typeof AchievementQuery>) {
  const townId = townOf(ctx);
  if (q.from && q.to && q.from > q.to) throw ValidationError.field('querystring.to', '结束日期不能早于开始日期');
  let base = selectOut(ctx.db, townId);
  if (q.from) base = base.where('a.date', '>=', q.from);
  if (q.to) base = base.where('a.date', '<=', q.to);
  if (q.category) base = base.where('a.category', '=', q.category);
  if (q.activityId) base = base.where('a.activityId', '=', q.activityId);
  if (q.q) {
    const term = q.q;
    base = base.where((eb) => eb.or([containsCi('a.title', term), containsCi('a.code', term), containsCi('a.description', term)]));
  }
  // Totals are over every matching entry, not the page: the ledger's footer sums the filter.
  const [rows, all] = await Promise.all([
    base
      .orderBy('a.date', 'desc')
      .orderBy('a.code', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.clearSelect().select(['a.amount', 'a.unit']).execute(),
  ]);
  return {
    items: rows.map(present),
    total: all.length,
    page: q.page,
    pageSize: q.pageSize,
    totals: totalsByUnit(all.map((r) => ({ amount: r.amount === null ? null : Number(r.amount), unit: r.unit }))),
  };
}

export async function getAchievement(ctx: Ctx, id: string) {
  return mustAchievement(ctx.db, townOf(ctx), id);
}

export async function createAchievement(ctx: Ctx, input: z.infer<typeof AchievementInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockTownCodes(trx, townId);
    await checkLinks(trx, townId, input);
    const codes = await trx.selectFrom('achievement').select('code').where('townId', '=', townId).execute();
    const at = nowIso();
    const row = {
      id: newId(),
      townId,
      code: nextAchievementCode(codes.map((c) => c.code)),
      date: input.date,
      title: input.title,
      category: input.category,
      amount: input.amount ?? null,
      unit: input.unit ?? '',
      description: input.description ?? '',
      activityId: input.activityId ?? null,
      suggestionId: input.suggestionId ?? null,
      version: 1,
      createdBy: ctx.principal.userId,
      createdAt: at,
      updatedAt: at,
    };
    await trx
      .insertInto('achievement')
      .values({ ...row, searchText: searchTextOf(row) })
      .execute();
    const out = await mustAchievement(trx, townId, row.id);
    await recordAudit(trx, ctx, { entity: 'achievement', entityId: row.id, action: 'create', summary: `新增成效 ${row.code} ${row.title}`, after: out });
    return out;
  });
}

export async function updateAchievement(ctx: Ctx, id: string, input: z.infer<typeof AchievementUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustAchievement(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    await checkLinks(trx, townId, input);
    const next = {
      date: input.date ?? before.date,
      title: input.title ?? before.title,
      category: input.category ?? before.category,
      amount: input.amount === undefined ? before.amount : input.amount,
      unit: input.unit === undefined ? before.unit : (input.unit ?? ''),
      description: input.description === undefined ? before.description : (input.description ?? ''),
      activityId: input.activityId === undefined ? (before.activity?.id ?? null) : input.activityId,
      suggestionId: input.suggestionId === undefined ? (before.suggestion?.id ?? null) : input.suggestionId,
    };
    const res = await trx
      .updateTable('achievement')
      .set((eb) => ({ ...next, searchText: searchTextOf(next), updatedAt: nowIso(), version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
    const after = await mustAchievement(trx, townId, id);
    await recordAudit(trx, ctx, { entity: 'achievement', entityId: id, action: 'update', summary: `修改成效 ${after.code} ${after.title}`, before, after });
    return after;
  });
}

export async function deleteAchievement(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustAchievement(trx, townId, id);
    if (before.version !== version) throw new ConflictError(STALE, { currentVersion: before.version });
    const res = await trx.deleteFrom('achievement').where('townId', '=', townId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, { entity: 'achievement', entityId: id, action: 'delete', summary: `删除成效 ${before.code} ${before.title}`, before });
    return { ok: true as const };
  });
}
