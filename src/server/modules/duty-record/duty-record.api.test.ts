import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import {
  makeActivity,
  makeActivityKind,
  makeDeputy,
  makeGroup,
  makeInvitation,
  makePresidiumMember,
  makeStation,
  makeUser,
} from '../../../../test/factories.ts';

/*
 * The duty record and the monthly board against a hand-built year (2025, all over) whose statuses are
 * known, with activities on both sides of month and year boundaries in China time. Runs on SQLite and
 * PostgreSQL.
 */
let t: TestCtx;
let deputy2: Client;
let liaisonA2: Client;
let d2: { id: string }; // 张秀英, station A
let d3: { id: string }; // 赵志强, station A2
let d5: { id: string }; // 陈静, station A, never invited
let stationA2: { id: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, termA, stationA, deputyA, deputyB, county } = t.world;
  stationA2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  d2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', stationId: stationA.id });
  d3 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D003', name: '赵志强', stationId: stationA2.id });
  await makeDeputy(t.db, townA.id, termA.id, { code: 'D004', name: '钱卫东', stationId: stationA.id, status: 'resigned' });
  d5 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D005', name: '陈静', stationId: stationA.id });
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_a2', deputyId: d2.id });
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  deputy2 = await login(t.app, 'deputy_a2');
  liaisonA2 = await login(t.app, 'liaison_a2');

  const group = await makeGroup(t.db, townA.id, 'G01', '第一代表小组', stationA.id);
  await t.db.insertInto('groupMember').values({ groupId: group.id, deputyId: deputyA.id, townId: townA.id, role: 'leader' }).execute();
  await makePresidiumMember(t.db, townA.id, termA.id, deputyA.id, { position: 'vice_chair', startDate: '2021-12-01' });

  const training = await makeActivityKind(t.db, townA.id, 'K01', '培训学习', 'training');
  const inspection = await makeActivityKind(t.db, townA.id, 'K02', '视察', 'inspection');
  const research = await makeActivityKind(t.db, townA.id, 'K03', '调研', 'research');
  const group2 = await makeActivityKind(t.db, townA.id, 'K04', '代表小组活动', 'group');
  const act = async (name: string, kindId: string, startAt: string, endAt: string, over: Record<string, unknown> = {}) => {
    ids[name] = (await makeActivity(t.db, townA.id, kindId, { title: name, startAt, endAt, place: `${name}地点`, ...over })).id;
    return ids[name];
  };
  const inv = (a: string, d: string, over: Record<string, unknown> = {}) => makeInvitation(t.db, townA.id, a, d, over);

  // January 10th, 09:00 China time.
  const t1 = await act('T1 宪法学习', training.id, '2025-01-10T01:00:00.000Z', '2025-01-10T03:00:00.000Z');
  await inv(t1, deputyA.id, { attendance: 'present' });
  await inv(t1, d2.id, { attendance: 'late' });
  await inv(t1, d3.id, { leaveStatus: 'approved' });
  // March 31st, 23:30 China time: March, though it ends on April 1st.
  const i1 = await act('I1 视察', inspection.id, '2025-03-31T15:30:00.000Z', '2025-03-31T17:00:00.000Z');
  await inv(i1, deputyA.id, { attendance: 'late' });
  await inv(i1, d2.id, { leaveStatus: 'refused' });
  // April 1st, 00:30 China time: April.
  const r1 = await act('R1 调研', research.id, '2025-03-31T16:30:00.000Z', '2025-03-31T18:00:00.000Z');
  await inv(r1, deputyA.id, { leaveStatus: 'approved' });
  await inv(r1, d2.id, { attendance: 'present' });
  const g1 = await act('G1 小组活动', group2.id, '2025-06-15T01:00:00.000Z', '2025-06-15T02:00:00.000Z');
  await inv(g1, deputyA.id, { leaveStatus: 'requested' });
  await inv(g1, d2.id, { attendance: 'on_leave' });
  const t2 = await act('T2 预算审查培训', training.id, '2025-06-20T01:00:00.000Z', '2025-06-20T03:00:00.000Z');
  await inv(t2, deputyA.id, { leaveStatus: 'approved', attendance: 'present' });
  await inv(t2, d3.id, { attendance: 'present' });
  // Not in 2025: cancelled; December 31st 2024 23:30 China time; January 1st 2026 00:30 China time.
  await inv(await act('X 取消', training.id, '2025-05-01T01:00:00.000Z', '2025-05-01T02:00:00.000Z', { status: 'cancelled' }), deputyA.id, {
    attendance: 'present',
  });
  await inv(await act('Y 2024', training.id, '2024-12-31T15:30:00.000Z', '2024-12-31T17:00:00.000Z'), deputyA.id, { attendance: 'present' });
  await inv(await act('Z 2026', training.id, '2025-12-31T16:30:00.000Z', '2025-12-31T18:00:00.000Z'), deputyA.id, { attendance: 'present' });
  // Another town's.
  const kindB = await makeActivityKind(t.db, townB.id, 'K01', '培训学习', 'training');
  const b = await makeActivity(t.db, townB.id, kindB.id, { title: 'B', startAt: '2025-06-20T01:00:00.000Z', endAt: '2025-06-20T02:00:00.000Z' });
  await makeInvitation(t.db, townB.id, b.id, deputyB.id, { attendance: 'present' });
});
afterAll(async () => t.close());

