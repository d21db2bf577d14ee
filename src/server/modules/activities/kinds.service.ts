import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ActivityCountsAs, DB } from '../../db/schema.ts';
import { assertUniqueInTown } from '../../db/unique.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { ActivityKindInput, ActivityKindOrder, ActivityKindQuery, ActivityKindUpdate } from './activities.schemas.ts';
import { type KindRow, countKinds, findKind, insertKindsIfAbsent, kindsByIds, listKinds, nextKindCode, setKindOrder } from './kinds.repo.ts';

/** The kinds a town starts with (issue 3); each town renames, hides or adds to them. */
export const DEFAULT_KINDS: readonly { code: string; name: string; countsAs: ActivityCountsAs }[] = [
  { code: 'training', name: '培训学习', countsAs: 'training' },
  { code: 'group', name: '代表小组活动', countsAs: 'group' },
  { code: 'fixed_day', name: '固定活动日', countsAs: 'fixed_day' },
  { code: 'monthly_meeting', name: '月度例会', countsAs: 'meeting' },
  { code: 'presidium_meeting', name: '主席团会议', countsAs: 'meeting' },
  { code: 'inspection', name: '视察', countsAs: 'inspection' },
  { code: 'research', name: '调研', countsAs: 'research' },
  { code: 'law_check', name: '执法检查', countsAs: 'inspection' },
  { code: 'safety_check', name: '安全检查', countsAs: 'inspection' },
  { code: 'env_check', name: '环保检查', countsAs: 'inspection' },
  { code: 'appraisal', name: '民主评议会', countsAs: 'meeting' },
  { code: 'duty_report', name: '述职会', countsAs: 'meeting' },
  { code: 'voter_visit', name: '走访选民', countsAs: 'visit' },
  { code: 'care_visit', name: '走访慰问', countsAs: 'visit' },
  { code: 'law_publicity', name: '法治宣传', countsAs: 'other' },
  { code: 'pre_session', name: '会前活动', countsAs: 'other' },
  { code: 'other', name: '其他', countsAs: 'other' },
];

export function presentKind(r: KindRow) {
  return { id: r.id, code: r.code, name: r.name, countsAs: r.countsAs, sortOrder: r.sortOrder, active: r.active === 1, version: r.version };
}

/**
 * A town with no kinds gets the defaults the first time anyone needs the list, in one transaction with
 * one audit event; a town that has kinds (even all hidden) is left alone.
 */
export async function ensureDefaultKinds(ctx: Ctx, townId: string): Promise<void> {
  if ((await countKinds(ctx.db, townId)) > 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    const ts = nowIso();
    const rows = DEFAULT_KINDS.map((k, i) => ({ id: newId(), townId, ...k, sortOrder: (i + 1) * 10, active: 1, version: 1, createdAt: ts, updatedAt: ts }));
    const inserted = await insertKindsIfAbsent(trx, rows);
    if (inserted > 0) {
      await recordAudit(trx, ctx, {
        entity: 'activity_kind',
        entityId: townId,
        action: 'seed',
        summary: `初始化默认活动类型 ${inserted} 项`,
        after: { kinds: DEFAULT_KINDS.map((k) => k.name).join('、') },
      });
    }
  });
}

export async function listKindsUseCase(ctx: Ctx, q: z.infer<typeof ActivityKindQuery>) {
  const townId = townOf(ctx);
  await ensureDefaultKinds(ctx, townId);
  const { rows, total } = await listKinds(ctx.db, townId, {
    active: q.active === undefined ? undefined : q.active === 'true',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentKind), total, page: q.page, pageSize: q.pageSize };
}

export async function createKind(ctx: Ctx, input: z.infer<typeof ActivityKindInput>) {
  const townId = townOf(ctx);
  // Seed first, so that a town's first own kind does not stop the defaults from ever arriving.
  await ensureDefaultKinds(ctx, townId);
  return ctx.db.transaction().execute(async (trx) => {
    const code = input.code || (await nextKindCode(trx, townId));
    await assertUniqueInTown(trx, 'activityKind', townId, { code, name: input.name });
    const ts = nowIso();
    const row: KindRow = {
      id: newId(),
      townId,
      code,
      name: input.name,
      countsAs: input.countsAs,
      sortOrder: input.sortOrder ?? 1000,
      active: input.active === false ? 0 : 1,
      version: 1,
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('activityKind').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'activity_kind', entityId: row.id, action: 'create', summary: `新增活动类型 ${row.name}`, after: presentKind(row) });
    return presentKind(row);
  });
}

export async function updateKind(ctx: Ctx, id: string, input: z.infer<typeof ActivityKindUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findKind(trx, townId, id);
    if (!before) throw new NotFoundError('活动类型');
    assertVersion(before, input.version);
    const { version: _v, active, ...rest } = input;
    const patch = { ...rest, ...(active === undefined ? {} : { active: active ? 1 : 0 }) };
    await assertUniqueInTown(trx, 'activityKind', townId, { code: patch.code, name: patch.name }, id);
    const after: KindRow = { ...before, ...patch, version: before.version + 1, updatedAt: nowIso() };
    await updateVersioned(trx, 'activityKind', { townId }, id, input.version, { ...patch, updatedAt: after.updatedAt });
    await recordAudit(trx, ctx, {
      entity: 'activity_kind',
      entityId: id,
      action: 'update',
      summary: `修改活动类型 ${after.name}`,
      before: presentKind(before),
      after: presentKind(after),
    });
    return presentKind(after);
  });
}

/** A kind for a new or changed activity: of this town and in use. */
export async function usableKind(db: Kysely<DB>, townId: string, kindId: string, field = 'body.kindId'): Promise<KindRow> {
  const k = await findKind(db, townId, kindId);
  if (!k) throw ValidationError.field(field, '活动类型不存在');
  if (k.active !== 1) throw ValidationError.field(field, `活动类型“${k.name}”已停用`);
  return k;
}

/**
 * Put the kinds in the given order (sort order 10, 20, 30 …) in one transaction: every id must be a
 * kind of this town and appear once (400 naming the entry). Kinds left out keep their sort order; a
 * kind whose order does not change keeps its version. One audit event for the new order.
 */
export async function reorderKinds(ctx: Ctx, input: z.infer<typeof ActivityKindOrder>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const rows = await kindsByIds(trx, townId, input.kindIds);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    input.kindIds.forEach((id, i) => {
      if (!byId.has(id)) throw ValidationError.field(`body.kindIds[${i}]`, '活动类型不存在');
      if (seen.has(id)) throw ValidationError.field(`body.kindIds[${i}]`, '活动类型重复');
      seen.add(id);
    });
    const changes = input.kindIds.map((id, i) => ({ id, sortOrder: (i + 1) * 10 })).filter((c) => byId.get(c.id)?.sortOrder !== c.sortOrder);
    if (!changes.length) return;
    await setKindOrder(trx, townId, changes, nowIso());
    await recordAudit(trx, ctx, {
      entity: 'activity_kind',
      entityId: townId,
      action: 'reorder',
      summary: `调整活动类型顺序（${changes.length} 项）`,
      before: { order: rows.sort((a, b) => a.sortOrder - b.sortOrder).map((r) => r.name).join('、') },
      after: { order: input.kindIds.map((id) => byId.get(id)?.name).join('、') },
    });
  });
  return listKindsUseCase(ctx, { page: 1, pageSize: 200 });
}
