import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';
import { makeItem, makeRoll, makeSession } from '../../../../test/session-factories.ts';

/*
 * Elections over HTTP, on SQLite and PostgreSQL: a session with 79 deputies on the roll (majority 40,
 * quorum 53), nominations, the rule check, rounds and their edges.
 */
let t: TestCtx;
let admin: Client;
let sessionId: string;
let sessionB: string;
let deputies: { id: string; name: string }[] = [];
let S: string;

type Election = {
  id: string;
  item: { id: string; seq: number; title: string; status: string };
  post: string;
  postName: string;
  seats: number;
  status: string;
  version: number;
  rule: { mode: string; warnings: string[] };
  seatsLeft: number;
  candidates: { id: string; deputyId: string | null; name: string; withdrawn: boolean; nominatedBy: string[]; elected: boolean }[];
  nominations: { id: string; nominator: string; signers: { deputyId: string; name: string }[]; candidateIds: string[] }[];
  rounds: {
    id: string;
    round: number;
    seats: number;
    outcome: string;
    needed: number;
    allDeputies: number;
    presentCount: number;
    announcement: string;
    lines: { candidateId: string | null; name: string; for: number; elected: boolean }[];
  }[];
  elected: { name: string; candidateId: string | null; round: number }[];
};

const signers = (from = 1, n = 10) => deputies.slice(from, from + n).map((d) => d.id);

