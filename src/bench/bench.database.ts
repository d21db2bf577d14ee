import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../server/db/kysely.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { newId } from '../server/lib/ids.ts';

/**
 * A throw-away database for one benchmark run: a SQLite file in a temp folder (a file, not memory, so
 * the numbers include the page cache like a real deployment), or a schema of its own in PostgreSQL,
 * dropped afterwards.
 */
export async function benchDatabase(engine: 'sqlite' | 'postgres', pgUrl: string): Promise<Database> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-'));
    const d = openDatabase(path.join(dir, 'bench.sqlite'));
    await migrateToLatest(d.db);
    return {
      ...d,
      async close() {
        await d.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${newId().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const d = openDatabase(pgUrl, { pgSchema: schema });
  await migrateToLatest(d.db);
  return {
    ...d,
    async close() {
      await d.close();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
