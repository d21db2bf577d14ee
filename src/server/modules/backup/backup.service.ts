import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { type Engine, engineOf } from '../../db/kysely.ts';
import { migrations } from '../../db/migrations/index.ts';
import { VERSION } from '../../version.ts';
import {
  BACKUP_PREFIX,
  type CountRow,
  backupName,
  chooseBackupsToDelete,
  compareCounts,
  isPlainSchemaName,
  parseBackupName,
  schemaOfUrl,
} from './backup.rules.ts';

/*
 * Backups of the whole installation: the database and the uploaded files, in one folder with a manifest
 * that lists the sha256 of every file, so a restore can refuse a damaged copy before it changes anything.
 * SQLite is copied with the online backup API (consistent while the server writes); PostgreSQL with
 * `pg_dump -Fc` in the same snapshot the row counts are read from.
 */

const run = promisify(execFile);

export const MANIFEST = 'manifest.json';
const FILES = 'files';
const DB_FILE: Record<Engine, string> = { sqlite: 'database.sqlite', postgres: 'database.dump' };

export type Manifest = {
  format: 1;
  version: string;
  engine: Engine;
  createdAt: string;
  latestMigration: string | null;
  /** PostgreSQL: the schema that was dumped; null for the whole database (and for SQLite). */
  pgSchema: string | null;
  database: string;
  rowCounts: Record<string, number>;
  /** sha256 (hex) of every file in the backup folder except this manifest, by path relative to it. */
  sha256: Record<string, string>;
  /**
   * The audit log's chain heads at the backup (docs/audit.md): a copy kept outside the database, so a later
   * rewrite of the log up to its head is caught by comparing (the event at that seq must have that hash).
   */
  auditHeads: { chain: string; seq: number; lastHash: string }[];
};

/** A refusal the operator must read (the CLI prints the message as it is). */
export class BackupError extends Error {}

export type Target = {
  databaseUrl: string;
  /** PostgreSQL: the schema to back up or restore; default: the URL's search_path, else the whole database. */
  pgSchema?: string | null;
  filesDir: string;
};

function pgSchemaOf(t: Target): string | null {
  const s = t.pgSchema ?? schemaOfUrl(t.databaseUrl);
  if (s !== null && !isPlainSchemaName(s)) throw new BackupError(`PostgreSQL 模式名 ${s} 只能含小写字母、数字和下划线`);
  return s;
}

function sqlitePathOf(url: string): string {
  if (url === ':memory:') throw new BackupError('DATABASE_URL 是内存数据库（:memory:），没有可备份或恢复的文件');
  return path.resolve(url);
}

// ---- counting rows -----------------------------------------------------------------------------------

// Table names come from the database's own catalogue, never from input; identifiers cannot be bound as
// parameters, so they are quoted by the drivers' own rules.
function sqliteCounts(file: string): { counts: Record<string, number>; latest: string | null } {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    return sqliteCountsOn(db);
  } finally {
    db.close();
  }
}

type Counted = { counts: Record<string, number>; latest: string | null; auditHeads: Manifest['auditHeads'] };

