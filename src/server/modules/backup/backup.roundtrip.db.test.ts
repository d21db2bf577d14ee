import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PG_URL, TEST_ENGINE, freshDatabase } from '../../../../test/db.ts';
import { makeCounty, makeDeputy, makeTerm, makeTown, makeUnit } from '../../../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { newId } from '../../lib/ids.ts';
import { LocalFileStore } from '../../lib/storage.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { backupTicker } from './backup.schedule.ts';
import { createBackup, restoreBackup } from './backup.service.ts';

/*
 * Back up, damage the data, restore, and the rows and the uploaded bytes are back exactly; a backup with one
 * byte changed is refused and nothing changes; the daily timer (fake clock, two processes) backs up once a
 * day and keeps BACKUP_KEEP. SQLite runs on a real file (the backup API needs one); PostgreSQL backs up and
 * restores this test file's own schema.
 */

let tmp: string;
let database: Database;
let databaseUrl: string;
let pgSchema: string | null = null;
let filesDir: string;
let store: LocalFileStore;
const db = () => database.db;
const keyA = newId();
const keyB = newId();
const bytesA = Buffer.from('%PDF-1.4 第一份文件 original bytes');
const bytesB = Buffer.from('second file, original');

async function open(): Promise<void> {
  database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'renda-backup-test-'));
  filesDir = path.join(tmp, 'files');
  store = new LocalFileStore(filesDir);
  if (TEST_ENGINE === 'sqlite') {
    databaseUrl = path.join(tmp, 'renda.db');
    await open();
  } else {
    database = await freshDatabase();
    databaseUrl = PG_URL;
    pgSchema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s ?? null;
  }
  const county = await makeCounty(db());
  const town = await makeTown(db(), county.id, 'T01', '青石镇');
  const term = await makeTerm(db(), town.id);
  for (const code of ['D1', 'D2', 'D3']) await makeDeputy(db(), town.id, term.id, { code, name: `代表${code}` });
  await makeUnit(db(), town.id, 'U1', '镇农业办');
  // Two audit events, so the county's audit chain has a head for the manifest to carry.
  const principal = { userId: 'u1', username: 'admin', displayName: '管理员', role: 'town_admin' as const, countyId: county.id, townId: town.id, deputyId: null, unitId: null, stationId: null, sessionId: 's', csrfToken: 'c', mustChangePassword: false };
  await db().transaction().execute(async (trx) => {
    for (const n of [1, 2]) await recordAudit(trx, { db: trx, principal, requestId: `r${n}`, ip: '127.0.0.1' }, { entity: 'deputy', entityId: `e${n}`, action: 'create', summary: `测试 ${n}` });
  });
  for (const [key, bytes, name] of [
    [keyA, bytesA, '会议纪要.pdf'],
    [keyB, bytesB, 'b.pdf'],
  ] as const) {
    await store.put(key, bytes);
    await db()
      .insertInto('storedFile')
      .values({
        id: key,
        townId: town.id,
        name,
        kind: 'pdf',
        mime: 'application/pdf',
        size: bytes.length,
        sha256: sha(bytes),
        storageKey: key,
        uploadedBy: null,
        uploadedAt: new Date().toISOString(),
      })
      .execute();
  }
});

