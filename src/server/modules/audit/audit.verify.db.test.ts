import { type Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PG_URL, TEST_ENGINE, freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit, recordAudits } from './audit.repo.ts';
import { verifyAuditChain } from './audit.verify.ts';

/* The hash chain on a real database, on this run's engine: what verify finds, and what the triggers refuse. */

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});
async function fresh(): Promise<Database> {
  const d = await freshDatabase();
  open.push(d);
  return d;
}

function ctxOn(db: Kysely<DB>, countyId: string | null = 'C1'): Ctx {
  return {
    db,
    requestId: 'req-1',
    ip: '127.0.0.1',
    principal: {
      userId: 'u1',
      username: 'admin_a',
      displayName: '管理员',
      role: 'town_admin',
      countyId: countyId as string,
      townId: 'T1',
      deputyId: null,
      unitId: null,
      stationId: null,
      sessionId: 's1',
      csrfToken: 'x',
      mustChangePassword: false,
    },
  };
}

const input = (i: number) => ({ entity: 'deputy', entityId: `d${i}`, action: 'update', summary: `修改代表 ${i}` });

/** Ten events in county C1 (one call, so seq 1..10), two in C2, one without a county. */
async function seed(db: Kysely<DB>) {
  await recordAudits(
    db,
    ctxOn(db, 'C1'),
    Array.from({ length: 10 }, (_, i) => input(i)),
  );
  await recordAudit(db, ctxOn(db, 'C2'), input(100));
  await recordAudit(db, ctxOn(db, 'C2'), input(101));
  await recordAudit(db, ctxOn(db, null), { ...input(200), townId: null });
  return db.selectFrom('auditEvent').select(['id', 'seq']).where('countyId', '=', 'C1').orderBy('seq').execute();
}

/**
 * What an attacker with write access to the database file or server would do first: remove the
 * append-only triggers. The chain is there for exactly this case, so the tests below go around them too.
 */
async function dropTriggersAsAttacker(db: Kysely<DB>) {
  if (TEST_ENGINE === 'postgres') {
    await sql`drop trigger audit_event_no_change on audit_event`.execute(db);
  } else {
    await sql`drop trigger audit_event_no_update`.execute(db);
    await sql`drop trigger audit_event_no_delete`.execute(db);
  }
}

describe(`audit chain (${TEST_ENGINE})`, () => {
  it('chains every county on its own and verifies a clean log', async () => {
    const { db } = await fresh();
    const c1 = await seed(db);
    expect(c1.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const heads = await db.selectFrom('auditChain').select(['chain', 'seq']).orderBy('chain').execute();
    expect(heads).toEqual([
      { chain: 'C1', seq: 10 },
      { chain: 'C2', seq: 2 },
      { chain: 'system', seq: 1 },
    ]);
    // A small page size makes the walk cross page boundaries.
    const r = await verifyAuditChain(db, { pageSize: 3 });
    expect(r).toMatchObject({ chains: 3, rows: 13, problems: [] });
  });

  it('names the edited event', async () => {
    const { db } = await fresh();
    const c1 = await seed(db);
    await dropTriggersAsAttacker(db);
    const target = c1[4] as { id: string; seq: number };
    await db.updateTable('auditEvent').set({ summary: '改过的摘要' }).where('id', '=', target.id).execute();
    const r = await verifyAuditChain(db, { pageSize: 3 });
    expect(r.problems.map((p) => [p.kind, p.chain, p.id, p.seq])).toEqual([['edited', 'C1', target.id, 5]]);
    expect(r.problems[0]?.message).toContain(target.id);
  });

  it('names the event after a deleted one in the middle', async () => {
    const { db } = await fresh();
    const c1 = await seed(db);
    await dropTriggersAsAttacker(db);
    await db
      .deleteFrom('auditEvent')
      .where('id', '=', (c1[3] as { id: string }).id)
      .execute();
    const r = await verifyAuditChain(db, { pageSize: 3 });
    expect(r.problems.map((p) => [p.kind, p.chain, p.id, p.seq])).toEqual([['deleted', 'C1', c1[4]?.id, 5]]);
    expect(r.problems[0]?.message).toContain('序号 4');
  });

  it('reports a deleted tail against the chain head', async () => {
    const { db } = await fresh();
    const c1 = await seed(db);
    await dropTriggersAsAttacker(db);
    await db
      .deleteFrom('auditEvent')
      .where('id', '=', (c1[9] as { id: string }).id)
      .execute();
    const r = await verifyAuditChain(db);
    expect(r.problems.map((p) => [p.kind, p.chain, p.seq])).toEqual([['deleted_tail', 'C1', 10]]);
  });

  it('reports events inserted around the writers, without a hash', async () => {
    const { db } = await fresh();
    await seed(db);
    const id = newId();
    await db
      .insertInto('auditEvent')
      .values({
        id,
        countyId: 'C1',
        townId: 'T1',
        actorUserId: null,
        actorName: 'x',
        actorRole: 'x',
        at: '2026-01-01T00:00:00.000Z',
        entity: 'x',
        entityId: 'x',
        action: 'x',
        changes: null,
        requestId: null,
        ip: null,
      })
      .execute();
    const r = await verifyAuditChain(db);
    expect(r.problems.map((p) => [p.kind, p.id])).toEqual([['unhashed', id]]);
  });

  it('refuses UPDATE and DELETE through the app’s connection', async () => {
    const { db } = await fresh();
    const [first] = await seed(db);
    const id = (first as { id: string }).id;
    await expect(db.updateTable('auditEvent').set({ summary: 'x' }).where('id', '=', id).execute()).rejects.toThrow(/审计日志只能追加/);
    await expect(db.deleteFrom('auditEvent').where('id', '=', id).execute()).rejects.toThrow(/审计日志只能追加/);
    if (TEST_ENGINE === 'postgres') await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/审计日志只能追加/);
    expect(await db.selectFrom('auditEvent').select('summary').where('id', '=', id).executeTakeFirst()).toEqual({ summary: '修改代表 0' });
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('keeps one linear chain when 20 transactions append to one county at once', async () => {
    const { db } = await fresh();
    // Each transaction appends, waits (other transactions run meanwhile), and appends again: without the
    // head's row lock two of them would read the same head on PostgreSQL and fork the chain.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await recordAudit(trx, ctxOn(trx), input(i));
          await new Promise((r) => setTimeout(r, 5));
          await recordAudits(trx, ctxOn(trx), [input(1000 + i), input(2000 + i)]);
        }),
      ),
    );
    const seqs = (await db.selectFrom('auditEvent').select('seq').where('countyId', '=', 'C1').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await db.selectFrom('auditChain').select(['seq']).where('chain', '=', 'C1').executeTakeFirst()).toEqual({ seq: 60 });
    expect(await verifyAuditChain(db)).toMatchObject({ chains: 1, rows: 60, problems: [] });
  }, 60_000);
});