const record = (c: Client, id: string, year = 2025) => c.get(`/api/v1/deputies/${id}/duty-record?year=${year}`);
const board = (c: Client, id: string, month: string) => c.get(`/api/v1/stations/${id}/board?month=${month}`);

describe('GET /deputies/:id/duty-record', () => {
  it('401 without a session, 403 for a handler and another station’s liaison, 404 for another town', async () => {
    const { deputyA, deputyB } = t.world;
    expect((await record(anon(t.app), deputyA.id)).statusCode).toBe(401);
    expect((await record(await t.as('handler'), deputyA.id)).statusCode).toBe(403);
    expect((await record(liaisonA2, deputyA.id)).statusCode).toBe(403);
    expect((await record(await t.as('town_admin'), deputyB.id)).statusCode).toBe(404);
    expect((await record(await t.as('admin_b'), deputyA.id)).statusCode).toBe(404);
    expect((await record(await t.as('town_admin'), 'nope')).statusCode).toBe(404);
  });

  it('400 naming the year', async () => {
    const res = await (await t.as('town_admin')).get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record?year=25`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('querystring.year');
  });

  it('a deputy sees their own record, and another deputy’s is 404', async () => {
    const deputy = await t.as('deputy');
    expect((await record(deputy, t.world.deputyA.id)).statusCode).toBe(200);
    expect((await record(deputy, d2.id)).statusCode).toBe(404);
    expect((await record(deputy2, t.world.deputyA.id)).statusCode).toBe(404);
    expect((await record(deputy2, d2.id)).statusCode).toBe(200);
  });

  it('gives the year month by month with the known statuses, China months, and the totals', async () => {
    const res = await record(await t.as('liaison'), t.world.deputyA.id);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.year).toBe(2025);
    expect(r.deputy).toMatchObject({
      code: 'D001',
      name: '李明华',
      termNumber: 18,
      station: { code: 'S01', name: '甲镇代表联络站' },
      groups: [{ code: 'G01', name: '第一代表小组', role: 'leader' }],
      presidium: { position: 'vice_chair', termNumber: 18, endDate: null },
    });
    expect(r.months).toHaveLength(12);
    const byMonth = r.months.map((m: { entries: { title: string; status: string }[] }) => m.entries.map((e) => `${e.title}:${e.status}`));
    expect(byMonth).toEqual([
      ['T1 宪法学习:present'],
      [],
      ['I1 视察:late'],
      ['R1 调研:on_leave'],
      [],
      ['G1 小组活动:absent', 'T2 预算审查培训:present'],
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(r.months[2].entries[0]).toMatchObject({ source: 'activity', date: '2025-03-31', kindName: '视察', countsAs: 'inspection', place: 'I1 视察地点' });
    expect(r.months[5].counts.activities).toEqual({ invited: 2, present: 1, late: 0, onLeave: 0, absent: 1, pending: 0, rate: 0.5 });
    expect(r.months[3].counts.activities).toEqual({ invited: 1, present: 0, late: 0, onLeave: 1, absent: 0, pending: 0, rate: null });
    expect(r.months[1].counts.activities).toEqual({ invited: 0, present: 0, late: 0, onLeave: 0, absent: 0, pending: 0, rate: null });
    expect(r.totals.activities).toEqual({
      invited: 5,
      present: 2,
      late: 1,
      onLeave: 1,
      absent: 1,
      pending: 0,
      rate: 0.75,
      attended: 3,
      trainings: 2,
      inspections: 1,
      research: 0,
      attendedByCountsAs: { training: 2, inspection: 1, research: 0, meeting: 0, group: 0, fixed_day: 0, visit: 0, other: 0 },
    });
    expect(r.trainingTopics.map((x: { title: string; date: string }) => [x.title, x.date])).toEqual([
      ['T1 宪法学习', '2025-01-10'],
      ['T2 预算审查培训', '2025-06-20'],
    ]);
  });

  it('another deputy’s numbers: research attended, an absence from a refused leave', async () => {
    const r = (await record(await t.as('town_admin'), d2.id)).json();
    expect(r.deputy.groups).toEqual([]);
    expect(r.deputy.presidium).toBeNull();
    expect(r.totals.activities).toMatchObject({
      invited: 4,
      present: 1,
      late: 1,
      onLeave: 1,
      absent: 1,
      rate: 0.6667,
      trainings: 1,
      research: 1,
      inspections: 0,
    });
  });

  it('the year boundary in China time, and an activity not over yet is pending', async () => {
    const admin = await t.as('town_admin');
    const y2024 = (await record(admin, t.world.deputyA.id, 2024)).json();
    expect(y2024.months[11].entries.map((e: { title: string }) => e.title)).toEqual(['Y 2024']);
    const now = Date.now();
    const current = Number(new Date(now + 8 * 3600_000).toISOString().slice(0, 4));
    const kind = await t.db.selectFrom('activityKind').select('id').where('code', '=', 'K04').where('townId', '=', t.world.townA.id).executeTakeFirstOrThrow();
    const live = await makeActivity(t.db, t.world.townA.id, kind.id, {
      title: '进行中',
      startAt: new Date(now - 10 * 60_000).toISOString(),
      endAt: new Date(now + 60 * 60_000).toISOString(),
    });
    await makeInvitation(t.db, t.world.townA.id, live.id, t.world.deputyA.id, { attendance: 'present' });
    const r = (await (await t.as('deputy')).get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record`)).json();
    expect(r.year).toBe(current);
    const entry = r.months.flatMap((m: { entries: { id: string; status: string }[] }) => m.entries).find((e: { id: string }) => e.id === live.id);
    expect(entry.status).toBe('pending');
    // Signed in already, but it counts only once it is over: pending, and out of the rate.
    const a = r.totals.activities;
    expect(a.pending).toBe(1);
    expect(a.invited).toBe(a.present + a.late + a.onLeave + a.absent + 1);
    expect(a.attended).toBe(a.present + a.late);
    await t.db.deleteFrom('activityInvitation').where('activityId', '=', live.id).execute();
    await t.db.deleteFrom('activity').where('id', '=', live.id).execute();
  });
});

