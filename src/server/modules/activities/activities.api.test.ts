import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makeStation, makeUser } from '../../../../test/factories.ts';

/*
 * Kinds, activities and recurring series. Invitations, leave, sign-in and statistics are in
 * attendance.api.test.ts. Times are built from the real clock (the sign-in rules need "now"), and fixed
 * dates far ahead (2030) where only the calendar matters.
 */
let t: TestCtx;
let stationA2: { id: string };
let kindB: { id: string };
let activityB: { id: string };
let liaisonA2: Client;
let kinds: { id: string; code: string; name: string }[];
const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, termA, stationA } = t.world;
  stationA2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', stationId: stationA.id });
  await makeUser(t.db, { countyId: t.world.county.id, townId: townA.id, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  liaisonA2 = await login(t.app, 'liaison_a2');
  kindB = await makeActivityKind(t.db, townB.id, 'training', '乙镇培训');
  activityB = await makeActivity(t.db, townB.id, kindB.id, { title: '乙镇活动', startAt: minutes(60), endAt: minutes(120) });
});
afterAll(async () => t.close());

const count = async (table: 'activity' | 'activityKind' | 'activitySeries') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('townId', '=', t.world.townA.id).executeTakeFirstOrThrow()).n);

const kindId = (code: string) => (kinds.find((k) => k.code === code) as { id: string }).id;

