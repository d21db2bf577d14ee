import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';
import { makeItem, makeRoll, makeSession } from '../../../../test/session-factories.ts';

/* Motions (议案) over HTTP, on SQLite and PostgreSQL. Sessions, rolls and items come from the factories. */

let t: TestCtx;
let admin: Client;
let deputies: string[]; // 8 deputies of town A on the roll of `session`
let offRoll: string; // a deputy of town A who is not on the roll
let session: { id: string };
let sessionB: { id: string };

const base = (id: string) => `/api/v1/sessions/${id}/motions`;

async function auditOf(entityId: string) {
  return (await admin.get(`/api/v1/audit-events?entity=motion&entityId=${entityId}`)).json().items as { action: string; summary: string }[];
}

async function newMotion(body: Record<string, unknown> = {}, sessionId = session.id) {
  const res = await admin.post(base(sessionId), {
    proposerType: 'deputies',
    subject: '关于修建青石河便民桥的议案',
    grounds: '河两岸群众出行不便',
    solution: '由镇政府列入明年建设计划',
    leadDeputyId: deputies[0],
    coSponsorIds: deputies.slice(1, 5),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, townB, termB } = t.world;
  admin = await t.as('town_admin');
  deputies = [t.world.deputyA.id];
  for (let i = 2; i <= 8; i++) deputies.push((await makeDeputy(t.db, townA.id, termA.id, { code: `D00${i}`, name: `代表${i}` })).id);
  offRoll = (await makeDeputy(t.db, townA.id, termA.id, { code: 'D099', name: '不在名单' })).id;
  session = await makeSession(t.db, townA.id, termA.id);
  await makeRoll(t.db, townA.id, session.id, deputies, 'present');
  sessionB = await makeSession(t.db, townB.id, termB.id);
});

afterAll(async () => {
  await t.close();
});

