import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makeGroup, makeStation, makeUser, multipartFile } from '../../../../test/factories.ts';
import { researchDutyEntries } from './research.duty.ts';

/*
 * Research topics end to end through the API, on SQLite and (TEST_DB=postgres) PostgreSQL: publish,
 * claim, members, report, return, grade, withdraw, the counts, and who may do which.
 */
let t: TestCtx;
let admin: Client;
let liaison: Client;
let liaisonA2: Client;
let stationA2: { id: string };
let groupA: { id: string };
let deputy2: { id: string };
let deputy3: { id: string };
let retired: { id: string };
let topicB: { id: string };
const PDF = Buffer.from('%PDF-1.4\n% 调研报告\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const URL = '/api/v1/research-topics';
const YEAR = 2026;

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, stationA, county } = t.world;
  stationA2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  deputy2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', stationId: stationA.id });
  deputy3 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D003', name: '赵立新', stationId: stationA2.id });
  retired = await makeDeputy(t.db, townA.id, termA.id, { code: 'D009', name: '钱已辞', stationId: stationA.id, status: 'resigned' });
  groupA = await makeGroup(t.db, townA.id, 'G01', '农业组', stationA2.id);
  await t.db
    .insertInto('groupMember')
    .values([
      { groupId: groupA.id, deputyId: deputy3.id, townId: townA.id, role: 'leader' },
      { groupId: groupA.id, deputyId: t.world.deputyA.id, townId: townA.id, role: 'member' },
    ])
    .execute();
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  admin = await t.as('town_admin');
  liaison = await t.as('liaison');
  liaisonA2 = await login(t.app, 'liaison_a2');
  const b = await (await t.as('admin_b')).post(URL, { year: YEAR, title: '乙镇课题', dueDate: '2026-10-31' });
  expect(b.statusCode).toBe(201);
  topicB = b.json();
});
afterAll(async () => t.close());

const count = async (table: 'researchTopic' | 'researchTopicMember' | 'auditEvent') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('townId', '=', t.world.townA.id).executeTakeFirstOrThrow()).n);

const lastAudit = () => t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'research_topic').orderBy('id', 'desc').executeTakeFirstOrThrow();

async function publish(title: string, dueDate = '2027-03-31') {
  const res = await admin.post(URL, { year: YEAR, title, description: '走访企业、村组，形成报告', dueDate });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; version: number };
}

