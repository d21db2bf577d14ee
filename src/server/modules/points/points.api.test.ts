import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';
import {
  heldActivity,
  makeClosedReview,
  makeDutyReport,
  makeKind,
  makeMotion,
  makeReadDocument,
  makeReception,
  makeResearch,
  makeSession,
  makeSuggestion,
} from '../../../../test/points-factories.ts';
import { todayInChina } from '../../lib/time.ts';
import { computeMetrics } from './points.metrics.ts';

/*
 * The points scheme end to end: known records → the exact score per deputy (caps and floors), a
 * publication that does not move when old records are edited, rankings summing months, the year with a
 * missing part, a deputy's breakdown, and every route's 401/400/403/404/409.
 */

let t: TestCtx;
let d2: { id: string };
let d3: { id: string };
let absentActivityId: string;
let schemeId: string;
let version: number;
const A = () => t.world.deputyA.id;

const ITEMS = [
  { key: 'training', label: '参加学习培训', metric: 'activity_attended:training', points: 2, cap: 6 },
  { key: 'absent', label: '活动缺席', metric: 'activity_absent', points: -2, cap: 3 },
  { key: 'leave', label: '活动请假', metric: 'activity_leave', points: -1, cap: null },
  { key: 'sug_lead', label: '领衔建议', metric: 'suggestion_lead', points: 3, cap: null },
  { key: 'sug_co', label: '附议建议', metric: 'suggestion_co', points: 1, cap: null },
  { key: 'grade_a', label: '建议答复A类', metric: 'suggestion_grade:A', points: 2, cap: null },
  { key: 'session', label: '出席人代会', metric: 'session_attended', points: 5, cap: null },
  { key: 'session_absent', label: '人代会缺席', metric: 'session_absent', points: -10, cap: null },
  { key: 'reception', label: '接待选民', metric: 'reception_on_duty', points: 2, cap: null },
  { key: 'research_lead', label: '牵头调研', metric: 'research_lead', points: 5, cap: null },
  { key: 'research_ex', label: '调研优秀', metric: 'research_grade:excellent', points: 3, cap: null },
  { key: 'duty_report', label: '述职', metric: 'duty_report_held', points: 10, cap: null },
  { key: 'doc', label: '阅读资料', metric: 'document_read', points: 0.5, cap: null },
  { key: 'motion', label: '议案', metric: 'motion_sponsored', points: 3, cap: null },
];

beforeAll(async () => {
  t = await setupApi();
  const { db, world } = t;
  const town = world.townA.id;
  d2 = await makeDeputy(db, town, world.termA.id, { code: 'D002', name: '王芳', stationId: world.stationA.id });
  d3 = await makeDeputy(db, town, world.termA.id, { code: 'D003', name: '张伟', stationId: world.stationA.id });
  const training = await makeKind(db, town, 'training');
  const inspection = await makeKind(db, town, 'inspection');
  const a = A();
  // March 2026. Trainings: A attends 4 (one late) → 8 raw, capped at 6; D2 attends 1.
  await heldActivity(db, town, training.id, '2026-03-02', { [a]: 'present', [d2.id]: 'present' });
  await heldActivity(db, town, training.id, '2026-03-09', { [a]: 'late' });
  await heldActivity(db, town, training.id, '2026-03-16', { [a]: 'present' });
  await heldActivity(db, town, training.id, '2026-03-23', { [a]: 'present' });
  // A cancelled one never counts; neither does the first hour of April (China) — it is April.
  await heldActivity(db, town, training.id, '2026-03-24', { [a]: 'present' }, { status: 'cancelled' });
  await heldActivity(db, town, training.id, '2026-04-01', { [a]: 'present' });
  // Absences: two → −4, floored at −3; an approved leave → −1.
  absentActivityId = (await heldActivity(db, town, inspection.id, '2026-03-05', { [a]: 'absent' })).id;
  await heldActivity(db, town, inspection.id, '2026-03-06', { [a]: null }); // no mark, no leave → absent
  await heldActivity(db, town, inspection.id, '2026-03-07', { [a]: 'leave_approved' });
  // Suggestions: one led in March (A), D2 co-signs it; a withdrawn one is not counted; one led in
  // February answered A in March → suggestion_lead in Feb, grade A in March.
  await makeSuggestion(db, town, '2026-03-10', { [a]: 'lead', [d2.id]: 'co' });
  await makeSuggestion(db, town, '2026-03-11', { [a]: 'lead' }, { state: 'withdrawn' });
  await makeSuggestion(db, town, '2026-02-10', { [a]: 'lead' }, { state: 'replied', grade: 'A', repliedOn: '2026-03-20' });
  // The session: A present, D2 absent, D3 on leave.
  const session = await makeSession(db, town, world.termA.id, '2026-03-12', { [a]: 'present', [d2.id]: 'absent', [d3.id]: 'on_leave' });
  await makeReception(db, town, world.stationA.id, '2026-03-15', [a, d2.id]);
  await makeResearch(db, town, { [a]: 'lead', [d2.id]: 'member' }, { submittedOn: '2026-03-18', gradedOn: '2026-03-25', grade: 'excellent' });
  await makeDutyReport(db, town, a, '2026-03-28');
  await makeDutyReport(db, town, d2.id, '2026-03-28', 'voting');
  await makeReadDocument(db, town, a, '2026-03-03');
  await makeMotion(db, town, session.id, '2026-03-12', { [a]: 'lead', [d3.id]: 'co' });
  await makeMotion(db, town, session.id, '2026-03-12', { [a]: 'lead' }, 'withdrawn');
  // Another town's deputy has records too: never seen here.
  const kindB = await makeKind(db, world.townB.id, 'training');
  await heldActivity(db, world.townB.id, kindB.id, '2026-03-02', { [world.deputyB.id]: 'present' });
});
afterAll(async () => t.close());

