import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeStation, makeVillage, multipartFile } from '../../../../test/factories.ts';
import { todayInChina } from '../../lib/time.ts';

/*
 * Findings and rectification through the API, on SQLite and (TEST_DB=postgres) PostgreSQL: record a
 * finding on an inspection, issue a notice, re-inspect, close, reopen; the overdue filter; the period
 * totals with ids; the rights (admins, a liaison for their station's activities, nobody else).
 */
let t: TestCtx;
let admin: Client;
let liaison: Client;
let deputy: Client;
let adminB: Client;
let inspection: { id: string };
let inspection2: { id: string };
let stationAct: { id: string };
let otherStationAct: { id: string };
let training: { id: string };
let inspectionB: { id: string };
let village: { id: string };
const URL = '/api/v1/findings';
const today = todayInChina();
const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% minutes\n');
const at = (d: string) => ({ startAt: `${d}T01:00:00.000Z`, endAt: `${d}T04:00:00.000Z` });

const base = (over: Record<string, unknown> = {}) => ({
  activityId: inspection.id,
  foundOn: shift(-10),
  description: '河道垃圾堆积，汛期存在隐患',
  place: '东风村河段',
  responsibleType: 'unit',
  responsibleUnitId: t.world.unitA.id,
  severity: 'general',
  ...over,
});

async function create(c: Client, over: Record<string, unknown> = {}) {
  const res = await c.post(URL, base(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; version: number; status: string };
}

async function notice(c: Client, findingIds: string[], number: string, over: Record<string, unknown> = {}) {
  return c.post(`${URL}/notices`, { findingIds, number, issuedOn: shift(-9), deadline: shift(-2), addressee: '甲镇民政办', content: '请限期整改', ...over });
}

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, stationA } = t.world;
  const s2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  village = await makeVillage(t.db, townA.id, 'V01', '东风村');
  const insp = await makeActivityKind(t.db, townA.id, 'inspect', '视察', 'inspection');
  const train = await makeActivityKind(t.db, townA.id, 'train', '培训', 'training');
  const inspB = await makeActivityKind(t.db, townB.id, 'inspect', '视察', 'inspection');
  inspection = await makeActivity(t.db, townA.id, insp.id, { title: '河道安全视察', ...at(shift(-10)) });
  inspection2 = await makeActivity(t.db, townA.id, insp.id, { title: '食品安全检查', ...at(shift(-5)) });
  stationAct = await makeActivity(t.db, townA.id, insp.id, { title: '联络站视察', organiserType: 'station', stationId: stationA.id, ...at(shift(-3)) });
  otherStationAct = await makeActivity(t.db, townA.id, insp.id, { title: '二站视察', organiserType: 'station', stationId: s2.id, ...at(shift(-3)) });
  training = await makeActivity(t.db, townA.id, train.id, { title: '代表培训', ...at(shift(-3)) });
  inspectionB = await makeActivity(t.db, townB.id, inspB.id, { title: '乙镇视察', ...at(shift(-3)) });
  admin = await t.as('town_admin');
  liaison = await t.as('liaison');
  deputy = await t.as('deputy');
  adminB = await t.as('admin_b');
});
afterAll(() => t.close());

