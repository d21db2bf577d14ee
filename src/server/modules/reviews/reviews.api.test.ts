import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeStationDeputies } from '../../../../test/evaluation-factories.ts';
import { makeStation } from '../../../../test/factories.ts';
import { reviewScores } from './reviews.scores.ts';
import { reviewFacts } from './reviews.stats.ts';

let t: TestCtx;
let peers: { id: string; name?: string }[];
let station2: { id: string };
beforeAll(async () => {
  t = await setupApi();
  // Station A: 李明华 (deputyA) and two more; station 2 has one deputy.
  peers = await makeStationDeputies(t.db, t.world.townA.id, t.world.termA.id, t.world.stationA.id, ['张秀英', '王志强']);
  station2 = await makeStation(t.db, t.world.townA.id, 'S02', '甲镇第二联络站');
  await makeStationDeputies(t.db, t.world.townA.id, t.world.termA.id, station2.id, ['赵敏'], 'D2');
});
afterAll(async () => t.close());

const everyone = () => [t.world.deputyA.id, peers[0].id, peers[1].id];

async function create(kind: 'peer_review' | 'voter_review', period: string, stationId = t.world.stationA.id, extra: Record<string, unknown> = {}) {
  const admin = await t.as('town_admin');
  const res = await admin.post('/api/v1/reviews', { kind, stationId, period, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function open(r: { id: string; version: number }) {
  const res = await (await t.as('town_admin')).post(`/api/v1/reviews/${r.id}/open`, { version: r.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function close(id: string) {
  const admin = await t.as('town_admin');
  const cur = (await admin.get(`/api/v1/reviews/${id}`)).json();
  const res = await admin.post(`/api/v1/reviews/${id}/close`, { version: cur.version });
  expect(res.statusCode, res.body).toBe(200);
}

describe('peer and voter review API (互评 / 比评)', () => {
  it('401, 403, 400 naming the field', async () => {
    expect((await anon(t.app).get('/api/v1/reviews')).statusCode).toBe(401);
    expect((await (await t.as('deputy')).get('/api/v1/reviews')).statusCode).toBe(403);
    expect((await (await t.as('liaison')).get('/api/v1/reviews')).statusCode).toBe(200);
    expect((await (await t.as('liaison')).post('/api/v1/reviews', { kind: 'peer_review', stationId: t.world.stationA.id, period: '2026-01' })).statusCode).toBe(
      403,
    );
    const admin = await t.as('town_admin');
    const month = await admin.post('/api/v1/reviews', { kind: 'peer_review', stationId: t.world.stationA.id, period: '2026-Q1' });
    expect(month.statusCode).toBe(400);
    expect(month.json().details.issues[0].field).toBe('body.period');
    const quarter = await admin.post('/api/v1/reviews', { kind: 'voter_review', stationId: t.world.stationA.id, period: '2026-03' });
    expect(quarter.json().details.issues[0].field).toBe('body.period');
    const pts = await admin.post('/api/v1/reviews', {
      kind: 'voter_review',
      stationId: t.world.stationA.id,
      period: '2026-Q1',
      scalePoints: { satisfied: 50, basic: 60, dissatisfied: 0 },
    });
    expect(pts.json().details.issues[0].field).toBe('body.scalePoints');
    const st = await admin.post('/api/v1/reviews', { kind: 'voter_review', stationId: t.world.stationB.id, period: '2026-Q1' });
    expect(st.json().details.issues[0].field).toBe('body.stationId');
  });

  it('409 for the same station, kind and period, with a clear message; 404 for another town', async () => {
    const r = await create('peer_review', '2026-02');
    const again = await (await t.as('town_admin')).post('/api/v1/reviews', { kind: 'peer_review', stationId: t.world.stationA.id, period: '2026-02' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('甲镇代表联络站 2026-02 的代表互评已存在，不能重复新建');
    // A voter review of the same month's quarter is another record.
    await create('voter_review', '2026-Q1');
    const b = await t.as('admin_b');
    expect((await b.get(`/api/v1/reviews/${r.id}`)).statusCode).toBe(404);
    expect((await b.post(`/api/v1/reviews/${r.id}/open`, { version: r.version })).statusCode).toBe(404);
    expect((await b.get(`/api/v1/reviews/${r.id}/results`)).statusCode).toBe(404);
    expect(
      (await (await t.as('town_admin')).patch(`/api/v1/reviews/${r.id}`, { scalePoints: { satisfied: 100, basic: 70, dissatisfied: 0 }, version: 9 }))
        .statusCode,
    ).toBe(409);
  });

  it('peer review: one code per deputy; the ballot leaves the holder out and refuses rating oneself; a code votes once', async () => {
    const r = await open(await create('peer_review', '2026-03'));
    expect(r.poll.kind).toBe('peer_review');
    expect(r.deputies.map((d: { id: string }) => d.id).sort()).toEqual(everyone().sort());
    expect(r.codes).toHaveLength(3);
    const codeOf = Object.fromEntries(r.codes.map((c: { deputyId: string; code: string }) => [c.deputyId, c.code]));
    const stored = await t.db.selectFrom('pollCode').select(['issuedTo', 'codeHash']).where('pollId', '=', r.poll.id).execute();
    expect(stored.map((s) => s.issuedTo).sort()).toEqual(everyone().sort());

    const pub = anon(t.app);
    const base = `/api/v1/p/T01/polls/${r.poll.id}`;
    const mine = await pub.post(`${base}/subjects`, { code: codeOf[t.world.deputyA.id] });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(
      mine
        .json()
        .subjects.map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual([peers[0].id, peers[1].id].sort());
    expect((await pub.post(`${base}/subjects`, { code: 'ABCDEFGH' })).statusCode).toBe(409);

    const ans = (ids: string[], answer = 'satisfied') => ids.map((subjectId) => ({ subjectId, question: 'overall', answer }));
    // Rating oneself is refused, and the code still votes afterwards.
    const self = await pub.post(`${base}/ballots`, { code: codeOf[t.world.deputyA.id], answers: ans(everyone()) });
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toContain('不能评议本人');
    expect((await pub.post(`${base}/ballots`, { code: codeOf[t.world.deputyA.id], answers: ans([peers[0].id, peers[1].id]) })).statusCode).toBe(201);
    expect((await pub.post(`${base}/ballots`, { code: codeOf[t.world.deputyA.id], answers: ans([peers[0].id, peers[1].id]) })).statusCode).toBe(409);
    expect((await pub.post(`${base}/ballots`, { code: codeOf[peers[0].id], answers: ans([t.world.deputyA.id, peers[1].id], 'basic') })).statusCode).toBe(201);

    // Paper is for voter review only.
    const admin = await t.as('town_admin');
    expect(
      (await admin.post(`/api/v1/reviews/${r.id}/paper-ballots`, { ballots: 1, counts: [{ deputyId: peers[0].id, satisfied: 1, basic: 0, dissatisfied: 0 }] }))
        .statusCode,
    ).toBe(409);

    // Re-issue: the unused code (王志强's) is replaced; used ones stay.
    const re = await admin.post(`/api/v1/reviews/${r.id}/peer-codes`);
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json().codes.map((c: { deputyId: string }) => c.deputyId)).toEqual([peers[1].id]);
    // The voided code no longer exists: it cannot vote (as an unknown code, its ballot is refused).
    expect((await pub.post(`${base}/ballots`, { code: codeOf[peers[1].id], answers: ans([t.world.deputyA.id, peers[0].id]) })).statusCode).not.toBe(201);
    expect((await pub.post(`${base}/subjects`, { code: codeOf[peers[1].id] })).statusCode).toBe(409);
    expect((await t.db.selectFrom('pollCode').select('id').where('pollId', '=', r.poll.id).where('issuedTo', '=', peers[1].id).execute()).length).toBe(1);

    const res = (await admin.get(`/api/v1/reviews/${r.id}/results`)).json();
    const by = Object.fromEntries(res.rows.map((x: { deputyId: string }) => [x.deputyId, x]));
    expect(by[peers[0].id]).toMatchObject({ counts: { satisfied: 1, basic: 0, dissatisfied: 0 }, score: 100, rank: 1 });
    expect(by[peers[1].id]).toMatchObject({ counts: { satisfied: 1, basic: 1, dissatisfied: 0 }, score: 80, rank: 2 });
    expect(by[t.world.deputyA.id]).toMatchObject({ score: 60, rank: 3 });
  });

  it('voter review: anonymous slips and paper; scores by the review’s points; reviewScores over a range', async () => {
    const r = await open(await create('voter_review', '2026-Q2', t.world.stationA.id, { scalePoints: { satisfied: 100, basic: 50, dissatisfied: 0 } }));
    expect(r.codes).toEqual([]);
    const admin = await t.as('town_admin');
    const slips: string[] = (await admin.post(`/api/v1/polls/${r.poll.id}/codes`, { count: 1 })).json().codes;
    const pub = anon(t.app);
    const all = (answer: string) => everyone().map((subjectId) => ({ subjectId, question: 'overall', answer }));
    expect((await pub.post(`/api/v1/p/T01/polls/${r.poll.id}/subjects`, { code: slips[0] })).json().subjects).toHaveLength(3);
    expect((await pub.post(`/api/v1/p/T01/polls/${r.poll.id}/ballots`, { code: slips[0], answers: all('basic') })).statusCode).toBe(201);
    const paper = await admin.post(`/api/v1/reviews/${r.id}/paper-ballots`, {
      ballots: 1,
      counts: everyone().map((deputyId) => ({ deputyId, satisfied: 1, basic: 0, dissatisfied: 0 })),
    });
    expect(paper.statusCode, paper.body).toBe(200);
    await close(r.id);
    const res = (await admin.get(`/api/v1/reviews/${r.id}/results`)).json();
    expect(res.rows.every((x: { score: number; rank: number }) => x.score === 75 && x.rank === 1)).toBe(true);

    // Q3 on another scale: 李明华 gets 0 there; the year's average for him is (75 + 0) / 2.
    const q3 = await open(await create('voter_review', '2026-Q3'));
    await admin.post(`/api/v1/reviews/${q3.id}/paper-ballots`, {
      ballots: 1,
      counts: everyone().map((deputyId) => ({ deputyId, satisfied: 0, basic: 0, dissatisfied: 1 })),
    });
    await close(q3.id);
    // An open review does not count.
    await open(await create('voter_review', '2026-Q4'));

    const year = await reviewScores(t.db, t.world.townA.id, 'voter_review', { from: '2026-01-01', to: '2026-12-31' });
    expect(year.get(t.world.deputyA.id)).toBe(37.5);
    const half = await reviewScores(t.db, t.world.townA.id, 'voter_review', { from: '2026-04-01', to: '2026-06-30' });
    expect(half.get(t.world.deputyA.id)).toBe(75);
    // A range that holds no whole quarter: nothing.
    expect((await reviewScores(t.db, t.world.townA.id, 'voter_review', { from: '2026-05-01', to: '2026-08-31' })).size).toBe(0);
    // The duty record carries the year's average; report figures count held reviews per kind.
    const rec = (await (await t.as('town_admin')).get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record?year=2026`)).json();
    expect(rec.evaluation.reviewScores.voter).toBe(37.5);
    const facts = await reviewFacts(t.db, t.world.townA.id, { from: '2026-01-01', to: '2026-12-31' });
    expect(facts.voterReview.held).toBe(3);
    expect(facts.voterReview.ids).toContain(q3.id);
    expect(facts.peerReview.held).toBeGreaterThanOrEqual(1);
    // Another town's scores are never mixed in.
    expect((await reviewScores(t.db, t.world.townB.id, 'voter_review', { from: '2026-01-01', to: '2026-12-31' })).size).toBe(0);
  });

  it('a station without deputies in office cannot open; lists filter by kind and period', async () => {
    const lone = await makeStation(t.db, t.world.townA.id, 'S09', '空联络站');
    const r = await create('voter_review', '2026-Q1', lone.id);
    expect((await (await t.as('town_admin')).post(`/api/v1/reviews/${r.id}/open`, { version: r.version })).statusCode).toBe(409);
    const admin = await t.as('town_admin');
    const page = (await admin.get('/api/v1/reviews?kind=voter_review&period=2026&pageSize=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items.every((i: { kind: string }) => i.kind === 'voter_review')).toBe(true);
    expect(station2.id).toBeTruthy();
  });
});
