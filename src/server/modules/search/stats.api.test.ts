import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeUnit } from '../../../../test/factories.ts';
import { makeRating, makeReply, makeSuggestion, makeSuggestionUnit } from '../../../../test/search-factories.ts';

/*
 * GET /suggestions/stats on a seeded set whose figures are worked out by hand below, on both engines.
 *
 *   s1 deputy    交通 closed        lead 交通办  reply r1 04-01 (due 05-01, on time)  rated 满意
 *   s2 deputy    交通 closed (r2)   lead 交通办  reply r1 06-10 (due 06-01, late)     rated 不满意
 *                                                reply r2 06-20 (due 07-01, on time)  rated 基本满意
 *   s3 reception 卫生 following     lead 民政办  reply r1 05-01 (due 05-01, on time)  rated 基本满意
 *   s4 portal    城建 handling      lead 城建办, co 民政办, no reply
 *   s5 deputy    卫生 replied       lead 民政办  reply r1 07-10 (due 07-01, late)     no rating yet
 *   s6 session   其他 submitted     (session SESSION1)
 *   s7 deputy    交通 not_accepted
 *   not counted: a draft, a 2025 item (replied and rated), town B's item.
 *
 * 2026: total 7; assigned 5 (s1–s5); replied 4 (s1,s2,s3,s5); closed 2; following 1; re-handled 1;
 * replies 5, on time 3 → 0.6; ratings 4, satisfied or basically 3 → 0.75.
 * 交通办: assigned 2, replies 3, on time 2 (0.6667), ratings 3, satisfied 2 (0.6667), re-handled 1.
 * 民政办: assigned 2 (co of s4 does not count), replies 2, on time 1 (0.5), ratings 1, satisfied 1 (1).
 * 城建办: assigned 1, no replies or ratings (rates null).
 */
let t: TestCtx;
const URL = '/api/v1/suggestions/stats';

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, unitA, unitB } = t.world;
  const A = townA.id;
  const traffic = await makeUnit(t.db, A, 'U002', '甲镇交通办');
  const building = await makeUnit(t.db, A, 'U003', '甲镇城建办');
  const s = async (over: Parameters<typeof makeSuggestion>[2]) => makeSuggestion(t.db, A, over);

  const s1 = await s({
    sourceType: 'deputy',
    category: '交通',
    state: 'closed',
    submittedAt: '2026-01-15T02:00:00.000Z',
    assignedOn: '2026-02-01',
    repliedOn: '2026-04-01',
    closedAt: '2026-04-20T02:00:00.000Z',
  });
  await makeSuggestionUnit(t.db, A, s1.id, traffic.id);
  await makeReply(t.db, A, s1.id, traffic.id, { repliedOn: '2026-04-01', dueDate: '2026-05-01' });
  await makeRating(t.db, A, s1.id, { result: 'satisfied' });

  const s2 = await s({
    sourceType: 'deputy',
    category: '交通',
    state: 'closed',
    round: 2,
    submittedAt: '2026-02-01T02:00:00.000Z',
    assignedOn: '2026-03-01',
    repliedOn: '2026-06-20',
  });
  await makeSuggestionUnit(t.db, A, s2.id, traffic.id);
  await makeReply(t.db, A, s2.id, traffic.id, { round: 1, repliedOn: '2026-06-10', dueDate: '2026-06-01' });
  await makeRating(t.db, A, s2.id, { round: 1, result: 'dissatisfied' });
  await makeReply(t.db, A, s2.id, traffic.id, { round: 2, repliedOn: '2026-06-20', dueDate: '2026-07-01' });
  await makeRating(t.db, A, s2.id, { round: 2, result: 'basically', attitude: 'satisfied' });

  // 2026-03-31 23:59 in China: inside the first quarter.
  const s3 = await s({
    sourceType: 'reception',
    category: '卫生',
    state: 'following',
    followUp: 1,
    submittedAt: '2026-03-31T15:59:00.000Z',
    assignedOn: '2026-04-01',
    repliedOn: '2026-05-01',
    grade: 'B',
  });
  await makeSuggestionUnit(t.db, A, s3.id, unitA.id);
  await makeReply(t.db, A, s3.id, unitA.id, { repliedOn: '2026-05-01', dueDate: '2026-05-01', grade: 'B' });
  await makeRating(t.db, A, s3.id, { result: 'basically' });

  // 2026-04-01 00:00 in China: outside the first quarter.
  const s4 = await s({
    sourceType: 'portal',
    category: '城建',
    state: 'handling',
    submittedAt: '2026-03-31T16:00:00.000Z',
    assignedOn: '2026-04-02',
    dueDate: '2026-07-02',
  });
  await makeSuggestionUnit(t.db, A, s4.id, building.id, 'lead');
  await makeSuggestionUnit(t.db, A, s4.id, unitA.id, 'co');

  const s5 = await s({
    sourceType: 'deputy',
    category: '卫生',
    state: 'replied',
    submittedAt: '2026-04-10T02:00:00.000Z',
    assignedOn: '2026-04-01',
    repliedOn: '2026-07-10',
  });
  await makeSuggestionUnit(t.db, A, s5.id, unitA.id);
  await makeReply(t.db, A, s5.id, unitA.id, { repliedOn: '2026-07-10', dueDate: '2026-07-01' });

  await s({ sourceType: 'session', category: '其他', state: 'submitted', sessionId: 'SESSION1', submittedAt: '2026-05-01T02:00:00.000Z' });
  await s({ sourceType: 'deputy', category: '交通', state: 'not_accepted', submittedAt: '2026-01-05T02:00:00.000Z' });

  // Not counted.
  await s({ state: 'draft', submittedAt: null, createdAt: '2026-02-01T00:00:00.000Z' });
  const old = await s({ year: 2025, state: 'closed', submittedAt: '2025-06-01T02:00:00.000Z', assignedOn: '2025-06-02', repliedOn: '2025-07-01' });
  await makeSuggestionUnit(t.db, A, old.id, traffic.id);
  await makeReply(t.db, A, old.id, traffic.id, { repliedOn: '2025-07-01', dueDate: '2025-09-01' });
  await makeRating(t.db, A, old.id, { result: 'satisfied' });
  const b = await makeSuggestion(t.db, townB.id, { category: '交通', state: 'replied', assignedOn: '2026-03-01', repliedOn: '2026-03-20' });
  await makeSuggestionUnit(t.db, townB.id, b.id, unitB.id);
  await makeReply(t.db, townB.id, b.id, unitB.id, { repliedOn: '2026-03-20', dueDate: '2026-06-01' });
});
afterAll(async () => t.close());

