import type { Kysely, Selectable } from 'kysely';
import { containsCi } from '../../db/sql-helpers.ts';
import type { DB, HandlingUnitTable } from '../../db/schema.ts';
import { codeCounter } from '../../lib/auto-code.ts';

export type UnitRow = Selectable<HandlingUnitTable>;

/** Every query takes the town: no unit is ever read across towns. */
export function findUnit(db: Kysely<DB>, townId: string, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('handlingUnit').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function listUnits(
  db: Kysely<DB>,
  townId: string,
  f: { q?: string; kind?: string; active?: boolean; limit: number; offset: number },
): Promise<{ rows: UnitRow[]; total: number }> {
  let base = db.selectFrom('handlingUnit').where('townId', '=', townId);
  if (f.q) base = base.where((eb) => eb.or([containsCi('name', f.q as string), containsCi('contact_name', f.q as string)]));
  if (f.kind) base = base.where('kind', '=', f.kind as UnitRow['kind']);
  if (f.active !== undefined) base = base.where('active', '=', f.active ? 1 : 0);
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('code').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

/** The next automatic code U001, U002…: one past the highest U-number of the town, from a single read. */
export async function nextUnitCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('handlingUnit').select('code').where('townId', '=', townId).execute();
  return codeCounter('U', 3, rows.map((r) => r.code))();
}