describe('documents read and research in the duty record', () => {
  it('a read document in the China month it was opened, research by its report (else its claim), withdrawn and unread left out', async () => {
    const { townA } = t.world;
    const ts = '2025-01-01T00:00:00.000Z';
    const doc = (code: string, title: string) => ({ id: `doc-${code}`, townId: townA.id, code, title, category: 'study' as const, status: 'sent' as const, sentAt: '2025-02-01T01:00:00.000Z', createdAt: ts, updatedAt: ts });
    await t.db.insertInto('document').values([doc('F0001', '代表法学习材料'), doc('F0002', '未读通知'), doc('F0003', '去年读过')]).execute();
    const rcpt = (documentId: string, firstReadAt: string | null) => ({ id: `r-${documentId}`, townId: townA.id, documentId, deputyId: d5.id, sentAt: '2025-02-01T01:00:00.000Z', firstReadAt, lastReadAt: firstReadAt });
    await t.db
      .insertInto('documentRecipient')
      // 2025-02-28 17:00 UTC is March 1st in China.
      .values([rcpt('doc-F0001', '2025-02-28T17:00:00.000Z'), rcpt('doc-F0002', null), rcpt('doc-F0003', '2024-12-30T02:00:00.000Z')])
      .execute();
    const topic = (code: string, title: string, over: Record<string, unknown>) => ({ id: `topic-${code}`, townId: townA.id, code, year: 2025, title, dueDate: '2025-10-31', createdAt: ts, updatedAt: ts, ...over });
    await t.db
      .insertInto('researchTopic')
      .values([
        topic('T001', '农村人居环境调研', { status: 'graded', claimedAt: '2024-12-20T02:00:00.000Z', submittedAt: '2025-05-10T02:00:00.000Z', grade: 'excellent' }),
        topic('T002', '养老服务调研', { status: 'claimed', claimedAt: '2025-09-01T02:00:00.000Z' }),
        topic('T003', '撤回的课题', { status: 'withdrawn', claimedAt: '2025-04-01T02:00:00.000Z' }),
      ])
      .execute();
    await t.db
      .insertInto('researchTopicMember')
      .values([
        { topicId: 'topic-T001', deputyId: d5.id, townId: townA.id, role: 'lead' },
        { topicId: 'topic-T002', deputyId: d5.id, townId: townA.id, role: 'member' },
        { topicId: 'topic-T003', deputyId: d5.id, townId: townA.id, role: 'member' },
      ])
      .execute();

    const res = await record(await t.as('town_admin'), d5.id);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const lines = (m: number) => r.months[m - 1].entries.map((e: { source: string; date: string; title: string }) => `${e.source} ${e.date} ${e.title}`);
    expect(lines(3)).toEqual(['document 2025-03-01 代表法学习材料']);
    expect(lines(5)).toEqual(['research 2025-05-10 农村人居环境调研']);
    expect(lines(9)).toEqual(['research 2025-09-01 养老服务调研']);
    expect(r.months[2].counts).toMatchObject({ documentsRead: 1, research: 0 });
    expect(r.months[4].entries[0]).toMatchObject({ role: 'lead', status: 'graded', grade: 'excellent' });
    expect(r.totals).toMatchObject({ documentsRead: 1, research: { topics: 2, lead: 1, reported: 1, byGrade: { excellent: 1, good: 0, pass: 0, fail: 0 } } });
    // Reading and research leave the attendance figures alone.
    expect(r.totals.activities.invited).toBe(0);
    // 2024: the document read that December, and the topic claimed then (its report is in 2025's record).
    const last = (await record(await t.as('town_admin'), d5.id, 2024)).json();
    expect(last.totals).toMatchObject({ documentsRead: 1, research: { topics: 1, reported: 0, byGrade: { excellent: 0 } } });
    expect(last.months[11].entries.map((e: { source: string; date: string }) => `${e.source} ${e.date}`)).toEqual(['document 2024-12-30', 'research 2024-12-20'].sort((a, b) => a.slice(-10).localeCompare(b.slice(-10))));
  });
});