describe('findings: rights and validation', () => {
  it('401 without a session, 403 for a deputy or handler', async () => {
    expect((await anon(t.app).get(URL)).statusCode).toBe(401);
    expect((await deputy.get(URL)).statusCode).toBe(403);
    expect((await deputy.post(URL, base())).statusCode).toBe(403);
    expect((await (await t.as('handler')).get(URL)).statusCode).toBe(403);
  });

  it('400 names the field', async () => {
    const res = await admin.post(URL, base({ description: '' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('问题描述');
    const r2 = await admin.post(URL, base({ responsibleUnitId: null }));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().details.issues[0].field).toBe('body.responsibleUnitId');
    const r3 = await admin.post(URL, base({ activityId: training.id }));
    expect(r3.statusCode).toBe(400);
    expect(r3.body).toContain('视察');
    const r4 = await admin.post(URL, base({ responsibleType: 'enterprise', responsibleUnitId: null }));
    expect(r4.statusCode).toBe(400);
    expect(r4.body).toContain('企业名称');
    const r5 = await admin.post(URL, base({ foundOn: shift(3) }));
    expect(r5.statusCode).toBe(400);
    expect(r5.body).toContain('发现日期');
  });

  it('another town: its activity is refused, its finding is 404', async () => {
    expect((await admin.post(URL, base({ activityId: inspectionB.id }))).statusCode).toBe(400);
    const f = await create(admin);
    expect((await adminB.get(`${URL}/${f.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`${URL}/${f.id}`, { version: f.version, place: 'x' })).statusCode).toBe(404);
    expect((await adminB.post(`${URL}/${f.id}/close`, { version: f.version, reason: 'x' })).statusCode).toBe(404);
    const list = await adminB.get(URL);
    expect(list.json().total).toBe(0);
  });

  it('a liaison writes for their station’s activities only', async () => {
    const own = await create(liaison, { activityId: stationAct.id, responsibleType: 'village', responsibleUnitId: null, responsibleVillageId: village.id });
    expect(own.status).toBe('open');
    expect((await liaison.post(URL, base({ activityId: otherStationAct.id }))).statusCode).toBe(403);
    expect((await liaison.post(URL, base({ activityId: inspection.id }))).statusCode).toBe(403);
    const townFinding = await create(admin, { activityId: inspection2.id });
    expect((await liaison.get(`${URL}/${townFinding.id}`)).statusCode).toBe(404);
    const list = (await liaison.get(URL)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
    expect((await liaison.get(`${URL}/totals?from=${shift(-30)}&to=${today}`)).statusCode).toBe(403);
  });
});

describe('findings: edit, photos, delete', () => {
  it('edits with the version; a stale one is 409', async () => {
    const f = await create(admin, { responsibleType: 'enterprise', responsibleUnitId: null, responsibleName: '某某化工厂' });
    const res = await admin.patch(`${URL}/${f.id}`, { version: f.version, severity: 'major', place: '化工厂后门' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ severity: 'major', place: '化工厂后门', responsible: '某某化工厂', version: f.version + 1 });
    expect((await admin.patch(`${URL}/${f.id}`, { version: f.version, place: 'y' })).statusCode).toBe(409);
  });

  it('photos must be images and are read through the finding', async () => {
    const png = (await admin.request({ method: 'POST', url: '/api/v1/files?use=image', ...multipartFile(PNG, '现场.png') })).json();
    const pdf = (await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, '说明.pdf') })).json();
    const bad = await admin.post(URL, base({ fileIds: [pdf.id] }));
    expect(bad.statusCode).toBe(400);
    const f = await create(admin, { fileIds: [png.id] });
    const detail = (await admin.get(`${URL}/${f.id}`)).json();
    expect(detail.photos).toHaveLength(1);
    const img = await admin.get(detail.photos[0].url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toContain('image/png');
  });

  it('deletes an open finding without a notice; 409 once a notice covers it', async () => {
    const f = await create(admin);
    const del = await admin.request({ method: 'DELETE', url: `${URL}/${f.id}`, payload: { version: f.version } });
    expect(del.statusCode, del.body).toBe(200);
    expect((await admin.get(`${URL}/${f.id}`)).statusCode).toBe(404);
    const g = await create(admin);
    expect((await notice(admin, [g.id], '删测〔2026〕1号')).statusCode).toBe(201);
    const d2 = await admin.request({ method: 'DELETE', url: `${URL}/${g.id}`, payload: { version: g.version + 1 } });
    expect(d2.statusCode).toBe(409);
    expect(d2.json().code).toBe('INVALID_TRANSITION');
  });
});

describe('findings: the lifecycle', () => {
  it('notice → not fixed → new notice → fixed → close → reopen', async () => {
    const a = await create(admin);
    const b = await create(admin, { responsibleType: 'village', responsibleUnitId: null, responsibleVillageId: village.id });
    const next = (await admin.get(`${URL}/notices/next-number?year=2031`)).json();
    expect(next.number).toBe('整改〔2031〕1号');
    // deadline before issued_on names the field
    const early = await notice(admin, [a.id], '青人整〔2031〕1号', { deadline: shift(-20) });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('整改期限');
    const n1 = await notice(admin, [a.id, b.id], '青人整〔2031〕1号');
    expect(n1.statusCode, n1.body).toBe(201);
    expect(n1.json().findings).toHaveLength(2);
    expect((await admin.get(`${URL}/notices/next-number?year=2031`)).json().number).toBe('青人整〔2031〕2号');
    // the number is unique in the town
    const c = await create(admin);
    expect((await notice(admin, [c.id], '青人整〔2031〕1号')).statusCode).toBe(409);
    // a finding has one notice in force
    const again = await notice(admin, [a.id], '青人整〔2031〕5号');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');

    let fa = (await admin.get(`${URL}/${a.id}`)).json();
    expect(fa).toMatchObject({ status: 'rectifying', overdue: true, notice: { number: '青人整〔2031〕1号' } });
    expect(fa.actions).toEqual(expect.arrayContaining(['reinspect_fixed', 'reinspect_not_fixed']));
    // cannot close while rectifying
    const closeEarly = await admin.post(`${URL}/${a.id}/close`, { version: fa.version, reason: 'x' });
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.json().code).toBe('INVALID_TRANSITION');

    const notFixed = await admin.post(`${URL}/${a.id}/reinspections`, {
      version: fa.version,
      date: shift(-1),
      result: 'not_fixed',
      notes: '仍有垃圾',
      deputyIds: [t.world.deputyA.id],
    });
    expect(notFixed.statusCode, notFixed.body).toBe(200);
    fa = notFixed.json();
    expect(fa.status).toBe('rectifying');
    expect(fa.reinspections[0].deputies[0].name).toBe('李明华');
    // stale version on a re-inspection
    expect((await admin.post(`${URL}/${a.id}/reinspections`, { version: fa.version - 1, date: today, result: 'fixed' })).statusCode).toBe(409);
    const n2 = await notice(admin, [a.id], '青人整〔2031〕2号', { issuedOn: shift(-1), deadline: shift(10) });
    expect(n2.statusCode, n2.body).toBe(201);
    fa = (await admin.get(`${URL}/${a.id}`)).json();
    expect(fa).toMatchObject({ status: 'rectifying', overdue: false, notice: { number: '青人整〔2031〕2号' } });
    expect(fa.notices).toHaveLength(2);

    const fixed = await admin.post(`${URL}/${a.id}/reinspections`, { version: fa.version, date: today, result: 'fixed' });
    expect(fixed.json().status).toBe('reinspected');
    const closed = await admin.post(`${URL}/${a.id}/close`, { version: fixed.json().version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: today });
    const reopened = await admin.post(`${URL}/${a.id}/reopen`, { version: closed.json().version, reason: '问题反弹' });
    expect(reopened.json().status).toBe('open');

    const audits = await t.db.selectFrom('auditEvent').select('action').where('entity', '=', 'finding').where('entityId', '=', a.id).execute();
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(['create', 'reinspect', 'close', 'reopen']));
  });

  it('closing from open needs a reason', async () => {
    const f = await create(admin);
    const no = await admin.post(`${URL}/${f.id}/close`, { version: f.version });
    expect(no.statusCode).toBe(400);
    expect(no.json().message).toContain('理由');
    const ok = await admin.post(`${URL}/${f.id}/close`, { version: f.version, reason: '当场整改' });
    expect(ok.json()).toMatchObject({ status: 'closed', closeReason: '当场整改' });
    expect((await admin.post(`${URL}/${f.id}/reinspections`, { version: ok.json().version, date: today, result: 'fixed' })).json().code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('the notice reads back for printing; another town 404', async () => {
    const f = await create(admin);
    const n = (await notice(admin, [f.id], '印测〔2030〕1号')).json();
    const got = await admin.get(`${URL}/notices/${n.id}`);
    expect(got.json()).toMatchObject({ number: '印测〔2030〕1号', townName: '甲镇', addressee: '甲镇民政办' });
    expect((await adminB.get(`${URL}/notices/${n.id}`)).statusCode).toBe(404);
  });
});

describe('findings: list filters and totals', () => {
  it('filters by overdue, status, activity, village, q', async () => {
    const overdue = (await admin.get(`${URL}?overdue=1&pageSize=200`)).json();
    expect(overdue.total).toBeGreaterThan(0);
    for (const i of overdue.items) {
      expect(i.overdue).toBe(true);
      expect(i.notice.deadline < today).toBe(true);
    }
    const all = (await admin.get(`${URL}?pageSize=200`)).json();
    expect(all.total).toBe(all.items.length);
    expect(all.items.filter((i: { overdue: boolean }) => i.overdue).length).toBe(overdue.total);
    const closed = (await admin.get(`${URL}?status=closed`)).json();
    for (const i of closed.items) expect(i.status).toBe('closed');
    const byVillage = (await admin.get(`${URL}?villageId=${village.id}`)).json();
    expect(byVillage.total).toBeGreaterThan(0);
    for (const i of byVillage.items) expect(i.responsibleVillage.id).toBe(village.id);
    const byAct = (await admin.get(`${URL}?activityId=${inspection2.id}`)).json();
    expect(byAct.total).toBe(1);
    const q = (await admin.get(`${URL}?q=${encodeURIComponent('化工厂')}`)).json();
    expect(q.total).toBe(1);
    const page = (await admin.get(`${URL}?pageSize=2&page=1`)).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all.total);
    expect((await admin.get(`${URL}?from=${today}&to=${shift(-1)}`)).statusCode).toBe(400);
  });

  it('totals for a period carry the ids', async () => {
    const res = await admin.get(`${URL}/totals?from=${shift(-30)}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const tt = res.json();
    const all = (await admin.get(`${URL}?pageSize=200`)).json();
    expect(tt.found.length).toBe(all.total);
    const overdueIds = (await admin.get(`${URL}?overdue=1&pageSize=200`))
      .json()
      .items.map((i: { id: string }) => i.id)
      .sort();
    expect([...tt.overdue].sort()).toEqual(overdueIds);
    const closedOpen = all.items.filter((i: { status: string }) => i.status === 'closed').map((i: { id: string }) => i.id);
    for (const id of closedOpen) expect(tt.stillOpen).not.toContain(id);
    expect(tt.noticesIssued.length).toBeGreaterThanOrEqual(3);
    expect((await admin.get(`${URL}/totals?from=${today}`)).statusCode).toBe(400);
  });
});
