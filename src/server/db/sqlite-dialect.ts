import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect } from 'kysely';

/**
 * Kysely's SQLite dialect with two changes for a file that more than one process writes (the server and a
 * `renda import` or `renda user` beside it):
 *
 * - Transactions start with BEGIN IMMEDIATE, taking the write lock at the start. A plain (deferred) BEGIN
 *   reads first and asks for the write lock at its first write; if another process has committed in
 *   between, SQLite cannot upgrade the stale read snapshot and fails at once with SQLITE_BUSY_SNAPSHOT,
 *   without waiting out the busy timeout. Measured: a town's import beside a server taking writes failed
 *   that way; with IMMEDIATE it waits its turn. Inside one process nothing changes (Kysely runs one
 *   transaction at a time on the one connection).
 * - A ROLLBACK is skipped when SQLite has already ended the transaction itself. SQLite rolls a transaction
 *   back on its own after some errors (SQLITE_FULL — a full disk —, SQLITE_IOERR, SQLITE_NOMEM); Kysely then
 *   sends ROLLBACK, which fails with "cannot rollback - no transaction is active", and that error replaces
 *   the real one, so the user is told "internal error" instead of "disk full". better-sqlite3 says whether
 *   a transaction is open (`inTransaction`).
 */
export class SqliteDialectKeepingErrors extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (!this.sqlite.inTransaction) return;
      await rollback(connection);
    };
    return driver;
  }
}

