import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makeInvitation, makeStation, makeUser } from '../../../../test/factories.ts';

/*
 * What the activity pages added on the server: cancelling the rest of a series, reordering the kinds,
 * and the report figures of the statistics (by month, training topics, person-times, a liaison's own
 * station). Series dates are placed around the real clock, since "the rest" is what has not started.
 */
let t: TestCtx;
let stationA2: { id: string };
let liaisonA2: Client;
let kinds: { id: string; code: string; name: string; sortOrder: number; version: number }[];
let kindB: { id: string };

const DAY = 86_400_000;
/** A China date `n` days from today (China time). */
const chinaDay = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
const kindId = (code: string) => (kinds.find((k) => k.code === code) as { id: string }).id;
const audits = (entity: string, action: string) =>
  t.db.selectFrom('auditEvent').select(['entityId', 'summary']).where('entity', '=', entity).where('action', '=', action).execute();

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB } = t.world;
  stationA2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  await makeUser(t.db, { countyId: t.world.county.id, townId: townA.id, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  liaisonA2 = await login(t.app, 'liaison_a2');
  kindB = await makeActivityKind(t.db, townB.id, 'training', '乙镇培训', 'training');
  kinds = (await (await t.as('town_admin')).get('/api/v1/activity-kinds?pageSize=100')).json().items;
});
afterAll(async () => t.close());

