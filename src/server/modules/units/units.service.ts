import type { z } from 'zod';
import { NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type UnitRow, findUnit, listUnits, nextUnitCode } from './units.repo.ts';
import type { UnitInput, UnitQuery, UnitUpdate } from './units.schemas.ts';
import { assertUniqueInTown } from '../../db/unique.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';

export function presentUnit(r: UnitRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    address: r.address,
    active: r.active === 1,
    version: r.version,
  };
}

export async function listUnitsUseCase(ctx: Ctx, q: z.infer<typeof UnitQuery>) {
  const townId = townOf(ctx);
  const { rows, total } = await listUnits(ctx.db, townId, {
    q: q.q,
    kind: q.kind,
    active: q.active === undefined ? undefined : q.active === 'true',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentUnit), total, page: q.page, pageSize: q.pageSize };
}

export async function getUnit(ctx: Ctx, id: string) {
  const row = await findUnit(ctx.db, townOf(ctx), id);
  if (!row) throw new NotFoundError('承办单位');
  return presentUnit(row);
}

export async function createUnit(ctx: Ctx, input: z.infer<typeof UnitInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const code = input.code || (await nextUnitCode(trx, townId));
    await assertUniqueInTown(trx, 'handlingUnit', townId, { code, name: input.name });
    const ts = nowIso();
    const row = {
      id: newId(),
      townId,
      code,
      name: input.name,
      kind: input.kind,
      contactName: input.contactName ?? '',
      contactPhone: input.contactPhone ?? '',
      address: input.address ?? '',
      active: input.active === false ? 0 : 1,
      version: 1,
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('handlingUnit').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'handling_unit', entityId: row.id, action: 'create', summary: `新增承办单位 ${row.name}`, after: presentUnit(row) });
    return presentUnit(row);
  });
}

export async function updateUnit(ctx: Ctx, id: string, input: z.infer<typeof UnitUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findUnit(trx, townId, id);
    if (!before) throw new NotFoundError('承办单位');
    assertVersion(before, input.version);
    const { version: _v, active, ...rest } = input;
    const patch = { ...rest, ...(active === undefined ? {} : { active: active ? 1 : 0 }) };
    await assertUniqueInTown(trx, 'handlingUnit', townId, { code: patch.code, name: patch.name }, id);
    const after: UnitRow = { ...before, ...patch, version: before.version + 1, updatedAt: nowIso() };
    await updateVersioned(trx, 'handlingUnit', { townId }, id, input.version, { ...patch, updatedAt: after.updatedAt });
    await recordAudit(trx, ctx, { entity: 'handling_unit', entityId: id, action: 'update', summary: `修改承办单位 ${after.name}`, before: presentUnit(before), after: presentUnit(after) });
    return presentUnit(after);
  });
}
