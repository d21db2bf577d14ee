import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { fieldConflict } from './field-conflict.ts';
import {
  type ConstituencyRow,
  constituencyByCode,
  findConstituency,
  findTerm,
  listConstituencies,
  replaceConstituencyVillages,
  servingDeputiesByConstituency,
  villageClaimsInTerm,
  villagesByIds,
  villagesOfConstituencies,
} from './regions.repo.ts';
import { firstDuplicate, firstVillageConflict } from './regions.rules.ts';
import type { ConstituencyInput, ConstituencyQuery, ConstituencyUpdate } from './regions.schemas.ts';
import { currentTermOf } from './terms.service.ts';

async function presentMany(db: Kysely<DB>, townId: string, rows: ConstituencyRow[]) {
  const ids = rows.map((r) => r.id);
  const [links, counts] = await Promise.all([villagesOfConstituencies(db, townId, ids), servingDeputiesByConstituency(db, townId, ids)]);
  return rows.map((r) => {
    const mine = links.filter((l) => l.constituencyId === r.id);
    return {
      id: r.id,
      termId: r.termId,
      code: r.code,
      name: r.name,
      seats: r.seats,
      villageIds: mine.map((l) => l.villageId),
      villageNames: mine.map((l) => l.villageName),
      deputyCount: counts.get(r.id) ?? 0,
    };
  });
}

async function presentOne(db: Kysely<DB>, townId: string, row: ConstituencyRow) {
  const [one] = await presentMany(db, townId, [row]);
  return one;
}

function auditView(r: ConstituencyRow, villageIds: string[]) {
  return { code: r.code, name: r.name, seats: r.seats, villageIds };
}

/** Constituencies of one term; without termId, of the current term (none when no term has started). */
export async function listConstituenciesUseCase(ctx: Ctx, q: z.infer<typeof ConstituencyQuery>) {
  const townId = townOf(ctx);
  let termId = q.termId ?? null;
  if (termId) {
    if (!(await findTerm(ctx.db, townId, termId))) throw new NotFoundError('届次');
  } else {
    termId = await currentTermOf(ctx.db, townId);
    if (!termId) return [];
  }
  return presentMany(ctx.db, townId, await listConstituencies(ctx.db, townId, termId));
}

/** The villages must be of this town, listed once, and not already in another constituency of the term. */
async function checkVillages(db: Kysely<DB>, townId: string, termId: string, villageIds: string[], selfId?: string): Promise<void> {
  if (firstDuplicate(villageIds)) throw ValidationError.field('body.villageIds', '同一村(社区)不能重复选择');
  const found = await villagesByIds(db, townId, villageIds);
  if (found.length !== villageIds.length) throw ValidationError.field('body.villageIds', '包含不存在的村(社区)');
  const clash = firstVillageConflict(villageIds, await villageClaimsInTerm(db, townId, termId, villageIds), selfId);
  if (clash) throw fieldConflict('body.villageIds', `${clash.villageName} 已属于本届的 ${clash.constituencyName}`);
}

export async function createConstituency(ctx: Ctx, input: z.infer<typeof ConstituencyInput>) {
  const townId = townOf(ctx);
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (!(await findTerm(trx, townId, input.termId))) throw ValidationError.field('body.termId', '届次不存在');
    if (await constituencyByCode(trx, townId, input.termId, input.code)) throw fieldConflict('body.code', `“${input.code}” 在本届已存在`);
    await checkVillages(trx, townId, input.termId, input.villageIds);
    const r: ConstituencyRow = { id: newId(), townId, termId: input.termId, code: input.code, name: input.name, seats: input.seats };
    await trx.insertInto('constituency').values(r).execute();
    await replaceConstituencyVillages(trx, townId, r.id, input.villageIds);
    await recordAudit(trx, ctx, {
      entity: 'constituency',
      entityId: r.id,
      action: 'create',
      summary: `新增选区 ${r.name}`,
      after: auditView(r, input.villageIds),
    });
    return r;
  });
  return presentOne(ctx.db, townId, row);
}

export async function updateConstituency(ctx: Ctx, id: string, input: z.infer<typeof ConstituencyUpdate>) {
  const townId = townOf(ctx);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await findConstituency(trx, townId, id);
    if (!before) throw new NotFoundError('选区');
    const beforeVillages = (await villagesOfConstituencies(trx, townId, [id])).map((l) => l.villageId);
    const after: ConstituencyRow = {
      ...before,
      ...(input.code === undefined ? {} : { code: input.code }),
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.seats === undefined ? {} : { seats: input.seats }),
    };
    if (after.code !== before.code && (await constituencyByCode(trx, townId, before.termId, after.code, id))) {
      throw fieldConflict('body.code', `“${after.code}” 在本届已存在`);
    }
    const villageIds = input.villageIds ?? beforeVillages;
    if (input.villageIds) await checkVillages(trx, townId, before.termId, villageIds, id);
    await trx
      .updateTable('constituency')
      .set({ code: after.code, name: after.name, seats: after.seats })
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
    if (input.villageIds) await replaceConstituencyVillages(trx, townId, id, villageIds);
    await recordAudit(trx, ctx, {
      entity: 'constituency',
      entityId: id,
      action: 'update',
      summary: `修改选区 ${after.name}`,
      before: auditView(before, beforeVillages),
      after: auditView(after, villageIds),
    });
    return after;
  });
  return presentOne(ctx.db, townId, row);
}