describe('cancelling the rest of a series', () => {
  // Every day from three days ago to ten days ahead, 09:00–10:00 China time: 14 occurrences.
  const body = () => ({
    title: '每日值守',
    kindId: kindId('fixed_day'),
    organiserType: 'station',
    organiserId: t.world.stationA.id,
    rule: { type: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] },
    startTime: '09:00',
    durationMinutes: 60,
    fromDate: chinaDay(-3),
    untilDate: chinaDay(10),
  });
  let s: { id: string; version: number };
  type Occ = { id: string; startAt: string; status: string; seriesDate: string; moved: boolean; detached: boolean };
  const occurrences = async (c: Client) => (await c.get(`/api/v1/activities?seriesId=${s.id}&pageSize=100`)).json().items as Occ[];

  beforeAll(async () => {
    const res = await (await t.as('liaison')).post('/api/v1/activity-series', body());
    expect(res.statusCode).toBe(201);
    s = res.json();
  });

  it('401, 403 for a deputy, a handler and another station’s liaison, 404 for another town’s series', async () => {
    const url = `/api/v1/activity-series/${s.id}/cancel`;
    const input = { fromDate: chinaDay(2), version: 1 };
    expect((await anon(t.app).post(url, input)).statusCode).toBe(401);
    expect((await (await t.as('deputy')).post(url, input)).statusCode).toBe(403);
    expect((await (await t.as('handler')).post(url, input)).statusCode).toBe(403);
    expect((await liaisonA2.post(url, input)).statusCode).toBe(403);
    expect((await (await t.as('admin_b')).post(url, input)).statusCode).toBe(404);
    expect((await occurrences(await t.as('liaison'))).every((o) => o.status === 'planned')).toBe(true);
  });

  it('400 names the field (bad date, after the series ends), 409 for a stale version; nothing changes', async () => {
    const liaison = await t.as('liaison');
    const url = `/api/v1/activity-series/${s.id}/cancel`;
    const cases: [Record<string, unknown>, string][] = [
      [{ fromDate: '2026-02-30', version: 1 }, 'body.fromDate'],
      [{ fromDate: chinaDay(11), version: 1 }, 'body.fromDate'],
      [{ fromDate: chinaDay(2) }, 'body.version'],
    ];
    for (const [input, field] of cases) {
      const res = await liaison.post(url, input);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    expect((await liaison.post(url, { fromDate: chinaDay(2), version: 9 })).statusCode).toBe(409);
    expect((await occurrences(liaison)).every((o) => o.status === 'planned')).toBe(true);
    expect((await liaison.get(`/api/v1/activity-series/${s.id}`)).json()).toMatchObject({ version: 1, untilDate: chinaDay(10) });
  });

  it('cancels the planned future occurrences from the date; past, moved-earlier and cancelled ones stay; the series ends the day before', async () => {
    const liaison = await t.as('liaison');
    let occ = await occurrences(liaison);
    expect(occ).toHaveLength(14);
    // The list carries what the series page marks: the rule date, moved and detached.
    const day5 = occ.find((o) => o.seriesDate === chinaDay(5)) as Occ;
    const moved = await liaison.patch(`/api/v1/activities/${day5.id}`, {
      startAt: `${chinaDay(1)}T15:00:00+08:00`,
      endAt: `${chinaDay(1)}T16:00:00+08:00`,
      version: 1,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const day7 = occ.find((o) => o.seriesDate === chinaDay(7)) as Occ;
    expect((await liaison.patch(`/api/v1/activities/${day7.id}`, { status: 'cancelled', version: 1 })).statusCode).toBe(200);
    occ = await occurrences(liaison);
    expect(occ.find((o) => o.id === day5.id)).toMatchObject({ seriesDate: chinaDay(5), moved: true, detached: true });
    expect(occ.find((o) => o.seriesDate === chinaDay(6))).toMatchObject({ moved: false, detached: false });

    const res = await liaison.post(`/api/v1/activity-series/${s.id}/cancel`, { fromDate: chinaDay(2), version: 1 });
    expect(res.statusCode).toBe(200);
    // Days 2..10 are nine; day 5 now lies before the date and day 7 was cancelled already.
    expect(res.json()).toMatchObject({ cancelled: 7, version: 2, untilDate: chinaDay(1), occurrenceCount: 14 });
    occ = await occurrences(liaison);
    const statusOf = (date: string) => occ.find((o) => o.seriesDate === date)?.status;
    for (let d = -3; d <= 1; d++) expect(statusOf(chinaDay(d)), String(d)).toBe('planned');
    for (let d = 2; d <= 10; d++) expect(statusOf(chinaDay(d)), String(d)).toBe(d === 5 ? 'planned' : 'cancelled');
    // One audit event for the series and one per occurrence cancelled.
    expect((await audits('activity_series', 'cancel')).filter((a) => a.entityId === s.id)).toHaveLength(1);
    const cancelledIds = new Set(occ.filter((o) => o.status === 'cancelled' && o.id !== day7.id).map((o) => o.id));
    expect((await audits('activity', 'update')).filter((a) => cancelledIds.has(a.entityId) && a.summary.startsWith('随系列取消'))).toHaveLength(7);

    // A later edit of the series does not bring the cancelled days back.
    const upd = await liaison.patch(`/api/v1/activity-series/${s.id}`, { title: '每日值守（调整）', version: 2 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().regenerated.created).toBe(0);
    expect((await occurrences(liaison)).filter((o) => o.status === 'cancelled')).toHaveLength(8);
  });

  it('from a date before the first occurrence: everything still to come is cancelled and the dates stay', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/activity-series', { ...body(), title: '下月例会', organiserType: 'town', organiserId: null, fromDate: chinaDay(3), untilDate: chinaDay(5) });
    const again = await admin.post(`/api/v1/activity-series/${res.json().id}/cancel`, { fromDate: chinaDay(1), version: 1 });
    expect(again.json()).toMatchObject({ cancelled: 3, untilDate: chinaDay(5), fromDate: chinaDay(3) });
  });
});

describe('reordering the kinds', () => {
  it('401, 403 for staff who are not admins, 400 naming the entry; nothing changes', async () => {
    const ids = kinds.map((k) => k.id);
    expect((await anon(t.app).post('/api/v1/activity-kinds/reorder', { kindIds: ids })).statusCode).toBe(401);
    for (const role of ['liaison', 'deputy', 'handler'] as const) {
      expect((await (await t.as(role)).post('/api/v1/activity-kinds/reorder', { kindIds: ids })).statusCode, role).toBe(403);
    }
    const admin = await t.as('town_admin');
    const cases: [unknown, string][] = [
      [[], 'body.kindIds'],
      [[ids[0], kindB.id], 'body.kindIds[1]'],
      [[ids[0], ids[1], ids[0]], 'body.kindIds[2]'],
      [['not an id!'], 'body.kindIds[0]'],
    ];
    for (const [kindIds, field] of cases) {
      const res = await admin.post('/api/v1/activity-kinds/reorder', { kindIds });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    const now = (await admin.get('/api/v1/activity-kinds?pageSize=100')).json().items;
    expect(now.map((k: { id: string }) => k.id)).toEqual(ids);
  });

  it('puts the kinds in the given order, moves the version of those that changed, and audits it once', async () => {
    const admin = await t.as('town_admin');
    // The last kind (其他) first; the others keep their relative order.
    const ids = [kinds[kinds.length - 1].id, ...kinds.slice(0, -1).map((k) => k.id)];
    const res = await admin.post('/api/v1/activity-kinds/reorder', { kindIds: ids });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((k: { id: string }) => k.id)).toEqual(ids);
    expect(res.json().items.map((k: { sortOrder: number }) => k.sortOrder).slice(0, 3)).toEqual([10, 20, 30]);
    const after = new Map(res.json().items.map((k: { id: string; version: number }) => [k.id, k.version]));
    // Every kind moved: the defaults were 10, 20 …, and each now sits one place later (or first).
    expect(kinds.every((k) => after.get(k.id) === k.version + 1)).toBe(true);
    expect(await audits('activity_kind', 'reorder')).toHaveLength(1);
    // The same order again changes nothing and writes no second event.
    await admin.post('/api/v1/activity-kinds/reorder', { kindIds: ids });
    expect(await audits('activity_kind', 'reorder')).toHaveLength(1);
    // Another town's list is untouched.
    expect((await (await t.as('admin_b')).get('/api/v1/activity-kinds?pageSize=100')).json().items[0].id).toBe(kindB.id);
  });
});

describe('report statistics', () => {
  const url = '/api/v1/activities/stats?from=2025-01-01&to=2025-03-31';
  let stats: Record<string, unknown> & { byMonth: { month: string; activities: number; attended: number; rate: number | null; kinds: { kindName: string; activities: number }[] }[] };

  beforeAll(async () => {
    const { townA, townB, termA, stationA, deputyA } = t.world;
    const d2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D102', name: '张秀英', stationId: stationA.id });
    const d3 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D103', name: '赵志强', stationId: stationA2.id });
    const training = kindId('training');
    const group = kindId('group');
    // January: a training by the town (2 present of 3, one late), February: nothing, March: a training
    // by station A (1 of 2, one approved leave) and a group activity by station A2 (1 absent of 1).
    const jan = await makeActivity(t.db, townA.id, training, { title: '宪法学习', startAt: '2025-01-10T01:00:00.000Z', endAt: '2025-01-10T03:00:00.000Z' });
    await makeInvitation(t.db, townA.id, jan.id, deputyA.id, { attendance: 'present' });
    await makeInvitation(t.db, townA.id, jan.id, d2.id, { attendance: 'late' });
    await makeInvitation(t.db, townA.id, jan.id, d3.id);
    const mar = await makeActivity(t.db, townA.id, training, {
      title: '代表法培训',
      organiserType: 'station',
      stationId: stationA.id,
      startAt: '2025-03-31T15:30:00.000Z', // 23:30 China time on March 31st: still March
      endAt: '2025-03-31T17:00:00.000Z',
    });
    await makeInvitation(t.db, townA.id, mar.id, deputyA.id, { attendance: 'present' });
    await makeInvitation(t.db, townA.id, mar.id, d2.id, { leaveStatus: 'approved' });
    const grp = await makeActivity(t.db, townA.id, group, { title: '小组活动', organiserType: 'station', stationId: stationA2.id, startAt: '2025-03-03T01:00:00.000Z', endAt: '2025-03-03T02:00:00.000Z' });
    await makeInvitation(t.db, townA.id, grp.id, d3.id);
    // Not counted: cancelled, and another town's training.
    const x = await makeActivity(t.db, townA.id, training, { title: '取消的培训', status: 'cancelled', startAt: '2025-02-10T01:00:00.000Z', endAt: '2025-02-10T02:00:00.000Z' });
    await makeInvitation(t.db, townA.id, x.id, deputyA.id, { attendance: 'present' });
    const b = await makeActivity(t.db, townB.id, kindB.id, { title: '乙镇培训', startAt: '2025-01-10T01:00:00.000Z', endAt: '2025-01-10T02:00:00.000Z' });
    await makeInvitation(t.db, townB.id, b.id, t.world.deputyB.id, { attendance: 'present' });
    const res = await (await t.as('town_admin')).get(url);
    expect(res.statusCode).toBe(200);
    stats = res.json();
  });

  it('every month of the range, empty ones included, with activities per kind, person-times and rate', () => {
    expect(stats.byMonth.map((m) => [m.month, m.activities, m.attended, m.rate])).toEqual([
      ['2025-01', 1, 2, 0.6667],
      ['2025-02', 0, 0, null],
      ['2025-03', 2, 1, 0.5],
    ]);
    expect(stats.byMonth[2].kinds).toEqual([
      { kindId: kindId('group'), kindName: '代表小组活动', activities: 1 },
      { kindId: kindId('training'), kindName: '培训学习', activities: 1 },
    ]);
  });

  it('training topics with dates (China) and person-times; totals and groups carry person-times too', () => {
    expect(stats.trainingTopics).toEqual([
      expect.objectContaining({ title: '宪法学习', date: '2025-01-10', kindName: '培训学习', invited: 3, attended: 2, rate: 0.6667 }),
      expect.objectContaining({ title: '代表法培训', date: '2025-03-31', invited: 2, onLeave: 1, attended: 1, rate: 1 }),
    ]);
    expect(stats.totals).toEqual({ activities: 3, invited: 6, present: 2, late: 1, onLeave: 1, absent: 2, attended: 3, rate: 0.6 });
    expect((stats.byKind as { kindName: string; attended: number; activities: number }[]).map((k) => [k.kindName, k.activities, k.attended])).toEqual([
      ['培训学习', 2, 3],
      ['代表小组活动', 1, 0],
    ]);
    expect(stats.stationId).toBeNull();
  });

  it('a liaison gets their own station’s activities only; another station is 403', async () => {
    const mine = (await (await t.as('liaison')).get(url)).json();
    expect(mine).toMatchObject({ stationId: t.world.stationA.id, totals: { activities: 1, invited: 2, attended: 1 } });
    expect(mine.trainingTopics.map((x: { title: string }) => x.title)).toEqual(['代表法培训']);
    expect((await liaisonA2.get(url)).json().totals).toMatchObject({ activities: 1, invited: 1, absent: 1, rate: 0 });
    expect((await liaisonA2.get(`${url}&stationId=${t.world.stationA.id}`)).statusCode).toBe(403);
  });

  it('an admin may filter by a station of the town; another town’s station is 400 naming the field', async () => {
    const admin = await t.as('town_admin');
    const a2 = (await admin.get(`${url}&stationId=${stationA2.id}`)).json();
    expect(a2).toMatchObject({ stationId: stationA2.id, totals: { activities: 1 } });
    const res = await admin.get(`${url}&stationId=${t.world.stationB.id}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('querystring.stationId');
  });
});
