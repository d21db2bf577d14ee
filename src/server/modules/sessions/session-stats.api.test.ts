import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';
import { makeItem, makeRoll, makeSession } from '../../../../test/session-factories.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';

/*
 * GET /sessions/stats (人代会统计) on SQLite and (TEST_DB=postgres) PostgreSQL: closed sessions by start
 * date in the range, attendance over the roll, items by kind, motions by status, who was elected and the
 * suggestions raised at the sessions. Motions, elections and suggestions are written straight into the tables.
 */
let t: TestCtx;
let admin: Client;
const URL = '/api/v1/sessions/stats';
let s1: { id: string; number: number };
let s2: { id: string; number: number };

beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
  const { townA, termA, townB, termB, deputyA, deputyB } = t.world;
  const A = townA.id;
  const ds = [deputyA.id];
  for (let i = 2; i <= 5; i++) ds.push((await makeDeputy(t.db, A, termA.id, { code: `D00${i}`, name: `代表${i}` })).id);
  // Two closed sessions in 2026 (March, December), one closed in 2025, one in preparation, one of town B.
  s1 = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2026-03-10', endDate: '2026-03-11' });
  s2 = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2026-12-20', endDate: '2026-12-20', kind: 'extraordinary' });
  const old = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2025-03-10', endDate: '2025-03-11' });
  const prep = await makeSession(t.db, A, termA.id, { status: 'preparing', startDate: '2026-06-01', endDate: '2026-06-02' });
  const other = await makeSession(t.db, townB.id, termB.id, { status: 'closed', startDate: '2026-04-01', endDate: '2026-04-01' });
  await makeRoll(t.db, A, s1.id, ds, ['present', 'present', 'late', 'on_leave', 'absent']);
  await makeRoll(t.db, A, s2.id, ds.slice(0, 4), 'present');
  await makeRoll(t.db, A, old.id, ds, 'absent');
  await makeRoll(t.db, A, prep.id, ds, 'expected');
  await makeRoll(t.db, townB.id, other.id, [deputyB.id], 'absent');

  await makeItem(t.db, A, s1.id, 'work_report', '政府工作报告', 1);
  await makeItem(t.db, A, s1.id, 'written_report', '财政预算执行情况书面报告', 2);
  const decision = await makeItem(t.db, A, s1.id, 'decision', '关于预算的决议', 3);
  const motionItem = await makeItem(t.db, A, s1.id, 'motion', '关于修建东风路的议案', 4);
  const electionItem = await makeItem(t.db, A, s1.id, 'election', '选举镇长', 5);
  await makeItem(t.db, A, old.id, 'work_report', '去年的报告', 1);
  await t.db
    .updateTable('sessionItem')
    .set({ status: 'reviewed' })
    .where('sessionId', '=', s1.id)
    .where('kind', 'in', ['work_report', 'written_report'])
    .execute();
  await t.db.updateTable('sessionItem').set({ status: 'passed' }).where('id', 'in', [decision.id, motionItem.id, electionItem.id]).execute();

  const ts = nowIso();
  const motion = (sessionId: string, number: number, status: 'passed' | 'to_suggestion' | 'not_accepted', itemId: string | null = null) => ({
    id: newId(),
    townId: A,
    sessionId,
    number,
    proposerType: 'deputies' as const,
    subject: `议案${number}`,
    submittedOn: '2026-03-10',
    status,
    itemId,
    createdAt: ts,
    updatedAt: ts,
  });
  await t.db
    .insertInto('motion')
    .values([motion(s1.id, 1, 'passed', motionItem.id), motion(s1.id, 2, 'to_suggestion'), motion(s1.id, 3, 'not_accepted'), motion(old.id, 1, 'passed')])
    .execute();

  const electionId = newId();
  await t.db
    .insertInto('election')
    .values({
      id: electionId,
      townId: A,
      sessionId: s1.id,
      itemId: electionItem.id,
      post: 'town_head',
      postName: '镇长',
      seats: 1,
      status: 'done',
      createdAt: ts,
      updatedAt: ts,
    })
    .execute();
  const [c1, c2] = [newId(), newId()];
  await t.db
    .insertInto('electionCandidate')
    .values([
      { id: c1, townId: A, electionId, deputyId: ds[1], name: '代表2', gender: null, birthDate: null, sortOrder: 1 },
      { id: c2, townId: A, electionId, deputyId: null, name: '周建华', gender: 'male', birthDate: null, sortOrder: 2 },
    ])
    .execute();
  const roundId = newId();
  await t.db
    .insertInto('electionRound')
    .values({
      id: roundId,
      townId: A,
      electionId,
      round: 1,
      seats: 1,
      ballotsIssued: 3,
      ballotsReturned: 3,
      ballotsValid: 3,
      ballotsInvalid: 0,
      allDeputies: 5,
      presentCount: 3,
      outcome: 'filled',
      recordedAt: ts,
    })
    .execute();
  await t.db
    .insertInto('electionTally')
    .values([
      { id: newId(), townId: A, roundId, candidateId: c2, writeInName: null, forVotes: 3, elected: 1 },
      { id: newId(), townId: A, roundId, candidateId: c1, writeInName: null, forVotes: 0, elected: 0 },
    ])
    .execute();

  // Suggestions at s1: one closed, one replied (following), one submitted, one draft (not counted).
  const sug = (code: string, state: string, repliedOn: string | null, sessionId: string | null = s1.id) => ({
    id: newId(),
    townId: A,
    code,
    year: 2026,
    kind: 'suggestion' as const,
    title: code,
    content: code,
    sourceType: 'session' as const,
    category: '城建',
    sessionId,
    state: state as 'closed',
    repliedOn,
    createdAt: ts,
    updatedAt: ts,
  });
  await t.db
    .insertInto('suggestion')
    .values([
      sug('2026-001', 'closed', '2026-04-01'),
      sug('2026-002', 'following', '2026-04-02'),
      sug('2026-003', 'submitted', null),
      sug('2026-004', 'draft', null),
      sug('2026-005', 'submitted', null, null),
    ])
    .execute();
});
afterAll(async () => t.close());

