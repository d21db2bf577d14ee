import { type Kysely, type TableMetadata, sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/db/kysely.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { newId } from '../src/server/lib/ids.ts';
import type { DB } from '../src/server/db/schema.ts';

/** Which engine this run of the suite uses: TEST_DB=postgres runs the same tests on PostgreSQL. */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_URL = process.env.DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh, migrated database for one test file: an in-memory SQLite, or a schema of its own in the
 * PostgreSQL test database (so files run in parallel without seeing each other).
 */
export async function freshDatabase(): Promise<Database> {
  if (TEST_ENGINE === 'sqlite') {
    const d = openDatabase(':memory:');
    await migrateToLatest(d.db);
    return d;
  }
  const schema = `t_${newId().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const d = openDatabase(PG_URL, { pgSchema: schema });
  await migrateToLatest(d.db);
  return {
    ...d,
    async close() {
      await d.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * The tables of this test's database as Kysely introspects them. On PostgreSQL the introspection lists every
 * schema of the shared test database (one per test file running in parallel), so only the current schema's
 * are kept; counting them all made a per-request fingerprint 10× slower and counted other files' rows.
 */
export async function ownTables(db: Kysely<DB>): Promise<TableMetadata[]> {
  const tables = await db.introspection.getTables();
  if (TEST_ENGINE === 'sqlite') return tables;
  const mine = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  return tables.filter((t) => t.schema === mine);
}