describe('activity kinds', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get('/api/v1/activity-kinds')).statusCode).toBe(401);
  });

  it('a town without kinds gets the defaults on first read, once, with one audit event', async () => {
    const admin = await t.as('town_admin');
    const first = await admin.get('/api/v1/activity-kinds?pageSize=100');
    expect(first.statusCode).toBe(200);
    kinds = first.json().items;
    expect(kinds.map((k) => k.name)).toEqual([
      '培训学习',
      '代表小组活动',
      '固定活动日',
      '月度例会',
      '主席团会议',
      '视察',
      '调研',
      '执法检查',
      '安全检查',
      '环保检查',
      '民主评议会',
      '述职会',
      '走访选民',
      '走访慰问',
      '法治宣传',
      '会前活动',
      '其他',
    ]);
    expect(first.json().items[0]).toMatchObject({ code: 'training', countsAs: 'training', active: true });
    const liaison = await t.as('liaison');
    expect((await liaison.get('/api/v1/activity-kinds?pageSize=100')).json().total).toBe(17);
    expect(await count('activityKind')).toBe(17);
    const seeds = await t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'activity_kind').where('action', '=', 'seed').execute();
    expect(seeds.map((e) => e.townId)).toEqual([t.world.townA.id]);
    // Town B already had a kind of its own: it is left alone.
    const b = await (await t.as('admin_b')).get('/api/v1/activity-kinds');
    expect(b.json().items.map((k: { name: string }) => k.name)).toEqual(['乙镇培训']);
  });

  it('403 for a deputy or handler reading, and for a liaison writing', async () => {
    for (const role of ['deputy', 'handler'] as const) expect((await (await t.as(role)).get('/api/v1/activity-kinds')).statusCode, role).toBe(403);
    expect((await (await t.as('liaison')).post('/api/v1/activity-kinds', { name: '学习会', countsAs: 'training' })).statusCode).toBe(403);
  });

  it('400 names the field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/activity-kinds', { name: '', countsAs: 'training' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.name');
    const bad = await admin.post('/api/v1/activity-kinds', { name: '学习会', countsAs: 'party' });
    expect(bad.json().details.issues[0].field).toBe('body.countsAs');
    expect(await count('activityKind')).toBe(17);
  });

  it('creates with an automatic code, refuses a duplicate name, updates with the version, 404 for another town’s', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/activity-kinds', { name: '代表接待日', countsAs: 'fixed_day', sortOrder: 25 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'K01', name: '代表接待日', sortOrder: 25, active: true, version: 1 });
    expect((await admin.post('/api/v1/activity-kinds', { name: '代表接待日', countsAs: 'other' })).statusCode).toBe(409);
    const id = res.json().id;
    const off = await admin.patch(`/api/v1/activity-kinds/${id}`, { active: false, version: 1 });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await admin.patch(`/api/v1/activity-kinds/${id}`, { name: '接待日', version: 1 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/activity-kinds/${kindB.id}`, { name: '篡改', version: 1 })).statusCode).toBe(404);
    // A hidden kind cannot be chosen for a new activity.
    const act = await admin.post('/api/v1/activities', { title: '接待', kindId: id, organiserType: 'town', startAt: minutes(60), endAt: minutes(120) });
    expect(act.statusCode).toBe(400);
    expect(act.json().details.issues[0].field).toBe('body.kindId');
    const active = await admin.get('/api/v1/activity-kinds?active=true&pageSize=100');
    expect(active.json().total).toBe(17);
  });
});

describe('activities', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    title: '宪法学习培训',
    kindId: kindId('training'),
    organiserType: 'town',
    startAt: minutes(24 * 60),
    endAt: minutes(24 * 60 + 120),
    place: '镇政府三楼会议室',
    content: '学习宪法和代表法',
    speakers: ['县人大常委会 王老师'],
    ...over,
  });

  it('401 without a session', async () => {
    expect((await anon(t.app).get('/api/v1/activities')).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/activities', body())).statusCode).toBe(401);
  });

  it('400 names the field, and nothing is written', async () => {
    const admin = await t.as('town_admin');
    const before = await count('activity');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'body.title'],
      [{ startAt: '2026-06-06 09:00' }, 'body.startAt'],
      [{ endAt: '2026-06-06T09:00:00' }, 'body.endAt'],
      [{ startAt: '0001-06-06T09:00:00Z' }, 'body.startAt'],
      [{ endAt: minutes(24 * 60 - 1) }, 'body.endAt'],
      [{ organiserType: 'station' }, 'body.organiserId'],
      [{ organiserType: 'station', organiserId: t.world.stationB.id }, 'body.organiserId'],
      [{ organiserType: 'town', organiserId: t.world.stationA.id }, 'body.organiserId'],
      [{ kindId: kindB.id }, 'body.kindId'],
      [{ speakers: [''] }, 'body.speakers.0'],
      [{ status: 'cancelled' }, 'body.status'],
    ];
    for (const [over, field] of cases) {
      const res = await admin.post('/api/v1/activities', body(over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
    }
    const msg = await admin.post('/api/v1/activities', body({ endAt: minutes(24 * 60 - 1) }));
    expect(msg.json().message).toBe('结束时间：结束时间应晚于开始时间');
    expect(await count('activity')).toBe(before);
  });

  it('403: a handler reads nothing, a deputy writes nothing, a liaison only for their own station', async () => {
    expect((await (await t.as('handler')).get('/api/v1/activities')).statusCode).toBe(403);
    expect((await (await t.as('deputy')).get('/api/v1/activities')).statusCode).toBe(403);
    expect((await (await t.as('deputy')).post('/api/v1/activities', body())).statusCode).toBe(403);
    const liaison = await t.as('liaison');
    const before = await count('activity');
    expect((await liaison.post('/api/v1/activities', body())).statusCode).toBe(403);
    expect((await liaison.post('/api/v1/activities', body({ organiserType: 'station', organiserId: stationA2.id }))).statusCode).toBe(403);
    expect(await count('activity')).toBe(before);
    const own = await liaison.post('/api/v1/activities', body({ title: '联络站活动日', organiserType: 'station', organiserId: t.world.stationA.id }));
    expect(own.statusCode).toBe(201);
  });

  it('creates with a sign-in code shown to staff, and audits it', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/activities', body({ startAt: '2030-03-05T09:00:00+08:00', endAt: '2030-03-05T11:30:00+08:00' }));
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      title: '宪法学习培训',
      kindName: '培训学习',
      countsAs: 'training',
      organiserType: 'town',
      organiserId: null,
      organiserName: '甲镇',
      startAt: '2030-03-05T01:00:00.000Z',
      endAt: '2030-03-05T03:30:00.000Z',
      signInOpensAt: '2030-03-05T00:30:00.000Z',
      status: 'planned',
      speakers: ['县人大常委会 王老师'],
      seriesId: null,
      moved: false,
      version: 1,
      myInvitation: null,
      counts: { invited: 0, accepted: 0, leavePending: 0, leaveApproved: 0, signedIn: 0, final: null },
    });
    expect(a.signInCode).toMatch(/^\d{6}$/);
    const audit = await t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'activity').where('entityId', '=', a.id).execute();
    expect(audit.map((e) => e.action)).toEqual(['create']);
    expect(JSON.parse(audit[0].changes as string).kind).toEqual([null, '培训学习']);
  });

  it('404 for another town’s activity, on read and write', async () => {
    const admin = await t.as('town_admin');
    expect((await admin.get(`/api/v1/activities/${activityB.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/activities/${activityB.id}`, { title: '篡改', version: 1 })).statusCode).toBe(404);
    const b = await t.db.selectFrom('activity').select('title').where('id', '=', activityB.id).executeTakeFirstOrThrow();
    expect(b.title).toBe('乙镇活动');
  });

  it('lists by date range (China days), kind, organiser and status, ordered by start, with the total', async () => {
    const admin = await t.as('town_admin');
    const mk = async (title: string, startAt: string, endAt: string, over: Record<string, unknown> = {}) =>
      (await admin.post('/api/v1/activities', body({ title, startAt, endAt, ...over }))).json();
    await mk('四月末', '2030-04-30T23:30:00+08:00', '2030-05-01T00:30:00+08:00');
    await mk('五月视察', '2030-05-20T09:00:00+08:00', '2030-05-20T11:00:00+08:00', { kindId: kindId('inspection') });
    await mk('五月一日', '2030-05-01T08:00:00+08:00', '2030-05-01T09:00:00+08:00');
    await mk('五月站活动', '2030-05-10T08:00:00+08:00', '2030-05-10T09:00:00+08:00', { organiserType: 'station', organiserId: stationA2.id });
    await mk('六月一日', '2030-06-01T00:00:00+08:00', '2030-06-01T01:00:00+08:00');

    const may = await admin.get('/api/v1/activities?from=2030-05-01&to=2030-05-31');
    // The activity running over midnight into May 1st shows in May too (it overlaps the month).
    expect(may.json().items.map((a: { title: string }) => a.title)).toEqual(['四月末', '五月一日', '五月站活动', '五月视察']);
    expect(may.json().total).toBe(4);
    const paged = await admin.get('/api/v1/activities?from=2030-05-01&to=2030-05-31&pageSize=2&page=2');
    expect(paged.json().items.map((a: { title: string }) => a.title)).toEqual(['五月站活动', '五月视察']);
    expect(paged.json().total).toBe(4);
    const byKind = await admin.get(`/api/v1/activities?from=2030-05-01&to=2030-05-31&kindId=${kindId('inspection')}`);
    expect(byKind.json().items.map((a: { title: string }) => a.title)).toEqual(['五月视察']);
    const byStation = await admin.get(`/api/v1/activities?organiserType=station&organiserId=${stationA2.id}`);
    expect(byStation.json().items.map((a: { title: string }) => a.title)).toEqual(['五月站活动']);
    const bad = await admin.get('/api/v1/activities?from=2030-05-31&to=2030-05-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.to');
    expect((await admin.get('/api/v1/activities?status=done')).json().details.issues[0].field).toBe('querystring.status');
    // Town B's admin sees only town B's.
    const b = await (await t.as('admin_b')).get('/api/v1/activities');
    expect(b.json().items.map((a: { title: string }) => a.title)).toEqual(['乙镇活动']);
  });

  it('updates with the version, cancels, refuses "held" before the start, and audits each change', async () => {
    const admin = await t.as('town_admin');
    const a = (await admin.post('/api/v1/activities', body({ title: '待修改' }))).json();
    const upd = await admin.patch(`/api/v1/activities/${a.id}`, { place: '村委会', version: 1 });
    expect(upd.json()).toMatchObject({ place: '村委会', version: 2 });
    expect((await admin.patch(`/api/v1/activities/${a.id}`, { place: '旧版本', version: 1 })).statusCode).toBe(409);
    const held = await admin.patch(`/api/v1/activities/${a.id}`, { status: 'held', version: 2 });
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('INVALID_TRANSITION');
    const badEnd = await admin.patch(`/api/v1/activities/${a.id}`, { endAt: a.startAt, version: 2 });
    expect(badEnd.json().details.issues[0].field).toBe('body.endAt');
    const cancel = await admin.patch(`/api/v1/activities/${a.id}`, { status: 'cancelled', version: 2 });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', version: 3 });
    const events = await t.db.selectFrom('auditEvent').select('action').where('entityId', '=', a.id).orderBy('at').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'cancel']);
    // A past activity can be recorded as held.
    const past = await admin.post('/api/v1/activities', body({ title: '补录', startAt: minutes(-180), endAt: minutes(-60), status: 'held' }));
    expect(past.json().status).toBe('held');
  });

  it('a liaison manages only their own station’s activity', async () => {
    const admin = await t.as('town_admin');
    const a2 = (await admin.post('/api/v1/activities', body({ title: '二站活动', organiserType: 'station', organiserId: stationA2.id }))).json();
    const liaison = await t.as('liaison');
    const res = await liaison.patch(`/api/v1/activities/${a2.id}`, { title: '越权', version: 1 });
    expect(res.statusCode).toBe(403);
    expect((await t.db.selectFrom('activity').select('title').where('id', '=', a2.id).executeTakeFirstOrThrow()).title).toBe('二站活动');
    // Reading the town's calendar is fine; handing its own activity to another station is not.
    expect((await liaison.get(`/api/v1/activities/${a2.id}`)).statusCode).toBe(200);
    const own = (await liaison.post('/api/v1/activities', body({ title: '一站活动', organiserType: 'station', organiserId: t.world.stationA.id }))).json();
    expect((await liaison.patch(`/api/v1/activities/${own.id}`, { organiserId: stationA2.id, version: 1 })).statusCode).toBe(403);
    expect((await liaisonA2.patch(`/api/v1/activities/${a2.id}`, { title: '二站活动（改）', version: 1 })).statusCode).toBe(200);
  });

  it('changing the organiser: a new type starts without an id, an id alone keeps the type', async () => {
    const admin = await t.as('town_admin');
    const a = (await admin.post('/api/v1/activities', body({ title: '换组织方', organiserType: 'station', organiserId: t.world.stationA.id }))).json();
    const toTown = await admin.patch(`/api/v1/activities/${a.id}`, { organiserType: 'town', version: 1 });
    expect(toTown.json()).toMatchObject({ organiserType: 'town', organiserId: null, organiserName: '甲镇' });
    const toStation = await admin.patch(`/api/v1/activities/${a.id}`, { organiserType: 'station', version: 2 });
    expect(toStation.json().details.issues[0].field).toBe('body.organiserId');
    const back = await admin.patch(`/api/v1/activities/${a.id}`, { organiserType: 'station', organiserId: stationA2.id, version: 2 });
    expect(back.json()).toMatchObject({ organiserType: 'station', organiserId: stationA2.id, organiserName: '甲镇第二联络站' });
    const idOnly = await admin.patch(`/api/v1/activities/${a.id}`, { organiserId: t.world.stationA.id, version: 3 });
    expect(idOnly.json()).toMatchObject({ organiserType: 'station', organiserName: '甲镇代表联络站' });
  });

  it('a deputy reads only an activity they are invited to, without the sign-in code', async () => {
    const admin = await t.as('town_admin');
    const a = (await admin.post('/api/v1/activities', body({ title: '邀请测试' }))).json();
    const deputy = await t.as('deputy');
    expect((await deputy.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
    await admin.post(`/api/v1/activities/${a.id}/invitations`, { deputyIds: [t.world.deputyA.id] });
    const mine = await deputy.get(`/api/v1/activities/${a.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ title: '邀请测试', signInCode: null, myInvitation: { response: 'pending', leaveStatus: null, finalStatus: null } });
    expect((await (await t.as('handler')).get(`/api/v1/activities/${a.id}`)).statusCode).toBe(403);
  });
});

