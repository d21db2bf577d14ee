import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, makeWorld } from '../../test/app.ts';
import { freshDatabase } from '../../test/db.ts';
import { TEST_PASSWORD, makeDeputy } from '../../test/factories.ts';
import type { Database } from '../server/db/kysely.ts';
import type { DB } from '../server/db/schema.ts';
import { AppError } from '../server/http/errors.ts';
import { hashToken } from '../server/http/access.plugin.ts';
import { verifyPassword } from '../server/lib/password.ts';
import { nowIso } from '../server/lib/time.ts';
import { type CreateUserOptions, cliCreateUser, cliListUsers, cliResetPassword } from './user.commands.ts';

let database: Database;
let db: Kysely<DB>;
let world: World;
let deputy2: { id: string };
beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  world = await makeWorld(db);
  deputy2 = await makeDeputy(db, world.townA.id, world.termA.id, { code: 'D002', name: '周红' });
});
afterAll(async () => database.close());

const PW = 'Cli-pass-2026';

/** The field the thrown error names (the API's field, or the CLI option). */
async function failureField(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return ((e as AppError).details as { issues: { field: string }[] }).issues[0].field;
  }
  throw new Error('expected a failure');
}

async function userCount(): Promise<number> {
  const r = await db
    .selectFrom('appUser')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('renda user create', () => {
  it('creates a deputy account by codes, audited with actor cli', async () => {
    const u = await cliCreateUser(db, { town: 'T01', role: 'deputy', username: 'zhou.hong', password: PW, displayName: '周红', deputyCode: 'D002' });
    expect(u).toMatchObject({ username: 'zhou.hong', displayName: '周红', role: 'deputy', townId: world.townA.id, deputyId: deputy2.id, deputyName: '周红' });
    const row = await db.selectFrom('appUser').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.countyId).toBe(world.county.id);
    expect(await verifyPassword(PW, row.passwordHash)).toBe(true);
    expect(row.mustChangePassword).toBe(1);
    const ev = await db.selectFrom('auditEvent').selectAll().where('entityId', '=', u.id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'create', actorName: 'cli', townId: world.townA.id });
    expect(ev.changes).not.toMatch(/Cli-pass|scrypt/);
  });

  it('creates handler and liaison accounts by unit and station code; display name defaults to the username', async () => {
    const h = await cliCreateUser(db, { town: 'T02', role: 'handler', username: 'mz_b', password: PW, unitCode: 'U001', stationCode: 'S01' });
    // The station is not the handler's link and is dropped, as in the API.
    expect(h).toMatchObject({ townId: world.townB.id, unitId: world.unitB.id, stationId: null, displayName: 'mz_b' });
    const l = await cliCreateUser(db, { town: 'T01', role: 'liaison', username: 'station_a', password: PW, stationCode: 'S01', phone: '13655556666' });
    expect(l).toMatchObject({ stationId: world.stationA.id, phone: '13655556666' });
  });

  it('creates a county_admin with --county (no town)', async () => {
    const u = await cliCreateUser(db, { county: 'C01', role: 'county_admin', username: 'county_ops', password: PW });
    expect(u).toMatchObject({ role: 'county_admin', townId: null });
  });

  it('applies the same account rules as the API, naming the field, and writes nothing', async () => {
    const before = await userCount();
    const base: CreateUserOptions = { town: 'T01', role: 'town_admin', username: 'new_admin', password: PW };
    const cases: [CreateUserOptions, string][] = [
      [{ ...base, password: 'weak' }, 'body.password'],
      [{ ...base, password: 'onlylowercase' }, 'body.password'],
      [{ ...base, username: 'x' }, 'body.username'],
      [{ ...base, username: 'admin_a' }, 'body.username'],
      [{ ...base, phone: '12345' }, 'body.phone'],
      [{ ...base, role: 'mayor' }, 'body.role'],
      [{ ...base, role: 'deputy' }, 'body.deputyId'],
      [{ ...base, role: 'handler' }, 'body.unitId'],
      [{ ...base, role: 'liaison' }, 'body.stationId'],
      [{ ...base, role: 'deputy', deputyCode: 'D001' }, 'body.deputyId'], // deputy_a acts for that deputy
      [{ ...base, role: 'deputy', deputyCode: 'D999' }, '--deputy-code'],
      [{ ...base, role: 'handler', unitCode: 'U999' }, '--unit-code'],
      [{ ...base, role: 'liaison', stationCode: 'S99' }, '--station-code'],
      [{ ...base, town: 'T99' }, '--town'],
      [{ ...base, town: undefined }, '--town'],
      [{ ...base, town: undefined, county: 'C01' }, '--town'],
      [{ ...base, role: 'county_admin' }, '--county'],
      [{ ...base, town: undefined, county: 'C99', role: 'county_admin' }, '--county'],
    ];
    for (const [o, field] of cases) expect(await failureField(cliCreateUser(db, o)), JSON.stringify(o)).toBe(field);
    expect(await userCount()).toBe(before);
  });
});