describe('GET /stations/:id/board', () => {
  it('401, 403 for a handler, another station’s liaison or deputy, 404 for another town, 400 naming the month', async () => {
    const { stationA, stationB } = t.world;
    expect((await board(anon(t.app), stationA.id, '2025-03')).statusCode).toBe(401);
    expect((await board(await t.as('handler'), stationA.id, '2025-03')).statusCode).toBe(403);
    expect((await board(liaisonA2, stationA.id, '2025-03')).statusCode).toBe(403);
    expect((await board(await t.as('liaison'), stationA2.id, '2025-03')).statusCode).toBe(403);
    expect((await board(await t.as('deputy'), stationA2.id, '2025-03')).statusCode).toBe(403);
    expect((await board(await t.as('town_admin'), stationB.id, '2025-03')).statusCode).toBe(404);
    expect((await board(await t.as('admin_b'), stationA.id, '2025-03')).statusCode).toBe(404);
    const bad = await board(await t.as('town_admin'), stationA.id, '2025-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.month');
  });

  it('March: the 23:30 activity of March 31st is in, the 00:30 one of April 1st is not; sorted by rate', async () => {
    const res = await board(await t.as('deputy'), t.world.stationA.id, '2025-03');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.station).toMatchObject({ code: 'S01' });
    // The resigned deputy, never invited this month, is left out; a serving one never invited is in with no rate.
    expect(
      b.rows.map((r: { name: string; invited: number; late: number; absent: number; rate: number | null }) => [r.name, r.invited, r.late, r.absent, r.rate]),
    ).toEqual([
      ['李明华', 1, 1, 0, 1],
      ['张秀英', 1, 0, 1, 0],
      ['陈静', 0, 0, 0, null],
    ]);
    expect(b.totals).toEqual({ invited: 2, present: 0, late: 1, onLeave: 0, absent: 1, pending: 0, rate: 0.5, trainings: 0, deputies: 3, activities: 1 });
  });

  it('January: equal rates by name; June: trainings and leave', async () => {
    const admin = await t.as('town_admin');
    const jan = (await board(admin, t.world.stationA.id, '2025-01')).json();
    expect(jan.rows.map((r: { name: string; rate: number | null; trainings: number }) => [r.name, r.rate, r.trainings])).toEqual([
      ['李明华', 1, 1],
      ['张秀英', 1, 1],
      ['陈静', null, 0],
    ]);
    const jun = (await board(admin, t.world.stationA.id, '2025-06')).json();
    expect(jun.rows.map((r: { name: string; rate: number | null; trainings: number; onLeave: number }) => [r.name, r.rate, r.trainings, r.onLeave])).toEqual([
      ['李明华', 0.5, 1, 0],
      ['陈静', null, 0, 0],
      ['张秀英', null, 0, 1],
    ]);
    expect(jun.totals).toMatchObject({ invited: 3, present: 1, onLeave: 1, absent: 1, rate: 0.5, trainings: 1, activities: 2 });
    // The second station's liaison reads their own board.
    const a2 = (await board(liaisonA2, stationA2.id, '2025-06')).json();
    expect(a2.rows.map((r: { name: string; rate: number | null }) => [r.name, r.rate])).toEqual([['赵志强', 1]]);
    expect(d5.id).toBeTruthy();
  });
});
