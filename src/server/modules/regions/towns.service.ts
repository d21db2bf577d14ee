import type { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { fieldConflict } from './field-conflict.ts';
import { type TownRow, findTown, listTowns, servingDeputiesByTown, townByCode, townByName, villagesByTown } from './regions.repo.ts';
import type { TownInput, TownUpdate } from './regions.schemas.ts';

function presentTown(r: TownRow, deputyCount = 0, villageCount = 0) {
  return { id: r.id, code: r.code, name: r.name, population: r.population, deputyCount, villageCount };
}

/** A county_admin sees every town of the county; everyone else only their own. Deputies: serving, current term. */
export async function listTownsUseCase(ctx: Ctx) {
  const p = ctx.principal;
  const rows = p.role === 'county_admin' ? await listTowns(ctx.db, p.countyId) : await listTowns(ctx.db, p.countyId, townOf(ctx));
  const ids = rows.map((r) => r.id);
  const [deputies, villages] = await Promise.all([servingDeputiesByTown(ctx.db, ids, todayInChina()), villagesByTown(ctx.db, ids)]);
  return rows.map((r) => presentTown(r, deputies.get(r.id) ?? 0, villages.get(r.id) ?? 0));
}

function assertCounty(ctx: Ctx): void {
  // The route already allows only county_admin; this guards any other caller of the use case.
  if (ctx.principal.role !== 'county_admin') throw new ForbiddenError();
}

export async function createTown(ctx: Ctx, input: z.infer<typeof TownInput>) {
  assertCounty(ctx);
  const countyId = ctx.principal.countyId;
  return ctx.db.transaction().execute(async (trx) => {
    if (await townByCode(trx, input.code)) throw fieldConflict('body.code', `“${input.code}” 已存在`);
    if (await townByName(trx, countyId, input.name)) throw fieldConflict('body.name', `“${input.name}” 已存在`);
    const ts = nowIso();
    const row: TownRow = { id: newId(), countyId, code: input.code, name: input.name, population: input.population ?? null, createdAt: ts, updatedAt: ts };
    await trx.insertInto('town').values(row).execute();
    await recordAudit(trx, ctx, {
      entity: 'town',
      entityId: row.id,
      action: 'create',
      summary: `新增乡镇 ${row.name}`,
      after: presentTown(row),
      townId: row.id,
    });
    return presentTown(row);
  });
}

export async function updateTown(ctx: Ctx, id: string, input: z.infer<typeof TownUpdate>) {
  assertCounty(ctx);
  const countyId = ctx.principal.countyId;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await findTown(trx, countyId, id);
    if (!before) throw new NotFoundError('乡镇');
    if (input.name !== undefined && (await townByName(trx, countyId, input.name, id))) throw fieldConflict('body.name', `“${input.name}” 已存在`);
    const patch = {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.population === undefined ? {} : { population: input.population }),
    };
    const after: TownRow = { ...before, ...patch, updatedAt: nowIso() };
    await trx
      .updateTable('town')
      .set({ ...patch, updatedAt: after.updatedAt })
      .where('countyId', '=', countyId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      entity: 'town',
      entityId: id,
      action: 'update',
      summary: `修改乡镇 ${after.name}`,
      before: presentTown(before),
      after: presentTown(after),
      townId: id,
    });
    return after;
  });
  const [deputies, villages] = await Promise.all([servingDeputiesByTown(ctx.db, [id], todayInChina()), villagesByTown(ctx.db, [id])]);
  return presentTown(result, deputies.get(id) ?? 0, villages.get(id) ?? 0);
}
