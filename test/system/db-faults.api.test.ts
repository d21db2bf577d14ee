import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { type TestCtx, clientFor, setupApi } from '../app.ts';
import { PG_URL, TEST_ENGINE } from '../db.ts';

/*
 * The database failing under the app: a full disk and a read-only database give the user a clear
 * answer (not "internal error"), and nothing is half-written — the counts are as before and, on SQLite,
 * the file passes its integrity check. A full disk is simulated with SQLite's max_page_count (the same
 * SQLITE_FULL path a full disk takes); read-only with SQLite's query_only and PostgreSQL's
 * default_transaction_read_only (the state of a standby or a database an operator has frozen).
 */

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

const unit = (n: number) => ({ name: `故障测试单位${n}`, kind: 'town_office', contactName: '张三'.repeat(20), address: '某某路'.repeat(60) });
const counts = async (db: Kysely<DB>) => {
  const u = await db
    .selectFrom('handlingUnit')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const a = await db
    .selectFrom('auditEvent')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { units: Number(u.n), audit: Number(a.n) };
};

describe('database faults', () => {
  it.runIf(TEST_ENGINE === 'sqlite')(
    'a full disk: 507 with a clear message, nothing written, the file intact, and writing resumes once there is room',
    async () => {
      const admin = await t.as('town_admin');
      expect((await admin.post('/api/v1/units', unit(1))).statusCode).toBe(201);
      const before = await counts(t.db);
      // (CamelCasePlugin renames the pragma's column too.)
      const pages = await sql<{ pageCount: number }>`pragma page_count`.execute(t.db);
      const pageCount = Number(pages.rows[0]?.pageCount);
      expect(pageCount).toBeGreaterThan(10);
      // No page may be added: the next insert that needs one fails as on a full disk.
      await sql.raw(`pragma max_page_count = ${pageCount}`).execute(t.db);
      const refused: number[] = [];
      let tried = 0;
      // Room left inside the file's pages takes some inserts first; then every write is refused.
      for (let i = 0; i < 400 && refused.length < 5; i++, tried++) {
        const res = await admin.post('/api/v1/units', unit(100 + i));
        if (res.statusCode !== 201) {
          expect(res.statusCode, res.body).toBe(507);
          expect(res.json()).toMatchObject({ code: 'STORAGE_FULL' });
          expect(res.json().message).toContain('存储空间已满');
          refused.push(i);
        }
      }
      expect(refused.length).toBe(5);
      const during = await counts(t.db);
      // Every accepted insert wrote its audit event with it, every refused one neither.
      expect(during.units - before.units).toBe(tried - refused.length);
      expect(during.audit - before.audit).toBe(tried - refused.length);
      const check = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(t.db);
      expect(check.rows.map((r) => r.integrityCheck)).toEqual(['ok']);
      await sql.raw('pragma max_page_count = 1073741823').execute(t.db);
      expect((await admin.post('/api/v1/units', unit(999))).statusCode).toBe(201);
    },
  );

  it.runIf(TEST_ENGINE === 'sqlite')('a read-only database: 503 READ_ONLY, reads still answer, nothing written', async () => {
    const admin = await t.as('town_admin');
    const before = await counts(t.db);
    await sql.raw('pragma query_only = 1').execute(t.db);
    try {
      const res = await admin.post('/api/v1/units', unit(2));
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({ code: 'READ_ONLY' });
      expect(res.json().message).toContain('只读');
      expect((await admin.get('/api/v1/units')).statusCode).toBe(200);
    } finally {
      await sql.raw('pragma query_only = 0').execute(t.db);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it.runIf(TEST_ENGINE === 'postgres')('a read-only database: 503 READ_ONLY, reads still answer, nothing written', async () => {
    const admin = await t.as('town_admin');
    const before = await counts(t.db);
    // The same schema through a pool whose sessions are read-only, as on a standby.
    const schema = ((await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0] as { s: string }).s;
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema} -c default_transaction_read_only=on` });
    const roDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-ro-'));
    const app = await buildApp({ db: roDb, engine: 'postgres', config: { ...loadConfig({}), webDist: '/nonexistent', filesDir: files } });
    try {
      const c = clientFor(app, admin.cookie, admin.csrf);
      const res = await c.post('/api/v1/units', unit(3));
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({ code: 'READ_ONLY' });
      expect((await c.get('/api/v1/units')).statusCode).toBe(200);
    } finally {
      await app.close();
      await roDb.destroy();
      fs.rmSync(files, { recursive: true, force: true });
    }
    expect(await counts(t.db)).toEqual(before);
  });
});
