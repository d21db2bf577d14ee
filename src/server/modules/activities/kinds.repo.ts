import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { ActivityKindTable, DB } from '../../db/schema.ts';
import { codeCounter } from '../../lib/auto-code.ts';

export type KindRow = Selectable<ActivityKindTable>;

export function findKind(db: Kysely<DB>, townId: string, id: string): Promise<KindRow | undefined> {
  return db.selectFrom('activityKind').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function countKinds(db: Kysely<DB>, townId: string): Promise<number> {
  const r = await db.selectFrom('activityKind').select((eb) => eb.fn.countAll<number>().as('n')).where('townId', '=', townId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listKinds(db: Kysely<DB>, townId: string, f: { active?: boolean; limit: number; offset: number }): Promise<{ rows: KindRow[]; total: number }> {
  let base = db.selectFrom('activityKind').where('townId', '=', townId);
  if (f.active !== undefined) base = base.where('active', '=', f.active ? 1 : 0);
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('sortOrder').orderBy('code').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

/**
 * Insert the rows that are not there yet. Two first readers of a new town may seed at the same moment;
 * the unique indexes (town + code, town + name) let one of them in and the other insert nothing.
 */
export async function insertKindsIfAbsent(db: Kysely<DB>, rows: Insertable<ActivityKindTable>[]): Promise<number> {
  if (!rows.length) return 0;
  const res = await db
    .insertInto('activityKind')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** The next automatic code K01, K02…: one past the highest K-number of the town. */
export async function nextKindCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('activityKind').select('code').where('townId', '=', townId).execute();
  return codeCounter('K', 2, rows.map((r) => r.code))();
}

export function kindsByIds(db: Kysely<DB>, townId: string, ids: string[]): Promise<KindRow[]> {
  return db.selectFrom('activityKind').selectAll().where('townId', '=', townId).where('id', 'in', ids).execute();
}

/** New sort orders through a CASE on the id: one statement for the whole list (at most 200 kinds). The
 * orders are integers made here, written as literals so PostgreSQL types the CASE as integer. */
export async function setKindOrder(db: Kysely<DB>, townId: string, changes: { id: string; sortOrder: number }[], updatedAt: string): Promise<void> {
  const order = sql<number>`case ${sql.ref('id')} ${sql.join(
    changes.map((c) => sql`when ${c.id} then ${sql.lit(c.sortOrder)}`),
    sql` `,
  )} end`;
  await db
    .updateTable('activityKind')
    .set((eb) => ({ sortOrder: order, updatedAt, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', 'in', changes.map((c) => c.id))
    .execute();
}
