import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import type { DeputyTable } from '../../db/schema.ts';
import type { RollStatus } from '../../db/tables/sessions.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { makeItem, makeRoll, makeSession } from '../../../../test/session-factories.ts';

/*
 * Votes (表决) over HTTP, on SQLite and PostgreSQL. The town has 79 deputies on the roll: 53 present is
 * the quorum (more than two-thirds), 40 "for" the majority of ALL deputies (not of those present).
 */

let t: TestCtx;
let admin: Client;
let all: string[]; // 79 deputies of town A
let sessionB: { id: string };
let itemB: { id: string };

/** The roll of 79 with `present` present, the rest absent, in an open session; answers the session and an item. */
async function votingSession(present = 53, kind: 'decision' | 'election' | 'work_report' = 'decision', over: Record<string, unknown> = {}) {
  const { townA, termA } = t.world;
  const s = await makeSession(t.db, townA.id, termA.id, over);
  const statuses: RollStatus[] = all.map((_, i) => (i < present ? (i % 10 === 0 ? 'late' : 'present') : 'absent'));
  await makeRoll(t.db, townA.id, s.id, all, statuses);
  const item = await makeItem(t.db, townA.id, s.id, kind, '关于2027年财政预算的决议', 1);
  return { s, item, url: `/api/v1/sessions/${s.id}/items/${item.id}/votes` };
}

const counts = (f: number, a: number, ab: number, nv: number, round = 1) => ({ method: 'count', round, for: f, against: a, abstain: ab, notVoting: nv });

async function itemStatus(id: string) {
  return (await t.db.selectFrom('sessionItem').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, townB, termB } = t.world;
  admin = await t.as('town_admin');
  const ts = nowIso();
  const rows: Insertable<DeputyTable>[] = [];
  for (let i = 1; i < 79; i++) {
    rows.push({
      id: newId(),
      townId: townA.id,
      termId: termA.id,
      code: `V${String(i).padStart(3, '0')}`,
      name: `代表${i}`,
      gender: 'male',
      birthDate: '1975-03-02',
      party: '群众',
      occupation: '村(社区)干部',
      createdAt: ts,
      updatedAt: ts,
    });
  }
  await t.db.insertInto('deputy').values(rows).execute();
  all = [t.world.deputyA.id, ...rows.map((r) => r.id as string)];
  sessionB = await makeSession(t.db, townB.id, termB.id);
  await makeRoll(t.db, townB.id, sessionB.id, [t.world.deputyB.id], 'present');
  itemB = await makeItem(t.db, townB.id, sessionB.id, 'decision', '乙镇预算', 1);
});

afterAll(async () => {
  await t.close();
});

