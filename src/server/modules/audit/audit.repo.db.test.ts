import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import type { Database } from '../../db/kysely.ts';
import type { Ctx } from '../../http/principal.ts';
import { type AuditInput, recordAudit, recordAudits } from './audit.repo.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database.close());

function ctxOn(db: Database['db']): Ctx {
  return {
    db,
    requestId: 'req-1',
    ip: '127.0.0.1',
    principal: {
      userId: 'u1',
      username: 'admin_a',
      displayName: '管理员',
      role: 'town_admin',
      countyId: 'c1',
      townId: 't1',
      deputyId: null,
      unitId: null,
      stationId: null,
      sessionId: 's1',
      csrfToken: 'x',
      mustChangePassword: false,
    },
  };
}

/**
 * The same db, counting the INSERT statements into audit_event (`inserts`) and all statements on the
 * chain head, audit_chain (`heads`: the upsert that takes places in the chain and the update that moves it).
 */
function counting(db: Database['db']) {
  const counter = { inserts: 0, heads: 0 };
  const tableOf = (n: unknown): string => {
    const t = (n as { table?: { identifier?: { name?: string } } } | undefined)?.table?.identifier?.name ?? '';
    return t.replaceAll('_', '').toLowerCase();
  };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const n = args.node;
      const table = n.kind === 'InsertQueryNode' ? tableOf(n.into) : n.kind === 'UpdateQueryNode' ? tableOf(n.table) : '';
      if (table === 'auditevent') counter.inserts++;
      if (table === 'auditchain') counter.heads++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), counter };
}

const input = (i: number, entity = 'deputy'): AuditInput => ({
  entity,
  entityId: `d${i}`,
  action: 'update',
  summary: `修改代表 ${i}`,
  before: { name: `代表${i}`, phone: '13812345678', idNumber: '430102197503020113', version: 1 },
  after: { name: `代表${i}改`, phone: '13900001111', idNumber: '430102198005120226', version: 2 },
});

const rowsOf = (db: Database['db'], entity: string) =>
  db.selectFrom('auditEvent').select(['entity', 'entityId', 'action', 'summary', 'changes', 'townId', 'countyId', 'actorName', 'actorRole', 'requestId', 'ip']).where('entity', '=', entity).orderBy('id').execute();

describe('recordAudits', () => {
  it('writes many events with one insert per 200 and one head upsert + update, in the caller’s transaction', async () => {
    const { db, counter } = counting(database.db);
    await db.transaction().execute((trx) =>
      recordAudits(
        trx,
        ctxOn(database.db),
        Array.from({ length: 450 }, (_, i) => input(i, 'bulk')),
      ),
    );
    expect(counter).toEqual({ inserts: 3, heads: 2 });
    const rows = await rowsOf(database.db, 'bulk');
    expect(rows).toHaveLength(450);
    expect(rows.map((r) => r.entityId)).toEqual(Array.from({ length: 450 }, (_, i) => `d${i}`));
  });

  it('writes nothing for no events', async () => {
    const { db, counter } = counting(database.db);
    await recordAudits(db, ctxOn(database.db), []);
    expect(counter).toEqual({ inserts: 0, heads: 0 });
  });

  it('masks and diffs exactly as recordAudit does', async () => {
    const ctx = ctxOn(database.db);
    await recordAudit(database.db, ctx, input(7, 'one'));
    await recordAudits(database.db, ctx, [input(7, 'many')]);
    const [one] = await rowsOf(database.db, 'one');
    const [many] = await rowsOf(database.db, 'many');
    expect({ ...many, entity: 'one' }).toEqual(one);
    expect(JSON.parse(one.changes as string)).toEqual({
      name: ['代表7', '代表7改'],
      phone: ['138****5678', '139****1111'],
      idNumber: ['4301**************', '4301**************'],
    });
    expect(one).toMatchObject({ townId: 't1', countyId: 'c1', actorName: '管理员', actorRole: 'town_admin', requestId: 'req-1', ip: '127.0.0.1' });
  });

  it('rolls back with the transaction it was given', async () => {
    const ctx = ctxOn(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudits(trx, ctx, [input(1, 'rolled'), input(2, 'rolled')]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rowsOf(database.db, 'rolled')).toEqual([]);
  });
});