async function newElection(body: Record<string, unknown>): Promise<Election> {
  const res = await admin.post(`${S}/elections`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function nominate(e: Election, body: Record<string, unknown>, status = 201) {
  const res = await admin.post(`${S}/elections/${e.id}/nominations`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function start(e: Election): Promise<Election> {
  const cur = (await admin.get(`${S}/elections/${e.id}`)).json();
  const res = await admin.post(`${S}/elections/${e.id}/start`, { version: cur.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A round with 60 ballots issued and returned, all valid; `votes` per candidate name: for (against = 60 − for). */
function roundBody(e: Election, votes: Record<string, number>, extra: Record<string, unknown> = {}, n = 60) {
  const lines = Object.entries(votes).map(([name, f]) => {
    const c = e.candidates.find((x) => x.name === name);
    if (!c) throw new Error(`no candidate ${name}`);
    return { candidateId: c.id, for: f, against: n - f, abstain: 0 };
  });
  return { version: e.version, issued: n, returned: n, valid: n, invalid: 0, lines, ...extra };
}

async function round(e: Election, body: unknown, status = 201) {
  const res = await admin.post(`${S}/elections/${e.id}/rounds`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, townB, termB, deputyA } = t.world;
  admin = await t.as('town_admin');
  deputies = [{ id: deputyA.id, name: deputyA.name as string }];
  for (let i = 2; i <= 79; i++) {
    const d = await makeDeputy(t.db, townA.id, termA.id, { code: `D${String(i).padStart(3, '0')}`, name: `代表${i}号` });
    deputies.push({ id: d.id, name: d.name as string });
  }
  const s = await makeSession(t.db, townA.id, termA.id);
  sessionId = s.id;
  S = `/api/v1/sessions/${sessionId}`;
  // 79 on the roll, 60 present: quorum 53, majority 40.
  await makeRoll(
    t.db,
    townA.id,
    sessionId,
    deputies.map((d) => d.id),
    deputies.map((_, i) => (i < 60 ? 'present' : 'absent')),
  );
  await makeItem(t.db, townA.id, sessionId, 'work_report', '审议政府工作报告', 1);
  const sb = await makeSession(t.db, townB.id, termB.id);
  sessionB = sb.id;
});

afterAll(async () => {
  await t.close();
});

describe('access', () => {
  it('401 anonymous, 403 handler, 200 deputy and liaison, 404 another town', async () => {
    expect((await anon(t.app).get(`${S}/elections`)).statusCode).toBe(401);
    expect((await (await t.as('handler')).get(`${S}/elections`)).statusCode).toBe(403);
    expect((await (await t.as('deputy')).get(`${S}/elections`)).statusCode).toBe(200);
    expect((await (await t.as('liaison')).get(`${S}/elections`)).statusCode).toBe(200);
    expect((await (await t.as('deputy')).post(`${S}/elections`, { post: 'town_head', seats: 1 })).statusCode).toBe(403);
    const adminB = await t.as('admin_b');
    expect((await adminB.get(`${S}/elections`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/sessions/${sessionB}/elections`)).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/sessions/${sessionB}/elections`, { post: 'town_head', seats: 1 })).statusCode).toBe(404);
  });
});

describe('town head: 1 seat, 2 candidates, 79 on the roll', () => {
  let e: Election;

  it('creates the election and its agenda item after the last one', async () => {
    e = await newElection({ post: 'town_head', seats: 1 });
    expect(e.postName).toBe('镇长');
    expect(e.item).toMatchObject({ seq: 2, title: '选举镇长', status: 'pending' });
    expect(e.status).toBe('nominating');
    const item = await t.db.selectFrom('sessionItem').select(['kind']).where('id', '=', e.item.id).executeTakeFirstOrThrow();
    expect(item.kind).toBe('election');
    const list = (await admin.get(`${S}/elections`)).json();
    expect(list.roll).toMatchObject({ all: 79, present: 60, quorumNeeded: 53, quorumReached: true, majorityNeeded: 40 });
    expect(list.items).toHaveLength(1);
  });

  it('400 naming the field on bad input', async () => {
    let res = await admin.post(`${S}/elections`, { post: 'other', seats: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.postName');
    res = await admin.post(`${S}/elections`, { post: 'chair', seats: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.seats');
  });

  it('deputies nominate with 10 signers on the roll, not 9', async () => {
    let res = await nominate(
      e,
      { nominator: 'deputies', signerIds: signers(1, 9), candidates: [{ name: '张卫东', gender: 'male', party: '中共党员', title: '副镇长' }] },
      400,
    );
    expect(res.details.issues[0].field).toBe('body.signerIds');
    expect(res.message).toContain('10');
    // Someone off the roll does not count.
    const outsider = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D999', name: '不在名册' });
    res = await nominate(e, { nominator: 'deputies', signerIds: [...signers(1, 9), outsider.id], candidates: [{ name: '张卫东' }] }, 400);
    expect(res.details.issues[0].field).toBe('body.signerIds');
    e = await nominate(e, {
      nominator: 'deputies',
      signerIds: signers(1, 10),
      candidates: [{ name: '张卫东', gender: 'male', party: '中共党员', title: '副镇长' }],
    });
    expect(e.candidates).toHaveLength(1);
    expect(e.candidates[0]).toMatchObject({ name: '张卫东', deputyId: null, nominatedBy: ['deputies'] });
    expect(e.nominations[0].signers).toHaveLength(10);
  });

  it('no nominator names more candidates than seats; the presidium names a deputy from the roster', async () => {
    // A town head may be a non-deputy (by name), but a deputy named must be on the session's roll.
    const off = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D997', name: '名册外二' });
    let res = await nominate(e, { nominator: 'presidium', candidates: [{ deputyId: off.id }] }, 400);
    expect(res.details.issues[0].field).toBe('body.candidates[0].deputyId');
    res = await nominate(e, { nominator: 'presidium', candidates: [{ deputyId: deputies[0].id }, { name: '王五' }] }, 400);
    expect(res.details.issues[0].field).toBe('body.candidates');
    expect(res.message).toContain('主席团');
    // A signer of the first nomination joining another that names a second person: over the limit.
    res = await nominate(e, { nominator: 'deputies', signerIds: signers(5, 10), candidates: [{ name: '王五' }] }, 400);
    expect(res.details.issues[0].field).toBe('body.candidates');
    expect(res.message).toContain('代表6号');
    e = await nominate(e, { nominator: 'presidium', candidates: [{ deputyId: deputies[0].id }] });
    expect(e.candidates.map((c) => c.name)).toEqual(['张卫东', deputies[0].name]);
    expect(e.candidates[1].deputyId).toBe(deputies[0].id);
    // Other signers naming the same person join that candidate by name.
    e = await nominate(e, { nominator: 'deputies', signerIds: signers(20, 10), candidates: [{ name: '张卫东' }] });
    expect(e.candidates).toHaveLength(2);
    expect(e.candidates[0].nominatedBy).toEqual(['deputies']);
    expect(e.nominations).toHaveLength(3);
    expect(e.rule.mode).toBe('competitive');
  });

  it('rounds wait for voting to start; start answers the rule', async () => {
    expect((await admin.post(`${S}/elections/${e.id}/rounds`, roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }))).statusCode).toBe(409);
    e = await start(e);
    expect(e.status).toBe('voting');
    expect(e.rule).toEqual({ mode: 'competitive', warnings: [] });
    expect((await admin.post(`${S}/elections/${e.id}/nominations`, { nominator: 'presidium', candidates: [{ name: '赵六' }] })).statusCode).toBe(409);
  });

  it('409 without a quorum', async () => {
    const some = deputies.slice(45, 60).map((d) => d.id);
    await t.db.updateTable('sessionAttendee').set({ status: 'absent' }).where('deputyId', 'in', some).execute();
    try {
      const res = await admin.post(
        `${S}/elections/${e.id}/rounds`,
        roundBody(e, { 张卫东: 30, [deputies[0].name]: 10 }, { issued: 45, returned: 45, valid: 45 }),
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().details.reason).toBe('QUORUM_NOT_REACHED');
    } finally {
      await t.db.updateTable('sessionAttendee').set({ status: 'present' }).where('deputyId', 'in', some).execute();
    }
  });

  it('400 names the tally field; every standing candidate once', async () => {
    let res = await round(e, roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }, { valid: 59 }), 400);
    expect(res.details.issues[0].field).toBe('body.valid');
    res = await round(e, roundBody(e, { 张卫东: 39 }), 400);
    expect(res.details.issues[0].field).toBe('body.lines');
    res = await round(e, roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }, { issued: 61, returned: 61 }), 400);
    expect(res.details.issues[0].field).toBe('body.issued');
    res = await round(e, roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }, { writeIns: [{ name: '张卫东', for: 1 }] }), 400);
    expect(res.details.issues[0].field).toBe('body.writeIns[0].name');
    res = await round(e, { ...roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }), writeIns: [{ name: '孙七', for: 61 }] }, 400);
    expect(res.details.issues[0].field).toBe('body.writeIns[0]');
  });

  it('39 votes of 79 is not elected: round 2 with 40 is', async () => {
    // A stale version (a round recorded meanwhile by another clerk) → 409, never the next round.
    const stale = await round(e, roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }, { version: e.version - 1 }), 409);
    expect(stale.code).toBe('CONFLICT');
    e = await round(e, roundBody(e, { 张卫东: 39, [deputies[0].name]: 20 }, { writeIns: [{ name: '孙七', for: 1 }] }));
    expect(e.rounds[0]).toMatchObject({ round: 1, seats: 1, outcome: 'none', needed: 40, allDeputies: 79, presentCount: 60 });
    expect(e.rounds[0].lines.find((l) => l.name === '孙七')).toMatchObject({ candidateId: null, for: 1, elected: false });
    expect(e.rounds[0].announcement).toContain('没有候选人获得全体代表过半数的赞成票');
    expect(e.status).toBe('voting');
    expect(e.seatsLeft).toBe(1);
    e = await round(e, roundBody(e, { 张卫东: 40, [deputies[0].name]: 19 }));
    expect(e.rounds[1]).toMatchObject({ round: 2, outcome: 'filled' });
    expect(e.status).toBe('done');
    expect(e.item.status).toBe('passed');
    expect(e.seatsLeft).toBe(0);
    expect(e.elected).toEqual([{ name: '张卫东', candidateId: e.candidates[0].id, round: 2 }]);
    expect(e.candidates[0].elected).toBe(true);
    expect(e.rounds[1].announcement).toContain('张卫东（40票）');
    expect(e.rounds[1].announcement).toContain('当选为镇长');
    // Done: no further round.
    expect((await admin.post(`${S}/elections/${e.id}/rounds`, roundBody(e, { [deputies[0].name]: 40 }))).statusCode).toBe(409);
  });

  it('deletes only the latest round; the election goes back to voting', async () => {
    expect((await admin.delete(`${S}/elections/${e.id}/rounds/${e.rounds[0].id}`)).statusCode).toBe(409);
    const res = await admin.delete(`${S}/elections/${e.id}/rounds/${e.rounds[1].id}`);
    expect(res.statusCode, res.body).toBe(200);
    e = res.json();
    expect(e.rounds).toHaveLength(1);
    expect(e.status).toBe('voting');
    expect(e.item.status).toBe('pending');
    e = await round(e, roundBody(e, { 张卫东: 40, [deputies[0].name]: 19 }));
    expect(e.status).toBe('done');
    const audit = await t.db.selectFrom('auditEvent').select(['action']).where('entity', '=', 'election').where('entityId', '=', e.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'nominate', 'start', 'record_round', 'delete_round']));
  });
});