describe(`the migration chains existing events (${TEST_ENGINE})`, () => {
  it('back-fills every county’s chain oldest first, and they verify', async () => {
    const schema = `t_${newId().toLowerCase()}`;
    let database: Database;
    if (TEST_ENGINE === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      const d = openDatabase(PG_URL, { pgSchema: schema });
      database = {
        ...d,
        async close() {
          await d.close();
          const c2 = new pg.Client({ connectionString: PG_URL });
          await c2.connect();
          await c2.query(`drop schema ${schema} cascade`);
          await c2.end();
        },
      };
    } else {
      database = openDatabase(':memory:');
    }
    open.push(database);
    const { db } = database;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: TEST_ENGINE === 'postgres' ? schema : undefined,
    });
    const before = await migrator.migrateTo('20261207_0230_search_by_town');
    expect(before.error).toBeUndefined();
    // Events as the old writer left them (no chain columns yet), written out of time order.
    const raw = db as unknown as Kysely<any>;
    const ev = (id: string, countyId: string | null, at: string) => ({
      id,
      county_id: countyId,
      town_id: null,
      actor_user_id: null,
      actor_name: '旧',
      actor_role: 'town_admin',
      at,
      entity: 'deputy',
      entity_id: id,
      action: 'update',
      summary: `旧事件 ${id}`,
      changes: null,
      request_id: null,
      ip: null,
    });
    const old = [
      ev('E3', 'C1', '2026-03-01T00:00:00.000Z'),
      ev('E1', 'C1', '2026-01-01T00:00:00.000Z'),
      ev('E2', 'C2', '2026-02-01T00:00:00.000Z'),
      ev('E4', null, '2026-04-01T00:00:00.000Z'),
      ev('E5', 'C1', '2026-03-01T00:00:00.000Z'),
    ];
    await raw.withoutPlugins().insertInto('audit_event').values(old).execute();
    expect(await migrateToLatest(db)).toContain('20261207_0240_audit_chain');

    const rows = await db.selectFrom('auditEvent').select(['id', 'countyId', 'seq']).orderBy('countyId').orderBy('seq').execute();
    expect(rows.map((r) => [r.id, r.seq])).toEqual(
      TEST_ENGINE === 'postgres'
        ? [
            ['E1', 1],
            ['E3', 2],
            ['E5', 3],
            ['E2', 1],
            ['E4', 1],
          ] // PostgreSQL sorts nulls last
        : [
            ['E4', 1],
            ['E1', 1],
            ['E3', 2],
            ['E5', 3],
            ['E2', 1],
          ],
    );
    expect(await verifyAuditChain(db)).toMatchObject({ chains: 3, rows: 5, problems: [] });
    // New events continue the back-filled chain.
    await recordAudit(db, ctxOn(db, 'C1'), input(1));
    expect(await db.selectFrom('auditChain').select('seq').where('chain', '=', 'C1').executeTakeFirst()).toEqual({ seq: 4 });
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  }, 60_000);
});
