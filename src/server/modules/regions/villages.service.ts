import type { z } from 'zod';
import { assertUniqueInTown } from '../../db/unique.ts';
import { NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type VillageRow, findVillage, listVillages } from './regions.repo.ts';
import type { VillageInput, VillageQuery, VillageUpdate } from './regions.schemas.ts';

function presentVillage(r: VillageRow) {
  return { id: r.id, code: r.code, name: r.name, kind: r.kind, sortOrder: r.sortOrder };
}

export async function listVillagesUseCase(ctx: Ctx, q: z.infer<typeof VillageQuery>) {
  const { rows, total } = await listVillages(ctx.db, townOf(ctx), { q: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentVillage), total, page: q.page, pageSize: q.pageSize };
}

export async function createVillage(ctx: Ctx, input: z.infer<typeof VillageInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await assertUniqueInTown(trx, 'village', townId, { code: input.code });
    const row: VillageRow = { id: newId(), townId, code: input.code, name: input.name, kind: input.kind, sortOrder: input.sortOrder ?? 0 };
    await trx.insertInto('village').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'village', entityId: row.id, action: 'create', summary: `新增村(社区) ${row.name}`, after: presentVillage(row) });
    return presentVillage(row);
  });
}

export async function updateVillage(ctx: Ctx, id: string, input: z.infer<typeof VillageUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findVillage(trx, townId, id);
    if (!before) throw new NotFoundError('村(社区)');
    await assertUniqueInTown(trx, 'village', townId, { code: input.code }, id);
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<VillageRow>;
    const after: VillageRow = { ...before, ...patch };
    if (Object.keys(patch).length) await trx.updateTable('village').set(patch).where('townId', '=', townId).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      entity: 'village',
      entityId: id,
      action: 'update',
      summary: `修改村(社区) ${after.name}`,
      before: presentVillage(before),
      after: presentVillage(after),
    });
    return presentVillage(after);
  });
}
