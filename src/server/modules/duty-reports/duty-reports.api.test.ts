import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';
import { dutyReportFacts } from './duty-reports.stats.ts';

let t: TestCtx;
let other: { id: string };
beforeAll(async () => {
  t = await setupApi();
  other = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D002', name: '张秀英', stationId: t.world.stationA.id });
});
afterAll(async () => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  deputyId: t.world.deputyA.id,
  year: 2026,
  heldOn: '2026-11-20',
  place: '甲镇代表联络站',
  stationId: t.world.stationA.id,
  voterReps: 60,
  summary: '一年来履职情况',
  ...over,
});

async function createOpen(over: Record<string, unknown> = {}) {
  const admin = await t.as('town_admin');
  const res = await admin.post('/api/v1/duty-reports', body(over));
  expect(res.statusCode, res.body).toBe(201);
  const opened = await admin.post(`/api/v1/duty-reports/${res.json().id}/open`, { version: res.json().version });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}

describe('duty reports API (述职)', () => {
  it('401 without a session, 403 for roles that may not', async () => {
    expect((await anon(t.app).get('/api/v1/duty-reports')).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/duty-reports', body())).statusCode).toBe(401);
    expect((await (await t.as('handler')).get('/api/v1/duty-reports')).statusCode).toBe(403);
    const liaison = await t.as('liaison');
    expect((await liaison.get('/api/v1/duty-reports')).statusCode).toBe(200);
    expect((await liaison.post('/api/v1/duty-reports', body())).statusCode).toBe(403);
    expect((await (await t.as('deputy')).post('/api/v1/duty-reports', body())).statusCode).toBe(403);
  });

  it('400 names the field: deputy of another town, bad bands, held outside the year', async () => {
    const admin = await t.as('town_admin');
    const b = await admin.post('/api/v1/duty-reports', body({ deputyId: t.world.deputyB.id }));
    expect(b.statusCode).toBe(400);
    expect(b.json().details.issues[0].field).toBe('body.deputyId');
    const bands = await admin.post('/api/v1/duty-reports', body({ bands: [{ label: '称职', minPercent: 80 }] }));
    expect(bands.statusCode).toBe(400);
    expect(bands.json().details.issues[0].field).toBe('body.bands');
    expect(bands.json().message).toContain('结果档次');
    const year = await admin.post('/api/v1/duty-reports', body({ heldOn: '2025-12-31' }));
    expect(year.json().details.issues[0].field).toBe('body.heldOn');
    const missing = await admin.post('/api/v1/duty-reports', body({ voterReps: undefined }));
    expect(missing.json().details.issues[0].field).toBe('body.voterReps');
  });

  it('codes SZ00001 upward; fewer than 50 voter representatives is a warning, not an error', async () => {
    const admin = await t.as('town_admin');
    const a = await admin.post('/api/v1/duty-reports', body({ voterReps: 30 }));
    expect(a.statusCode).toBe(201);
    expect(a.json().code).toMatch(/^SZ\d{5}$/);
    expect(a.json().warnings[0]).toContain('少于 50 人');
    expect(a.json().bands.map((x: { label: string }) => x.label)).toEqual(['称职', '基本称职', '不称职']);
    const b = await admin.post('/api/v1/duty-reports', body());
    expect(Number(b.json().code.slice(2))).toBe(Number(a.json().code.slice(2)) + 1);
    expect(b.json().warnings).toEqual([]);
  });

  it('404 for another town and for another deputy; a deputy reads their own', async () => {
    const own = await createOpen();
    const admin = await t.as('town_admin');
    const theirs = (await admin.post('/api/v1/duty-reports', body({ deputyId: other.id }))).json();
    const b = await t.as('admin_b');
    expect((await b.get(`/api/v1/duty-reports/${own.id}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/v1/duty-reports/${own.id}`, { place: 'x', version: own.version })).statusCode).toBe(404);
    expect((await b.post(`/api/v1/duty-reports/${own.id}/close`, { version: own.version })).statusCode).toBe(404);
    const dep = await t.as('deputy');
    expect((await dep.get(`/api/v1/duty-reports/${own.id}`)).statusCode).toBe(200);
    expect((await dep.get(`/api/v1/duty-reports/${theirs.id}`)).statusCode).toBe(404);
    const list = (await dep.get('/api/v1/duty-reports?pageSize=100')).json();
    expect(list.items.every((i: { deputy: { id: string } }) => i.deputy.id === t.world.deputyA.id)).toBe(true);
    expect((await dep.post(`/api/v1/duty-reports/${own.id}/close`, { version: own.version })).statusCode).toBe(403);
  });

  it('409 on a stale version and on changing the bands once voting opened', async () => {
    const r = await createOpen();
    const admin = await t.as('town_admin');
    expect((await admin.patch(`/api/v1/duty-reports/${r.id}`, { place: '新地点', version: r.version - 1 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/duty-reports/${r.id}`, { bands: [{ label: '合格', minPercent: 0 }], version: r.version })).statusCode).toBe(409);
    const ok = await admin.patch(`/api/v1/duty-reports/${r.id}`, { place: '新地点', version: r.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().place).toBe('新地点');
    expect((await admin.post(`/api/v1/duty-reports/${r.id}/open`, { version: ok.json().version })).statusCode).toBe(409);
  });

  it('a code votes once; close at exactly 80 % approval gives 称职, stored with the approval', async () => {
    const r = await createOpen();
    expect(r.poll).toMatchObject({ kind: 'duty_report', status: 'open' });
    const admin = await t.as('town_admin');
    const codes: string[] = (await admin.post(`/api/v1/polls/${r.poll.id}/codes`, { count: 2 })).json().codes;
    const pub = anon(t.app);
    const page = (await pub.get(`/api/v1/p/T01/polls/${r.poll.id}`)).json();
    expect(page.subjects).toEqual([{ id: t.world.deputyA.id, name: '李明华' }]);
    expect(page.questions.map((q: { key: string }) => q.key)).toEqual(['overall']);
    const url = `/api/v1/p/T01/polls/${r.poll.id}/ballots`;
    const vote = (code: string, answer: string) => pub.post(url, { code, answers: [{ subjectId: t.world.deputyA.id, question: 'overall', answer }] });
    expect((await vote(codes[0], 'satisfied')).statusCode).toBe(201);
    expect((await vote(codes[0], 'satisfied')).statusCode).toBe(409);
    expect((await vote(codes[1], 'dissatisfied')).statusCode).toBe(201);
    // Paper: 8 more ballots, 7 approve → 8 of 10 approve = 80 % exactly.
    const bad = await admin.post(`/api/v1/duty-reports/${r.id}/paper-ballots`, { ballots: 8, satisfied: 3, basic: 4, dissatisfied: 0 });
    expect(bad.statusCode).toBe(400);
    const paper = await admin.post(`/api/v1/duty-reports/${r.id}/paper-ballots`, { ballots: 8, satisfied: 3, basic: 4, dissatisfied: 1 });
    expect(paper.statusCode, paper.body).toBe(200);
    expect(paper.json().counts).toEqual({ satisfied: 4, basic: 4, dissatisfied: 2 });
    const closed = await admin.post(`/api/v1/duty-reports/${r.id}/close`, { version: paper.json().version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', result: '称职', approval: 0.8 });
    const row = await t.db.selectFrom('dutyReport').select(['result', 'approval']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.result).toBe('称职');
    expect(Number(row.approval)).toBeCloseTo(0.8);
    // The deputy sees their result.
    expect((await (await t.as('deputy')).get(`/api/v1/duty-reports/${r.id}`)).json().result).toBe('称职');
  });

  it('just under 80 % is 基本称职; configured bands decide', async () => {
    const r = await createOpen({
      bands: [
        { label: '优', minPercent: 90 },
        { label: '合格', minPercent: 0 },
      ],
    });
    const admin = await t.as('town_admin');
    const paper = await admin.post(`/api/v1/duty-reports/${r.id}/paper-ballots`, { ballots: 10, satisfied: 8, basic: 1, dissatisfied: 1 });
    const closed = await admin.post(`/api/v1/duty-reports/${r.id}/close`, { version: paper.json().version });
    expect(closed.json().result).toBe('优');

    const r2 = await createOpen();
    const p2 = await admin.post(`/api/v1/duty-reports/${r2.id}/paper-ballots`, { ballots: 5, satisfied: 2, basic: 1, dissatisfied: 2 });
    const c2 = await admin.post(`/api/v1/duty-reports/${r2.id}/close`, { version: p2.json().version });
    expect(c2.json()).toMatchObject({ result: '基本称职', approval: 0.6 });
  });

  it('the duty record shows the deputy’s duty reports; report figures count them by result with ids', async () => {
    const dep = await t.as('deputy');
    const rec = await dep.get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record?year=2026`);
    expect(rec.statusCode, rec.body).toBe(200);
    const reports = rec.json().evaluation.dutyReports;
    expect(reports.some((r: { result: string | null; approval: number | null }) => r.result === '称职' && r.approval === 0.8)).toBe(true);
    expect(rec.json().evaluation.reviewScores).toEqual({ peer: null, voter: null });
    const facts = await dutyReportFacts(t.db, t.world.townA.id, { from: '2026-01-01', to: '2026-12-31' });
    const closed = await t.db.selectFrom('dutyReport').select(['id', 'result']).where('townId', '=', t.world.townA.id).where('status', '=', 'closed').execute();
    expect(facts.byResult.reduce((n, b) => n + b.count, 0)).toBe(closed.length);
    const chengzhi = facts.byResult.find((b) => b.label === '称职');
    expect(chengzhi?.ids.sort()).toEqual(
      closed
        .filter((c) => c.result === '称职')
        .map((c) => c.id)
        .sort(),
    );
    // Drafts are not held; every opened report is.
    const opened = await t.db.selectFrom('dutyReport').select('id').where('townId', '=', t.world.townA.id).where('status', '!=', 'draft').execute();
    expect(facts.held).toBe(opened.length);
    expect((await dutyReportFacts(t.db, t.world.townB.id, { from: '2026-01-01', to: '2026-12-31' })).held).toBe(0);
  });

  it('lists with filters and pagination', async () => {
    const admin = await t.as('town_admin');
    const page = (await admin.get(`/api/v1/duty-reports?deputyId=${other.id}&year=2026&pageSize=1`)).json();
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items).toHaveLength(1);
    expect(page.items[0].deputy.name).toBe('张秀英');
    const closed = (await admin.get('/api/v1/duty-reports?status=closed&q=李明华')).json();
    expect(closed.items.every((i: { status: string }) => i.status === 'closed')).toBe(true);
  });
});