describe('computeMetrics', () => {
  it('counts each metric per deputy with the record ids, one town only', async () => {
    const m = await computeMetrics(t.db, t.world.townA.id, { from: '2026-03-01', to: '2026-03-31' }, [
      'activity_attended:training',
      'activity_absent',
      'activity_leave',
      'suggestion_lead',
      'suggestion_co',
      'suggestion_grade:A',
      'session_attended',
      'session_leave',
      'session_absent',
      'research_lead',
      'research_member',
      'research_grade:excellent',
      'duty_report_held',
      'motion_sponsored',
    ]);
    const a = m.get(A()) ?? {};
    expect(a['activity_attended:training'].count).toBe(4);
    expect(a.activity_absent.count).toBe(2);
    expect(a.activity_absent.recordIds).toContain(`activity:${absentActivityId}`);
    expect(a.activity_leave.count).toBe(1);
    expect(a.suggestion_lead.count).toBe(1);
    expect(a['suggestion_grade:A'].count).toBe(1);
    expect(a.session_attended.count).toBe(1);
    expect(a.research_lead.count).toBe(1);
    expect(a['research_grade:excellent'].count).toBe(1);
    expect(a.duty_report_held.count).toBe(1);
    expect(a.motion_sponsored.count).toBe(1);
    const b = m.get(d2.id) ?? {};
    expect(b.suggestion_co.count).toBe(1);
    expect(b.session_absent.count).toBe(1);
    expect(b.research_member.count).toBe(1);
    expect(b['research_grade:excellent'].count).toBe(1);
    expect(b.duty_report_held).toBeUndefined();
    expect(m.get(d3.id)?.session_leave.count).toBe(1);
    expect(m.has(t.world.deputyB.id)).toBe(false);
  });
});

