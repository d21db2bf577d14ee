import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind } from '../../../../test/factories.ts';
import { makeSuggestion } from '../../../../test/search-factories.ts';

let t: TestCtx;
let activityA: { id: string; code: string };
let activityB: { id: string };
let suggestionA: { id: string; code: string };
let suggestionB: { id: string };
beforeAll(async () => {
  t = await setupApi();
  const kindA = await makeActivityKind(t.db, t.world.townA.id, 'K01', '视察', 'inspection');
  const kindB = await makeActivityKind(t.db, t.world.townB.id, 'K01', '视察', 'inspection');
  const when = { startAt: '2026-05-10T01:00:00.000Z', endAt: '2026-05-10T04:00:00.000Z' };
  activityA = await makeActivity(t.db, t.world.townA.id, kindA.id, { ...when, title: '视察工业园区', code: 'A00001' });
  activityB = await makeActivity(t.db, t.world.townB.id, kindB.id, { ...when, code: 'A00001' });
  suggestionA = await makeSuggestion(t.db, t.world.townA.id, { title: '关于改善饮水的建议' });
  suggestionB = await makeSuggestion(t.db, t.world.townB.id);
});
afterAll(async () => t.close());

const entry = (over: Record<string, unknown> = {}) => ({ date: '2026-06-18', title: '新增税收', category: 'economy', amount: 1967, unit: '万元', ...over });

async function create(over: Record<string, unknown> = {}) {
  const admin = await t.as('town_admin');
  const res = await admin.post('/api/v1/achievements', entry(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('achievements ledger API', () => {
  it('401 without a session, 403 for roles that may not', async () => {
    expect((await anon(t.app).get('/api/v1/achievements')).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/achievements', entry())).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/achievements')).statusCode, role).toBe(403);
    }
    const liaison = await t.as('liaison');
    expect((await liaison.get('/api/v1/achievements')).statusCode).toBe(200);
    expect((await liaison.post('/api/v1/achievements', entry())).statusCode).toBe(403);
  });

  it('400 names the field, and another town’s activity or suggestion is a bad field', async () => {
    const admin = await t.as('town_admin');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'body.title'],
      [{ date: '2026-02-30' }, 'body.date'],
      [{ category: 'fun' }, 'body.category'],
      [{ amount: -1 }, 'body.amount'],
      [{ amount: 1.234 }, 'body.amount'],
    ];
    for (const [over, field] of cases) {
      const res = await admin.post('/api/v1/achievements', entry(over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field, field).toBe(field);
    }
    const act = await admin.post('/api/v1/achievements', entry({ activityId: activityB.id }));
    expect(act.statusCode).toBe(400);
    expect(act.json().details.issues[0].field).toBe('body.activityId');
    const sug = await admin.post('/api/v1/achievements', entry({ suggestionId: suggestionB.id }));
    expect(sug.statusCode).toBe(400);
    expect(sug.json().details.issues[0].field).toBe('body.suggestionId');
    const list = await admin.get('/api/v1/achievements?from=2026-05-01&to=2026-04-01');
    expect(list.statusCode).toBe(400);
  });

  it('creates with a code, links and an audit event; reads back the links', async () => {
    const a = await create({ activityId: activityA.id, suggestionId: suggestionA.id, description: '园区企业减税降费' });
    expect(a.code).toMatch(/^CX\d{5}$/);
    expect(a).toMatchObject({ amount: 1967, unit: '万元', category: 'economy', version: 1 });
    expect(a.activity).toEqual({ id: activityA.id, code: 'A00001', title: '视察工业园区' });
    expect(a.suggestion).toMatchObject({ id: suggestionA.id, title: '关于改善饮水的建议' });
    const audit = await t.db.selectFrom('auditEvent').select(['action', 'entity']).where('entityId', '=', a.id).execute();
    expect(audit).toEqual([{ action: 'create', entity: 'achievement' }]);
    const liaison = await t.as('liaison');
    const got = await liaison.get(`/api/v1/achievements/${a.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(a);
    const b = await create({ title: '新修村道', amount: 12.5, unit: '公里', category: 'livelihood' });
    expect(Number(b.code.slice(2))).toBe(Number(a.code.slice(2)) + 1);
  });

  it('lists with filters, paging and totals per unit over the whole filter', async () => {
    await create({ title: '引进千万元以上项目', amount: 3, unit: '个', category: 'project', date: '2026-03-20' });
    await create({ title: '其他税收', amount: 33, unit: '万元', date: '2026-09-01' });
    await create({ title: '建成便民服务中心', amount: null, unit: '', category: 'governance', date: '2026-09-15' });
    const admin = await t.as('town_admin');
    const all = (await admin.get('/api/v1/achievements?pageSize=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(5);
    const wan = all.totals.find((x: { unit: string }) => x.unit === '万元');
    expect(wan.amount).toBe(1967 + 33);
    const projects = (await admin.get('/api/v1/achievements?category=project')).json();
    expect(projects.items.map((x: { title: string }) => x.title)).toEqual(['引进千万元以上项目']);
    const q = (await admin.get(`/api/v1/achievements?q=${encodeURIComponent('税收')}&from=2026-06-01&to=2026-06-30`)).json();
    expect(q.items.map((x: { title: string }) => x.title)).toEqual(['新增税收']);
    expect(q.totals).toEqual([{ unit: '万元', amount: 1967, count: 1 }]);
    const byActivity = (await admin.get(`/api/v1/achievements?activityId=${activityA.id}`)).json();
    expect(byActivity.total).toBe(1);
    // Another town sees none of them.
    const b = await t.as('admin_b');
    expect((await b.get('/api/v1/achievements')).json().total).toBe(0);
  });

  it('patch with version (409 when stale), clearing a link; delete with version; audited', async () => {
    const a = await create({ activityId: activityA.id });
    const admin = await t.as('town_admin');
    const p = await admin.patch(`/api/v1/achievements/${a.id}`, { version: 1, title: '新增税收收入', activityId: null, amount: 2000 });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ title: '新增税收收入', activity: null, amount: 2000, unit: '万元', version: 2 });
    const stale = await admin.patch(`/api/v1/achievements/${a.id}`, { version: 1, title: 'x' });
    expect(stale.statusCode).toBe(409);
    const badLink = await admin.patch(`/api/v1/achievements/${a.id}`, { version: 2, activityId: activityB.id });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.json().details.issues[0].field).toBe('body.activityId');
    const staleDel = await admin.request({ method: 'DELETE', url: `/api/v1/achievements/${a.id}`, payload: { version: 1 } });
    expect(staleDel.statusCode).toBe(409);
    const del = await admin.request({ method: 'DELETE', url: `/api/v1/achievements/${a.id}`, payload: { version: 2 } });
    expect(del.statusCode, del.body).toBe(200);
    expect((await admin.get(`/api/v1/achievements/${a.id}`)).statusCode).toBe(404);
    const actions = await t.db.selectFrom('auditEvent').select('action').where('entityId', '=', a.id).execute();
    expect(actions.map((x) => x.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('404 for another town’s entry on read, patch and delete', async () => {
    const a = await create();
    const b = await t.as('admin_b');
    expect((await b.get(`/api/v1/achievements/${a.id}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/v1/achievements/${a.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect((await b.request({ method: 'DELETE', url: `/api/v1/achievements/${a.id}`, payload: { version: 1 } })).statusCode).toBe(404);
  });
});