async function upload(c: Client, bytes = PDF, name = '调研报告.pdf') {
  const res = await c.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(bytes, name) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('publishing', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get(URL)).statusCode).toBe(401);
    expect((await anon(t.app).post(URL, { year: YEAR, title: 'x', dueDate: '2026-11-30' })).statusCode).toBe(401);
  });

  it('403 for a liaison, deputy or handler publishing; 403 for a handler or deputy listing', async () => {
    for (const role of ['liaison', 'deputy', 'handler'] as const) {
      expect((await (await t.as(role)).post(URL, { year: YEAR, title: '课题', dueDate: '2026-11-30' })).statusCode, role).toBe(403);
    }
    for (const role of ['deputy', 'handler'] as const) expect((await (await t.as(role)).get(URL)).statusCode, role).toBe(403);
  });

  it('400 names the field, and nothing is written', async () => {
    const before = [await count('researchTopic'), await count('auditEvent')];
    const noTitle = await admin.post(URL, { year: YEAR, title: '  ', dueDate: '2026-11-30' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().details.issues[0].field).toBe('body.title');
    const badDate = await admin.post(URL, { year: YEAR, title: '课题', dueDate: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('截止日期');
    const early = await admin.post(URL, { year: YEAR, title: '课题', dueDate: '2025-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ message: '截止日期：截止日期不能早于课题年度（2026 年）', details: { issues: [{ field: 'body.dueDate' }] } });
    expect([await count('researchTopic'), await count('auditEvent')]).toEqual(before);
  });

  it('publishes with the next code T001, T002…, open, with an audit event', async () => {
    const a = await publish('乡村振兴产业发展情况调研');
    expect(a).toMatchObject({ code: 'T001', status: 'open', claimant: null, memberCount: 0, overdue: false, version: 1 });
    expect(a).toMatchObject({ can: { claim: true, edit: true, withdraw: true, grade: false } });
    const e = await lastAudit();
    expect(e).toMatchObject({ action: 'create', entityId: a.id, summary: '发布调研课题 T001 乡村振兴产业发展情况调研' });
    // Town B has its own T001: codes are per town.
    expect((await publish('农村人居环境整治调研')).code).toBe('T002');
  });

  it('an admin edits a topic with its version; a stale version is 409', async () => {
    const x = await publish('待修改的课题');
    const ok = await admin.patch(`${URL}/${x.id}`, { title: '修改后的课题', version: x.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: '修改后的课题', version: 2 });
    const stale = await admin.patch(`${URL}/${x.id}`, { title: '又改', version: x.version });
    expect(stale.statusCode).toBe(409);
    expect((await liaison.patch(`${URL}/${x.id}`, { title: '联络员改', version: 2 })).statusCode).toBe(403);
  });

  it('404 for another town’s topic, on every kind of route', async () => {
    expect((await admin.get(`${URL}/${topicB.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`${URL}/${topicB.id}`, { title: 'x', version: 1 })).statusCode).toBe(404);
    expect((await admin.post(`${URL}/${topicB.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: 1 })).statusCode).toBe(404);
    expect((await liaison.post(`${URL}/${topicB.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: 1 })).statusCode).toBe(404);
    expect((await admin.post(`${URL}/${topicB.id}/grade`, { grade: 'good', version: 1 })).statusCode).toBe(404);
    expect((await admin.get(`${URL}/${topicB.id}/report`)).statusCode).toBe(404);
    const list = (await admin.get(`${URL}?pageSize=200`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(topicB.id);
  });
});

describe('claiming, members, report, grading', () => {
  let topic: { id: string; version: number };

  beforeAll(async () => {
    topic = await publish('基层矛盾纠纷化解机制调研', '2027-01-15');
  });

  it('a liaison cannot claim for another station (403), nor name a station of another town (400)', async () => {
    const other = await liaison.post(`${URL}/${topic.id}/claim`, { claimantType: 'station', claimantId: stationA2.id, version: topic.version });
    expect(other.statusCode).toBe(403);
    const group = await liaison.post(`${URL}/${topic.id}/claim`, { claimantType: 'group', claimantId: groupA.id, version: topic.version });
    expect(group.statusCode).toBe(403);
    const foreign = await admin.post(`${URL}/${topic.id}/claim`, { claimantType: 'station', claimantId: t.world.stationB.id, version: topic.version });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.claimantId');
    const bad = await liaison.post(`${URL}/${topic.id}/claim`, { claimantType: 'village', claimantId: stationA2.id, version: topic.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.claimantType');
    expect((await (await t.as('deputy')).post(`${URL}/${topic.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: 1 })).statusCode).toBe(403);
  });

  it('a liaison claims for their own station; a second claim is 409', async () => {
    const res = await liaison.post(`${URL}/${topic.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: topic.version });
    expect(res.statusCode, res.body).toBe(200);
    topic = res.json();
    expect(res.json()).toMatchObject({
      status: 'claimed',
      claimant: { type: 'station', id: t.world.stationA.id, code: 'S01', name: '甲镇代表联络站' },
      claimedBy: { name: 'liaison_a' },
      can: { setMembers: true, submit: true, release: true, grade: false, claim: false },
    });
    expect(await lastAudit()).toMatchObject({ action: 'claim', summary: expect.stringContaining('甲镇代表联络站 认领调研课题') });
    const again = await liaisonA2.post(`${URL}/${topic.id}/claim`, { claimantType: 'station', claimantId: stationA2.id, version: topic.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
  });

  it('suggests the station’s serving deputies; another station’s liaison may not manage it', async () => {
    const s = await liaison.get(`${URL}/${topic.id}/suggested-members`);
    expect(s.statusCode).toBe(200);
    expect(s.json().deputies.map((d: { code: string }) => d.code)).toEqual(['D001', 'D002']);
    expect((await liaisonA2.get(`${URL}/${topic.id}/suggested-members`)).statusCode).toBe(403);
    expect((await liaisonA2.put(`${URL}/${topic.id}/members`, { members: [], version: topic.version })).statusCode).toBe(403);
  });

  it('grading before a report is 409; a liaison may never grade (403)', async () => {
    const early = await admin.post(`${URL}/${topic.id}/grade`, { grade: 'excellent', version: topic.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('课题报告提交后才能评定等次');
    expect((await liaison.post(`${URL}/${topic.id}/grade`, { grade: 'excellent', version: topic.version })).statusCode).toBe(403);
  });

  it('a report needs members first (400 naming members)', async () => {
    const fileId = await upload(liaison);
    const res = await liaison.post(`${URL}/${topic.id}/report`, { reportFileId: fileId, version: topic.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.members');
  });

  it('members: deputies of the town, one lead, no one twice, newly added ones serving; 400 names the entry', async () => {
    const put = (members: unknown[]) => liaison.put(`${URL}/${topic.id}/members`, { members, version: topic.version });
    const foreign = await put([{ deputyId: t.world.deputyB.id, role: 'member' }]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.members[0].deputyId');
    const twoLeads = await put([
      { deputyId: t.world.deputyA.id, role: 'lead' },
      { deputyId: deputy2.id, role: 'lead' },
    ]);
    expect(twoLeads.statusCode).toBe(400);
    expect(twoLeads.json().message).toContain('一个课题只能有一名牵头代表');
    const gone = await put([{ deputyId: retired.id, role: 'member' }]);
    expect(gone.statusCode).toBe(400);
    expect(gone.json().message).toContain('已不在任');
    const badRole = await put([{ deputyId: deputy2.id, role: 'chair' }]);
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().details.issues[0].field).toContain('members');
    expect(await count('researchTopicMember')).toBe(0);

    const ok = await put([
      { deputyId: deputy2.id, role: 'member' },
      // A deputy of another station may join: members are deputies of the town.
      { deputyId: deputy3.id, role: 'member' },
      { deputyId: t.world.deputyA.id, role: 'lead' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    topic = ok.json();
    expect(ok.json().members).toEqual([
      { deputyId: t.world.deputyA.id, code: 'D001', name: '李明华', role: 'lead' },
      { deputyId: deputy2.id, code: 'D002', name: '张秀英', role: 'member' },
      { deputyId: deputy3.id, code: 'D003', name: '赵立新', role: 'member' },
    ]);
    expect(ok.json()).toMatchObject({ memberCount: 3, leadName: '李明华' });
    expect(await lastAudit()).toMatchObject({ action: 'set_participants' });
    expect(JSON.parse((await lastAudit()).changes ?? '{}').members).toEqual(['', 'D001 李明华（牵头）、D002 张秀英、D003 赵立新']);
  });

  it('the report must be a document of the town: a photo or another town’s file is 400', async () => {
    const photo = await upload(liaison, PNG, '照片.png');
    const res = await liaison.post(`${URL}/${topic.id}/report`, { reportFileId: photo, version: topic.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.reportFileId');
    const otherTown = await upload(await t.as('admin_b'));
    expect((await liaison.post(`${URL}/${topic.id}/report`, { reportFileId: otherTown, version: topic.version })).statusCode).toBe(400);
  });

  it('the liaison submits the report; a deputy member reads the topic and downloads it', async () => {
    const fileId = await upload(liaison);
    const res = await liaison.post(`${URL}/${topic.id}/report`, { reportFileId: fileId, reportSummary: '走访 12 个村组，提出建议 5 条', version: topic.version });
    expect(res.statusCode, res.body).toBe(200);
    topic = res.json();
    expect(res.json()).toMatchObject({
      status: 'submitted',
      report: { id: fileId, name: '调研报告.pdf', kind: 'pdf' },
      reportSummary: '走访 12 个村组，提出建议 5 条',
      submittedBy: { name: 'liaison_a' },
      submittedLate: false,
      can: { grade: false, submit: true, setMembers: true },
    });
    expect(await lastAudit()).toMatchObject({ action: 'submit_report' });

    const deputy = await t.as('deputy');
    const got = await deputy.get(`${URL}/${topic.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().can).toMatchObject({ submit: false, grade: false, setMembers: false });
    const file = await deputy.get(`${URL}/${topic.id}/report`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const mine = (await deputy.get(`${URL}/mine`)).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: topic.id, myRole: 'lead', status: 'submitted' })]);
  });

  it('the admin sends it back with a note; the liaison submits again', async () => {
    const bad = await admin.post(`${URL}/${topic.id}/return`, { returnNote: ' ', version: topic.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.returnNote');
    const back = await admin.post(`${URL}/${topic.id}/return`, { returnNote: '请补充问题清单', version: topic.version });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'claimed', returnNote: '请补充问题清单' });
    const again = await liaison.post(`${URL}/${topic.id}/report`, { reportFileId: back.json().report.id, version: back.json().version });
    expect(again.statusCode).toBe(200);
    topic = again.json();
    expect(topic).toMatchObject({ status: 'submitted' });
  });

  it('the admin grades it (400 for an unknown grade); grading again corrects it', async () => {
    const bad = await admin.post(`${URL}/${topic.id}/grade`, { grade: 'A', version: topic.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.grade');
    const res = await admin.post(`${URL}/${topic.id}/grade`, { grade: 'good', gradeComment: '问题找得准', version: topic.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'graded', grade: 'good', gradeComment: '问题找得准', gradedBy: { name: 'admin_a' } });
    expect(await lastAudit()).toMatchObject({ action: 'grade', summary: expect.stringContaining('评定调研课题为“良好”') });
    const fix = await admin.post(`${URL}/${topic.id}/grade`, { grade: 'excellent', version: res.json().version });
    expect(fix.json()).toMatchObject({ grade: 'excellent', gradeComment: '问题找得准' });
    topic = fix.json();
    // Done: no more report, no more members, no edits.
    expect((await liaison.post(`${URL}/${topic.id}/report`, { reportFileId: fix.json().report.id, version: topic.version })).statusCode).toBe(409);
    expect((await admin.patch(`${URL}/${topic.id}`, { title: '改', version: topic.version })).statusCode).toBe(409);
  });

  it('a deputy reads only topics they take part in (404 for others) and never lists the town’s', async () => {
    const other = await publish('不相关课题');
    const deputy = await t.as('deputy');
    expect((await deputy.get(`${URL}/${other.id}`)).statusCode).toBe(404);
    expect((await deputy.get(`${URL}/${other.id}/report`)).statusCode).toBe(404);
    expect((await deputy.get(`${URL}/stats?year=${YEAR}`)).statusCode).toBe(403);
  });
});

describe('groups, release, withdraw, activities, counts, duty record', () => {
  it('an admin claims for a group; the group’s members are suggested, leader first', async () => {
    const x = await publish('小组课题');
    const res = await admin.post(`${URL}/${x.id}/claim`, { claimantType: 'group', claimantId: groupA.id, version: x.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().claimant).toMatchObject({ type: 'group', code: 'G01', name: '农业组' });
    const s = (await admin.get(`${URL}/${x.id}/suggested-members`)).json();
    expect(s.deputies.map((d: { code: string; groupRole: string }) => [d.code, d.groupRole])).toEqual([
      ['D003', 'leader'],
      ['D001', 'member'],
    ]);
    // A group's topic is the admins' to manage: even the liaison of the group's station may not.
    expect((await liaisonA2.put(`${URL}/${x.id}/members`, { members: [], version: res.json().version })).statusCode).toBe(403);
  });

  it('a liaison gives their claim back: open again, members gone', async () => {
    const x = await publish('放弃的课题');
    const c = (await liaison.post(`${URL}/${x.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: x.version })).json();
    const m = (await liaison.put(`${URL}/${x.id}/members`, { members: [{ deputyId: deputy2.id, role: 'lead' }], version: c.version })).json();
    const r = await liaison.post(`${URL}/${x.id}/release`, { version: m.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'open', claimant: null, members: [], claimedAt: null });
  });


  it('withdraw and reopen are the admins’; a withdrawn topic cannot be claimed', async () => {
    const x = await publish('撤销的课题');
    expect((await liaison.post(`${URL}/${x.id}/withdraw`, { version: x.version })).statusCode).toBe(403);
    const w = await admin.post(`${URL}/${x.id}/withdraw`, { version: x.version });
    expect(w.json()).toMatchObject({ status: 'withdrawn', can: { reopen: true, claim: false } });
    expect((await liaison.post(`${URL}/${x.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: w.json().version })).statusCode).toBe(409);
    const o = await admin.post(`${URL}/${x.id}/reopen`, { version: w.json().version });
    expect(o.json()).toMatchObject({ status: 'open' });
    // Withdrawn again, so the counts below see one withdrawn topic.
    await admin.post(`${URL}/${x.id}/withdraw`, { version: o.json().version });
  });

  it('links research activities only', async () => {
    const { townA } = t.world;
    const research = await makeActivityKind(t.db, townA.id, 'research', '调研', 'research');
    const training = await makeActivityKind(t.db, townA.id, 'training', '培训', 'training');
    const visit = await makeActivity(t.db, townA.id, research.id, { title: '走访企业', startAt: '2026-05-10T01:00:00.000Z', endAt: '2026-05-10T03:00:00.000Z' });
    const lesson = await makeActivity(t.db, townA.id, training.id, { title: '宪法学习', startAt: '2026-05-11T01:00:00.000Z', endAt: '2026-05-11T03:00:00.000Z' });
    const x = await publish('带活动的课题');
    const c = (await liaison.post(`${URL}/${x.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: x.version })).json();
    const no = await liaison.put(`${URL}/${x.id}/activities`, { activityIds: [lesson.id], version: c.version });
    expect(no.statusCode).toBe(400);
    expect(no.json()).toMatchObject({ details: { issues: [{ field: 'body.activityIds' }] } });
    expect(no.json().message).toContain('不是调研类活动');
    const ok = await liaison.put(`${URL}/${x.id}/activities`, { activityIds: [visit.id], version: c.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().activities).toEqual([expect.objectContaining({ id: visit.id, title: '走访企业' })]);
  });

  it('an overdue claim: the due date passed without a report', async () => {
    // A topic of the year due in the past (dates are checked against the year, not against today).
    const x = await publish('逾期课题', '2026-01-15');
    const c = await liaisonA2.post(`${URL}/${x.id}/claim`, { claimantType: 'station', claimantId: stationA2.id, version: x.version });
    expect(c.json()).toMatchObject({ overdue: true });
    const list = (await admin.get(`${URL}?overdue=true&year=${YEAR}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([x.id]);
  });

  it('lists with filters: status, grade, claimant, text', async () => {
    const graded = (await admin.get(`${URL}?status=graded`)).json();
    expect(graded.items).toHaveLength(1);
    expect(graded.items[0]).toMatchObject({ code: 'T004', grade: 'excellent', memberCount: 3, leadName: '李明华' });
    expect((await admin.get(`${URL}?grade=excellent`)).json().total).toBe(1);
    const byStation = (await liaison.get(`${URL}?claimantType=station&claimantId=${t.world.stationA.id}`)).json();
    expect(byStation.items.map((i: { code: string }) => i.code).sort()).toEqual(['T004', 'T009']);
    expect((await admin.get(`${URL}?q=t00`)).json().total).toBeGreaterThan(5);
    expect((await admin.get(`${URL}?q=${encodeURIComponent('小组')}`)).json().items.map((i: { title: string }) => i.title)).toEqual(['小组课题']);
    const noType = await admin.get(`${URL}?claimantId=${t.world.stationA.id}`);
    expect(noType.statusCode).toBe(400);
    expect(noType.json().details.issues[0].field).toBe('querystring.claimantType');
    const bad = await admin.get(`${URL}?year=20x6`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.year');
  });

  it('counts the year: published, claimed, submitted, graded, by grade, overdue, by claimant', async () => {
    const res = await liaison.get(`${URL}/stats?year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    // Open: T001 T002 T003 (edited) T005 (unrelated) T007 (released). Claimed: T004 (graded), T006 (group), T009 (activities),
    // T010 (overdue). T008 withdrawn.
    expect(s).toMatchObject({ year: YEAR, published: 9, withdrawn: 1, claimed: 4, submitted: 1, graded: 1, overdue: 1 });
    expect(s.open).toBe(5);
    expect(s.byGrade).toEqual({ excellent: 1, good: 0, pass: 0, fail: 0 });
    expect(s.byClaimant).toEqual([
      { type: 'station', id: t.world.stationA.id, code: 'S01', name: '甲镇代表联络站', claimed: 2, submitted: 1, graded: 1, overdue: 0, byGrade: { excellent: 1, good: 0, pass: 0, fail: 0 } },
      { type: 'station', id: stationA2.id, code: 'S02', name: '甲镇第二联络站', claimed: 1, submitted: 0, graded: 0, overdue: 1, byGrade: { excellent: 0, good: 0, pass: 0, fail: 0 } },
      { type: 'group', id: groupA.id, code: 'G01', name: '农业组', claimed: 1, submitted: 0, graded: 0, overdue: 0, byGrade: { excellent: 0, good: 0, pass: 0, fail: 0 } },
    ]);
    const empty = (await admin.get(`${URL}/stats?year=2030`)).json();
    expect(empty).toMatchObject({ published: 0, claimed: 0, graded: 0, byClaimant: [] });
    const b = (await (await t.as('admin_b')).get(`${URL}/stats?year=${YEAR}`)).json();
    expect(b).toMatchObject({ published: 1, claimed: 0 });
    expect((await admin.get(`${URL}/stats`)).statusCode).toBe(400);
  });

  it('the duty-record hook lists the deputy’s topics dated in the range, with role and grade', async () => {
    const { townA, deputyA } = t.world;
    const all = await researchDutyEntries(t.db, townA.id, deputyA.id, { start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z' });
    expect(all).toEqual([
      expect.objectContaining({ source: 'research', code: 'T004', title: '基层矛盾纠纷化解机制调研', role: 'lead', status: 'graded', grade: 'excellent', dueDate: '2027-01-15' }),
    ]);
    expect(all[0].submittedAt).toEqual(expect.any(String));
    const none = await researchDutyEntries(t.db, townA.id, deputyA.id, { start: '2000-01-01T00:00:00.000Z', end: '2001-01-01T00:00:00.000Z' });
    expect(none).toEqual([]);
    // Another town's deputy sees nothing of town A, and town A's deputy nothing under town B.
    expect(await researchDutyEntries(t.db, t.world.townB.id, deputyA.id, { start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z' })).toEqual([]);
  });
});

// Last: it publishes a topic of its own, which the counts above do not expect.
describe('giving back a claim after a report was sent back', () => {
  it('a report sent back goes with the claim when it is given back: the next claimant starts clean', async () => {
    const x = await publish('退回后放弃的课题');
    const c = (await liaison.post(`${URL}/${x.id}/claim`, { claimantType: 'station', claimantId: t.world.stationA.id, version: x.version })).json();
    const m = (await liaison.put(`${URL}/${x.id}/members`, { members: [{ deputyId: deputy2.id, role: 'lead' }], version: c.version })).json();
    const fileId = await upload(liaison);
    const rep = (await liaison.post(`${URL}/${x.id}/report`, { reportFileId: fileId, reportSummary: '初稿', version: m.version })).json();
    const back = (await admin.post(`${URL}/${x.id}/return`, { returnNote: '请补充数据', version: rep.version })).json();
    const r = await liaison.post(`${URL}/${x.id}/release`, { version: back.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'open', report: null, reportSummary: '', submittedAt: null });
    const row = await t.db.selectFrom('researchTopic').select(['reportFileId', 'submittedBy']).where('id', '=', x.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ reportFileId: null, submittedBy: null });
  });
});
