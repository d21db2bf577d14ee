import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { ConflictError, fieldLabel } from '../http/errors.ts';
import type { DB } from './schema.ts';

type TownTable = 'handlingUnit' | 'deputy' | 'station' | 'deputyGroup' | 'village' | 'activityKind';

/**
 * Check that values meant to be unique inside a town are free, before the insert, so the user gets
 * "编码 U001 已存在" naming the field instead of a constraint error. The unique index still guards races.
 */
export async function assertUniqueInTown(
  db: Kysely<DB>,
  table: TownTable,
  townId: string,
  values: Record<string, string | null | undefined>,
  exceptId?: string,
): Promise<void> {
  for (const [col, val] of Object.entries(values)) {
    if (val === undefined || val === null || val === '') continue;
    let q = (db as Kysely<any>).selectFrom(table).select('id').where('townId', '=', townId).where(col, '=', val);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const hit = await q.executeTakeFirst();
    if (hit) throw new ConflictError(`${fieldLabel(col)} “${val}” 已存在`, { issues: [{ field: `body.${col}`, message: '已存在' }] });
  }
}

/**
 * True for a unique-constraint violation on either engine (SQLite SQLITE_CONSTRAINT_UNIQUE /
 * PRIMARYKEY, PostgreSQL 23505): two writers that raced past a check such as the next automatic code.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Run a write that picks automatic codes again when a concurrent writer took the same code first.
 * `write` must be a whole transaction, so a failed attempt left nothing behind.
 */
export async function retryOnUniqueViolation<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}

/**
 * Serialise, within one town, the transactions that pick the next automatic code (A00001, F0001, M001,
 * T001, a meeting's number …): on PostgreSQL a transaction-scoped advisory lock keyed by the town, so a
 * second writer waits for the first to commit and then reads its code; SQLite runs one write
 * transaction at a time already. Called first in the transaction; released at its end.
 */
export async function lockTownCodes(trx: Kysely<DB>, townId: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`renda-codes:${townId}`}))`.execute(trx);
}