function sqliteCountsOn(db: SqliteDatabase.Database): Counted {
  const tables = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%' order by name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = Number(
      db
        .prepare(`select count(*) from "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get(),
    );
  const latest = tables.includes('kysely_migration') ? ((db.prepare('select max(name) from kysely_migration').pluck().get() as string | null) ?? null) : null;
  const auditHeads = tables.includes('audit_chain')
    ? (db.prepare('select chain, seq, last_hash as lastHash from audit_chain order by chain').all() as Manifest['auditHeads'])
    : [];
  return { counts, latest, auditHeads };
}

function pgClient(url: string, schema: string | null): pg.Client {
  return new pg.Client({ connectionString: url, options: schema ? `-c search_path=${schema}` : undefined });
}

async function pgCountsOn(client: pg.Client, schema: string | null): Promise<Counted> {
  const where = schema ? 'table_schema = $1' : "table_schema not in ('pg_catalog', 'information_schema')";
  const r = await client.query<{ s: string; t: string }>(
    `select table_schema as s, table_name as t from information_schema.tables where ${where} and table_type = 'BASE TABLE' order by 1, 2`,
    schema ? [schema] : [],
  );
  const counts: Record<string, number> = {};
  for (const { s, t } of r.rows) {
    const key = schema ? t : `${s}.${t}`;
    const c = await client.query<{ n: string }>(`select count(*) as n from ${client.escapeIdentifier(s)}.${client.escapeIdentifier(t)}`);
    counts[key] = Number(c.rows[0]?.n ?? 0);
  }
  let latest: string | null = null;
  const hasMigrations = r.rows.some((x) => x.t === 'kysely_migration' && (schema === null || x.s === schema));
  if (hasMigrations) latest = (await client.query<{ m: string | null }>('select max(name) as m from kysely_migration')).rows[0]?.m ?? null;
  let auditHeads: Manifest['auditHeads'] = [];
  if (r.rows.some((x) => x.t === 'audit_chain' && (schema === null || x.s === schema))) {
    const h = await client.query<{ chain: string; seq: number | string; last_hash: string }>('select chain, seq, last_hash from audit_chain order by chain');
    auditHeads = h.rows.map((x) => ({ chain: x.chain, seq: Number(x.seq), lastHash: x.last_hash }));
  }
  return { counts, latest, auditHeads };
}

// ---- files and checksums -------------------------------------------------------------------------------

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out.sort();
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')));
  });
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

// ---- backup ------------------------------------------------------------------------------------------------

/**
 * Write `<dir>/renda-backup-YYYYMMDD-HHMMSS/`. Everything is written into a hidden temp folder in `dir` and
 * renamed at the end, so a backup that was killed midway is only a `.tmp-renda-backup-…` folder, never a
 * folder that looks complete; on an error the temp folder is removed.
 */
export async function createBackup(t: Target & { dir: string; now?: Date }): Promise<{ path: string; manifest: Manifest }> {
  const now = t.now ?? new Date();
  const engine = engineOf(t.databaseUrl);
  await fs.mkdir(t.dir, { recursive: true });
  const tmp = path.join(t.dir, `.tmp-${backupName(now)}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(tmp);
  try {
    const dbFile = path.join(tmp, DB_FILE[engine]);
    let counted: Counted;
    let pgSchema: string | null = null;
    if (engine === 'sqlite') {
      const src = new SqliteDatabase(sqlitePathOf(t.databaseUrl), { readonly: true, fileMustExist: true });
      try {
        await src.backup(dbFile);
      } finally {
        src.close();
      }
      // The copy keeps the source's WAL flag; a self-contained file (no -wal/-shm beside it) is what we
      // checksum and restore. The server turns WAL back on when it opens the restored file.
      const copy = new SqliteDatabase(dbFile);
      try {
        copy.pragma('journal_mode = DELETE');
        counted = sqliteCountsOn(copy);
      } finally {
        copy.close();
      }
    } else {
      pgSchema = pgSchemaOf(t);
      // Count rows and dump in one snapshot, so the manifest's counts are exactly what the dump holds.
      const client = pgClient(t.databaseUrl, pgSchema);
      await client.connect();
      try {
        await client.query('begin transaction isolation level repeatable read read only');
        const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s ?? '';
        counted = await pgCountsOn(client, pgSchema);
        const args = ['-Fc', `--snapshot=${snapshot}`, ...(pgSchema ? ['-n', pgSchema] : []), '-f', dbFile, '-d', t.databaseUrl];
        await run('pg_dump', args, { maxBuffer: 16 * 1024 * 1024 }).catch((err: Error & { stderr?: string }) => {
          throw new BackupError(`pg_dump 失败：${err.stderr?.trim() || err.message}`);
        });
        await client.query('commit');
      } finally {
        await client.end();
      }
    }
    // The files after the database: a file uploaded meanwhile may be in the copy without its row (harmless),
    // but every row in the copy has its file, because a file's bytes are stored before its row commits.
    const filesCopy = path.join(tmp, FILES);
    if (await exists(t.filesDir)) {
      // Skip the store's in-flight temp files (written then renamed, storage.ts).
      await fs.cp(t.filesDir, filesCopy, { recursive: true, filter: (src) => !src.endsWith('.tmp') });
    } else {
      await fs.mkdir(filesCopy);
    }
    const sha256: Record<string, string> = {};
    for (const f of await listFiles(tmp)) sha256[f] = await sha256File(path.join(tmp, f));
    const manifest: Manifest = {
      format: 1,
      version: VERSION,
      engine,
      createdAt: now.toISOString(),
      latestMigration: counted.latest,
      pgSchema,
      database: DB_FILE[engine],
      rowCounts: counted.counts,
      sha256,
      auditHeads: counted.auditHeads,
    };
    await fs.writeFile(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const final = await renameToFreeName(tmp, t.dir, now);
    return { path: final, manifest };
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function renameToFreeName(tmp: string, dir: string, now: Date): Promise<string> {
  for (let seq = 0; seq < 100; seq++) {
    const final = path.join(dir, backupName(now, seq));
    if (await exists(final)) continue;
    await fs.rename(tmp, final);
    return final;
  }
  throw new BackupError(`${dir} 中同一秒的备份过多`);
}

// ---- verify ----------------------------------------------------------------------------------------------

/** Read the manifest and check every file's sha256; throws a BackupError naming what is wrong. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new BackupError(`${dir} 不是完整的备份：没有可读的 ${MANIFEST}`);
  }
  if (manifest.format !== 1 || !manifest.sha256 || !manifest.database || !manifest.engine) throw new BackupError(`${dir}/${MANIFEST} 的格式无法识别`);
  const problems: string[] = [];
  const present = (await listFiles(dir)).filter((f) => f !== MANIFEST);
  for (const f of present) if (!(f in manifest.sha256)) problems.push(`多出文件 ${f}`);
  for (const [f, want] of Object.entries(manifest.sha256)) {
    if (!present.includes(f)) problems.push(`缺少文件 ${f}`);
    else if ((await sha256File(path.join(dir, f))) !== want) problems.push(`文件 ${f} 的校验和不符`);
  }
  if (!(manifest.database in manifest.sha256)) problems.push(`缺少数据库文件 ${manifest.database}`);
  if (problems.length) {
    const shown = problems.slice(0, 10).join('；') + (problems.length > 10 ? `；另有 ${problems.length - 10} 处` : '');
    throw new BackupError(`备份已损坏，未做任何改动：${shown}`);
  }
  return manifest;
}

// ---- restore ---------------------------------------------------------------------------------------------

/**
 * Restore a verified backup over the target database and files folder. Nothing is changed until the
 * checksums, the engine, the schema and the migration have been checked. SQLite: the server must be stopped
 * (a database open in another process is refused); the copy is written beside the database file and renamed
 * over it. PostgreSQL: restored in one transaction, so a failure leaves the database as it was.
 */
export async function restoreBackup(t: Target & { dir: string }): Promise<{ manifest: Manifest; counts: CountRow[] }> {
  const manifest = await verifyBackup(t.dir);
  const engine = engineOf(t.databaseUrl);
  if (manifest.engine !== engine) throw new BackupError(`这是 ${manifest.engine} 的备份，不能恢复到 ${engine} 数据库`);
  if (manifest.latestMigration && !(manifest.latestMigration in migrations)) {
    throw new BackupError(`备份来自更新的版本（迁移 ${manifest.latestMigration}，renda ${manifest.version}），请先升级 renda 再恢复`);
  }
  const source = path.join(t.dir, manifest.database);
  let actual: Record<string, number>;
  if (engine === 'sqlite') {
    const target = sqlitePathOf(t.databaseUrl);
    if (await exists(target)) assertSqliteNotInUse(target);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.restore-${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.copyFile(source, tmp);
      const h = await fs.open(tmp, 'r+');
      await h.sync();
      await h.close();
      // The old WAL belongs to the old file: applied to the restored one it would corrupt it. The in-use
      // check above closed the last connection, which checkpoints and removes it; these are leftovers.
      await fs.rm(`${target}-wal`, { force: true });
      await fs.rm(`${target}-shm`, { force: true });
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    actual = sqliteCounts(target).counts;
  } else {
    const schema = pgSchemaOf(t);
    if (schema !== manifest.pgSchema) {
      throw new BackupError(
        `备份是${manifest.pgSchema ? `模式 ${manifest.pgSchema}` : '整个数据库'}的，目标是${schema ? `模式 ${schema}` : '整个数据库'}，不能恢复`,
      );
    }
    await restorePostgres(t.databaseUrl, schema, source);
    const client = pgClient(t.databaseUrl, schema);
    await client.connect();
    try {
      actual = (await pgCountsOn(client, schema)).counts;
    } finally {
      await client.end();
    }
  }
  await restoreFiles(path.join(t.dir, FILES), t.filesDir);
  return { manifest, counts: compareCounts(manifest.rowCounts, actual) };
}

/**
 * One schema: drop it and load the dump in one psql transaction, so the schema ends exactly as backed up even
 * when it has gained tables since (a newer version's migration), which pg_restore --clean cannot drop. The
 * dump is turned into SQL in a temp file first: piped, a pg_restore that died midway would still be committed.
 * The whole database: pg_restore --clean --if-exists --single-transaction; objects the backup does not know
 * stay (docs/deploy.md).
 */
async function restorePostgres(url: string, schema: string | null, dump: string): Promise<void> {
  const opts = { maxBuffer: 16 * 1024 * 1024 };
  const failed = (err: Error & { stderr?: string }) => {
    throw new BackupError(`PostgreSQL 恢复失败，数据库未改动：${err.stderr?.trim() || err.message}`);
  };
  if (!schema) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '-d', url, dump], opts).catch(failed);
    return;
  }
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'renda-restore-'));
  try {
    const script = path.join(work, 'restore.sql');
    await run('pg_restore', ['--no-owner', '-f', script, dump], opts).catch(failed);
    // The schema name passed isPlainSchemaName (lower-case letters, digits, _): nothing in it needs quoting.
    await run(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', url, '-c', `drop schema if exists ${schema} cascade`, '-f', script],
      opts,
    ).catch(failed);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * Another process with the database open (the server) holds a shared lock that an EXCLUSIVE transaction
 * cannot get past; with no busy wait, that answers at once. It cannot see a server started after it, so the
 * operator still stops the server first (docs/deploy.md).
 */
function assertSqliteNotInUse(file: string): void {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new BackupError(`数据库 ${file} 正在使用：请先停止 renda 服务再恢复，未做任何改动`);
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Make the files folder hold exactly the backup's files. Emptied in place rather than swapped by a rename, so
 * FILES_DIR may be a mount point (NFS, docs/deploy.md); a crash midway is mended by running the restore again.
 */
async function restoreFiles(from: string, filesDir: string): Promise<void> {
  await fs.mkdir(filesDir, { recursive: true });
  for (const e of await fs.readdir(filesDir)) await fs.rm(path.join(filesDir, e), { recursive: true, force: true });
  await fs.cp(from, filesDir, { recursive: true });
}

// ---- retention -------------------------------------------------------------------------------------------

/** Delete the complete backups in `dir` beyond the newest `keep` (backup.rules.ts decides which). */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const described = await Promise.all(
    entries
      .filter((e) => e.name.startsWith(BACKUP_PREFIX) && parseBackupName(e.name))
      .map(async (e) => ({ name: e.name, isDirectory: e.isDirectory(), hasManifest: e.isDirectory() && (await exists(path.join(dir, e.name, MANIFEST))) })),
  );
  const doomed = chooseBackupsToDelete(described, keep);
  for (const name of doomed) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  return doomed;
}