afterAll(async () => {
  await database.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Full contents of a few tables, in id order. */
async function snapshot() {
  return {
    town: await db().selectFrom('town').selectAll().orderBy('id').execute(),
    deputy: await db().selectFrom('deputy').selectAll().orderBy('id').execute(),
    handlingUnit: await db().selectFrom('handlingUnit').selectAll().orderBy('id').execute(),
    storedFile: await db().selectFrom('storedFile').selectAll().orderBy('id').execute(),
  };
}

const target = () => ({ databaseUrl, pgSchema, filesDir });

describe(`backup and restore (${TEST_ENGINE})`, () => {
  let backupDir: string;

  it('restores the rows and the uploaded files exactly as they were', async () => {
    const before = await snapshot();
    expect(before.deputy).toHaveLength(3);
    // Taken with the database open (as beside a running server).
    const { path: dir, manifest } = await createBackup({ ...target(), dir: path.join(tmp, 'backups'), now: new Date('2026-12-07T18:00:00Z') });
    backupDir = dir;
    expect(path.basename(dir)).toBe('renda-backup-20261208-020000');
    expect(manifest.engine).toBe(TEST_ENGINE);
    expect(manifest.pgSchema).toBe(pgSchema);
    expect(manifest.latestMigration).toBe(Object.keys(migrations).sort().at(-1));
    expect(manifest.rowCounts).toMatchObject({ deputy: 3, handling_unit: 1, stored_file: 2, town: 1 });
    // The audit chain heads ride along (docs/audit.md, anchoring): the same as the database's at the backup.
    const heads = await db().selectFrom('auditChain').select(['chain', 'seq', 'lastHash']).orderBy('chain').execute();
    expect(heads.length).toBeGreaterThan(0);
    expect(manifest.auditHeads).toEqual(heads.map((h) => ({ chain: h.chain, seq: Number(h.seq), lastHash: h.lastHash })));
    const fileKey = `files/${keyA.slice(-2)}/${keyA.slice(-4, -2)}/${keyA}`;
    expect(manifest.sha256[fileKey]).toBe(sha(bytesA));
    expect(Object.keys(manifest.sha256)).toContain(manifest.database);
    // Nothing but the finished folder is left in the backup folder.
    expect(await fs.readdir(path.join(tmp, 'backups'))).toEqual([path.basename(dir)]);

    // Change, delete and add rows and files.
    await db().updateTable('deputy').set({ name: '改过的名字' }).execute();
    await db().deleteFrom('handlingUnit').execute();
    await db().deleteFrom('storedFile').where('id', '=', keyB).execute();
    const town = before.town[0];
    if (!town) throw new Error('no town');
    await makeDeputy(db(), town.id, before.deputy[0]?.termId ?? '', { code: 'D9' });
    await store.remove(keyA);
    await store.put(keyB, Buffer.from('overwritten'));
    const extra = newId();
    await store.put(extra, Buffer.from('uploaded after the backup'));
    // A table the backup does not have (as a newer version's migration would add) is gone after the restore.
    await sql`create table added_after_backup (a integer)`.execute(db());
    expect(await snapshot()).not.toEqual(before);

    if (TEST_ENGINE === 'sqlite') {
      // A database another connection has open (the server) is refused, and stays as it is.
      await expect(restoreBackup({ ...target(), dir })).rejects.toThrow(/正在使用/);
      expect(await db().selectFrom('deputy').select('name').where('code', '=', 'D1').executeTakeFirst()).toEqual({ name: '改过的名字' });
      await database.close();
    }
    const { counts } = await restoreBackup({ ...target(), dir });
    if (TEST_ENGINE === 'sqlite') await open();

    expect(counts.filter((c) => !c.same)).toEqual([]);
    expect(counts.map((c) => c.table)).not.toContain('added_after_backup');
    expect(counts.map((c) => c.table)).toContain('deputy');
    expect(await snapshot()).toEqual(before);
    expect(await store.get(keyA)).toEqual(bytesA);
    expect(await store.get(keyB)).toEqual(bytesB);
    expect(await store.get(extra)).toBeNull();
  });

  it('refuses a backup with one byte changed in the database file and changes nothing', async () => {
    const damaged = path.join(tmp, 'damaged', path.basename(backupDir));
    await fs.cp(backupDir, damaged, { recursive: true });
    const dbFile = path.join(damaged, TEST_ENGINE === 'sqlite' ? 'database.sqlite' : 'database.dump');
    const bytes = await fs.readFile(dbFile);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await fs.writeFile(dbFile, bytes);

    await db().updateTable('deputy').set({ name: '恢复之后又改' }).where('code', '=', 'D2').execute();
    await store.put(keyB, Buffer.from('changed after restore'));
    const before = await snapshot();
    // The database stays open: the checksum refusal comes before any other check or change.
    await expect(restoreBackup({ ...target(), dir: damaged })).rejects.toThrow(/备份已损坏，未做任何改动：文件 database\.(sqlite|dump) 的校验和不符/);
    expect(await snapshot()).toEqual(before);
    expect((await store.get(keyB))?.toString()).toBe('changed after restore');
    expect(await store.get(keyA)).toEqual(bytesA);
  });

  it('the daily timer backs up once a day in one of two processes and keeps BACKUP_KEEP', async () => {
    const dir = path.join(tmp, 'scheduled');
    await fs.mkdir(path.join(dir, 'renda-backup-20200101-000000'), { recursive: true }); // no manifest
    await fs.mkdir(path.join(dir, '.tmp-renda-backup-20200101-000000-deadbeef'));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not a backup');
    const config = {
      ...loadConfig({ DATABASE_URL: databaseUrl, FILES_DIR: filesDir, BACKUP_DIR: dir, BACKUP_KEEP: '2', BACKUP_HOUR_CHINA: '2' }),
    };
    let now = new Date();
    const clock = () => now;
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const p1 = backupTicker({ db: db(), config, log, now: clock, holder: 'p1', pgSchema });
    const p2 = backupTicker({ db: db(), config, log, now: clock, holder: 'p2', pgSchema });

    const made: string[] = [];
    for (const day of ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']) {
      const prev = new Date(new Date(`${day}T00:00:00Z`).getTime() - 24 * 3600_000).toISOString().slice(0, 10);
      now = new Date(`${prev}T17:30:00Z`); // 01:30 China: not yet
      expect(await p1()).toBeNull();
      expect(await p2()).toBeNull();
      now = new Date(`${prev}T18:05:00Z`); // 02:05 China
      const first = day === '2026-12-11' ? p2 : p1; // either process may be the one
      const other = first === p1 ? p2 : p1;
      const r = await first();
      expect(r?.path).toBeDefined();
      made.push(path.basename(r?.path ?? ''));
      expect(await other()).toBeNull(); // the day's lease is taken
      now = new Date(`${prev}T20:00:00Z`); // later the same day
      expect(await first()).toBeNull();
      expect(await other()).toBeNull();
    }
    expect(log.error).not.toHaveBeenCalled();
    expect(made).toEqual(['renda-backup-20261210-020500', 'renda-backup-20261211-020500', 'renda-backup-20261212-020500', 'renda-backup-20261213-020500']);
    expect((await fs.readdir(dir)).sort()).toEqual(
      [
        '.tmp-renda-backup-20200101-000000-deadbeef',
        'notes.txt',
        'renda-backup-20200101-000000',
        'renda-backup-20261212-020500',
        'renda-backup-20261213-020500',
      ].sort(),
    );
  });
});
