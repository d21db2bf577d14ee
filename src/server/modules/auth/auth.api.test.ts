import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestCtx, anon, clientFor, login, setupApi } from '../../../../test/app.ts';
import { TEST_PASSWORD, makeCounty, makeTown, makeUser } from '../../../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import { SESSION_CACHES, SESSION_CACHE_MS, SessionCache, hashToken } from '../../http/access.plugin.ts';
import { addMinutes, nowIso } from '../../lib/time.ts';
import { THROTTLE } from './auth.rules.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

// Every test logs in from its own address so that the per-IP counter of one test does not leak into another.
let ipSeq = 0;
const nextIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

/**
 * The tests below that change session or user rows directly stand for another process (or the CLI) doing
 * it: this process sees such a change once its cached copy lapses (SESSION_CACHE_MS). Emptying the cache
 * stands in for that wait; 'the session cache' below checks the lapse itself.
 */
const lapseSessionCache = () => SESSION_CACHES.get(t.app)?.clear();

function tryLogin(username: string, password: string, opts: { ip?: string; cookie?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: opts.ip ?? nextIp(),
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
}

function clientOf(res: Awaited<ReturnType<typeof tryLogin>>): Client {
  const c = res.cookies.find((x) => x.name === 'renda_sid');
  if (!c) throw new Error('no session cookie');
  return clientFor(t.app, `renda_sid=${c.value}`, res.json().csrfToken);
}

async function newUser(username: string, over: Record<string, unknown> = {}) {
  return makeUser(t.db, { countyId: t.world.county.id, townId: t.world.townA.id, role: 'town_admin', username, ...over });
}

async function counter(key: string) {
  return t.db.selectFrom('loginThrottle').selectAll().where('key', '=', key).executeTakeFirst();
}

describe('login', () => {
  it('returns Me and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await tryLogin('admin_a', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user).toMatchObject({ id: t.world.users.town_admin.id, username: 'admin_a', role: 'town_admin', mustChangePassword: false });
    expect(me.county).toMatchObject({ code: 'C01', name: '测试县' });
    expect(me.town).toMatchObject({ id: t.world.townA.id, code: 'T01', name: '甲镇' });
    expect(me.towns.map((x: { code: string }) => x.code)).toEqual(['T01']);
    expect(me.csrfToken.length).toBeGreaterThan(20);

    const cookie = res.cookies.find((c) => c.name === 'renda_sid');
    expect(cookie).toBeTruthy();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.maxAge).toBeGreaterThan(0);

    // The table keeps only a hash of the token: a copy of it opens no session.
    const row = await t.db.selectFrom('session').selectAll().where('id', '=', hashToken(cookie!.value)).executeTakeFirstOrThrow();
    expect(row.userId).toBe(t.world.users.town_admin.id);
    expect(await t.db.selectFrom('session').select('id').where('id', '=', cookie!.value).executeTakeFirst()).toBeUndefined();

    const me2 = await clientOf(res).get('/api/v1/auth/me');
    expect(me2.statusCode).toBe(200);
    expect(me2.json()).toEqual(me);

    const user = await t.db.selectFrom('appUser').select('lastLoginAt').where('id', '=', t.world.users.town_admin.id).executeTakeFirstOrThrow();
    expect(user.lastLoginAt).toBeTruthy();
    const ev = await t.db
      .selectFrom('auditEvent')
      .select(['action', 'townId'])
      .where('entityId', '=', t.world.users.town_admin.id)
      .where('action', '=', 'login')
      .executeTakeFirst();
    expect(ev?.townId).toBe(t.world.townA.id);
  });

  it('accepts the phone number as the login name', async () => {
    await newUser('by_phone', { phone: '13811112222' });
    const res = await tryLogin('13811112222', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('by_phone');
  });

  it('400 names the missing field', async () => {
    const res = await tryLogin('', TEST_PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.username');
  });

  it('a wrong password answers 401 with the attempts left; an unknown name answers the same way', async () => {
    await newUser('clumsy');
    const r1 = await tryLogin('clumsy', 'Wrong-pass-1');
    expect(r1.statusCode).toBe(401);
    expect(r1.json().code).toBe('UNAUTHENTICATED');
    expect(r1.json().message).toContain('再错 4 次');
    expect(r1.cookies.find((c) => c.name === 'renda_sid')).toBeUndefined();
    const r2 = await tryLogin('clumsy', 'Wrong-pass-2');
    expect(r2.json().message).toContain('再错 3 次');

    const ghost = await tryLogin('nobody_here', 'Wrong-pass-1');
    expect(ghost.statusCode).toBe(401);
    expect(ghost.json().message).toBe(r1.json().message);

    // A success clears the account's counter.
    expect((await tryLogin('clumsy', TEST_PASSWORD)).statusCode).toBe(200);
    expect(await counter('user:clumsy')).toBeUndefined();
  });

  it('5 failures lock the account: 429 in Chinese with Retry-After, even with the right password or by phone', async () => {
    await newUser('target', { phone: '13822223333' });
    for (let i = 1; i < THROTTLE.maxPerAccount; i++) expect((await tryLogin('target', `Wrong-pass-${i}`)).statusCode).toBe(401);
    const fifth = await tryLogin('target', 'Wrong-pass-5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('TOO_MANY_REQUESTS');
    expect(fifth.json().message).toBe('登录失败次数过多，请 15 分钟后再试');
    expect(Number(fifth.headers['retry-after'])).toBe(THROTTLE.lockMinutes * 60);

    const right = await tryLogin('target', TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The phone reaches the same account and the same lock.
    expect((await tryLogin('13822223333', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('the lock ends after its time, and the account gets its full allowance back', async () => {
    await newUser('patient');
    for (let i = 1; i <= THROTTLE.maxPerAccount; i++) await tryLogin('patient', `Wrong-pass-${i}`);
    expect((await tryLogin('patient', TEST_PASSWORD)).statusCode).toBe(429);

    const past = new Date(Date.now() - 60_000).toISOString();
    await t.db.updateTable('loginThrottle').set({ lockedUntil: past }).where('key', '=', 'user:patient').execute();
    const wrong = await tryLogin('patient', 'Wrong-pass-6');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('再错 4 次');

    await t.db
      .updateTable('loginThrottle')
      .set({ windowStart: new Date(Date.now() - 20 * 60_000).toISOString() })
      .where('key', '=', 'user:patient')
      .execute();
    expect((await tryLogin('patient', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('failures outside the 15-minute window do not add up', async () => {
    await newUser('slow');
    for (let i = 1; i < THROTTLE.maxPerAccount; i++) await tryLogin('slow', `Wrong-pass-${i}`);
    await t.db
      .updateTable('loginThrottle')
      .set({ windowStart: new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000).toISOString() })
      .where('key', '=', 'user:slow')
      .execute();
    const res = await tryLogin('slow', 'Wrong-pass-5');
    expect(res.statusCode).toBe(401);
    expect((await counter('user:slow'))?.failures).toBe(1);
  });

  it('guesses sent in parallel cannot get past the limit', async () => {
    await newUser('raced');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => tryLogin('raced', `Wrong-pass-${i}`)));
    const codes = results.map((r) => r.statusCode);
    // Each attempt is counted before its password is checked: at most 4 plain failures, the rest locked.
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(THROTTLE.maxPerAccount - 1);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(12 - (THROTTLE.maxPerAccount - 1));
    expect((await tryLogin('raced', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('limits failures per IP across accounts', async () => {
    const ip = '10.250.0.1';
    for (const name of ['ip_one', 'ip_two', 'ip_three']) expect((await tryLogin(name, 'Wrong-pass-1', { ip })).statusCode).toBe(401);
    expect((await counter(`ip:${ip}`))?.failures).toBe(3);

    await t.db
      .updateTable('loginThrottle')
      .set({ failures: THROTTLE.maxPerIp - 1 })
      .where('key', '=', `ip:${ip}`)
      .execute();
    const last = await tryLogin('ip_four', 'Wrong-pass-1', { ip });
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBe(THROTTLE.lockMinutes * 60);
    // Everyone at that address waits, even with the right password; another address is not affected.
    expect((await tryLogin('liaison_a', TEST_PASSWORD, { ip })).statusCode).toBe(429);
    expect((await tryLogin('liaison_a', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('successful logins do not use up the IP allowance', async () => {
    const ip = '10.250.0.2';
    for (let i = 0; i < 3; i++) expect((await tryLogin('handler_a', TEST_PASSWORD, { ip })).statusCode).toBe(200);
    expect((await counter(`ip:${ip}`))?.failures ?? 0).toBe(0);
  });

  it('a disabled user cannot log in, and their sessions stop working', async () => {
    const u = await newUser('disabled_soon');
    const c = await login(t.app, 'disabled_soon');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    await t.db.updateTable('appUser').set({ active: 0 }).where('id', '=', u.id).execute();
    lapseSessionCache();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await c.get('/api/v1/units')).statusCode).toBe(401);
    const res = await tryLogin('disabled_soon', TEST_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('该账号已停用，请联系管理员');
    // A wrong password does not reveal that the account is disabled.
    expect((await tryLogin('disabled_soon', 'Wrong-pass-1')).json().message).not.toContain('停用');
  });

  it('gives a new session id at each login; the cookie it came with stops working (no fixation)', async () => {
    await newUser('fixated');
    const first = await tryLogin('fixated', TEST_PASSWORD);
    const old = first.cookies.find((c) => c.name === 'renda_sid')!.value;
    const second = await tryLogin('fixated', TEST_PASSWORD, { cookie: `renda_sid=${old}` });
    expect(second.statusCode).toBe(200);
    const fresh = second.cookies.find((c) => c.name === 'renda_sid')!.value;
    expect(fresh).not.toBe(old);
    expect(second.json().csrfToken).not.toBe(first.json().csrfToken);
    expect((await clientFor(t.app, `renda_sid=${old}`, first.json().csrfToken).get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await clientFor(t.app, `renda_sid=${fresh}`, second.json().csrfToken).get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('401 without a cookie or with an unknown one', async () => {
    expect((await anon(t.app).get('/api/v1/auth/me')).statusCode).toBe(401);
    const res = await clientFor(t.app, 'renda_sid=not-a-session', '').get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('请先登录');
  });

  it('logout ends the session and clears the cookie', async () => {
    const c = await login(t.app, 'liaison_a');
    // Read once first, so this process holds the session in its cache: logout must still end it at once.
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const res = await c.post('/api/v1/auth/logout');
    expect(res.statusCode).toBe(200);
    const cleared = res.cookies.find((x) => x.name === 'renda_sid');
    expect(cleared?.value).toBe('');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      await t.db
        .selectFrom('session')
        .select('id')
        .where('id', '=', hashToken(c.cookie.replace('renda_sid=', '')))
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('an idle session expires; an active one is kept alive', async () => {
    const c = await login(t.app, 'liaison_a');
    const id = hashToken(c.cookie.replace('renda_sid=', ''));
    const idle = loadConfig({}).sessionIdleMinutes; // the test app runs with the default config
    await t.db
      .updateTable('session')
      .set({ lastSeenAt: addMinutes(nowIso(), -(idle - 5)) })
      .where('id', '=', id)
      .execute();
    lapseSessionCache();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const touched = await t.db.selectFrom('session').select('lastSeenAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(touched.lastSeenAt)).toBeLessThan(60_000);

    await t.db
      .updateTable('session')
      .set({ lastSeenAt: addMinutes(nowIso(), -(idle + 1)) })
      .where('id', '=', id)
      .execute();
    lapseSessionCache();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await t.db.selectFrom('session').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it('a session ends at its absolute expiry however active it is', async () => {
    const c = await login(t.app, 'liaison_a');
    const id = hashToken(c.cookie.replace('renda_sid=', ''));
    await t.db
      .updateTable('session')
      .set({ expiresAt: addMinutes(nowIso(), -1), lastSeenAt: nowIso() })
      .where('id', '=', id)
      .execute();
    lapseSessionCache();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('writes need the CSRF token; reads do not', async () => {
    const c = await login(t.app, 'liaison_a');
    const noToken = (method: 'POST', url: string, payload?: object) => c.request({ method, url, payload, headers: { 'x-csrf-token': '' } });
    for (const [url, body] of [
      ['/api/v1/auth/logout', undefined],
      ['/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Other-pass-987' }],
    ] as const) {
      const res = await noToken('POST', url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('CSRF');
    }
    const wrong = await c.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    // Nothing happened: still logged in, password unchanged.
    expect((await c.request({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-csrf-token': '' } })).statusCode).toBe(200);
    expect((await tryLogin('liaison_a', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a town user stays in their own town whatever the session row says', async () => {
    const c = await login(t.app, 'liaison_a');
    await t.db
      .updateTable('session')
      .set({ townId: t.world.townB.id })
      .where('id', '=', hashToken(c.cookie.replace('renda_sid=', '')))
      .execute();
    lapseSessionCache();
    expect((await c.get('/api/v1/auth/me')).json().town.id).toBe(t.world.townA.id);
    expect((await c.get('/api/v1/units')).json().items.map((u: { name: string }) => u.name)).toEqual(['甲镇民政办']);
  });
});

describe('the session cache', () => {
  it('serves a session from memory for SESSION_CACHE_MS, then reads the database again', async () => {
    const u = await newUser('cached_one');
    const c = await login(t.app, 'cached_one');
    const token = c.cookie.replace('renda_sid=', '');
    let now = Date.now();
    const cache = new SessionCache({ db: t.db, config: loadConfig({}) }, SESSION_CACHE_MS, () => now);
    expect((await cache.principalFor(token))?.userId).toBe(u.id);
    // Disabled behind this process's back (another process, the CLI): the cached copy still answers
    // until it lapses; this is the bound docs/deploy.md states.
    await t.db.updateTable('appUser').set({ active: 0 }).where('id', '=', u.id).execute();
    now += SESSION_CACHE_MS - 1;
    expect((await cache.principalFor(token))?.userId).toBe(u.id);
    now += 2;
    expect(await cache.principalFor(token)).toBeNull();
    expect(cache.size).toBe(0);
    // Enabled again: read afresh, not remembered as refused.
    await t.db.updateTable('appUser').set({ active: 1 }).where('id', '=', u.id).execute();
    expect((await cache.principalFor(token))?.userId).toBe(u.id);
    cache.clear();
    await t.db.updateTable('appUser').set({ active: 0 }).where('id', '=', u.id).execute();
    expect(await cache.principalFor(token)).toBeNull();
  });

  it('a cached copy that looks idle-expired is checked against the database before the session is ended', async () => {
    await newUser('cached_idle');
    const c = await login(t.app, 'cached_idle');
    const token = c.cookie.replace('renda_sid=', '');
    const id = hashToken(token);
    // The cache's own clock stands still (the copy stays fresh); the wall clock moves on below.
    const cache = new SessionCache({ db: t.db, config: { ...loadConfig({}), sessionIdleMinutes: 1 } }, SESSION_CACHE_MS, () => 0);
    const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    await t.db
      .updateTable('session')
      .set({ lastSeenAt: ago(30) })
      .where('id', '=', id)
      .execute();
    expect(await cache.principalFor(token)).not.toBeNull();
    // Another process saw the user just now; 40 s on, this cached copy alone would call the session idle.
    await t.db.updateTable('session').set({ lastSeenAt: nowIso() }).where('id', '=', id).execute();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 40_000);
      expect(await cache.principalFor(token)).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
    expect(await t.db.selectFrom('session').select('id').where('id', '=', id).executeTakeFirst()).toBeTruthy();
  });

  it('a write through this process (a role change by an admin) holds from the next request', async () => {
    const u = await newUser('demoted');
    const c = await login(t.app, 'demoted');
    expect((await c.get('/api/v1/users')).statusCode).toBe(200);
    const admin = await login(t.app, 'admin_a');
    const res = await admin.patch(`/api/v1/users/${u.id}`, { role: 'liaison', stationId: t.world.stationA.id, version: 1 });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/users')).statusCode).toBe(403);
    expect((await c.get('/api/v1/auth/me')).json().user.role).toBe('liaison');
  });
});

describe('change own password', () => {
  it('names currentPassword when it is wrong, newPassword when it is weak or unchanged', async () => {
    const u = await newUser('pw_rules');
    const c = await login(t.app, 'pw_rules');
    const before = (await t.db.selectFrom('appUser').select('passwordHash').where('id', '=', u.id).executeTakeFirstOrThrow()).passwordHash;
    const cases: [object, string][] = [
      [{ currentPassword: 'Not-my-pass-1', newPassword: 'Brand-new-123' }, 'body.currentPassword'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'short' }, 'body.newPassword'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'alllowercaseletters' }, 'body.newPassword'],
      [{ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, 'body.newPassword'],
      [{ currentPassword: '', newPassword: 'Brand-new-123' }, 'body.currentPassword'],
    ];
    for (const [body, field] of cases) {
      const res = await c.post('/api/v1/auth/password', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    const after = (await t.db.selectFrom('appUser').select('passwordHash').where('id', '=', u.id).executeTakeFirstOrThrow()).passwordHash;
    expect(after).toBe(before);
  });

  it('guessing the current password spends the account’s login allowance: the fifth wrong guess locks it', async () => {
    const u = await newUser('pw_guess');
    const c = await login(t.app, 'pw_guess');
    const before = (await t.db.selectFrom('appUser').select('passwordHash').where('id', '=', u.id).executeTakeFirstOrThrow()).passwordHash;
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await c.post('/api/v1/auth/password', { currentPassword: `Guess-${i}-xyz`, newPassword: 'Brand-new-123' })).statusCode);
    expect(codes).toEqual([400, 400, 400, 400, 429]);
    // Locked now: even the right password is refused here and at the login, until the lock ends.
    expect((await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Brand-new-123' })).statusCode).toBe(429);
    expect((await tryLogin('pw_guess', TEST_PASSWORD)).statusCode).toBe(429);
    const after = (await t.db.selectFrom('appUser').select('passwordHash').where('id', '=', u.id).executeTakeFirstOrThrow()).passwordHash;
    expect(after).toBe(before);
  });

  it('changes it, ends the other sessions, keeps this one, audits without the password', async () => {
    const u = await newUser('pw_change');
    const here = await login(t.app, 'pw_change');
    const elsewhere = await login(t.app, 'pw_change');
    const res = await here.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Brand-new-123' });
    expect(res.statusCode).toBe(200);
    expect((await here.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('pw_change', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await tryLogin('pw_change', 'Brand-new-123')).statusCode).toBe(200);
    const ev = await t.db.selectFrom('auditEvent').selectAll().where('entityId', '=', u.id).where('action', '=', 'change_password').executeTakeFirstOrThrow();
    expect(JSON.stringify(ev)).not.toContain('Brand-new-123');
  });
});

describe('switch town', () => {
  it('a county_admin reads town A’s units, then town B’s after switching', async () => {
    const c = await login(t.app, 'county');
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.town.code).toBe('T01');
    expect(me.towns.map((x: { code: string }) => x.code)).toEqual(['T01', 'T02']);
    expect((await c.get('/api/v1/units')).json().items.map((u: { name: string }) => u.name)).toEqual(['甲镇民政办']);

    const res = await c.post('/api/v1/auth/switch-town', { townId: t.world.townB.id });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).json().town.code).toBe('T02');
    expect((await c.get('/api/v1/units')).json().items.map((u: { name: string }) => u.name)).toEqual(['乙镇民政办']);
    expect((await c.get(`/api/v1/units/${t.world.unitA.id}`)).statusCode).toBe(404);
    const ev = await t.db.selectFrom('auditEvent').select('townId').where('action', '=', 'switch_town').executeTakeFirstOrThrow();
    expect(ev.townId).toBe(t.world.townB.id);
  });

  it('404 for a town of another county or no town at all; the session stays where it was', async () => {
    const other = await makeCounty(t.db, 'C09', '外县');
    const far = await makeTown(t.db, other.id, 'Z01', '外县某镇');
    const c = await login(t.app, 'county');
    expect((await c.post('/api/v1/auth/switch-town', { townId: far.id })).statusCode).toBe(404);
    expect((await c.post('/api/v1/auth/switch-town', { townId: 'no-such-town' })).statusCode).toBe(404);
    const bad = await c.post('/api/v1/auth/switch-town', {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.townId');
    expect((await c.get('/api/v1/auth/me')).json().town.code).toBe('T01');
  });

  it('403 for town users', async () => {
    for (const role of ['town_admin', 'liaison', 'deputy', 'handler'] as const) {
      const res = await (await t.as(role)).post('/api/v1/auth/switch-town', { townId: t.world.townB.id });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await (await t.as('town_admin')).get('/api/v1/auth/me')).json().town.code).toBe('T01');
  });
});
