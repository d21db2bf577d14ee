import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeUser, makeVillage } from '../../../../test/factories.ts';
import { todayInChina } from '../../lib/time.ts';

let t: TestCtx;
let v1: { id: string };
let v2: { id: string };
let v3: { id: string };
let vB: { id: string };

beforeAll(async () => {
  t = await setupApi();
  const a = t.world.townA.id;
  v1 = await makeVillage(t.db, a, 'V01', '东村');
  v2 = await makeVillage(t.db, a, 'V02', '西村');
  v3 = await makeVillage(t.db, a, 'V03', '南社区', 'community');
  vB = await makeVillage(t.db, t.world.townB.id, 'V01', '乙镇北村');
  await makeUser(t.db, {
    countyId: t.world.county.id,
    townId: a,
    role: 'liaison',
    username: 'liaison_a2',
    displayName: '周联络',
    phone: '13900002222',
    stationId: t.world.stationA.id,
  });
});
afterAll(async () => t.close());

const S = '/api/v1/stations';

async function countStations() {
  const n = await t.db
    .selectFrom('station')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

async function auditOf(entityId: string) {
  const admin = await t.as('town_admin');
  return (await admin.get(`/api/v1/audit-events?entity=station&entityId=${entityId}`)).json().items as {
    action: string;
    changes: Record<string, [unknown, unknown]> | null;
  }[];
}

describe('stations API: access', () => {
  it('401 without a session on every route', async () => {
    const c = anon(t.app);
    const id = t.world.stationA.id;
    const calls = [
      c.get(S),
      c.get(`${S}/${id}`),
      c.get(`${S}/${id}/reception-days`),
      c.post(S, { name: '新站', kind: 'station' }),
      c.patch(`${S}/${id}`, { name: '改名', version: 1 }),
      c.put(`${S}/${id}/villages`, { villageIds: [] }),
      c.put(`${S}/${id}/deputies`, { deputyIds: [] }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('403 for deputy, handler and liaison on every write, and nothing changes', async () => {
    const id = t.world.stationA.id;
    const before = await countStations();
    for (const role of ['deputy', 'handler', 'liaison'] as const) {
      const c = await t.as(role);
      expect((await c.post(S, { name: '新站', kind: 'station' })).statusCode, role).toBe(403);
      expect((await c.patch(`${S}/${id}`, { name: '改名', version: 1 })).statusCode, role).toBe(403);
      expect((await c.put(`${S}/${id}/villages`, { villageIds: [v1.id] })).statusCode, role).toBe(403);
      expect((await c.put(`${S}/${id}/deputies`, { deputyIds: [] })).statusCode, role).toBe(403);
    }
    expect(await countStations()).toBe(before);
    const a = await t.db.selectFrom('station').select(['name', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(a).toEqual({ name: '甲镇代表联络站', version: 1 });
    expect(await t.db.selectFrom('stationVillage').selectAll().execute()).toEqual([]);
    const d = await t.db.selectFrom('deputy').select('stationId').where('id', '=', t.world.deputyA.id).executeTakeFirstOrThrow();
    expect(d.stationId).toBe(id);
  });

  it('every role may read stations and their reception days', async () => {
    for (const role of ['town_admin', 'liaison', 'deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get(S)).statusCode, role).toBe(200);
      expect((await c.get(`${S}/${t.world.stationA.id}`)).statusCode, role).toBe(200);
      expect((await c.get(`${S}/${t.world.stationA.id}/reception-days`)).statusCode, role).toBe(200);
    }
  });

  it('404 for another town’s station, on every route, and it stays as it was', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.stationB.id;
    expect((await admin.get(`${S}/${id}`)).statusCode).toBe(404);
    expect((await admin.get(`${S}/${id}/reception-days`)).statusCode).toBe(404);
    expect((await admin.patch(`${S}/${id}`, { name: '被篡改', version: 1 })).statusCode).toBe(404);
    expect((await admin.put(`${S}/${id}/villages`, { villageIds: [] })).statusCode).toBe(404);
    expect((await admin.put(`${S}/${id}/deputies`, { deputyIds: [] })).statusCode).toBe(404);
    const b = await t.db.selectFrom('station').select(['name', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(b).toEqual({ name: '乙镇代表联络站', version: 1 });
    const dB = await t.db.selectFrom('deputy').select('stationId').where('id', '=', t.world.deputyB.id).executeTakeFirstOrThrow();
    expect(dB.stationId).toBe(id);
    const list = (await admin.get(S)).json();
    expect(list.map((s: { name: string }) => s.name)).toEqual(['甲镇代表联络站']);
  });
});

describe('stations API: create and update', () => {
  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const before = await countStations();
    const cases: [unknown, string][] = [
      [{ name: '', kind: 'station' }, 'body.name'],
      [{ name: '新站', kind: 'office' }, 'body.kind'],
      [{ name: '新站', kind: 'station', scheduleRule: { type: 'monthly_days', days: [32] } }, 'body.scheduleRule.days.0'],
      [{ name: '新站', kind: 'station', scheduleRule: { type: 'monthly_nth_weekday', nth: 6, weekday: 1 } }, 'body.scheduleRule.nth'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post(S, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    // The head deputy must belong to this town.
    const res = await admin.post(S, { name: '新站', kind: 'station', headDeputyId: t.world.deputyB.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.headDeputyId');
    expect(res.json().message).toContain('站长');
    expect(await countStations()).toBe(before);
  });

  it('creates with the next code, a head deputy and a schedule; lists with counts', async () => {
    const admin = await t.as('town_admin');
    const created = await admin.post(S, {
      name: '东片代表之家',
      kind: 'home',
      address: '东村村委会',
      phone: '0731-5551234',
      headDeputyId: t.world.deputyA.id,
      scheduleRule: { type: 'monthly_days', days: [19, 9] },
    });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({
      code: 'S02',
      kind: 'home',
      headDeputyName: '李明华',
      scheduleText: '每月9日、19日',
      scheduleRule: { type: 'monthly_days', days: [9, 19] },
      villages: [],
      deputies: [],
      liaisons: [],
      version: 1,
    });
    expect(s.nextReceptionDays).toHaveLength(5);
    const today = todayInChina();
    for (const d of s.nextReceptionDays) {
      expect(d >= today).toBe(true);
      expect(d).toMatch(/-(09|19)$/);
    }
    expect([...s.nextReceptionDays].sort()).toEqual(s.nextReceptionDays);

    const dup = await admin.post(S, { name: '东片代表之家', kind: 'station' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].field).toBe('body.name');

    const list = (await admin.get(S)).json();
    expect(list.map((x: { code: string }) => x.code)).toEqual(['S01', 'S02']);
    // Station A: deputy A assigned, two liaison users.
    expect(list[0]).toMatchObject({ villageCount: 0, deputyCount: 1, liaisonCount: 2, scheduleText: '', headDeputyName: null });
    expect(list[1]).toMatchObject({ id: s.id, villageCount: 0, deputyCount: 0, liaisonCount: 0, scheduleText: '每月9日、19日', phone: '0731-5551234' });

    const events = await auditOf(s.id);
    expect(events.map((e) => e.action)).toEqual(['create']);
    expect(events[0].changes?.headDeputy).toEqual([null, '李明华']);
    expect(events[0].changes?.schedule).toEqual([null, '每月9日、19日']);
  });

  it('updates with optimistic locking, clears the schedule, and audits', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.stationA.id;
    const upd = await admin.patch(`${S}/${id}`, { description: '覆盖东片', scheduleRule: { type: 'first_weekend' }, version: 1 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ description: '覆盖东片', scheduleText: '每月第一个周末', version: 2, name: '甲镇代表联络站' });

    const stale = await admin.patch(`${S}/${id}`, { name: '旧版本', version: 1 });
    expect(stale.statusCode).toBe(409);
    const bad = await admin.patch(`${S}/${id}`, { headDeputyId: t.world.deputyB.id, version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.headDeputyId');
    const row = await t.db.selectFrom('station').select(['name', 'headDeputyId', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '甲镇代表联络站', headDeputyId: null, version: 2 });

    const cleared = await admin.patch(`${S}/${id}`, { scheduleRule: null, version: 2 });
    expect(cleared.json()).toMatchObject({ scheduleRule: null, scheduleText: '', nextReceptionDays: [], version: 3 });

    const events = await auditOf(id);
    expect(events.map((e) => e.action)).toEqual(['update', 'update']);
    expect(events[0].changes).toEqual({ schedule: ['每月第一个周末', null] });
    expect(events[1].changes).toEqual({ description: ['', '覆盖东片'], schedule: [null, '每月第一个周末'] });
  });
});

describe('stations API: villages and deputies', () => {
  it('sets the villages of a station; a village is covered by one station only', async () => {
    const admin = await t.as('town_admin');
    const a = t.world.stationA.id;
    const res = await admin.put(`${S}/${a}/villages`, { villageIds: [v2.id, v1.id, v1.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().villages.map((v: { name: string }) => v.name)).toEqual(['东村', '西村']);
    expect(res.json().villageCount).toBe(2);

    const other = (await admin.post(S, { name: '南片工作室', kind: 'studio' })).json();
    const taken = await admin.put(`${S}/${other.id}/villages`, { villageIds: [v3.id, v2.id] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain('西村');
    expect(taken.json().message).toContain('甲镇代表联络站');
    expect(taken.json().details.issues[0].field).toBe('body.villageIds');

    const foreign = await admin.put(`${S}/${other.id}/villages`, { villageIds: [v3.id, vB.id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.villageIds');

    // The failed writes left both stations as they were.
    const rows = await t.db.selectFrom('stationVillage').select(['stationId', 'villageId']).orderBy('villageId').execute();
    expect(rows).toEqual([v1.id, v2.id].sort().map((villageId) => ({ stationId: a, villageId })));

    // Moving a village: take it from A first, then give it to the other station.
    expect((await admin.put(`${S}/${a}/villages`, { villageIds: [v1.id] })).statusCode).toBe(200);
    expect((await admin.put(`${S}/${other.id}/villages`, { villageIds: [v2.id, v3.id] })).json().villageCount).toBe(2);

    // An editor who opened the station before those changes sends its old version: 409, nothing changed.
    const current = (await admin.get(`${S}/${a}`)).json();
    const stale = await admin.put(`${S}/${a}/villages`, { villageIds: [v1.id, v3.id], version: current.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`${S}/${a}`)).json()).toMatchObject({ villageCount: 1, version: current.version });
    const fresh = await admin.put(`${S}/${a}/villages`, { villageIds: [v1.id], version: current.version });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().version).toBe(current.version + 1);

    const events = (await auditOf(a)).filter((e) => e.action === 'set_villages').slice(1);
    expect(events[0]).toMatchObject({ action: 'set_villages', changes: { villages: [['东村', '西村'], ['东村']] } });
    expect(events[1]).toMatchObject({ action: 'set_villages', changes: { villages: [[], ['东村', '西村']] } });
  });

  it('sets the deputies of a station: assigns the listed, clears the removed, one audit event', async () => {
    const admin = await t.as('town_admin');
    const a = t.world.stationA.id;
    const { townA, termA } = t.world;
    const d2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', gender: 'female' });
    const d3 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D003', name: '刘建军', isCountyLevel: 1 });
    const other = (await admin.post(S, { name: '北片联络站', kind: 'station' })).json();
    await t.db.updateTable('deputy').set({ stationId: other.id }).where('id', '=', d3.id).execute();

    const res = await admin.put(`${S}/${a}/deputies`, { deputyIds: [d2.id, d3.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().deputies).toEqual([
      { id: d2.id, code: 'D002', name: '张秀英', isTownLevel: true, isCountyLevel: false, status: 'serving' },
      { id: d3.id, code: 'D003', name: '刘建军', isTownLevel: true, isCountyLevel: true, status: 'serving' },
    ]);
    const rows = await t.db.selectFrom('deputy').select(['id', 'stationId', 'version']).where('townId', '=', townA.id).orderBy('code').execute();
    expect(rows).toEqual([
      { id: t.world.deputyA.id, stationId: null, version: 2 },
      { id: d2.id, stationId: a, version: 2 },
      { id: d3.id, stationId: a, version: 2 },
    ]);
    expect((await admin.get(`${S}/${other.id}`)).json().deputyCount).toBe(0);

    const events = (await auditOf(a)).filter((e) => e.action === 'set_deputies');
    expect(events).toHaveLength(1);
    expect(events[0].changes).toEqual({ deputies: [['D001 李明华'], ['D002 张秀英', 'D003 刘建军']] });

    // Another town's deputy: 400, and nothing moves.
    const bad = await admin.put(`${S}/${a}/deputies`, { deputyIds: [t.world.deputyA.id, t.world.deputyB.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.deputyIds');
    const after = await t.db.selectFrom('deputy').select(['id', 'stationId', 'version']).where('townId', '=', townA.id).orderBy('code').execute();
    expect(after).toEqual(rows);
    const dB = await t.db.selectFrom('deputy').select(['stationId', 'version']).where('id', '=', t.world.deputyB.id).executeTakeFirstOrThrow();
    expect(dB).toEqual({ stationId: t.world.stationB.id, version: 1 });

    // An editor who opened the other station before D003 moved away sends its old list: 409, D003 stays.
    const otherNow = (await admin.get(`${S}/${other.id}`)).json();
    expect(otherNow.version).toBe(other.version + 1);
    const stale = await admin.put(`${S}/${other.id}/deputies`, { deputyIds: [d3.id], version: other.version });
    expect(stale.statusCode).toBe(409);
    expect((await t.db.selectFrom('deputy').select('stationId').where('id', '=', d3.id).executeTakeFirstOrThrow()).stationId).toBe(a);
    // A move on the deputy's own page changes both stations' versions as well.
    const before = (await admin.get(`${S}/${a}`)).json().version;
    const dep = (await admin.get(`/api/v1/deputies/${d3.id}`)).json();
    expect((await admin.patch(`/api/v1/deputies/${d3.id}`, { stationId: other.id, version: dep.version })).statusCode).toBe(200);
    expect((await admin.get(`${S}/${a}`)).json().version).toBe(before + 1);
    expect((await admin.get(`${S}/${other.id}`)).json().version).toBe(otherNow.version + 1);
  });

  it('shows liaisons with phones to staff and masked to deputies', async () => {
    const id = t.world.stationA.id;
    const admin = await t.as('town_admin');
    const staff = (await admin.get(`${S}/${id}`)).json().liaisons;
    expect(staff.find((l: { displayName: string }) => l.displayName === '周联络').phone).toBe('13900002222');
    const deputy = await t.as('deputy');
    const seen = (await deputy.get(`${S}/${id}`)).json().liaisons;
    expect(seen.find((l: { displayName: string }) => l.displayName === '周联络').phone).toBe('139****2222');
  });
});

describe('stations API: reception days', () => {
  it('expands the schedule over a range', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.stationA.id;
    const cur = (await admin.get(`${S}/${id}`)).json();
    await admin.patch(`${S}/${id}`, { scheduleRule: { type: 'monthly_nth_weekday', nth: -1, weekday: 5 }, version: cur.version });
    const res = await admin.get(`${S}/${id}/reception-days?from=2026-04-01&to=2026-06-30`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      rule: { type: 'monthly_nth_weekday', nth: -1, weekday: 5 },
      text: '每月最后一个星期五',
      dates: ['2026-04-24', '2026-05-29', '2026-06-26'],
    });
    const liaison = await t.as('liaison');
    const dflt = (await liaison.get(`${S}/${id}/reception-days`)).json();
    expect(dflt.dates.length).toBeGreaterThanOrEqual(2);
    expect(dflt.dates[0] >= todayInChina()).toBe(true);
  });

  it('400 names the bad end of the range', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.stationA.id;
    const long = await admin.get(`${S}/${id}/reception-days?from=2026-01-01&to=2029-06-01`);
    expect(long.statusCode).toBe(400);
    expect(long.json().details.issues[0].field).toBe('querystring.to');
    expect(long.json().message).toContain('3 年');
    const back = await admin.get(`${S}/${id}/reception-days?from=2026-03-01&to=2026-02-01`);
    expect(back.json().details.issues[0].field).toBe('querystring.to');
    const bad = await admin.get(`${S}/${id}/reception-days?from=2026-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.from');
  });

  it('400, not 500, for a date outside 1900–2100 (year 0000 is a leap year the calendar code once misread)', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.stationA.id;
    for (const [qs, field] of [
      ['from=0000-02-29', 'querystring.from'],
      ['from=0000-01-01', 'querystring.from'],
      ['from=1899-12-31', 'querystring.from'],
      ['from=2101-01-01', 'querystring.from'],
      ['from=2026-01-01&to=2101-01-01', 'querystring.to'],
    ]) {
      const res = await admin.get(`${S}/${id}/reception-days?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().details.issues[0].field, qs).toBe(field);
      expect(res.json().message, qs).toContain('1900');
      expect(res.json().message, qs).toContain('2100');
    }
    // The edges of the range are fine; the default window may run past 2100.
    expect((await admin.get(`${S}/${id}/reception-days?from=1900-01-01&to=1900-03-01`)).statusCode).toBe(200);
    expect((await admin.get(`${S}/${id}/reception-days?from=2100-12-01`)).statusCode).toBe(200);
  });

  it('a station without a schedule has no reception days', async () => {
    const admin = await t.as('town_admin');
    const s = (await admin.post(S, { name: '无接待日站', kind: 'station' })).json();
    const res = await admin.get(`${S}/${s.id}/reception-days?from=2026-01-01&to=2026-12-31`);
    expect(res.json()).toEqual({ rule: null, text: '', dates: [] });
  });
});
