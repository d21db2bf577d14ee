import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/db/schema.ts';

/* What the reliability runs check once the server is down or restarted: read straight from the database. */

/** The acknowledged reception ids the database does not hold (should be none). Chunked: one query per 500. */
export async function findLostWrites(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('reception')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return ids.filter((id) => !found.has(id));
}

/** SQLite's own check of the file's structure: 'ok' or the problems it lists. */
export function sqliteIntegrity(file: string): string {
  const d = new SqliteDatabase(file, { readonly: true });
  try {
    const rows = d.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    d.close();
  }
}

/** Rows a town holds in the tables a town import writes, by town code (all zero when the town is not there). */
export async function townRows(db: Kysely<DB>, townCode: string): Promise<Record<string, number>> {
  const town = await db.selectFrom('town').select('id').where('code', '=', townCode).executeTakeFirst();
  const out: Record<string, number> = {};
  for (const table of ['deputy', 'station', 'activity', 'reception', 'suggestion', 'finding'] as const) {
    if (!town) {
      out[table] = 0;
      continue;
    }
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(snake(table))} where town_id = ${town.id}`.execute(db);
    out[table] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
