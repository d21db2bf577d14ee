import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { TEST_PASSWORD, makeDeputy, makeUser } from '../../../../test/factories.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

const NEW_PW = 'Fresh-pass-456';

async function userCount(): Promise<number> {
  const r = await t.db
    .selectFrom('appUser')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function userRow(id: string) {
  return t.db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function sessionCount(userId: string): Promise<number> {
  const r = await t.db
    .selectFrom('session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('users: access', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get('/api/v1/users')).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/users', {})).statusCode).toBe(401);
  });

  it('403 for every role but the admins', async () => {
    for (const role of ['liaison', 'deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/users')).statusCode, role).toBe(403);
      const res = await c.post('/api/v1/users', { username: 'someone', displayName: '某人', role: 'town_admin', password: NEW_PW });
      expect(res.statusCode, role).toBe(403);
      expect((await c.post(`/api/v1/users/${t.world.users.deputy.id}/reset-password`, { newPassword: NEW_PW })).statusCode, role).toBe(403);
    }
  });
});

describe('users: list', () => {
  beforeAll(async () => {
    await makeUser(t.db, {
      countyId: t.world.county.id,
      townId: t.world.townA.id,
      role: 'liaison',
      username: 'zhao.li',
      displayName: '赵丽',
      phone: '13912345678',
      stationId: t.world.stationA.id,
    });
  });

  it('a town_admin lists the town’s accounts with phones and linked names', async () => {
    const res = await (await t.as('town_admin')).get('/api/v1/users?pageSize=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.items.map((u: { username: string }) => u.username).sort();
    expect(names).toEqual(['admin_a', 'deputy_a', 'handler_a', 'liaison_a', 'zhao.li']);
    expect(body.total).toBe(5);
    const zhao = body.items.find((u: { username: string }) => u.username === 'zhao.li');
    // Admins manage accounts: they see the phone in full.
    expect(zhao).toMatchObject({
      displayName: '赵丽',
      phone: '13912345678',
      role: 'liaison',
      stationName: '甲镇代表联络站',
      deputyId: null,
      active: true,
      version: 1,
    });
    const dep = body.items.find((u: { username: string }) => u.username === 'deputy_a');
    expect(dep).toMatchObject({ deputyId: t.world.deputyA.id, deputyName: '李明华' });
    expect(body.items.find((u: { username: string }) => u.username === 'handler_a').unitName).toBe('甲镇民政办');
  });

  it('searches username, display name and phone; filters by role; pages', async () => {
    const admin = await t.as('town_admin');
    const q = async (qs: string) => (await admin.get(`/api/v1/users?${qs}`)).json();
    expect((await q(`q=${encodeURIComponent('赵')}`)).items.map((u: { username: string }) => u.username)).toEqual(['zhao.li']);
    expect((await q('q=5678')).items.map((u: { username: string }) => u.username)).toEqual(['zhao.li']);
    expect((await q('q=HANDLER')).items.map((u: { username: string }) => u.username)).toEqual(['handler_a']);
    const liaisons = await q('role=liaison');
    expect(liaisons.total).toBe(2);
    expect(liaisons.items.every((u: { role: string }) => u.role === 'liaison')).toBe(true);
    const page2 = await q('pageSize=2&page=3');
    expect(page2).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(page2.items).toHaveLength(1);
    const bad = await admin.get('/api/v1/users?role=boss');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.role');
  });

  it('a county_admin sees the current town’s accounts and the county admins', async () => {
    const body = (await (await t.as('county_admin')).get('/api/v1/users?pageSize=50')).json();
    const names = body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('county');
    expect(names).toContain('admin_a');
    expect(names).not.toContain('admin_b');
    expect(body.items.find((u: { username: string }) => u.username === 'county').townId).toBeNull();
  });

  it('another town’s admin sees none of them; 404 on read and write', async () => {
    const b = await t.as('admin_b');
    const list = (await b.get('/api/v1/users')).json();
    expect(list.items.map((u: { username: string }) => u.username)).toEqual(['admin_b']);
    const id = t.world.users.liaison.id;
    expect((await b.get(`/api/v1/users/${id}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/v1/users/${id}`, { displayName: '被篡改', version: 1 })).statusCode).toBe(404);
    expect((await b.post(`/api/v1/users/${id}/reset-password`, { newPassword: NEW_PW })).statusCode).toBe(404);
    const row = await userRow(id);
    expect(row.displayName).toBe('liaison_a');
    expect(row.mustChangePassword).toBe(0);
    // A town_admin does not reach the county's admins either.
    expect((await (await t.as('town_admin')).get(`/api/v1/users/${t.world.users.county_admin.id}`)).statusCode).toBe(404);
  });
});

describe('users: create', () => {
  const base = { username: 'wang.fang', displayName: '王芳', role: 'handler', unitId: '', password: NEW_PW };

  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const before = await userCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, unitId: t.world.unitA.id, username: 'ab' }, 'body.username'],
      [{ ...base, unitId: t.world.unitA.id, username: '王芳' }, 'body.username'],
      [{ ...base, unitId: t.world.unitA.id, username: 'wang fang' }, 'body.username'],
      [{ ...base, unitId: t.world.unitA.id, displayName: '' }, 'body.displayName'],
      [{ ...base, unitId: t.world.unitA.id, phone: '0731-1234567' }, 'body.phone'],
      [{ ...base, unitId: t.world.unitA.id, role: 'boss' }, 'body.role'],
      [{ ...base, unitId: t.world.unitA.id, password: 'short1' }, 'body.password'],
      [{ ...base, unitId: t.world.unitA.id, password: 'onlyletters' }, 'body.password'],
      [{ ...base }, 'body.unitId'],
      [{ ...base, role: 'deputy' }, 'body.deputyId'],
      [{ ...base, role: 'liaison' }, 'body.stationId'],
      [{ ...base, unitId: t.world.unitB.id }, 'body.unitId'],
      [{ ...base, role: 'deputy', deputyId: t.world.deputyB.id }, 'body.deputyId'],
      [{ ...base, role: 'liaison', stationId: t.world.stationB.id }, 'body.stationId'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect(res.statusCode, `${field} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(body)).toBe(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await userCount()).toBe(before);
  });

  it('409 naming the field for a username or phone already in use', async () => {
    const admin = await t.as('town_admin');
    const before = await userCount();
    const u = { ...base, unitId: t.world.unitA.id };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...u, username: 'admin_b' }, 'body.username'], // in another town: usernames are global
      [{ ...u, username: 'ADMIN_A' }, 'body.username'], // not told apart by case
      [{ ...u, username: '13912345678' }, 'body.username'], // someone logs in with that phone
      [{ ...u, phone: '13912345678' }, 'body.phone'],
      [{ ...u, role: 'deputy', deputyId: t.world.deputyA.id }, 'body.deputyId'], // the deputy has an account
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    expect(await userCount()).toBe(before);
  });

  it('creates an account in the admin’s town, keeps only the role’s link, audits without the password', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/users', { ...base, unitId: t.world.unitA.id, stationId: t.world.stationA.id, phone: '13700001111' });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({
      username: 'wang.fang',
      displayName: '王芳',
      phone: '13700001111',
      role: 'handler',
      townId: t.world.townA.id,
      unitId: t.world.unitA.id,
      unitName: '甲镇民政办',
      stationId: null,
      deputyId: null,
      active: true,
      mustChangePassword: true,
      lastLoginAt: null,
      version: 1,
    });
    expect(JSON.stringify(u)).not.toContain('password');

    const ev = await t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'user').where('entityId', '=', u.id).executeTakeFirstOrThrow();
    expect(ev.action).toBe('create');
    expect(ev.townId).toBe(t.world.townA.id);
    expect(ev.changes).not.toMatch(/password|scrypt/i);
    expect(JSON.parse(ev.changes ?? '{}').phone).toEqual([null, '137****1111']);

    // The new account logs in, by username and by phone.
    expect((await login(t.app, 'wang.fang', NEW_PW)).csrf).toBeTruthy();
    expect((await login(t.app, '13700001111', NEW_PW)).csrf).toBeTruthy();
  });

  it('a deputy account is linked to a deputy of the town', async () => {
    const d = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D077', name: '周红' });
    const res = await (await t.as('town_admin')).post('/api/v1/users', {
      username: 'zhou.hong',
      displayName: '周红',
      role: 'deputy',
      deputyId: d.id,
      password: NEW_PW,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role: 'deputy', deputyId: d.id, deputyName: '周红' });
  });

  it('a town_admin never creates a county_admin', async () => {
    const before = await userCount();
    const res = await (await t.as('town_admin')).post('/api/v1/users', { username: 'boss', displayName: '老板', role: 'county_admin', password: NEW_PW });
    expect(res.statusCode).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('a county_admin creates county admins (no town) and town users in the current town', async () => {
    const county = await login(t.app, 'county');
    const ca = await county.post('/api/v1/users', {
      username: 'county2',
      displayName: '县人大办',
      role: 'county_admin',
      password: NEW_PW,
      stationId: t.world.stationA.id,
    });
    expect(ca.statusCode).toBe(201);
    expect(ca.json()).toMatchObject({ role: 'county_admin', townId: null, stationId: null });

    const inA = await county.post('/api/v1/users', { username: 'admin_a2', displayName: '甲镇副主席', role: 'town_admin', password: NEW_PW });
    expect(inA.json().townId).toBe(t.world.townA.id);

    expect((await county.post('/api/v1/auth/switch-town', { townId: t.world.townB.id })).statusCode).toBe(200);
    const inB = await county.post('/api/v1/users', {
      username: 'liaison_b',
      displayName: '乙镇联络员',
      role: 'liaison',
      stationId: t.world.stationB.id,
      password: NEW_PW,
    });
    expect(inB.statusCode).toBe(201);
    expect(inB.json()).toMatchObject({ townId: t.world.townB.id, stationName: '乙镇代表联络站' });
    // The station of town A is not of the current town B.
    const wrong = await county.post('/api/v1/users', {
      username: 'liaison_b2',
      displayName: 'x',
      role: 'liaison',
      stationId: t.world.stationA.id,
      password: NEW_PW,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0].field).toBe('body.stationId');
  });
});

describe('users: update', () => {
  let target: { id: string };
  beforeAll(async () => {
    target = await makeUser(t.db, {
      countyId: t.world.county.id,
      townId: t.world.townA.id,
      role: 'deputy',
      username: 'sun.wei',
      deputyId: (await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D088', name: '孙伟' })).id,
    });
  });

  it('edits with optimistic locking and audits the change', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.patch(`/api/v1/users/${target.id}`, { displayName: '孙伟', phone: '13600002222', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '孙伟', phone: '13600002222', version: 2, role: 'deputy' });
    const stale = await admin.patch(`/api/v1/users/${target.id}`, { displayName: '旧版本', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await userRow(target.id)).displayName).toBe('孙伟');
    const taken = await admin.patch(`/api/v1/users/${target.id}`, { phone: '13912345678', version: 2 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.issues[0].field).toBe('body.phone');
    const ev = await t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'user').where('entityId', '=', target.id).executeTakeFirstOrThrow();
    expect(JSON.parse(ev.changes ?? '{}')).toEqual({ displayName: ['sun.wei', '孙伟'], phone: [null, '136****2222'] });
  });

  it('a role change re-checks the links and clears the old one', async () => {
    const admin = await t.as('town_admin');
    const missing = await admin.patch(`/api/v1/users/${target.id}`, { role: 'handler', version: 2 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].field).toBe('body.unitId');
    expect((await userRow(target.id)).role).toBe('deputy');
    const otherTown = await admin.patch(`/api/v1/users/${target.id}`, { role: 'handler', unitId: t.world.unitB.id, version: 2 });
    expect(otherTown.json().details.issues[0].field).toBe('body.unitId');

    const ok = await admin.patch(`/api/v1/users/${target.id}`, { role: 'handler', unitId: t.world.unitA.id, version: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'handler', unitId: t.world.unitA.id, deputyId: null, deputyName: null, version: 3 });
  });

  it('a town_admin cannot grant county_admin', async () => {
    const res = await (await t.as('town_admin')).patch(`/api/v1/users/${target.id}`, { role: 'county_admin', version: 3 });
    expect(res.statusCode).toBe(403);
    expect((await userRow(target.id)).role).toBe('handler');
  });

  it('an admin cannot deactivate or demote themself', async () => {
    const admin = await t.as('town_admin');
    const me = t.world.users.town_admin.id;
    const off = await admin.patch(`/api/v1/users/${me}`, { active: false, version: 1 });
    expect(off.statusCode).toBe(400);
    expect(off.json().details.issues[0].field).toBe('body.active');
    const demote = await admin.patch(`/api/v1/users/${me}`, { role: 'liaison', stationId: t.world.stationA.id, version: 1 });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().details.issues[0].field).toBe('body.role');
    const row = await userRow(me);
    expect(row).toMatchObject({ active: 1, role: 'town_admin', version: 1 });
    // Editing one's own name is fine.
    expect((await admin.patch(`/api/v1/users/${me}`, { displayName: '甲镇人大主席', version: 1 })).statusCode).toBe(200);
  });

  it('deactivating an account ends its sessions and blocks login; re-enabling lets it in again', async () => {
    const admin = await t.as('town_admin');
    const victim = await makeUser(t.db, { countyId: t.world.county.id, townId: t.world.townA.id, role: 'town_admin', username: 'leaving' });
    const c = await login(t.app, 'leaving');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const off = await admin.patch(`/api/v1/users/${victim.id}`, { active: false, version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await sessionCount(victim.id)).toBe(0);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'leaving', password: TEST_PASSWORD },
      remoteAddress: '10.9.0.1',
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().message).toContain('停用');
    const ev = await t.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entityId', '=', victim.id)
      .where('entity', '=', 'user')
      .where('action', '=', 'deactivate')
      .executeTakeFirst();
    expect(ev).toBeTruthy();

    await t.db.deleteFrom('loginThrottle').execute();
    expect((await admin.patch(`/api/v1/users/${victim.id}`, { active: true, version: 2 })).statusCode).toBe(200);
    expect((await login(t.app, 'leaving')).csrf).toBeTruthy();
  });

  it('a county_admin moves an account between town roles and county_admin', async () => {
    const county = await login(t.app, 'county');
    const u = await makeUser(t.db, { countyId: t.world.county.id, townId: t.world.townA.id, role: 'town_admin', username: 'promoted' });
    const up = await county.patch(`/api/v1/users/${u.id}`, { role: 'county_admin', version: 1 });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ role: 'county_admin', townId: null });
    const down = await county.patch(`/api/v1/users/${u.id}`, { role: 'liaison', stationId: t.world.stationA.id, version: 2 });
    expect(down.json()).toMatchObject({ role: 'liaison', townId: t.world.townA.id, stationName: '甲镇代表联络站' });
  });
});

describe('users: reset password', () => {
  it('400 names newPassword for a weak one; nothing changes', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.users.liaison.id;
    const before = (await userRow(id)).passwordHash;
    const res = await admin.post(`/api/v1/users/${id}/reset-password`, { newPassword: '12345678' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.newPassword');
    expect((await userRow(id)).passwordHash).toBe(before);
  });

  it('sets the password, forces a change at next login, ends the sessions, audits without the password', async () => {
    const u = await makeUser(t.db, {
      countyId: t.world.county.id,
      townId: t.world.townA.id,
      role: 'liaison',
      username: 'forgetful',
      stationId: t.world.stationA.id,
    });
    const session = await login(t.app, 'forgetful');
    const admin = await t.as('town_admin');
    const res = await admin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: 'Reset-pass-789' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await userRow(u.id)).mustChangePassword).toBe(1);
    expect(await sessionCount(u.id)).toBe(0);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);

    const fresh = await login(t.app, 'forgetful', 'Reset-pass-789');
    expect((await fresh.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    const listed = (await admin.get('/api/v1/users?q=forgetful')).json().items[0];
    expect(listed.mustChangePassword).toBe(true);

    const ev = await t.db.selectFrom('auditEvent').selectAll().where('entityId', '=', u.id).where('action', '=', 'reset_password').executeTakeFirstOrThrow();
    expect(ev.actorUserId).toBe(t.world.users.town_admin.id);
    expect(ev.changes).toBeNull();
    expect(JSON.stringify(ev)).not.toContain('Reset-pass-789');

    // Until they choose their own password, the server refuses everything but me/password/logout.
    const blocked = await fresh.get('/api/v1/stations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toBe('请先修改初始密码');

    // Changing it themself clears the flag, and the same session works again.
    expect((await fresh.post('/api/v1/auth/password', { currentPassword: 'Reset-pass-789', newPassword: 'Own-choice-321' })).statusCode).toBe(200);
    expect((await userRow(u.id)).mustChangePassword).toBe(0);
    expect((await fresh.get('/api/v1/stations')).statusCode).toBe(200);
  });

  it('an admin resets others’ passwords, not their own', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post(`/api/v1/users/${t.world.users.town_admin.id}/reset-password`, { newPassword: NEW_PW });
    expect(res.statusCode).toBe(403);
    expect((await userRow(t.world.users.town_admin.id)).mustChangePassword).toBe(0);
  });
});
