import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeInvitation } from '../../../../test/factories.ts';

/*
 * The facts over HTTP on both engines: who may read them, the period checks naming query.from/query.to,
 * a figure's records resolved to code, title, date and page, and nothing of another town ever coming back.
 */

let t: TestCtx;
let activityId: string;
const Y = 'from=2026-01-01&to=2026-12-31';
beforeAll(async () => {
  t = await setupApi();
  const kind = await makeActivityKind(t.db, t.world.townA.id, 'K-TR', '代表培训', 'training');
  const a = await makeActivity(t.db, t.world.townA.id, kind.id, {
    code: 'A00001',
    title: '代表法专题培训',
    status: 'held',
    startAt: '2026-03-10T01:00:00.000Z',
    endAt: '2026-03-10T04:00:00.000Z',
  });
  activityId = a.id;
  await makeInvitation(t.db, t.world.townA.id, a.id, t.world.deputyA.id, { attendance: 'present' });
  // Cancelled, and one that has not happened yet: neither is held.
  await makeActivity(t.db, t.world.townA.id, kind.id, { status: 'cancelled', startAt: '2026-04-10T01:00:00.000Z', endAt: '2026-04-10T04:00:00.000Z' });
  await makeActivity(t.db, t.world.townA.id, kind.id, { startAt: '2099-04-10T01:00:00.000Z', endAt: '2099-04-10T04:00:00.000Z' });
});
afterAll(async () => t.close());

const issue = (res: { json(): { details: { issues: { field: string }[] } } }) => res.json().details.issues[0].field;

describe('facts API', () => {
  it('401 without a session, 403 for deputies and handling offices, CSRF on the POST', async () => {
    expect((await anon(t.app).get(`/api/v1/facts?${Y}`)).statusCode).toBe(401);
    expect((await anon(t.app).get(`/api/v1/facts/records?${Y}&key=activities.held`)).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/facts/records', { refs: [] })).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get(`/api/v1/facts?${Y}`)).statusCode, role).toBe(403);
      expect((await c.get(`/api/v1/facts/records?${Y}&key=activities.held`)).statusCode, role).toBe(403);
      expect((await c.post('/api/v1/facts/records', { refs: [] })).statusCode, role).toBe(403);
    }
    const admin = await t.as('town_admin');
    const res = await admin.request({ method: 'POST', url: '/api/v1/facts/records', payload: { refs: [] }, headers: { 'x-csrf-token': 'wrong' } });
    expect(res.json().code).toBe('CSRF');
  });

  it('400 names query.from / query.to / query.key / body.refs', async () => {
    const admin = await t.as('town_admin');
    const cases: [string, string][] = [
      ['/api/v1/facts?to=2026-12-31', 'query.from'],
      ['/api/v1/facts?from=2026-13-01&to=2026-12-31', 'query.from'],
      ['/api/v1/facts?from=2026-01-01', 'query.to'],
      ['/api/v1/facts?from=2026-06-01&to=2026-05-31', 'query.to'],
      ['/api/v1/facts?from=2020-01-01&to=2025-12-31', 'query.to'],
      ['/api/v1/facts/records?from=2026-01-01&to=2026-02-30&key=activities.held', 'query.to'],
      [`/api/v1/facts/records?${Y}`, 'query.key'],
    ];
    for (const [url, field] of cases) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(issue(res), url).toBe(field);
    }
    const many = await admin.post('/api/v1/facts/records', { refs: Array.from({ length: 5001 }, (_, i) => `activity:${i}`) });
    expect(many.statusCode).toBe(400);
    expect(issue(many)).toBe('body.refs');
  });

  it('404 for a key that is not a fact', async () => {
    const admin = await t.as('town_admin');
    expect((await admin.get(`/api/v1/facts/records?${Y}&key=no.such`)).statusCode).toBe(404);
  });

  it("answers the town's facts for the period to staff (a county admin: the town it works in)", async () => {
    const county = await t.as('county_admin');
    const res = await county.get(`/api/v1/facts?${Y}`);
    expect(res.statusCode).toBe(200);
    expect([t.world.townA.id, t.world.townB.id]).toContain(res.json().town.id);
    for (const role of ['town_admin', 'liaison'] as const) {
      const c = await t.as(role);
      const res = await c.get(`/api/v1/facts?${Y}`);
      expect(res.statusCode, role).toBe(200);
      const body = res.json();
      expect(body.town).toEqual({ id: t.world.townA.id, name: '甲镇' });
      expect([body.from, body.to]).toEqual(['2026-01-01', '2026-12-31']);
      expect(body.facts['activities.held']).toMatchObject({ value: 1, ids: [`activity:${activityId}`] });
      expect(body.facts['trainings.personTimes'].value).toBe(1);
      expect(body.facts['trainings.topics'].value).toEqual(['代表法专题培训']);
      expect(body.facts['deputies.total']).toMatchObject({ value: 1, ids: [`deputy:${t.world.deputyA.id}`] });
      expect(body.facts['gaps.onTimeRate'].value).toBeNull();
    }
    // Another year: nothing held.
    const admin = await t.as('town_admin');
    expect((await admin.get('/api/v1/facts?from=2025-01-01&to=2025-12-31')).json().facts['activities.held'].value).toBe(0);
  });

  it("resolves a figure's records to code, title, date and page", async () => {
    const admin = await t.as('town_admin');
    const res = await admin.get(`/api/v1/facts/records?${Y}&key=activities.held`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      key: 'activities.held',
      label: '期间内已举行的代表活动次数（各类合计）',
      value: 1,
      records: [
        {
          ref: `activity:${activityId}`,
          kind: 'activity',
          id: activityId,
          code: 'A00001',
          title: '代表法专题培训',
          date: '2026-03-10',
          href: `/activities/${activityId}`,
        },
      ],
    });
    const refs = [`deputy:${t.world.deputyA.id}`, `station:${t.world.stationA.id}`, `activity:${activityId}`, 'activity:missing', 'bogus:1', 'nocolon'];
    const posted = await admin.post('/api/v1/facts/records', { refs });
    expect(posted.statusCode).toBe(200);
    const records = posted.json().records;
    // Dated records first, then the undated ones (by kind, then code).
    expect(records.map((r: { ref: string }) => r.ref)).toEqual([`activity:${activityId}`, `deputy:${t.world.deputyA.id}`, `station:${t.world.stationA.id}`]);
    expect(records[1]).toMatchObject({ code: 'D001', title: '李明华', href: `/deputies/${t.world.deputyA.id}` });
    expect(records[2]).toMatchObject({ title: '甲镇代表联络站', href: `/stations/${t.world.stationA.id}` });
  });

  it("never shows another town's records or figures", async () => {
    const b = await t.as('admin_b');
    const facts = (await b.get(`/api/v1/facts?${Y}`)).json();
    expect(facts.town.name).toBe('乙镇');
    expect(facts.facts['activities.held'].value).toBe(0);
    expect(facts.facts['deputies.total'].ids).toEqual([`deputy:${t.world.deputyB.id}`]);
    const res = await b.post('/api/v1/facts/records', { refs: [`activity:${activityId}`, `deputy:${t.world.deputyA.id}`] });
    expect(res.statusCode).toBe(200);
    expect(res.json().records).toEqual([]);
  });
});