describe('recurring series', () => {
  const series = (over: Record<string, unknown> = {}) => ({
    title: '固定活动日',
    kindId: kindId('fixed_day'),
    organiserType: 'station',
    organiserId: t.world.stationA.id,
    // June 2030 begins on a Saturday: five Saturdays (1, 8, 15, 22, 29).
    rule: { type: 'weekly', weekdays: [6] },
    startTime: '09:00',
    durationMinutes: 120,
    fromDate: '2030-06-01',
    untilDate: '2030-06-30',
    place: '联络站',
    invite: { stationIds: [t.world.stationA.id] },
    ...over,
  });
  let s: { id: string; version: number };

  it('401 and 403 as the routes say', async () => {
    expect((await anon(t.app).post('/api/v1/activity-series', series())).statusCode).toBe(401);
    expect((await (await t.as('deputy')).post('/api/v1/activity-series', series())).statusCode).toBe(403);
    expect((await (await t.as('handler')).post('/api/v1/activity-series', series())).statusCode).toBe(403);
    const before = await count('activity');
    expect((await (await t.as('liaison')).post('/api/v1/activity-series', series({ organiserId: stationA2.id }))).statusCode).toBe(403);
    expect(await count('activity')).toBe(before);
  });

  it('400 names the field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const before = [await count('activity'), await count('activitySeries')];
    const cases: [Record<string, unknown>, string][] = [
      [{ untilDate: '2030-05-01' }, 'body.untilDate'],
      [{ untilDate: '2034-06-30' }, 'body.untilDate'],
      [{ rule: { type: 'weekly', weekdays: [7] } }, 'body.rule.weekdays.0'],
      [{ rule: { type: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] }, untilDate: '2032-06-30' }, 'body.untilDate'],
      [{ rule: { type: 'monthly_nth_weekday', nth: 5, weekday: 2 }, untilDate: '2030-06-30' }, 'body.rule'],
      [{ startTime: '9:00' }, 'body.startTime'],
      [{ durationMinutes: 0 }, 'body.durationMinutes'],
      [{ invite: { deputyIds: [t.world.deputyB.id] } }, 'body.invite.deputyIds[0]'],
      [{ invite: {} }, 'body.invite'],
    ];
    for (const [over, field] of cases) {
      const res = await admin.post('/api/v1/activity-series', series(over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
    }
    expect([await count('activity'), await count('activitySeries')]).toEqual(before);
  });

  it('creates one occurrence per rule date (five Saturdays), each invited and with its own code', async () => {
    const liaison = await t.as('liaison');
    const res = await liaison.post('/api/v1/activity-series', series());
    expect(res.statusCode).toBe(201);
    s = res.json();
    expect(res.json()).toMatchObject({ ruleText: '每周六', organiserName: '甲镇代表联络站', occurrenceCount: 5, regenerated: { created: 5, updated: 0, removed: 0, kept: 0 } });
    const list = (await liaison.get(`/api/v1/activities?seriesId=${s.id}`)).json();
    expect(list.items.map((a: { startAt: string }) => a.startAt)).toEqual([
      '2030-06-01T01:00:00.000Z',
      '2030-06-08T01:00:00.000Z',
      '2030-06-15T01:00:00.000Z',
      '2030-06-22T01:00:00.000Z',
      '2030-06-29T01:00:00.000Z',
    ]);
    // Station A's serving deputies: 李明华 and 张秀英.
    expect(list.items.map((a: { invitedCount: number }) => a.invitedCount)).toEqual([2, 2, 2, 2, 2]);
    // External keys: the series and every occurrence get the next free code of the town.
    expect(res.json().code).toMatch(/^R\d{3}$/);
    const keys = list.items.map((a: { code: string }) => Number(a.code.slice(1)));
    expect(list.items.every((a: { code: string }) => /^A\d{5}$/.test(a.code))).toBe(true);
    expect(keys).toEqual([keys[0], keys[0] + 1, keys[0] + 2, keys[0] + 3, keys[0] + 4]);
    const codes = await t.db.selectFrom('activity').select('signInCode').where('seriesId', '=', s.id).execute();
    expect(new Set(codes.map((c) => c.signInCode)).size).toBe(5);
    const audits = await t.db.selectFrom('auditEvent').select('entity').where('summary', 'like', '%固定活动日%').execute();
    expect(audits.filter((a) => a.entity === 'activity').length).toBe(5);
    expect(audits.filter((a) => a.entity === 'activity_series').length).toBe(1);
    expect((await liaison.get(`/api/v1/activity-series/${s.id}`)).json()).toMatchObject({ occurrenceCount: 5, regenerated: null, version: 1 });
  });

  it('an occurrence is moved or cancelled on its own; editing the series keeps them and regenerates the rest', async () => {
    const liaison = await t.as('liaison');
    const occ = (await liaison.get(`/api/v1/activities?seriesId=${s.id}`)).json().items as { id: string; startAt: string }[];
    const moved = await liaison.patch(`/api/v1/activities/${occ[1].id}`, { startAt: '2030-06-09T09:00:00+08:00', endAt: '2030-06-09T11:00:00+08:00', version: 1 });
    expect(moved.json()).toMatchObject({ moved: true, detached: true, seriesDate: '2030-06-08' });
    const cancelled = await liaison.patch(`/api/v1/activities/${occ[2].id}`, { status: 'cancelled', version: 1 });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', moved: false });

    // New time and title: the three untouched ones follow, the moved and the cancelled one stay.
    const upd = await liaison.patch(`/api/v1/activity-series/${s.id}`, { title: '固定活动日（下午）', startTime: '14:00', version: 1 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ version: 2, regenerated: { created: 0, updated: 3, removed: 0, kept: 2 } });
    let now = (await liaison.get(`/api/v1/activities?seriesId=${s.id}`)).json().items as { id: string; title: string; startAt: string; status: string }[];
    expect(now.map((a) => [a.startAt, a.title, a.status])).toEqual([
      ['2030-06-01T06:00:00.000Z', '固定活动日（下午）', 'planned'],
      ['2030-06-09T01:00:00.000Z', '固定活动日', 'planned'],
      ['2030-06-15T01:00:00.000Z', '固定活动日', 'cancelled'],
      ['2030-06-22T06:00:00.000Z', '固定活动日（下午）', 'planned'],
      ['2030-06-29T06:00:00.000Z', '固定活动日（下午）', 'planned'],
    ]);
    expect(now[0].id).toBe(occ[0].id);

    // A new rule, the 1st, 8th and 20th: the 8th is still held by the moved occurrence (no second one),
    // the 22nd and 29th go, the 20th is new.
    const rule = await liaison.patch(`/api/v1/activity-series/${s.id}`, { rule: { type: 'monthly_days', days: [20, 1, 8] }, version: 2 });
    expect(rule.json()).toMatchObject({ ruleText: '每月1日、8日、20日', regenerated: { created: 1, updated: 1, removed: 2, kept: 2 } });
    now = (await liaison.get(`/api/v1/activities?seriesId=${s.id}`)).json().items;
    expect(now.map((a) => a.startAt)).toEqual(['2030-06-01T06:00:00.000Z', '2030-06-09T01:00:00.000Z', '2030-06-15T01:00:00.000Z', '2030-06-20T06:00:00.000Z']);
    // The new one is invited like the others.
    expect(now.map((a) => (a as unknown as { invitedCount: number }).invitedCount)).toEqual([2, 2, 2, 2]);
    const stale = await liaison.patch(`/api/v1/activity-series/${s.id}`, { title: 'x', version: 2 });
    expect(stale.statusCode).toBe(409);
  });

  it('an occurrence a deputy has answered is left alone too', async () => {
    const liaison = await t.as('liaison');
    const occ = (await liaison.get(`/api/v1/activities?seriesId=${s.id}`)).json().items as { id: string; startAt: string }[];
    const deputy = await t.as('deputy');
    expect((await deputy.post(`/api/v1/activities/${occ[3].id}/accept`)).statusCode).toBe(200);
    const upd = await liaison.patch(`/api/v1/activity-series/${s.id}`, { startTime: '15:00', version: 3 });
    expect(upd.json().regenerated).toEqual({ created: 0, updated: 1, removed: 0, kept: 3 });
    const after = (await liaison.get(`/api/v1/activities?seriesId=${s.id}`)).json().items as { id: string; startAt: string }[];
    expect(after[3]).toMatchObject({ id: occ[3].id, startAt: '2030-06-20T06:00:00.000Z' });
    expect(after[0].startAt).toBe('2030-06-01T07:00:00.000Z');
  });

  it('past occurrences are recorded on creation and never regenerated', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/activity-series', series({ title: '去年月例会', organiserType: 'town', organiserId: null, fromDate: '2025-01-01', untilDate: '2025-03-31', rule: { type: 'monthly_days', days: [9, 19] }, invite: null }));
    expect(res.json()).toMatchObject({ occurrenceCount: 6, regenerated: { created: 6 } });
    const upd = await admin.patch(`/api/v1/activity-series/${res.json().id}`, { startTime: '10:00', version: 1 });
    expect(upd.json().regenerated).toEqual({ created: 0, updated: 0, removed: 0, kept: 6 });
  });

  it('404 for another town’s series; a liaison cannot edit another station’s', async () => {
    const b = await t.as('admin_b');
    const sb = await b.post('/api/v1/activity-series', {
      ...series({ kindId: kindB.id, organiserType: 'town', organiserId: null, invite: null }),
    });
    expect(sb.statusCode).toBe(201);
    const admin = await t.as('town_admin');
    expect((await admin.get(`/api/v1/activity-series/${sb.json().id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/activity-series/${sb.json().id}`, { title: '篡改', version: 1 })).statusCode).toBe(404);
    expect((await liaisonA2.patch(`/api/v1/activity-series/${s.id}`, { title: '越权', version: 4 })).statusCode).toBe(403);
    expect((await liaisonA2.get(`/api/v1/activity-series/${s.id}`)).statusCode).toBe(200);
  });
});