describe('recording a vote', () => {
  it('401, 403 for a handler and for readers writing; deputies and liaisons read', async () => {
    const { url } = await votingSession();
    expect((await anon(t.app).get(url)).statusCode).toBe(401);
    expect((await (await t.as('handler')).get(url)).statusCode).toBe(403);
    expect((await (await t.as('deputy')).post(url, counts(40, 13, 0, 0))).statusCode).toBe(403);
    expect((await (await t.as('liaison')).post(url, counts(40, 13, 0, 0))).statusCode).toBe(403);
    const read = await (await t.as('deputy')).get(url);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      items: [],
      canRecord: false,
      roll: { all: 79, present: 53, quorumNeeded: 53, quorumReached: true, majorityNeeded: 40 },
    });
    // Who is present comes from the roll (GET …/roll), only when a per-deputy vote is recorded.
    expect(read.json().roll.presentDeputies).toBeUndefined();
    expect((await admin.get(url)).json().canRecord).toBe(true);
  });

  it('79 on the roll, 53 present: 40 for passes (against all deputies), with the announcement and audit', async () => {
    const { url, item } = await votingSession();
    const res = await admin.post(url, counts(40, 10, 2, 1));
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json().items[0];
    expect(v).toMatchObject({
      round: 1,
      method: 'count',
      for: 40,
      against: 10,
      abstain: 2,
      notVoting: 1,
      allDeputies: 79,
      presentCount: 53,
      needed: 40,
      result: 'passed',
    });
    expect(v.announcement).toBe(
      '本次会议应到代表79名，实到53名。表决结果：赞成40票，反对10票，弃权2票，未按表决器1人。赞成票超过全体代表的半数，《关于2027年财政预算的决议》通过。',
    );
    expect(await itemStatus(item.id)).toBe('passed');
    const audit = (await admin.get(`/api/v1/audit-events?entity=session_vote&entityId=${v.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create']);
    // A round after a decided result → 409.
    const again = await admin.post(url, counts(45, 8, 0, 0));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
  });

  it('39 for fails (a majority of those present is not enough)', async () => {
    const { url, item } = await votingSession();
    const res = await admin.post(url, counts(39, 10, 4, 0));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0]).toMatchObject({ result: 'failed', needed: 40 });
    expect(res.json().items[0].announcement).toContain('赞成票未超过全体代表的半数');
    expect(await itemStatus(item.id)).toBe('failed');
  });

  it('a tie leaves the item pending and allows round 2', async () => {
    const { url, item } = await votingSession();
    const tie = await admin.post(url, counts(25, 25, 3, 0));
    expect(tie.statusCode, tie.body).toBe(201);
    expect(tie.json().items[0].result).toBe('tie');
    expect(tie.json().canRecord).toBe(true);
    expect(await itemStatus(item.id)).toBe('pending');
    // Round 1 again (a second clerk who had not seen the tie) → 409, never silently round 2.
    const stale = await admin.post(url, counts(41, 10, 2, 0, 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('表决轮次已变化，请刷新后重试');
    expect(stale.json().details.issues[0].field).toBe('body.round');
    const r2 = await admin.post(url, counts(41, 10, 2, 0, 2));
    expect(r2.statusCode, r2.body).toBe(201);
    expect(r2.json().items.map((v: { round: number; result: string }) => [v.round, v.result])).toEqual([
      [1, 'tie'],
      [2, 'passed'],
    ]);
    expect(await itemStatus(item.id)).toBe('passed');
  });

  it('counts must add up to those present (400 names the field)', async () => {
    const { url } = await votingSession();
    const short = await admin.post(url, counts(40, 10, 2, 0));
    expect(short.statusCode).toBe(400);
    expect(short.json().details.issues[0].field).toBe('body.total');
    expect(short.json().message).toContain('53');
    const neg = await admin.post(url, counts(-1, 10, 2, 0));
    expect(neg.statusCode).toBe(400);
    expect(neg.json().details.issues[0].field).toBe('body.for');
    const noMethod = await admin.post(url, { for: 1 });
    expect(noMethod.statusCode).toBe(400);
  });

  it('no quorum (52 of 79) → 409 QUORUM_NOT_REACHED; not open → 409', async () => {
    const { url } = await votingSession(52);
    const res = await admin.post(url, counts(40, 12, 0, 0));
    expect(res.statusCode).toBe(409);
    expect(res.json().details.reason).toBe('QUORUM_NOT_REACHED');
    const prep = await votingSession(60, 'decision', { status: 'preparing' });
    expect((await admin.post(prep.url, counts(40, 20, 0, 0))).statusCode).toBe(409);
    const closed = await votingSession(60, 'decision', { status: 'closed' });
    expect((await admin.post(closed.url, counts(40, 20, 0, 0))).statusCode).toBe(409);
  });

  it('not on election items; 404 for another town’s item', async () => {
    const { url } = await votingSession(60, 'election');
    expect((await admin.post(url, counts(40, 20, 0, 0))).statusCode).toBe(409);
    const foreign = `/api/v1/sessions/${sessionB.id}/items/${itemB.id}/votes`;
    expect((await admin.get(foreign)).statusCode).toBe(404);
    expect((await admin.post(foreign, counts(1, 0, 0, 0))).statusCode).toBe(404);
  });
});

describe('per-deputy ballots', () => {
  it('every present deputy exactly once and nobody else', async () => {
    const { url, item } = await votingSession();
    const present = all.slice(0, 53);
    const ballots = present.map((deputyId, i) => ({ deputyId, choice: i < 40 ? 'for' : i < 50 ? 'against' : i < 52 ? 'abstain' : 'not_voting' }));
    const missing = await admin.post(url, { method: 'per_deputy', round: 1, ballots: ballots.slice(1) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].field).toBe('body.ballots');
    const absent = await admin.post(url, { method: 'per_deputy', round: 1, ballots: [...ballots.slice(1), { deputyId: all[60], choice: 'for' }] });
    expect(absent.statusCode).toBe(400);
    expect(absent.json().details.issues[0].field).toBe('body.ballots[52].deputyId');
    const twice = await admin.post(url, { method: 'per_deputy', round: 1, ballots: [...ballots, ballots[0]] });
    expect(twice.json().details.issues[0].field).toBe('body.ballots[53].deputyId');
    const ok = await admin.post(url, { method: 'per_deputy', round: 1, ballots });
    expect(ok.statusCode, ok.body).toBe(201);
    const v = ok.json().items[0];
    expect(v).toMatchObject({ method: 'per_deputy', for: 40, against: 10, abstain: 2, notVoting: 1, result: 'passed' });
    expect(v.ballots).toHaveLength(53);
    expect(v.announcement).toContain('未表决1人');
    expect(await itemStatus(item.id)).toBe('passed');
  });
});

describe('a motion voted on', () => {
  it('the motion becomes passed/failed with its item; deleting the latest round reverts both', async () => {
    const { s } = await votingSession();
    const m = await admin.post(`/api/v1/sessions/${s.id}/motions`, { proposerType: 'government', subject: '关于设立镇敬老院的议案' });
    expect(m.statusCode, m.body).toBe(201);
    const on = (await admin.post(`/api/v1/sessions/${s.id}/motions/${m.json().id}/decide`, { decision: 'put_on_agenda', version: 1 })).json();
    const url = `/api/v1/sessions/${s.id}/items/${on.item.id}/votes`;
    const tie = (await admin.post(url, counts(20, 20, 13, 0))).json().items[0];
    const failed = await admin.post(url, counts(30, 20, 3, 0, 2));
    expect(failed.statusCode, failed.body).toBe(201);
    const motionNow = async () => (await admin.get(`/api/v1/sessions/${s.id}/motions`)).json().items[0];
    expect((await motionNow()).status).toBe('failed');
    expect(await itemStatus(on.item.id)).toBe('failed');

    // Only the latest round may be deleted.
    const early = await admin.delete(`${url}/${tie.id}`);
    expect(early.statusCode).toBe(409);
    const latest = failed.json().items[1];
    const del = await admin.delete(`${url}/${latest.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().items).toHaveLength(1);
    expect((await motionNow()).status).toBe('on_agenda');
    expect(await itemStatus(on.item.id)).toBe('pending');
    const audit = (await admin.get(`/api/v1/audit-events?entity=session_vote&entityId=${latest.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['delete', 'create']);

    const passed = await admin.post(url, counts(45, 5, 3, 0, 2));
    expect(passed.json().items[1]).toMatchObject({ round: 2, result: 'passed' });
    expect((await motionNow()).status).toBe('passed');
  });

  it('a withdrawn motion’s item takes no vote; deleting is refused once the session is closed', async () => {
    const { s } = await votingSession();
    const m = (await admin.post(`/api/v1/sessions/${s.id}/motions`, { proposerType: 'presidium', subject: '撤回的议案' })).json();
    const on = (await admin.post(`/api/v1/sessions/${s.id}/motions/${m.id}/decide`, { decision: 'put_on_agenda', version: 1 })).json();
    const url = `/api/v1/sessions/${s.id}/items/${on.item.id}/votes`;
    const tie = (await admin.post(url, counts(20, 20, 13, 0))).json().items[0];
    // A tie is not a result: withdrawal is still allowed.
    const w = await admin.post(`/api/v1/sessions/${s.id}/motions/${m.id}/withdraw`, { reason: '提议人撤回', version: on.version });
    expect(w.statusCode, w.body).toBe(200);
    expect((await admin.post(url, counts(45, 5, 3, 0, 2))).statusCode).toBe(409);
    await t.db.updateTable('congressSession').set({ status: 'closed' }).where('id', '=', s.id).execute();
    expect((await admin.delete(`${url}/${tie.id}`)).statusCode).toBe(409);
  });
});