describe('points API', () => {
  it('401 without a session; 403 for roles that may not', async () => {
    expect((await anon(t.app).get('/api/v1/points/schemes')).statusCode).toBe(401);
    expect((await anon(t.app).get('/api/v1/points/metrics')).statusCode).toBe(401);
    expect((await anon(t.app).get('/api/v1/points/mine')).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/points/schemes')).statusCode, role).toBe(403);
      expect((await c.get('/api/v1/points/metrics')).statusCode, role).toBe(403);
    }
    const liaison = await t.as('liaison');
    expect((await liaison.get('/api/v1/points/schemes')).statusCode).toBe(200);
    expect((await liaison.post('/api/v1/points/schemes', { year: 2026, name: '方案' })).statusCode).toBe(403);
    expect((await (await t.as('town_admin')).get('/api/v1/points/mine')).statusCode).toBe(403);
  });

  it('lists the metric catalogue', async () => {
    const res = await (await t.as('liaison')).get('/api/v1/points/metrics');
    expect(res.statusCode).toBe(200);
    const metrics = res.json().items.map((i: { metric: string }) => i.metric);
    expect(metrics).toContain('activity_attended:fixed_day');
    expect(metrics).toContain('suggestion_grade:A');
    expect(metrics).toContain('research_grade:excellent');
    expect(metrics).toContain('motion_sponsored');
  });

  it('creates a scheme with the default items; 400 names the field; 409 for a second one of the year', async () => {
    const admin = await t.as('town_admin');
    const def = await admin.post('/api/v1/points/schemes', { year: 2025, name: '2025年度代表履职考评' });
    expect(def.statusCode, def.body).toBe(201);
    expect(def.json().items.length).toBe(18);
    expect(def.json().weights).toEqual({ records: 60, peer: 10, voter: 10, presidium: 20 });
    expect(def.json().bands.map((b: { label: string }) => b.label)).toEqual(['优秀', '良好', '合格', '不合格']);
    expect(def.json().status).toBe('draft');

    const bad = await admin.post('/api/v1/points/schemes', { year: 2026, name: '方案', items: [{ ...ITEMS[0], metric: 'nope' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.items.0.metric');
    const badW = await admin.post('/api/v1/points/schemes', { year: 2026, name: '方案', weights: { records: 60, peer: 10, voter: 10, presidium: 10 } });
    expect(badW.json().details.issues[0].field).toBe('body.weights');
    const dup = await admin.post('/api/v1/points/schemes', { year: 2026, name: '方案', items: [ITEMS[0], ITEMS[0]] });
    expect(dup.json().details.issues[0].field).toBe('body.items.1.key');
    const zero = await admin.post('/api/v1/points/schemes', { year: 2026, name: '方案', items: [{ ...ITEMS[0], points: 0 }] });
    expect(zero.json().details.issues[0].field).toBe('body.items.0.points');
    const bands = await admin.post('/api/v1/points/schemes', { year: 2026, name: '方案', bands: [{ label: '好', min: 50 }] });
    expect(bands.json().details.issues[0].field).toBe('body.bands');
    const name = await admin.post('/api/v1/points/schemes', { year: 2026, name: '' });
    expect(name.json().details.issues[0].field).toBe('body.name');

    const res = await admin.post('/api/v1/points/schemes', { year: 2026, name: '2026年度代表履职考评', items: ITEMS, fullMarks: 50 });
    expect(res.statusCode, res.body).toBe(201);
    schemeId = res.json().id;
    version = res.json().version;
    expect((await admin.post('/api/v1/points/schemes', { year: 2026, name: '又一个' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('auditEvent').select('action').where('entityId', '=', schemeId).execute();
    expect(audit.map((a) => a.action)).toContain('create');
  });

  it('gets, lists, patches with a version (409 stale); another town gets 404', async () => {
    const admin = await t.as('town_admin');
    expect((await admin.get(`/api/v1/points/schemes/${schemeId}`)).json().name).toBe('2026年度代表履职考评');
    expect((await admin.get('/api/v1/points/schemes?year=2026')).json().items.length).toBe(1);
    const patched = await admin.patch(`/api/v1/points/schemes/${schemeId}`, { version, commendTop: 2 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().commendTop).toBe(2);
    expect((await admin.patch(`/api/v1/points/schemes/${schemeId}`, { version, name: '旧' })).statusCode).toBe(409);
    version = patched.json().version;
    expect((await admin.patch(`/api/v1/points/schemes/${schemeId}`, { name: 'x' })).json().details.issues[0].field).toBe('body.version');
    const other = await t.as('admin_b');
    expect((await other.get(`/api/v1/points/schemes/${schemeId}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/v1/points/schemes/${schemeId}`, { version, name: 'x' })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/points/schemes/${schemeId}/months/2026-03`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/points/schemes/${schemeId}/months/2026-03/publish`, {})).statusCode).toBe(404);
    expect((await other.get(`/api/v1/points/schemes/${schemeId}/year`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/points/schemes/${schemeId}/ranking?period=2026`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/points/schemes/${schemeId}/adjustments`)).statusCode).toBe(404);
    expect((await other.put(`/api/v1/points/schemes/${schemeId}/presidium-ratings`, { ratings: [] })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/points/schemes/${schemeId}/deputies/${A()}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/points/schemes/${schemeId}/score-sheet.xlsx?period=2026`)).statusCode).toBe(404);
  });

  it('a draft scheme cannot be published (409); adjustments need a reason and refuse another town’s deputy', async () => {
    const admin = await t.as('town_admin');
    const draft = await admin.post(`/api/v1/points/schemes/${schemeId}/months/2026-03/publish`, {});
    expect(draft.statusCode).toBe(409);
    const noReason = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, { deputyId: A(), month: '2026-03', points: 1.5, reason: '' });
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    const zero = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, { deputyId: A(), month: '2026-03', points: 0, reason: '无' });
    expect(zero.json().details.issues[0].field).toBe('body.points');
    const otherTown = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, {
      deputyId: t.world.deputyB.id,
      month: '2026-03',
      points: 1,
      reason: '无',
    });
    expect(otherTown.json().details.issues[0].field).toBe('body.deputyId');
    const wrongYear = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, { deputyId: A(), month: '2025-03', points: 1, reason: '无' });
    expect(wrongYear.json().details.issues[0].field).toBe('body.month');
    expect(
      (await (await t.as('liaison')).post(`/api/v1/points/schemes/${schemeId}/adjustments`, { deputyId: A(), month: '2026-03', points: 1, reason: '无' }))
        .statusCode,
    ).toBe(403);
    const ok = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, {
      deputyId: A(),
      month: '2026-03',
      points: 1.5,
      reason: '主持接待日表现突出',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().deputyName).toBe('李明华');
    const list = await (await t.as('liaison')).get(`/api/v1/points/schemes/${schemeId}/adjustments?month=2026-03`);
    expect(list.json().items.length).toBe(1);
  });

  it('activates, then the live month gives the exact expected score per deputy, caps respected', async () => {
    const admin = await t.as('town_admin');
    const act = await admin.post(`/api/v1/points/schemes/${schemeId}/activate`, { version });
    expect(act.statusCode, act.body).toBe(200);
    expect(act.json().status).toBe('active');
    expect((await admin.post(`/api/v1/points/schemes/${schemeId}/activate`, { version: act.json().version })).statusCode).toBe(409);
    version = act.json().version;
    const res = await (await t.as('liaison')).get(`/api/v1/points/schemes/${schemeId}/months/2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().live).toBe(true);
    const byId = new Map(res.json().rows.map((r: { deputyId: string; total: number; rank: number }) => [r.deputyId, r]));
    // A: training 6 (8 capped) − absences 3 (4 floored) − leave 1 + suggestion 3 + grade A 2 + session 5
    //    + reception 2 + research lead 5 + excellent 3 + duty report 10 + document 0.5 + motion 3 + adjustment 1.5 = 37
    expect(byId.get(A())).toMatchObject({ total: 37, rank: 1 });
    // D2: training 2 + co-signed 1 − session absence 10 + reception 2 + excellent 3 = −2 (the voting duty report does not count)
    expect(byId.get(d2.id)).toMatchObject({ total: -2, rank: 3 });
    // D3: motion co-sponsored 3; on leave from the session costs nothing here.
    expect(byId.get(d3.id)).toMatchObject({ total: 3, rank: 2 });
    expect(byId.has(t.world.deputyB.id)).toBe(false);
    expect((await admin.get(`/api/v1/points/schemes/${schemeId}/months/2025-03`)).json().details.issues[0].field).toBe('params.month');
  });

  it('publishes a month (201); a month not yet ended is 409; liaison 403', async () => {
    const admin = await t.as('town_admin');
    expect((await (await t.as('liaison')).post(`/api/v1/points/schemes/${schemeId}/months/2026-03/publish`, {})).statusCode).toBe(403);
    const res = await admin.post(`/api/v1/points/schemes/${schemeId}/months/2026-03/publish`, {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().snapshot).toMatchObject({ month: '2026-03', version: 1, rowCount: 3 });
    const feb = await admin.post(`/api/v1/points/schemes/${schemeId}/months/2026-02/publish`, {});
    expect(feb.statusCode).toBe(201);
    // The current month has not ended (China date): a scheme for this year, active, refuses it.
    const today = todayInChina();
    const year = Number(today.slice(0, 4));
    let currentId = schemeId;
    if (year !== 2026) {
      const c = await admin.post('/api/v1/points/schemes', { year, name: '本年度' });
      await admin.post(`/api/v1/points/schemes/${c.json().id}/activate`, { version: c.json().version });
      currentId = c.json().id;
    }
    const notEnded = await admin.post(`/api/v1/points/schemes/${currentId}/months/${today.slice(0, 7)}/publish`, {});
    expect(notEnded.statusCode).toBe(409);
    const board = await admin.get(`/api/v1/points/schemes/${schemeId}/months/2026-03`);
    expect(board.json().live).toBe(false);
    expect(board.json().published.version).toBe(1);
    const scheme = await admin.get(`/api/v1/points/schemes/${schemeId}`);
    expect(scheme.json().publishedMonths).toEqual(['2026-02', '2026-03']);
    const audit = await t.db.selectFrom('auditEvent').select('action').where('entity', '=', 'points_snapshot').execute();
    expect(audit.length).toBe(2);
  });

  it('a published month does not change when old records are edited afterwards; a republish is a new version', async () => {
    const admin = await t.as('town_admin');
    // Edit old records: the absence becomes present, a new reception appears in March.
    await t.db.updateTable('activityInvitation').set({ attendance: 'present' }).where('activityId', '=', absentActivityId).execute();
    await makeReception(t.db, t.world.townA.id, t.world.stationA.id, '2026-03-30', [A()]);
    const board = await admin.get(`/api/v1/points/schemes/${schemeId}/months/2026-03`);
    expect(board.json().rows.find((r: { deputyId: string }) => r.deputyId === A()).total).toBe(37);
    const bd = await admin.get(`/api/v1/points/schemes/${schemeId}/deputies/${A()}?month=2026-03`);
    expect(bd.json().published).toBe(true);
    expect(bd.json().total).toBe(37);
    // Adjustments of a published month: 409, both ways.
    const adj = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, { deputyId: A(), month: '2026-03', points: 1, reason: '补记' });
    expect(adj.statusCode).toBe(409);
    const list = await admin.get(`/api/v1/points/schemes/${schemeId}/adjustments?month=2026-03`);
    const del = await admin.delete(`/api/v1/points/schemes/${schemeId}/adjustments/${list.json().items[0].id}`);
    expect(del.statusCode).toBe(409);
    // Republish: version 2 takes the edits in (absences 1 → −2, reception +2): 37 + 1 + 2 = 40; version 1 stays.
    const re = await admin.post(`/api/v1/points/schemes/${schemeId}/months/2026-03/publish`, {});
    expect(re.json().snapshot.version).toBe(2);
    const after = await admin.get(`/api/v1/points/schemes/${schemeId}/months/2026-03`);
    expect(after.json().rows.find((r: { deputyId: string }) => r.deputyId === A()).total).toBe(40);
    const versions = await t.db.selectFrom('pointsSnapshot').select('version').where('schemeId', '=', schemeId).where('month', '=', '2026-03').execute();
    expect(versions.map((v) => Number(v.version)).sort()).toEqual([1, 2]);
  });

  it('rankings sum the latest publication of each month; missing months are named', async () => {
    const deputy = await t.as('deputy');
    const res = await deputy.get(`/api/v1/points/schemes/${schemeId}/ranking?period=2026-Q1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().months).toEqual(['2026-02', '2026-03']);
    expect(res.json().missing).toEqual(['2026-01']);
    // A: February's led suggestion 3 + March (v2) 40.
    expect(res.json().rows[0]).toMatchObject({ deputyId: A(), records: 43, rank: 1 });
    const bad = await deputy.get(`/api/v1/points/schemes/${schemeId}/ranking?period=2025`);
    expect(bad.json().details.issues[0].field).toBe('querystring.period');
    expect((await deputy.get(`/api/v1/points/schemes/${schemeId}/ranking?period=2026-Q5`)).statusCode).toBe(400);
    expect((await (await t.as('handler')).get(`/api/v1/points/schemes/${schemeId}/ranking?period=2026`)).statusCode).toBe(403);
  });

  it('presidium ratings are all-or-nothing and audited', async () => {
    const admin = await t.as('town_admin');
    const bad = await admin.put(`/api/v1/points/schemes/${schemeId}/presidium-ratings`, {
      ratings: [
        { deputyId: A(), score: 95 },
        { deputyId: t.world.deputyB.id, score: 80 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.ratings.1.deputyId');
    expect((await t.db.selectFrom('presidiumRating').selectAll().execute()).length).toBe(0);
    const range = await admin.put(`/api/v1/points/schemes/${schemeId}/presidium-ratings`, { ratings: [{ deputyId: A(), score: 101 }] });
    expect(range.json().details.issues[0].field).toBe('body.ratings.0.score');
    expect((await (await t.as('liaison')).put(`/api/v1/points/schemes/${schemeId}/presidium-ratings`, { ratings: [] })).statusCode).toBe(403);
    const ok = await admin.put(`/api/v1/points/schemes/${schemeId}/presidium-ratings`, {
      ratings: [
        { deputyId: A(), score: 90 },
        { deputyId: d2.id, score: 70 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const removed = await admin.put(`/api/v1/points/schemes/${schemeId}/presidium-ratings`, { ratings: [{ deputyId: d2.id, score: null }] });
    expect(removed.json().ratings).toEqual([{ deputyId: A(), score: 90 }]);
    const audit = await t.db.selectFrom('auditEvent').select('action').where('action', '=', 'presidium_ratings').execute();
    expect(audit.length).toBe(2);
  });

  it('the year combines records, peer, voter and presidium; a missing part shares its weight', async () => {
    await makeClosedReview(t.db, t.world.townA.id, t.world.stationA.id, 'peer_review', '2026-03', {
      [A()]: { satisfied: 3, basic: 1, dissatisfied: 0 }, // (300 + 60) / 4 = 90
      [d2.id]: { satisfied: 0, basic: 1, dissatisfied: 1 }, // 30
    });
    const res = await (await t.as('liaison')).get(`/api/v1/points/schemes/${schemeId}/year`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json().rows.find((r: { deputyId: string }) => r.deputyId === A());
    // records 43 of full marks 50 → 86; no voter review → its 10 shared: (86·60 + 90·10 + 90·20) / 90 = 87.33
    expect(a).toMatchObject({ records: 43, recordsPercent: 86, peer: 90, voter: null, presidium: 90, score: 87.33, grade: '良好', rank: 1, commended: false });
    const b = res.json().rows.find((r: { deputyId: string }) => r.deputyId === d2.id);
    // D2: February nothing, March v2 −2 → records −2 → 0 %; peer 30; no presidium → (0·60 + 30·10) / 70 = 4.29
    expect(b).toMatchObject({ records: -2, recordsPercent: 0, peer: 30, presidium: null, score: 4.29, grade: '不合格' });
    expect(res.json().commendation).toEqual([]);
    expect(res.json().months).toEqual(['2026-02', '2026-03']);
    expect(res.json().missing).toContain('2026-01');
    expect((await (await t.as('deputy')).get(`/api/v1/points/schemes/${schemeId}/year`)).statusCode).toBe(403);
  });

  it('a deputy reads their own breakdown with the records as links; another deputy’s is 404', async () => {
    const deputy = await t.as('deputy');
    const own = await deputy.get(`/api/v1/points/schemes/${schemeId}/deputies/${A()}?month=2026-03`);
    expect(own.statusCode, own.body).toBe(200);
    const body = own.json();
    expect(body.deputy.name).toBe('李明华');
    const training = body.lines.find((l: { key: string }) => l.key === 'training');
    expect(training).toMatchObject({ count: 4, raw: 8, points: 6, capped: true });
    expect(training.records.length).toBe(4);
    expect(training.records[0]).toMatchObject({ kind: 'activity' });
    expect(training.records[0].href).toMatch(/^\/activities\//);
    const motion = body.lines.find((l: { key: string }) => l.key === 'motion');
    expect(motion.records[0].href).toMatch(/^\/sessions\/.+\?tab=motions$/);
    expect(body.adjustments).toEqual([expect.objectContaining({ points: 1.5, reason: '主持接待日表现突出' })]);
    expect(body.months.find((m: { month: string }) => m.month === '2026-02')).toEqual({ month: '2026-02', total: 3, published: true });
    // January is live: nothing counted.
    expect(body.months.find((m: { month: string }) => m.month === '2026-01')).toEqual({ month: '2026-01', total: 0, published: false });
    expect((await deputy.get(`/api/v1/points/schemes/${schemeId}/deputies/${d2.id}`)).statusCode).toBe(404);
    expect((await (await t.as('liaison')).get(`/api/v1/points/schemes/${schemeId}/deputies/${d2.id}?month=2026-03`)).json().total).toBe(-2);
    expect((await (await t.as('town_admin')).get(`/api/v1/points/schemes/${schemeId}/deputies/${t.world.deputyB.id}`)).statusCode).toBe(404);
    expect((await deputy.get(`/api/v1/points/schemes/${schemeId}/deputies/${A()}?month=2026-13`)).json().details.issues[0].field).toBe('querystring.month');
    const mine = await deputy.get('/api/v1/points/mine?year=2026&month=2026-03');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBe(40);
    expect((await deputy.get('/api/v1/points/mine?year=2024')).statusCode).toBe(404);
  });

  it('deletes an adjustment of an open month (204, audited); 404 for an unknown or another town’s one', async () => {
    const admin = await t.as('town_admin');
    const made = await admin.post(`/api/v1/points/schemes/${schemeId}/adjustments`, {
      deputyId: d3.id,
      month: '2026-04',
      points: -2,
      reason: '无故缺席小组活动',
    });
    expect(made.statusCode, made.body).toBe(201);
    const adjId = made.json().id;
    expect((await (await t.as('liaison')).delete(`/api/v1/points/schemes/${schemeId}/adjustments/${adjId}`)).statusCode).toBe(403);
    expect((await (await t.as('admin_b')).delete(`/api/v1/points/schemes/${schemeId}/adjustments/${adjId}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/points/schemes/${schemeId}/adjustments/nope`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/points/schemes/${schemeId}/adjustments/${adjId}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/points/schemes/${schemeId}/adjustments?deputyId=${d3.id}`)).json().items).toEqual([]);
    const audit = await t.db.selectFrom('auditEvent').select('action').where('entityId', '=', adjId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete']);
    expect((await admin.post(`/api/v1/points/schemes/${schemeId}/activate`, {})).json().details.issues[0].field).toBe('body.version');
    expect((await (await t.as('admin_b')).post(`/api/v1/points/schemes/${schemeId}/activate`, { version: 1 })).statusCode).toBe(404);
  });

  it('exports the score sheet; formula-looking names stay text', async () => {
    await t.db.updateTable('deputy').set({ name: '=HYPERLINK("x")' }).where('id', '=', d3.id).execute();
    const admin = await t.as('town_admin');
    const res = await admin.get(`/api/v1/points/schemes/${schemeId}/score-sheet.xlsx?period=2026`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('积分表');
    expect(ws).toBeDefined();
    const header = ws?.getRow(3).values as unknown[];
    expect(header).toContain('参加学习培训');
    expect(header).toContain('综合得分');
    const names: unknown[] = [];
    ws?.eachRow((row, n) => {
      if (n > 3) names.push(row.getCell(2).value);
    });
    expect(names[0]).toBe('李明华');
    expect(names).toContain('\'=HYPERLINK("x")'); // quoted by lib/sheet-text.ts
    ws?.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    const month = await admin.get(`/api/v1/points/schemes/${schemeId}/score-sheet.xlsx?period=2026-01`);
    expect(month.statusCode).toBe(200);
    expect((await admin.get(`/api/v1/points/schemes/${schemeId}/score-sheet.xlsx?period=26`)).statusCode).toBe(400);
    expect((await (await t.as('deputy')).get(`/api/v1/points/schemes/${schemeId}/score-sheet.xlsx?period=2026`)).statusCode).toBe(403);
  });
});