describe('registering a motion', () => {
  it('401 without a session, 403 for a handler and for readers writing', async () => {
    expect((await anon(t.app).get(base(session.id))).statusCode).toBe(401);
    expect((await (await t.as('handler')).get(base(session.id))).statusCode).toBe(403);
    expect((await (await t.as('deputy')).post(base(session.id), { proposerType: 'presidium', subject: 'x' })).statusCode).toBe(403);
    expect((await (await t.as('liaison')).post(base(session.id), { proposerType: 'presidium', subject: 'x' })).statusCode).toBe(403);
  });

  it('by deputies: 4 jointly is refused naming body.coSponsorIds, 5 is accepted with number 1', async () => {
    const four = await admin.post(base(session.id), {
      proposerType: 'deputies',
      subject: '四人联名',
      leadDeputyId: deputies[0],
      coSponsorIds: deputies.slice(1, 4),
    });
    expect(four.statusCode).toBe(400);
    expect(four.json().details.issues[0].field).toBe('body.coSponsorIds');
    expect(four.json().message).toContain('5 名以上代表联名');
    const m = await newMotion();
    expect(m.number).toBe(1);
    expect(m.status).toBe('submitted');
    expect(m.sponsors).toHaveLength(5);
    expect(m.sponsors[0]).toMatchObject({ deputyId: deputies[0], role: 'lead' });
    expect(m.actions).toEqual(['edit', 'put_on_agenda', 'to_suggestion', 'not_accept', 'withdraw']);
    expect((await auditOf(m.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('counts distinct deputies on the roll only', async () => {
    const dup = await admin.post(base(session.id), {
      proposerType: 'deputies',
      subject: '重复',
      leadDeputyId: deputies[0],
      coSponsorIds: [deputies[1], deputies[1], deputies[2], deputies[3]],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().details.issues[0].field).toBe('body.coSponsorIds');
    const leadTwice = await admin.post(base(session.id), {
      proposerType: 'deputies',
      subject: '重复',
      leadDeputyId: deputies[0],
      coSponsorIds: deputies.slice(0, 5),
    });
    expect(leadTwice.statusCode).toBe(400);
    const off = await admin.post(base(session.id), {
      proposerType: 'deputies',
      subject: '名单外',
      leadDeputyId: deputies[0],
      coSponsorIds: [...deputies.slice(1, 4), offRoll],
    });
    expect(off.statusCode).toBe(400);
    expect(off.json().details.issues[0].field).toBe('body.coSponsorIds');
    const noLead = await admin.post(base(session.id), { proposerType: 'deputies', subject: '无领衔', coSponsorIds: deputies.slice(1, 6) });
    expect(noLead.json().details.issues[0].field).toBe('body.leadDeputyId');
    const foreign = await admin.post(base(session.id), {
      proposerType: 'deputies',
      subject: '外镇',
      leadDeputyId: t.world.deputyB.id,
      coSponsorIds: deputies.slice(1, 5),
    });
    expect(foreign.json().details.issues[0].field).toBe('body.leadDeputyId');
  });

  it('before the roll is taken, the deputies of the term in office may sponsor', async () => {
    const { townA, termA } = t.world;
    const prep = await makeSession(t.db, townA.id, termA.id, { status: 'preparing', rollTakenAt: null, openedAt: null });
    const m = await newMotion({ coSponsorIds: [deputies[1], deputies[2], deputies[3], offRoll] }, prep.id);
    expect(m.number).toBe(1);
    const list = (await admin.get(base(prep.id))).json();
    expect(list.sponsorPool.map((d: { deputyId: string }) => d.deputyId)).toContain(offRoll);
    expect(list.minSponsors).toBe(5);
  });

  it('by the presidium or the government: no sponsors (given → 400)', async () => {
    const bad = await admin.post(base(session.id), { proposerType: 'presidium', subject: '主席团议案', coSponsorIds: [deputies[0]] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.coSponsorIds');
    const badLead = await admin.post(base(session.id), { proposerType: 'government', subject: '政府议案', leadDeputyId: deputies[0] });
    expect(badLead.json().details.issues[0].field).toBe('body.leadDeputyId');
    const ok = await newMotion({ proposerType: 'government', subject: '关于2027年财政预算的议案', leadDeputyId: null, coSponsorIds: [] });
    expect(ok.sponsors).toEqual([]);
    expect(ok.number).toBe(2);
  });

  it('400 naming the field for a bad body; 404 for another town’s session', async () => {
    const res = await admin.post(base(session.id), { proposerType: 'deputies', subject: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.subject');
    expect((await admin.get(base(sessionB.id))).statusCode).toBe(404);
    expect((await admin.post(base(sessionB.id), { proposerType: 'presidium', subject: 'x' })).statusCode).toBe(404);
  });

  it('readers: deputy, liaison and county_admin (in the town picked) list motions', async () => {
    for (const role of ['deputy', 'liaison'] as const) {
      const res = await (await t.as(role)).get(base(session.id));
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length).toBeGreaterThan(0);
      expect(res.json().items[0].actions).toEqual([]);
    }
    const county = await t.as('county_admin');
    expect((await county.post('/api/v1/auth/switch-town', { townId: t.world.townA.id })).statusCode).toBe(200);
    expect((await county.get(base(session.id))).statusCode).toBe(200);
  });

  it('edits while submitted, with the version (stale → 409)', async () => {
    const m = await newMotion({ subject: '待修改的议案' });
    const res = await admin.patch(`${base(session.id)}/${m.id}`, { version: m.version, subject: '修改后的议案', coSponsorIds: deputies.slice(1, 6) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().subject).toBe('修改后的议案');
    expect(res.json().sponsors).toHaveLength(6);
    expect((await admin.patch(`${base(session.id)}/${m.id}`, { version: m.version, subject: '旧版本' })).statusCode).toBe(409);
    const tooFew = await admin.patch(`${base(session.id)}/${m.id}`, { version: res.json().version, coSponsorIds: deputies.slice(1, 3) });
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.json().details.issues[0].field).toBe('body.coSponsorIds');
  });
});

describe('decisions', () => {
  it('put_on_agenda appends a motion item after the last one and links it', async () => {
    const { townA, termA } = t.world;
    const s = await makeSession(t.db, townA.id, termA.id);
    await makeRoll(t.db, townA.id, s.id, deputies, 'present');
    await makeItem(t.db, townA.id, s.id, 'work_report', '镇人民政府工作报告', 1);
    await makeItem(t.db, townA.id, s.id, 'decision', '财政预算', 2);
    const m = await newMotion({}, s.id);
    const res = await admin.post(`${base(s.id)}/${m.id}/decide`, { decision: 'put_on_agenda', version: m.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('on_agenda');
    expect(res.json().item.seq).toBe(3);
    const item = await t.db.selectFrom('sessionItem').selectAll().where('id', '=', res.json().item.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ kind: 'motion', title: m.subject, seq: 3, sessionId: s.id });
    expect(res.json().actions).toEqual(['withdraw']);
    // A stale version, and a second decision, are refused.
    expect((await admin.post(`${base(s.id)}/${m.id}/decide`, { decision: 'not_accept', reason: 'x', version: m.version })).statusCode).toBe(409);
    const again = await admin.post(`${base(s.id)}/${m.id}/decide`, { decision: 'not_accept', reason: 'x', version: res.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    expect((await auditOf(m.id)).map((a) => a.action)).toContain('put_on_agenda');
  });

  it('to_suggestion creates a submitted suggestion from the session with the sponsors, in the same transaction', async () => {
    const m = await newMotion({ subject: '关于增设村级卫生室的议案' });
    const res = await admin.post(`${base(session.id)}/${m.id}/decide`, { decision: 'to_suggestion', version: m.version });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.status).toBe('to_suggestion');
    expect(body.suggestion).toMatchObject({ state: 'submitted' });
    const sug = (await admin.get(`/api/v1/suggestions/${body.suggestion.id}`)).json();
    expect(sug).toMatchObject({ title: m.subject, kind: 'suggestion', sourceType: 'session', sessionId: session.id, category: '其他' });
    expect(sug.content).toContain('河两岸群众出行不便');
    expect(sug.content).toContain('由镇政府列入明年建设计划');
    const sponsors = await t.db.selectFrom('suggestionSponsor').select(['deputyId', 'role']).where('suggestionId', '=', body.suggestion.id).execute();
    expect(sponsors.find((s) => s.role === 'lead')?.deputyId).toBe(deputies[0]);
    expect(
      sponsors
        .filter((s) => s.role === 'co')
        .map((s) => s.deputyId)
        .sort(),
    ).toEqual(deputies.slice(1, 5).sort());
  });

  it('to_suggestion with an unknown category rolls back the whole decision', async () => {
    const m = await newMotion({ subject: '类别不对的议案' });
    const res = await admin.post(`${base(session.id)}/${m.id}/decide`, { decision: 'to_suggestion', category: '不存在', version: m.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.category');
    const after = (await admin.get(base(session.id))).json().items.find((x: { id: string }) => x.id === m.id);
    expect(after.status).toBe('submitted');
  });

  it('not_accept needs a reason', async () => {
    const m = await newMotion({ subject: '不予列入的议案' });
    const none = await admin.post(`${base(session.id)}/${m.id}/decide`, { decision: 'not_accept', version: m.version });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.issues[0].field).toBe('body.reason');
    const ok = await admin.post(`${base(session.id)}/${m.id}/decide`, { decision: 'not_accept', reason: '不属于本级人大职权范围', version: m.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'not_accepted', decisionReason: '不属于本级人大职权范围', actions: [] });
  });

  it('404 for a motion of another session or town', async () => {
    const m = await newMotion({ subject: '别处的议案' });
    expect((await admin.post(`${base(sessionB.id)}/${m.id}/decide`, { decision: 'not_accept', reason: 'x', version: 1 })).statusCode).toBe(404);
    const b = await t.as('admin_b');
    expect((await b.post(`${base(session.id)}/${m.id}/withdraw`, { reason: 'x', version: 1 })).statusCode).toBe(404);
  });
});

describe('withdrawal and numbers', () => {
  it('withdraws before the vote; after a vote result → 409 INVALID_TRANSITION', async () => {
    const { townA, termA } = t.world;
    const s = await makeSession(t.db, townA.id, termA.id);
    await makeRoll(t.db, townA.id, s.id, deputies, 'present');
    const early = await newMotion({ subject: '撤回的议案' }, s.id);
    const noReason = await admin.post(`${base(s.id)}/${early.id}/withdraw`, { version: early.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    const w = await admin.post(`${base(s.id)}/${early.id}/withdraw`, { reason: '领衔代表申请撤回', version: early.version });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', decisionReason: '领衔代表申请撤回' });

    const m = await newMotion({ subject: '表决后不能撤回' }, s.id);
    const on = (await admin.post(`${base(s.id)}/${m.id}/decide`, { decision: 'put_on_agenda', version: m.version })).json();
    const vote = await admin.post(`/api/v1/sessions/${s.id}/items/${on.item.id}/votes`, {
      method: 'count',
      round: 1,
      for: 8,
      against: 0,
      abstain: 0,
      notVoting: 0,
    });
    expect(vote.statusCode, vote.body).toBe(201);
    const passed = (await admin.get(base(s.id))).json().items.find((x: { id: string }) => x.id === m.id);
    expect(passed.status).toBe('passed');
    const late = await admin.post(`${base(s.id)}/${m.id}/withdraw`, { reason: '太晚了', version: passed.version });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('INVALID_TRANSITION');

    // Numbers go on and are never reused.
    const next = await newMotion({ subject: '第三号' }, s.id);
    expect(next.number).toBe(3);
    expect((await auditOf(early.id)).map((a) => a.action)).toEqual(['withdraw', 'create']);
  });

  it('a motion withdrawn while on the agenda: its item shows withdrawn and may be deleted', async () => {
    const { townA, termA } = t.world;
    const s = await makeSession(t.db, townA.id, termA.id);
    await makeRoll(t.db, townA.id, s.id, deputies, 'present');
    const m = await newMotion({ subject: '列入议程后撤回' }, s.id);
    const on = (await admin.post(`${base(s.id)}/${m.id}/decide`, { decision: 'put_on_agenda', version: m.version })).json();
    const itemUrl = `/api/v1/sessions/${s.id}/items/${on.item.id}`;
    // Still on the agenda: the item belongs to the motion.
    expect((await admin.delete(itemUrl)).statusCode).toBe(409);
    const w = await admin.post(`${base(s.id)}/${m.id}/withdraw`, { reason: '提议人撤回', version: on.version });
    expect(w.statusCode, w.body).toBe(200);
    const detail = (await admin.get(`/api/v1/sessions/${s.id}`)).json();
    expect(detail.items.find((i: { id: string }) => i.id === on.item.id).motion).toMatchObject({ id: m.id, status: 'withdrawn' });
    const del = await admin.delete(itemUrl);
    expect(del.statusCode, del.body).toBe(200);
    const after = (await admin.get(base(s.id))).json().items.find((x: { id: string }) => x.id === m.id);
    expect(after).toMatchObject({ status: 'withdrawn', item: null });
  });

  it('a closed session takes no more motions', async () => {
    const { townA, termA } = t.world;
    const s = await makeSession(t.db, townA.id, termA.id, { status: 'closed' });
    const res = await admin.post(base(s.id), { proposerType: 'presidium', subject: '闭幕后' });
    expect(res.statusCode).toBe(409);
  });
});