describe('two seats, three candidates', () => {
  let e: Election;
  it('1 reaches the threshold: elected, 1 seat to round 2, which elects the other', async () => {
    e = await newElection({ post: 'deputy_head', seats: 2 });
    expect(e.postName).toBe('副镇长');
    expect(e.item.seq).toBe(3);
    e = await nominate(e, { nominator: 'presidium', candidates: [{ name: '甲' }, { name: '乙' }] });
    e = await nominate(e, { nominator: 'deputies', signerIds: signers(30, 12), candidates: [{ name: '丙' }] });
    expect(e.rule.mode).toBe('competitive');
    e = await start(e);
    e = await round(e, roundBody(e, { 甲: 45, 乙: 38, 丙: 30 }));
    expect(e.rounds[0]).toMatchObject({ seats: 2, outcome: 'partly' });
    expect(e.elected.map((x) => x.name)).toEqual(['甲']);
    expect(e.seatsLeft).toBe(1);
    expect(e.status).toBe('voting');
    // 甲 is elected: not in round 2.
    let res = await round(e, roundBody(e, { 甲: 10, 乙: 41, 丙: 10 }), 400);
    expect(res.details.issues[0].field).toBe('body.lines[0].candidateId');
    // … nor a write-in (someone elected is not "another person").
    res = await round(e, roundBody(e, { 乙: 41, 丙: 19 }, { writeIns: [{ name: '甲', for: 0 }] }), 400);
    expect(res.details.issues[0].field).toBe('body.writeIns[0].name');
    expect(res.message).toContain('已当选');
    e = await round(e, roundBody(e, { 乙: 41, 丙: 19 }));
    expect(e.rounds[1]).toMatchObject({ round: 2, seats: 1, outcome: 'filled' });
    expect(e.elected.map((x) => x.name)).toEqual(['甲', '乙']);
    expect(e.status).toBe('done');
    res = await admin.get(`${S}/elections`);
    expect(res.json().items.map((x: Election) => x.item.status)).toEqual(['passed', 'passed']);
  });

  it('a tie for the last seat elects the one above and leaves the seat', async () => {
    e = await newElection({ post: 'deputy_head', seats: 2 });
    e = await nominate(e, { nominator: 'presidium', candidates: [{ name: '钱一' }, { name: '钱二' }] });
    e = await nominate(e, { nominator: 'deputies', signerIds: signers(40, 10), candidates: [{ name: '钱三' }] });
    e = await start(e);
    // Everyone present now: 79 ballots, 2 seats.
    await t.db.updateTable('sessionAttendee').set({ status: 'present' }).where('sessionId', '=', sessionId).execute();
    e = await round(e, roundBody(e, { 钱一: 60, 钱二: 45, 钱三: 45 }, {}, 79));
    expect(e.rounds[0].outcome).toBe('partly');
    expect(e.elected.map((x) => x.name)).toEqual(['钱一']);
    expect(e.seatsLeft).toBe(1);
    expect(e.rounds[0].announcement).toContain('钱二、钱三得票相等');
  });

  it('a void round (more returned than issued) elects nobody', async () => {
    e = await round(e, { ...roundBody(e, { 钱二: 50, 钱三: 5 }, {}, 60), issued: 58 });
    expect(e.rounds[1].presentCount).toBe(79);
    expect(e.rounds[1].outcome).toBe('void');
    expect(e.rounds[1].lines.some((l) => l.elected)).toBe(false);
    expect(e.seatsLeft).toBe(1);
    expect(e.rounds[1].announcement).toContain('选举无效');
  });
});