const get = async (role: Parameters<TestCtx['as']>[0], query: string) => (await t.as(role)).get(`${URL}${query}`);

describe('GET /suggestions/stats', () => {
  it('401 without a session; 403 for a deputy or a handler', async () => {
    expect((await anon(t.app).get(URL)).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) expect((await get(role, '?year=2026')).statusCode, role).toBe(403);
  });

  it('400 naming the field for two kinds of period at once or a range ending before it starts', async () => {
    const r1 = await get('town_admin', '?year=2026&from=2026-01-01');
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toContain('年度');
    const r2 = await get('town_admin', '?from=2026-05-01&to=2026-04-01');
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('结束日期');
    expect((await get('town_admin', '?year=1999')).statusCode).toBe(400);
    expect((await get('town_admin', '?from=2026-02-30')).statusCode).toBe(400);
  });

  it('gives the year’s figures as worked out by hand', async () => {
    const res = await get('town_admin', '?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.period).toEqual({ kind: 'year', year: 2026, label: '2026年' });
    expect(f).toMatchObject({
      total: 7,
      assigned: 5,
      replied: 4,
      closed: 2,
      followUp: 1,
      rehandled: 1,
      replies: 5,
      onTime: 3,
      onTimeRate: 0.6,
      ratings: 4,
      satisfied: 3,
      satisfactionRate: 0.75,
    });
    expect(f.bySource).toEqual([
      { key: 'deputy', count: 4 },
      { key: 'portal', count: 1 },
      { key: 'reception', count: 1 },
      { key: 'session', count: 1 },
    ]);
    expect(f.byCategory).toEqual([
      { key: '交通', count: 3 },
      { key: '卫生', count: 2 },
      { key: '其他', count: 1 },
      { key: '城建', count: 1 },
    ]);
    expect(Object.fromEntries(f.byState.map((c: { key: string; count: number }) => [c.key, c.count]))).toEqual({
      closed: 2,
      following: 1,
      handling: 1,
      replied: 1,
      submitted: 1,
      not_accepted: 1,
    });
    const units = f.byUnit.map((u: Record<string, unknown> & { unit: { name: string } }) => [
      u.unit.name,
      u.assigned,
      u.replies,
      u.onTime,
      u.onTimeRate,
      u.ratings,
      u.satisfied,
      u.satisfactionRate,
      u.rehandled,
    ]);
    expect(units).toEqual([
      ['甲镇交通办', 2, 3, 2, 0.6667, 3, 2, 0.6667, 1],
      ['甲镇民政办', 2, 2, 1, 0.5, 1, 1, 1, 0],
      ['甲镇城建办', 1, 0, 0, null, 0, 0, null, 0],
    ]);
  });

  it('counts a period by the China day an item was raised', async () => {
    const f = (await get('liaison', '?from=2026-01-01&to=2026-03-31')).json();
    // s1, s2, s3 (23:59 on 03-31), s7 — not s4 (00:00 on 04-01).
    expect(f.total).toBe(4);
    expect(f.period).toMatchObject({ kind: 'range', from: '2026-01-01', to: '2026-03-31' });
    expect(f).toMatchObject({ assigned: 3, replied: 3, replies: 4, onTime: 3, ratings: 4, satisfied: 3 });
  });

  it('counts a session’s items', async () => {
    const f = (await get('town_admin', '?sessionId=SESSION1')).json();
    expect(f).toMatchObject({ total: 1, bySource: [{ key: 'session', count: 1 }], onTimeRate: null, satisfactionRate: null });
  });

  it('keeps each town to its own figures', async () => {
    const f = (await get('admin_b', '?year=2026')).json();
    expect(f).toMatchObject({ total: 1, replied: 1, replies: 1, onTime: 1, onTimeRate: 1, ratings: 0, satisfactionRate: null });
    expect(f.byUnit.map((u: { unit: { name: string } }) => u.unit.name)).toEqual(['乙镇民政办']);
  });

  it('defaults to the current year', async () => {
    const f = (await get('town_admin', '')).json();
    expect(f.period.kind).toBe('year');
  });
});