describe('renda user list', () => {
  it('lists the accounts of a town', async () => {
    const rows = await cliListUsers(db, { town: 'T01' });
    const names = rows.map((u) => u.username).sort();
    expect(names).toEqual(['admin_a', 'deputy_a', 'handler_a', 'liaison_a', 'station_a', 'zhou.hong']);
    expect(rows.every((u) => u.townId === world.townA.id)).toBe(true);
  });

  it('lists the county admins with --county', async () => {
    const rows = await cliListUsers(db, { county: 'C01' });
    expect(rows.map((u) => u.username).sort()).toEqual(['county', 'county_ops']);
  });

  it('names the option when the scope is missing or unknown', async () => {
    expect(await failureField(cliListUsers(db, {}))).toBe('--town');
    expect(await failureField(cliListUsers(db, { town: 'T99' }))).toBe('--town');
  });
});

describe('renda user reset-password', () => {
  it('sets the password, forces a change, ends the sessions, audits with actor cli', async () => {
    const user = world.users.liaison;
    const ts = nowIso();
    await db
      .insertInto('session')
      .values({
        id: hashToken('tok'),
        userId: user.id,
        townId: world.townA.id,
        csrfToken: 'c',
        createdAt: ts,
        lastSeenAt: ts,
        expiresAt: '2999-01-01T00:00:00.000Z',
      })
      .execute();
    await cliResetPassword(db, { username: 'liaison_a', password: PW });
    const row = await db.selectFrom('appUser').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.mustChangePassword).toBe(1);
    expect(await verifyPassword(PW, row.passwordHash)).toBe(true);
    expect(await db.selectFrom('session').select('id').where('userId', '=', user.id).executeTakeFirst()).toBeUndefined();
    const ev = await db.selectFrom('auditEvent').selectAll().where('entityId', '=', user.id).where('action', '=', 'reset_password').executeTakeFirstOrThrow();
    expect(ev.actorName).toBe('cli');
    expect(ev.changes).toBeNull();
  });

  it('resets a county admin too', async () => {
    await cliResetPassword(db, { username: 'county', password: PW });
    const row = await db.selectFrom('appUser').select('mustChangePassword').where('id', '=', world.users.county_admin.id).executeTakeFirstOrThrow();
    expect(row.mustChangePassword).toBe(1);
  });

  it('refuses a weak password and an unknown user, changing nothing', async () => {
    expect(await failureField(cliResetPassword(db, { username: 'handler_a', password: 'weak' }))).toBe('body.newPassword');
    const row = await db.selectFrom('appUser').selectAll().where('id', '=', world.users.handler.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(TEST_PASSWORD, row.passwordHash)).toBe(true);
    expect(row.mustChangePassword).toBe(0);
    expect(await failureField(cliResetPassword(db, { username: 'ghost', password: PW }))).toBe('--username');
  });
});