describe('nominating phase', () => {
  it('rule warnings, withdraw, delete a nomination removes its candidates, patch with version', async () => {
    let e = await newElection({ post: 'chair', seats: 1 });
    expect(e.postName).toBe('镇人民代表大会主席');
    e = await nominate(e, { nominator: 'presidium', candidates: [{ deputyId: deputies[2].id }] });
    expect(e.rule.mode).toBe('uncontested');
    const n2 = await nominate(e, { nominator: 'deputies', signerIds: signers(50, 10), candidates: [{ deputyId: deputies[3].id }] });
    // 主席: candidates are deputies on the roll — not a name, not a deputy off the roll (400 naming deputyId).
    let bad = await nominate(n2, { nominator: 'deputies', signerIds: signers(60, 10), candidates: [{ name: '周八' }] }, 400);
    expect(bad.details.issues[0].field).toBe('body.candidates[0].deputyId');
    expect(bad.message).toContain('名册');
    const offRoll = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D998', name: '名册外' });
    bad = await nominate(n2, { nominator: 'deputies', signerIds: signers(60, 10), candidates: [{ deputyId: offRoll.id }] }, 400);
    expect(bad.details.issues[0].field).toBe('body.candidates[0].deputyId');
    const n3 = await nominate(n2, { nominator: 'deputies', signerIds: signers(60, 10), candidates: [{ deputyId: deputies[4].id }] });
    expect(n3.rule.mode).toBe('irregular');
    expect(n3.rule.warnings[0]).toContain('差额');
    let res = await admin.post(`${S}/elections/${e.id}/candidates/${n3.candidates[2].id}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    e = res.json();
    expect(e.candidates[2].withdrawn).toBe(true);
    expect(e.rule.mode).toBe('competitive');
    res = await admin.delete(`${S}/elections/${e.id}/nominations/${e.nominations[1].id}`);
    expect(res.statusCode, res.body).toBe(200);
    e = res.json();
    expect(e.candidates.map((c) => c.name)).toEqual([deputies[2].name, deputies[4].name]);
    res = await admin.patch(`${S}/elections/${e.id}`, { version: e.version - 1, seats: 2 });
    expect(res.statusCode).toBe(409);
    res = await admin.patch(`${S}/elections/${e.id}`, { version: e.version, postName: '镇人大主席' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item.title).toBe('选举镇人大主席');
    // Another town's admin cannot reach it.
    expect((await (await t.as('admin_b')).post(`${S}/elections/${e.id}/start`, { version: 1 })).statusCode).toBe(404);
  });
});
