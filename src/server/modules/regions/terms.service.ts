import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { fieldConflict } from './field-conflict.ts';
import { type TermRow, findTerm, listTerms, servingDeputiesByTerm, termByNumber } from './regions.repo.ts';
import { currentTermId, termName } from './regions.rules.ts';
import type { TermInput, TermUpdate } from './regions.schemas.ts';

function auditView(r: TermRow) {
  return { number: r.number, startDate: r.startDate, endDate: r.endDate };
}

/** The town's terms, newest first, each with its name, whether it is current, and its serving deputies. */
export async function listTermsUseCase(ctx: Ctx) {
  const townId = townOf(ctx);
  const [rows, counts] = await Promise.all([listTerms(ctx.db, townId), servingDeputiesByTerm(ctx.db, townId)]);
  const current = currentTermId(rows, todayInChina());
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: termName(r.number),
    startDate: r.startDate,
    endDate: r.endDate,
    current: r.id === current,
    deputyCount: counts.get(r.id) ?? 0,
  }));
}

/** The id of the town's current term, or null when none has started. */
export async function currentTermOf(db: Kysely<DB>, townId: string): Promise<string | null> {
  return currentTermId(await listTerms(db, townId), todayInChina());
}

function assertDates(startDate: string, endDate: string | null): void {
  if (endDate !== null && endDate < startDate) throw ValidationError.field('body.endDate', '不能早于开始日期');
}

async function presentOne(ctx: Ctx, id: string) {
  const found = (await listTermsUseCase(ctx)).find((t) => t.id === id);
  if (!found) throw new NotFoundError('届次');
  return found;
}

export async function createTerm(ctx: Ctx, input: z.infer<typeof TermInput>) {
  const townId = townOf(ctx);
  const endDate = input.endDate ?? null;
  assertDates(input.startDate, endDate);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await termByNumber(trx, townId, input.number)) throw fieldConflict('body.number', `${termName(input.number)}已存在`);
    const row: TermRow = { id: newId(), townId, number: input.number, startDate: input.startDate, endDate };
    await trx.insertInto('term').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'term', entityId: row.id, action: 'create', summary: `新增${termName(row.number)}`, after: auditView(row) });
    return row.id;
  });
  return presentOne(ctx, id);
}

export async function updateTerm(ctx: Ctx, id: string, input: z.infer<typeof TermUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findTerm(trx, townId, id);
    if (!before) throw new NotFoundError('届次');
    const after: TermRow = {
      ...before,
      ...(input.number === undefined ? {} : { number: input.number }),
      ...(input.startDate === undefined ? {} : { startDate: input.startDate }),
      ...(input.endDate === undefined ? {} : { endDate: input.endDate }),
    };
    assertDates(after.startDate, after.endDate);
    if (after.number !== before.number && (await termByNumber(trx, townId, after.number, id))) {
      throw fieldConflict('body.number', `${termName(after.number)}已存在`);
    }
    await trx
      .updateTable('term')
      .set({ number: after.number, startDate: after.startDate, endDate: after.endDate })
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      entity: 'term',
      entityId: id,
      action: 'update',
      summary: `修改${termName(after.number)}`,
      before: auditView(before),
      after: auditView(after),
    });
  });
  return presentOne(ctx, id);
}
