import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { type Database, type Engine, openDatabase } from '../../server/db/kysely.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { newId } from '../../server/lib/ids.ts';

/** The floor's own handle on the same data: a better-sqlite3 connection, or a pg pool. */
export type RawDb = { engine: 'sqlite'; sqlite: SqliteDatabase.Database } | { engine: 'postgres'; pool: pg.Pool };

export type LoadDatabase = Database & { raw: RawDb };

/**
 * A throw-away database for the throughput run, like bench.database.ts (a SQLite file in a temp folder,
 * or a PostgreSQL schema of its own, dropped afterwards), plus a raw handle for the floor. openDatabase
 * keeps its driver to itself, so the floor opens its own: one better-sqlite3 connection with the same
 * pragmas (the app also has one), or a pool of the same size and search path (the app's is max 10).
 */
export async function loadDatabase(engine: Engine, pgUrl: string): Promise<LoadDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-load-'));
    const file = path.join(dir, 'load.sqlite');
    const d = openDatabase(file);
    await migrateToLatest(d.db);
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    return {
      ...d,
      raw: { engine: 'sqlite', sqlite },
      async close() {
        sqlite.close();
        await d.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `load_${newId().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const d = openDatabase(pgUrl, { pgSchema: schema });
  await migrateToLatest(d.db);
  const pool = new pg.Pool({ connectionString: pgUrl, max: 10, options: `-c search_path=${schema}` });
  return {
    ...d,
    raw: { engine: 'postgres', pool },
    async close() {
      await pool.end();
      await d.close();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
