import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeTerm, makeUser, multipartFile } from '../../../../test/factories.ts';
import { makeSuggestion } from '../../../../test/search-factories.ts';
import { makeItem, makeRoll, makeSession } from '../../../../test/session-factories.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';

/*
 * Congress sessions, roll and agenda over HTTP, on SQLite and PostgreSQL (docs/api-contract-sessions.md).
 * The session of the roll rules opens on 2026-03-10; the quorum session uses a term of its own with 79 deputies.
 */
let t: TestCtx;
let admin: Client;
let deputy: Client;
let adminB: Client;

const S = '/api/v1/sessions';
const PDF = Buffer.from('%PDF-1.4\n% 政府工作报告\n');

async function auditOf(entityId: string) {
  return (await admin.get(`/api/v1/audit-events?entityId=${entityId}&pageSize=100`)).json().items as { entity: string; action: string; summary: string }[];
}

beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
  deputy = await t.as('deputy');
  adminB = await t.as('admin_b');
});

afterAll(async () => {
  await t?.close();
});

describe('sessions', () => {
  let sessionId: string;
  let version: number;

  it('401 without a login, 403 for a handler, 403 for a deputy or liaison writing', async () => {
    expect((await anon(t.app).get(S)).statusCode).toBe(401);
    expect((await (await t.as('handler')).get(S)).statusCode).toBe(403);
    const body = { termId: t.world.termA.id, kind: 'ordinary', startDate: '2026-03-10', endDate: '2026-03-11' };
    expect((await deputy.post(S, body)).statusCode).toBe(403);
    expect((await (await t.as('liaison')).post(S, body)).statusCode).toBe(403);
  });

  it('400 names the field', async () => {
    const base = { termId: t.world.termA.id, kind: 'ordinary', startDate: '2026-03-10', endDate: '2026-03-11' };
    const cases: [unknown, string][] = [
      [{ ...base, kind: undefined }, 'body.kind'],
      [{ ...base, startDate: '2026-02-30' }, 'body.startDate'],
      [{ ...base, endDate: '2026-03-09' }, 'body.endDate'],
      [{ ...base, termId: t.world.termB.id }, 'body.termId'],
      [{ ...base, secretaryGeneralId: t.world.deputyB.id }, 'body.secretaryGeneralId'],
      [{ ...base, presidium: [{ deputyId: t.world.deputyB.id }] }, 'body.presidium.0.deputyId'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post(S, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('creates a session with the next number, presidium and secretary-general', async () => {
    const res = await admin.post(S, {
      termId: t.world.termA.id,
      kind: 'ordinary',
      startDate: '2026-03-10',
      endDate: '2026-03-11',
      place: '镇政府三楼会议室',
      secretaryGeneralId: t.world.deputyA.id,
      presidium: [{ deputyId: t.world.deputyA.id, executive: true }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      number: 1,
      code: 'S001',
      name: '第十八届人民代表大会第一次会议',
      shortName: '十八届一次',
      status: 'preparing',
      roll: null,
      quorum: null,
      secretaryGeneral: { name: '李明华' },
      presidium: [{ deputyId: t.world.deputyA.id, executive: true }],
      items: [],
      suggestions: { total: 0, replied: 0, closed: 0 },
    });
    expect(s.actions).toEqual(expect.arrayContaining(['edit', 'delete', 'take_roll', 'manage_items']));
    expect(s.actions).not.toContain('open');
    sessionId = s.id;
    version = s.version;
    const next = await admin.post(S, { termId: t.world.termA.id, kind: 'extraordinary', startDate: '2026-06-01', endDate: '2026-06-01' });
    expect(next.json().number).toBe(2);
    const taken = await admin.post(S, { termId: t.world.termA.id, number: 2, kind: 'ordinary', startDate: '2026-07-01', endDate: '2026-07-01' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.issues[0].field).toBe('body.number');
    expect((await auditOf(sessionId)).some((e) => e.entity === 'congress_session' && e.action === 'create')).toBe(true);
  });

  it('lists latest first; deputies read; another town gets 404', async () => {
    const list = (await deputy.get(`${S}?termId=${t.world.termA.id}`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0].number).toBe(2);
    expect((await deputy.get(`${S}/${sessionId}`)).statusCode).toBe(200);
    expect((await adminB.get(`${S}/${sessionId}`)).statusCode).toBe(404);
    expect((await adminB.patch(`${S}/${sessionId}`, { version, place: 'x' })).statusCode).toBe(404);
    expect((await adminB.post(`${S}/${sessionId}/roll`)).statusCode).toBe(404);
    expect((await adminB.get(S)).json().total).toBe(0);
  });

  it('PATCH checks the version and the number', async () => {
    const stale = await admin.patch(`${S}/${sessionId}`, { version: version + 5, place: '礼堂' });
    expect(stale.statusCode).toBe(409);
    const dup = await admin.patch(`${S}/${sessionId}`, { version, number: 2 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].field).toBe('body.number');
    const ok = await admin.patch(`${S}/${sessionId}`, { version, place: '镇人大礼堂', presidium: [] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ place: '镇人大礼堂', presidium: [], version: version + 1 });
  });

  it('takes the roll of deputies in office on the start date', async () => {
    const { townA, termA } = t.world;
    const otherTerm = await makeTerm(t.db, townA.id, 17);
    const before = await makeDeputy(t.db, townA.id, termA.id, { code: 'D101', name: '辞前', status: 'resigned', statusDate: '2026-01-05' });
    const after = await makeDeputy(t.db, townA.id, termA.id, { code: 'D102', name: '辞后', status: 'resigned', statusDate: '2026-04-01' });
    const county = await makeDeputy(t.db, townA.id, termA.id, { code: 'D103', name: '县代表', isTownLevel: 0, isCountyLevel: 1 });
    const old = await makeDeputy(t.db, townA.id, otherTerm.id, { code: 'D104', name: '上届' });
    const serving = await makeDeputy(t.db, townA.id, termA.id, { code: 'D105', name: '张秀英' });

    // Not yet taken: open refused.
    const early = await admin.post(`${S}/${sessionId}/open`);
    expect(early.statusCode).toBe(409);

    const res = await admin.post(`${S}/${sessionId}/roll`);
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().entries.map((e: { deputyId: string }) => e.deputyId);
    expect(ids).toContain(t.world.deputyA.id);
    expect(ids).toContain(after.id);
    expect(ids).toContain(serving.id);
    expect(ids).not.toContain(before.id);
    expect(ids).not.toContain(county.id);
    expect(ids).not.toContain(old.id);
    expect(res.json().counts).toMatchObject({ all: 3, expected: 3 });
    expect(res.json().quorum).toMatchObject({ all: 3, present: 0, needed: 3, reached: false, short: 3 });
    expect((await auditOf(sessionId)).some((e) => e.action === 'take_roll')).toBe(true);

    // Preparing, roll taken: a new start date retakes the roll as of that day, in the same save.
    const patchDates = async (startDate: string, endDate: string) => {
      const v = (await admin.get(`${S}/${sessionId}`)).json().version;
      return admin.patch(`${S}/${sessionId}`, { version: v, startDate, endDate });
    };
    const moved = await patchDates('2026-04-02', '2026-04-03');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().roll).toMatchObject({ all: 2 });
    const rollNow = (await admin.get(`${S}/${sessionId}/roll`)).json().entries.map((e: { deputyId: string }) => e.deputyId);
    expect(rollNow).not.toContain(after.id);
    expect((await auditOf(sessionId)).some((e) => e.action === 'retake_roll')).toBe(true);
    const back = await patchDates('2026-03-10', '2026-03-11');
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().roll).toMatchObject({ all: 3, expected: 3 });
  });

  it('a deputy reads the roll and signs in; marks need a reason for leave', async () => {
    expect((await deputy.get(`${S}/${sessionId}/roll`)).statusCode).toBe(200);
    expect((await deputy.put(`${S}/${sessionId}/roll/${t.world.deputyA.id}`, { status: 'present' })).statusCode).toBe(403);
    const signed = await deputy.post(`${S}/${sessionId}/sign-in`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().entry).toMatchObject({ deputyId: t.world.deputyA.id, status: 'present' });
    expect(signed.json().entry.arrivedAt).toBeTruthy();
    expect((await deputy.get(`${S}/${sessionId}`)).json().me).toEqual({ deputyId: t.world.deputyA.id, status: 'present' });

    const noReason = await admin.put(`${S}/${sessionId}/roll/${t.world.deputyA.id}`, { status: 'on_leave' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.leaveReason');
    // The clerk saw 未签到 but the deputy signed in meanwhile: 409, the sign-in stands.
    const stale = await admin.put(`${S}/${sessionId}/roll/${t.world.deputyA.id}`, { status: 'absent', expectedStatus: 'expected' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该代表的签到状态已被他人修改');
    expect(stale.json().details.currentStatus).toBe('present');
    const leave = await admin.put(`${S}/${sessionId}/roll/${t.world.deputyA.id}`, { status: 'on_leave', leaveReason: '住院治疗', expectedStatus: 'present' });
    expect(leave.statusCode, leave.body).toBe(200);
    expect(leave.json().entry).toMatchObject({ status: 'on_leave', leaveReason: '住院治疗', arrivedAt: null });
    expect(leave.json().counts).toMatchObject({ all: 3, onLeave: 1 });
    // On leave: the deputy cannot sign in themselves.
    expect((await deputy.post(`${S}/${sessionId}/sign-in`)).statusCode).toBe(409);
    expect((await admin.put(`${S}/${sessionId}/roll/${t.world.deputyB.id}`, { status: 'present' })).statusCode).toBe(404);
  });

  it('a deputy not on the roll gets 404 signing in', async () => {
    const { townA, termA, county } = t.world;
    const late = await makeDeputy(t.db, townA.id, termA.id, { code: 'D106', name: '后补' });
    await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_late', deputyId: late.id });
    const c = await login(t.app, 'deputy_late');
    expect((await c.post(`${S}/${sessionId}/sign-in`)).statusCode).toBe(404);
  });

  it('bulk marks check every deputy is on the roll', async () => {
    const bad = await admin.post(`${S}/${sessionId}/roll/bulk`, { deputyIds: [t.world.deputyB.id], status: 'present' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.deputyIds');
    const roll = (await admin.get(`${S}/${sessionId}/roll`)).json();
    const expected = roll.entries.filter((e: { status: string }) => e.status === 'expected').map((e: { deputyId: string }) => e.deputyId);
    const ok = await admin.post(`${S}/${sessionId}/roll/bulk`, { deputyIds: expected, status: 'present' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().counts).toMatchObject({ all: 3, present: 2, onLeave: 1 });
    expect(ok.json().quorum).toMatchObject({ reached: false, needed: 3, short: 1 });
  });

  it('DELETE only a preparing session without marks', async () => {
    const blocked = await admin.delete(`${S}/${sessionId}`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain('签到');
    const spare = (await admin.post(S, { termId: t.world.termA.id, kind: 'ordinary', startDate: '2026-09-01', endDate: '2026-09-01' })).json();
    expect((await deputy.delete(`${S}/${spare.id}`)).statusCode).toBe(403);
    expect((await adminB.delete(`${S}/${spare.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`${S}/${spare.id}`)).statusCode).toBe(200);
    expect((await admin.get(`${S}/${spare.id}`)).statusCode).toBe(404);
  });
});

describe('quorum, opening and closing', () => {
  let sessionId: string;
  let ids: string[];

  beforeAll(async () => {
    const { townA } = t.world;
    const term = await makeTerm(t.db, townA.id, 19);
    const ts = nowIso();
    const rows = Array.from({ length: 79 }, (_, i) => ({
      id: newId(),
      townId: townA.id,
      termId: term.id,
      code: `Q${String(i + 1).padStart(3, '0')}`,
      name: `代表${i + 1}`,
      gender: 'female' as const,
      party: '群众',
      occupation: '农民',
      createdAt: ts,
      updatedAt: ts,
    }));
    await t.db.insertInto('deputy').values(rows).execute();
    ids = rows.map((r) => r.id);
    const s = (await admin.post(S, { termId: term.id, kind: 'ordinary', startDate: '2026-03-10', endDate: '2026-03-12' })).json();
    sessionId = s.id;
    const roll = (await admin.post(`${S}/${sessionId}/roll`)).json();
    expect(roll.counts.all).toBe(79);
  });

  it('52 present of 79 cannot open (409 QUORUM_NOT_REACHED); 53 opens', async () => {
    await admin.post(`${S}/${sessionId}/roll/bulk`, { deputyIds: ids.slice(0, 52), status: 'present' });
    const refused = await admin.post(`${S}/${sessionId}/open`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.reason).toBe('QUORUM_NOT_REACHED');
    expect(refused.json().message).toContain('三分之二');
    expect(refused.json().details.quorum).toMatchObject({ all: 79, present: 52, needed: 53, short: 1 });

    const one = await admin.put(`${S}/${sessionId}/roll/${ids[52]}`, { status: 'late' });
    expect(one.json().quorum).toMatchObject({ present: 53, needed: 53, reached: true, short: 0 });
    // The version the user saw: stale → 409, current → opens.
    const seen = (await admin.get(`${S}/${sessionId}`)).json().version;
    const stale = await admin.post(`${S}/${sessionId}/open`, { version: seen - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.reason).toBe('STALE');
    const opened = await admin.post(`${S}/${sessionId}/open`, { version: seen });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'open', quorum: { all: 79, present: 53, reached: true } });
    expect(opened.json().actions).toContain('close');
    expect((await admin.post(`${S}/${sessionId}/open`)).statusCode).toBe(409);
    expect(opened.json().actions).not.toContain('take_roll');
    // Open: the roll is fixed — no retake, no new start date.
    const retake = await admin.post(`${S}/${sessionId}/roll`);
    expect(retake.statusCode).toBe(409);
    expect(retake.json().message).toContain('已开幕');
    const redate = await admin.patch(`${S}/${sessionId}`, { version: opened.json().version, startDate: '2026-01-01' });
    expect(redate.statusCode).toBe(400);
    expect(redate.json().details.issues[0].field).toBe('body.startDate');
  });

  it('a deputy signing in after the opening is late', async () => {
    const { townA, county } = t.world;
    await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_q60', deputyId: ids[60] });
    const c = await login(t.app, 'deputy_q60');
    const res = await c.post(`${S}/${sessionId}/sign-in`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entry.status).toBe('late');
  });

  it('retaking the roll is refused once a vote is recorded', async () => {
    const { townA } = t.world;
    const item = await makeItem(t.db, townA.id, sessionId, 'decision', '关于2026年财政预算的决定', 1);
    await t.db
      .insertInto('sessionVote')
      .values({
        id: newId(),
        townId: townA.id,
        sessionId,
        itemId: item.id,
        round: 1,
        method: 'count',
        forCount: 50,
        againstCount: 2,
        abstainCount: 2,
        notVotingCount: 0,
        allDeputies: 79,
        presentCount: 54,
        result: 'passed',
        recordedAt: nowIso(),
      })
      .execute();
    const res = await admin.post(`${S}/${sessionId}/roll`);
    expect(res.statusCode).toBe(409);
    const detail = (await admin.get(`${S}/${sessionId}`)).json();
    expect(detail.actions).not.toContain('take_roll');
    expect(detail.items[0].lastVote).toEqual({ round: 1, result: 'passed', for: 50, against: 2, abstain: 2, notVoting: 0 });
    expect((await admin.delete(`${S}/${sessionId}/items/${item.id}`)).statusCode).toBe(409);

    // A report that was voted on: its status is the vote's, not set by hand (409).
    const report = await makeItem(t.db, townA.id, sessionId, 'work_report', '政府工作报告', 2);
    await t.db
      .insertInto('sessionVote')
      .values({
        id: newId(),
        townId: townA.id,
        sessionId,
        itemId: report.id,
        round: 1,
        method: 'count',
        forCount: 25,
        againstCount: 25,
        abstainCount: 4,
        notVotingCount: 0,
        allDeputies: 79,
        presentCount: 54,
        result: 'tie',
        recordedAt: nowIso(),
      })
      .execute();
    const rv = await admin.patch(`${S}/${sessionId}/items/${report.id}`, { version: 1, status: 'reviewed' });
    expect(rv.statusCode).toBe(409);
    expect(rv.json().details.reason).toBe('HAS_VOTES');
    expect((await admin.patch(`${S}/${sessionId}/items/${report.id}`, { version: 1, notes: '已印发' })).statusCode).toBe(200);
  });

  it('closing turns the unmarked into absent; a closed session is final', async () => {
    await admin.put(`${S}/${sessionId}/roll/${ids[70]}`, { status: 'on_leave', leaveReason: '外出务工' });
    const closed = await admin.post(`${S}/${sessionId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect(closed.json().roll).toMatchObject({ all: 79, present: 52, late: 2, onLeave: 1, absent: 24, expected: 0 });
    expect(closed.json().actions).toEqual([]);
    expect((await admin.patch(`${S}/${sessionId}`, { version: closed.json().version, place: 'x' })).statusCode).toBe(409);
    expect((await admin.put(`${S}/${sessionId}/roll/${ids[0]}`, { status: 'absent' })).statusCode).toBe(409);
    expect((await admin.post(`${S}/${sessionId}/items`, { kind: 'other', title: '其他' })).statusCode).toBe(409);
    expect((await admin.post(`${S}/${sessionId}/close`)).statusCode).toBe(409);
    expect((await auditOf(sessionId)).map((e) => e.action)).toEqual(expect.arrayContaining(['open', 'close', 'mark', 'mark_bulk']));
  });
});

describe('roll fixed by an election round', () => {
  it('refuses retaking the roll once an election round exists', async () => {
    const { townA, termA } = t.world;
    const s = (await admin.post(S, { termId: termA.id, kind: 'ordinary', startDate: '2026-10-10', endDate: '2026-10-10' })).json();
    expect((await admin.post(`${S}/${s.id}/roll`)).statusCode).toBe(200);
    const item = await makeItem(t.db, townA.id, s.id, 'election', '选举镇长', 1);
    const ts = nowIso();
    const electionId = newId();
    await t.db
      .insertInto('election')
      .values({
        id: electionId,
        townId: townA.id,
        sessionId: s.id,
        itemId: item.id,
        post: 'town_head',
        postName: '镇长',
        seats: 1,
        createdAt: ts,
        updatedAt: ts,
      })
      .execute();
    await t.db
      .insertInto('electionRound')
      .values({
        id: newId(),
        townId: townA.id,
        electionId,
        round: 1,
        seats: 1,
        ballotsIssued: 3,
        ballotsReturned: 3,
        ballotsValid: 3,
        ballotsInvalid: 0,
        allDeputies: 3,
        presentCount: 3,
        outcome: 'filled',
        recordedAt: ts,
      })
      .execute();
    const res = await admin.post(`${S}/${s.id}/roll`);
    expect(res.statusCode).toBe(409);
    const detail = (await admin.get(`${S}/${s.id}`)).json();
    expect(detail.items[0].election).toEqual({ id: electionId });
    expect((await admin.delete(`${S}/${s.id}/items/${item.id}`)).statusCode).toBe(409);
    expect((await admin.patch(`${S}/${s.id}/items/${item.id}`, { version: 1, status: 'reviewed' })).statusCode).toBe(400);
  });
});

describe('agenda', () => {
  let sessionId: string;
  let reportId: string;
  let decisionId: string;
  let fileId: string;

  beforeAll(async () => {
    sessionId = (await admin.post(S, { termId: t.world.termA.id, kind: 'ordinary', startDate: '2026-12-20', endDate: '2026-12-21' })).json().id;
    fileId = (await admin.request({ method: 'POST', url: '/api/v1/files?use=document', ...multipartFile(PDF, '政府工作报告.pdf') })).json().id;
  });

  it('refuses election and motion kinds, bad files, and other towns', async () => {
    const el = await admin.post(`${S}/${sessionId}/items`, { kind: 'election', title: '选举镇长' });
    expect(el.statusCode).toBe(400);
    expect(el.json().details.issues[0].field).toBe('body.kind');
    expect((await admin.post(`${S}/${sessionId}/items`, { kind: 'motion', title: '议案' })).statusCode).toBe(400);
    const noTitle = await admin.post(`${S}/${sessionId}/items`, { kind: 'other', title: ' ' });
    expect(noTitle.json().details.issues[0].field).toBe('body.title');
    const badFile = await admin.post(`${S}/${sessionId}/items`, { kind: 'work_report', title: '报告', fileIds: ['nope'] });
    expect(badFile.statusCode).toBe(400);
    expect(badFile.json().details.issues[0].field).toBe('body.fileIds');
    expect((await adminB.post(`${S}/${sessionId}/items`, { kind: 'other', title: 'x' })).statusCode).toBe(404);
    expect((await deputy.post(`${S}/${sessionId}/items`, { kind: 'other', title: 'x' })).statusCode).toBe(403);
  });

  it('appends items with documents, marks a report reviewed, reorders', async () => {
    const r = await admin.post(`${S}/${sessionId}/items`, { kind: 'work_report', title: '政府工作报告', presenter: '镇长 王强', fileIds: [fileId] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      seq: 1,
      kind: 'work_report',
      status: 'pending',
      files: [{ id: fileId, name: '政府工作报告.pdf' }],
      motion: null,
      election: null,
      lastVote: null,
    });
    reportId = r.json().id;
    const d = (await admin.post(`${S}/${sessionId}/items`, { kind: 'decision', title: '关于2027年财政预算的决定' })).json();
    expect(d.seq).toBe(2);
    decisionId = d.id;

    const dl = await deputy.get(`${S}/${sessionId}/items/${reportId}/files/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await deputy.get(`${S}/${sessionId}/items/${decisionId}/files/${fileId}`)).statusCode).toBe(404);
    expect((await adminB.get(`${S}/${sessionId}/items/${reportId}/files/${fileId}`)).statusCode).toBe(404);

    const notReport = await admin.patch(`${S}/${sessionId}/items/${decisionId}`, { version: d.version, status: 'reviewed' });
    expect(notReport.statusCode).toBe(400);
    expect(notReport.json().details.issues[0].field).toBe('body.status');
    const passed = await admin.patch(`${S}/${sessionId}/items/${reportId}`, { version: 1, status: 'passed' });
    expect(passed.statusCode).toBe(400);
    const reviewed = await admin.patch(`${S}/${sessionId}/items/${reportId}`, { version: 1, status: 'reviewed' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', version: 2 });
    expect((await admin.patch(`${S}/${sessionId}/items/${reportId}`, { version: 1, title: '旧' })).statusCode).toBe(409);

    const bad = await admin.post(`${S}/${sessionId}/items/order`, { ids: [decisionId] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.ids');
    const order = await admin.post(`${S}/${sessionId}/items/order`, { ids: [decisionId, reportId] });
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json().items.map((i: { id: string; seq: number }) => [i.id, i.seq])).toEqual([
      [decisionId, 1],
      [reportId, 2],
    ]);
  });

  it('deletes an item and renumbers the rest', async () => {
    expect((await admin.delete(`${S}/${sessionId}/items/${decisionId}`)).statusCode).toBe(200);
    const detail = (await admin.get(`${S}/${sessionId}`)).json();
    expect(detail.items.map((i: { id: string; seq: number }) => [i.id, i.seq])).toEqual([[reportId, 1]]);
    expect((await auditOf(reportId)).map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'review']));
  });
});

describe('absences and suggestions', () => {
  it('flags a deputy after two unexcused absences in closed sessions of the term', async () => {
    const { townA, county } = t.world;
    const term = await makeTerm(t.db, townA.id, 20);
    const a = await makeDeputy(t.db, townA.id, term.id, { code: 'A001', name: '两次缺席' });
    const b = await makeDeputy(t.db, townA.id, term.id, { code: 'A002', name: '一次缺席' });
    const c = await makeDeputy(t.db, townA.id, term.id, { code: 'A003', name: '请假' });
    const s1 = await makeSession(t.db, townA.id, term.id, { code: 'X001', number: 1, status: 'closed', startDate: '2025-03-01', endDate: '2025-03-02' });
    const s2 = await makeSession(t.db, townA.id, term.id, { code: 'X002', number: 2, status: 'closed', startDate: '2026-03-01', endDate: '2026-03-02' });
    const s3 = await makeSession(t.db, townA.id, term.id, { code: 'X003', number: 3, status: 'open', startDate: '2026-05-01', endDate: '2026-05-02' });
    await makeRoll(t.db, townA.id, s1.id, [a.id, b.id, c.id], ['absent', 'absent', 'on_leave']);
    await makeRoll(t.db, townA.id, s2.id, [a.id, b.id, c.id], ['absent', 'present', 'on_leave']);
    await makeRoll(t.db, townA.id, s3.id, [a.id, b.id, c.id], ['absent', 'absent', 'absent']);

    expect((await deputy.get(`${S}/absences?termId=${term.id}`)).statusCode).toBe(403);
    expect((await admin.get(`${S}/absences?termId=${t.world.termB.id}`)).statusCode).toBe(400);
    const res = await (await t.as('liaison')).get(`${S}/absences?termId=${term.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ deputy: { id: a.id, name: '两次缺席' }, flagged: true });
    expect(rows[0].absences.map((x: { shortName: string }) => x.shortName)).toEqual(['二十届一次', '二十届二次']);
    expect(rows[1]).toMatchObject({ deputy: { id: b.id }, flagged: false });
    expect(rows[1].absences).toHaveLength(1);
    void county;
  });

  it('counts the suggestions raised at a session', async () => {
    const { townA, termA, unitA } = t.world;
    const s = await makeSession(t.db, townA.id, termA.id, { code: 'X009', number: 9, status: 'closed' });
    await makeSuggestion(t.db, townA.id, { sessionId: s.id, sourceType: 'session', state: 'registered' });
    const following = await makeSuggestion(t.db, townA.id, { sessionId: s.id, sourceType: 'session', state: 'following' });
    const closed = await makeSuggestion(t.db, townA.id, { sessionId: s.id, sourceType: 'session', state: 'closed' });
    // Never raised, or taken back: not counted (the same figures as the suggestions tab and the statistics).
    await makeSuggestion(t.db, townA.id, { sessionId: s.id, sourceType: 'session', state: 'draft' });
    await makeSuggestion(t.db, townA.id, { sessionId: s.id, sourceType: 'session', state: 'withdrawn' });
    const handled = await makeSuggestion(t.db, townA.id, { sessionId: s.id, sourceType: 'session', state: 'handling', round: 2 });
    await t.db
      .insertInto('suggestionReply')
      .values({
        id: newId(),
        townId: townA.id,
        suggestionId: handled.id,
        round: 1,
        unitId: unitA.id,
        grade: 'A',
        content: '已解决',
        repliedOn: '2026-04-01',
        dueDate: '2026-06-01',
        createdAt: nowIso(),
      })
      .execute();
    // Replied = an office's reply on record (the suggestion's reply date, as the suggestions area keeps it).
    await t.db.updateTable('suggestion').set({ repliedOn: '2026-04-01' }).where('id', 'in', [following.id, closed.id, handled.id]).execute();
    const detail = (await admin.get(`${S}/${s.id}`)).json();
    expect(detail.suggestions).toEqual({ total: 4, replied: 3, closed: 1 });
    // The header and the session's suggestions tab agree.
    const tab = (await admin.get(`${S}/${s.id}/suggestion-counts`)).json();
    expect(tab).toMatchObject({ total: 4, replied: 3, closed: 1 });
    const list = (await admin.get(`${S}?termId=${termA.id}`)).json();
    expect(list.items.find((x: { id: string }) => x.id === s.id).suggestionCount).toBe(4);
    expect(detail.suggestionCount).toBe(4);
  });
});