describe('GET /sessions/stats', () => {
  it('401 anonymous, 403 deputy and handler, 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await (await t.as('deputy')).get(URL)).statusCode).toBe(403);
    expect((await (await t.as('handler')).get(URL)).statusCode).toBe(403);
    const bad = await admin.get(`${URL}?from=2026-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.from');
    const reversed = await admin.get(`${URL}?from=2026-12-31&to=2026-01-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details.issues[0].field).toBe('querystring.to');
  });

  it('gives the figures of the sessions held in the range, in the caller town only', async () => {
    const res = await admin.get(`${URL}?from=2026-01-01&to=2026-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const st = res.json();
    expect(st.sessions.map((s: { id: string }) => s.id)).toEqual([s1.id, s2.id]);
    expect(st.sessions[0]).toMatchObject({
      name: `甲镇第十八届人民代表大会第${['', '一', '二', '三', '四', '五', '六', '七', '八', '九'][s1.number] || s1.number}次会议`,
      attendance: { all: 5, attended: 3, late: 1, onLeave: 1, absent: 1, rate: 0.6 },
      suggestions: { total: 3, replied: 2, closed: 1 },
    });
    expect(st.sessions[1].attendance).toMatchObject({ all: 4, attended: 4, rate: 1 });
    expect(st.attendance).toEqual({ all: 9, attended: 7, late: 1, onLeave: 1, absent: 1, rate: 0.7778 });
    expect(st.items).toEqual([
      { kind: 'work_report', total: 1, reviewed: 1, passed: 0, failed: 0, pending: 0 },
      { kind: 'written_report', total: 1, reviewed: 1, passed: 0, failed: 0, pending: 0 },
      { kind: 'motion', total: 1, reviewed: 0, passed: 1, failed: 0, pending: 0 },
      { kind: 'election', total: 1, reviewed: 0, passed: 1, failed: 0, pending: 0 },
      { kind: 'decision', total: 1, reviewed: 0, passed: 1, failed: 0, pending: 0 },
    ]);
    expect(st.motions.total).toBe(3);
    expect(st.motions.byStatus).toMatchObject({ passed: 1, to_suggestion: 1, not_accepted: 1, submitted: 0 });
    expect(st.elected).toEqual([
      expect.objectContaining({ sessionId: s1.id, post: 'town_head', postName: '镇长', name: '周建华', deputyId: null, round: 1, votes: 3 }),
    ]);
    expect(st.suggestions).toEqual({ total: 3, replied: 2, closed: 1 });
  });

  it('defaults to the current year and answers empty figures for a year without sessions', async () => {
    const none = await admin.get(`${URL}?from=2020-01-01&to=2020-12-31`);
    expect(none.json()).toMatchObject({
      sessions: [],
      attendance: { all: 0, rate: null },
      items: [],
      motions: { total: 0 },
      elected: [],
      suggestions: { total: 0 },
    });
    const y2025 = await admin.get(`${URL}?from=2025-01-01`);
    expect(y2025.json().to).toBe('2025-12-31');
    expect(y2025.json().sessions).toHaveLength(1);
    expect(y2025.json().attendance).toMatchObject({ all: 5, absent: 5, rate: 0 });
    const liaison = await (await t.as('liaison')).get(URL);
    expect(liaison.statusCode).toBe(200);
    // Town B's admin sees only town B's session.
    const b = await (await t.as('admin_b')).get(`${URL}?from=2026-01-01&to=2026-12-31`);
    expect(b.json().sessions).toHaveLength(1);
    expect(b.json().attendance).toMatchObject({ all: 1, absent: 1 });
  });
});
