import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { SqliteDialectKeepingErrors } from './sqlite-dialect.ts';

export type Engine = 'sqlite' | 'postgres';

/** An open database: the typed query builder, which engine it is, and how to close it. */
export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
};

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

// PostgreSQL returns bigint (count(*), sum) as strings; every count we keep fits a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type OpenOptions = {
  /** PostgreSQL only: run in this schema (tests give every file its own). */
  pgSchema?: string;
};

/**
 * Open either engine. Table and column names are snake_case in SQL and camelCase in TypeScript
 * (CamelCasePlugin), so the same code reads the same on both engines.
 */
export function openDatabase(url: string, opts: OpenOptions = {}): Database {
  const plugins = [new CamelCasePlugin()];
  if (engineOf(url) === 'postgres') {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      options: opts.pgSchema ? `-c search_path=${opts.pgSchema}` : undefined,
    });
    // A pooled connection that the server drops (PostgreSQL restarted, a network cut) is reported as an
    // 'error' event; without a listener Node treats it as uncaught and the whole process dies. The pool
    // discards that client and opens a new one on the next query, so noting it is enough.
    // A client checked out of the pool (inside a transaction, between two statements) reports it on the
    // client instead, with the same result; the statement in flight fails and the request answers 503.
    const lost = (err: Error) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`, { code: 'RENDA_PG_CONNECTION_LOST' });
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SqliteDatabase(url);
  // WAL lets readers run beside the writer; foreign keys are off by default in SQLite; the busy
  // timeout makes a second process (the CLI beside a running server) wait instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // The statement cache (statement-cache.ts) is built and measured but not switched on: a CI run of the browser
  // tests with it on failed in ways not yet explained (docs/performance.md). cachingDatabase(sqlite) turns it on.
  const db = new Kysely<DB>({ dialect: new SqliteDialectKeepingErrors(sqlite), plugins });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}
