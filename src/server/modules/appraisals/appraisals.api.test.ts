import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { TEST_ENGINE } from '../../../../test/db.ts';
import { makeUnit } from '../../../../test/factories.ts';

let t: TestCtx;
let unit2: { id: string };
beforeAll(async () => {
  t = await setupApi();
  unit2 = await makeUnit(t.db, t.world.townA.id, 'U002', '甲镇财政所');
});
afterAll(async () => t.close());

const ballot = (code: string, a: string, b: string, extra: { subjectId: string; question: string; answer: string }[] = []) => ({
  code,
  answers: [{ subjectId: t.world.unitA.id, question: 'overall', answer: a }, { subjectId: unit2.id, question: 'overall', answer: b }, ...extra],
});

async function createOpen(dimensions: string[] = ['policy', 'service']) {
  const admin = await t.as('town_admin');
  const res = await admin.post('/api/v1/appraisals', {
    title: '2026年度站所民主评议',
    year: 2026,
    hearingDate: '2026-12-01',
    unitIds: [t.world.unitA.id, unit2.id],
    dimensions,
  });
  expect(res.statusCode, res.body).toBe(201);
  const opened = await admin.post(`/api/v1/appraisals/${res.json().id}/open`, { version: res.json().version });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}

describe('appraisals and one-time-code polls API', () => {
  it('401 without a session, 403 for roles that may not, CSRF on writes', async () => {
    expect((await anon(t.app).get('/api/v1/appraisals')).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/polls/x/codes', { count: 1 })).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/appraisals')).statusCode, role).toBe(403);
    }
    const liaison = await t.as('liaison');
    expect((await liaison.get('/api/v1/appraisals')).statusCode).toBe(200);
    expect((await liaison.post('/api/v1/appraisals', { title: 'x', year: 2026, unitIds: [t.world.unitA.id] })).statusCode).toBe(403);
    const admin = await t.as('town_admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/appraisals',
      payload: { title: 'x', year: 2026, unitIds: [t.world.unitA.id] },
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(res.json().code).toBe('CSRF');
  });

  it('400 names the field; another town’s unit is a bad field', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/appraisals', { title: '', year: 2026, unitIds: [t.world.unitA.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.title');
    const other = await admin.post('/api/v1/appraisals', { title: '评议', year: 2026, unitIds: [t.world.unitB.id] });
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toContain('被评议单位');
  });

  it('404 for another town’s appraisal and poll, on read and write', async () => {
    const a = await createOpen();
    const b = await t.as('admin_b');
    expect((await b.get(`/api/v1/appraisals/${a.id}`)).statusCode).toBe(404);
    expect((await b.get(`/api/v1/appraisals/${a.id}/results`)).statusCode).toBe(404);
    expect((await b.post(`/api/v1/appraisals/${a.id}/close`, { version: a.version })).statusCode).toBe(404);
    expect((await b.post(`/api/v1/polls/${a.poll.id}/codes`, { count: 2 })).statusCode).toBe(404);
    expect((await anon(t.app).get(`/api/v1/p/T02/polls/${a.poll.id}`)).statusCode).toBe(404);
  });

  it('a code votes once; a second use and an unknown code get the same 409; counters add up', async () => {
    const a = await createOpen();
    const admin = await t.as('town_admin');
    const gen = await admin.post(`/api/v1/polls/${a.poll.id}/codes`, { count: 3 });
    expect(gen.statusCode, gen.body).toBe(201);
    const codes: string[] = gen.json().codes;
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    // Only hashes are stored.
    const stored = await t.db.selectFrom('pollCode').selectAll().where('pollId', '=', a.poll.id).execute();
    expect(stored).toHaveLength(3);
    for (const s of stored) expect(codes).not.toContain(s.codeHash);

    const pub = anon(t.app);
    const page = await pub.get(`/api/v1/p/T01/polls/${a.poll.id}`);
    expect(page.statusCode).toBe(200);
    expect(
      page
        .json()
        .subjects.map((s: { name: string }) => s.name)
        .sort(),
    ).toEqual(['甲镇民政办', '甲镇财政所'].sort());
    expect(page.json().questions.map((q: { key: string }) => q.key)).toEqual(['overall', 'policy', 'service']);

    const url = `/api/v1/p/T01/polls/${a.poll.id}/ballots`;
    const first = await pub.post(
      url,
      ballot(codes[0].toLowerCase(), 'satisfied', 'dissatisfied', [{ subjectId: t.world.unitA.id, question: 'policy', answer: 'basic' }]),
    );
    expect(first.statusCode, first.body).toBe(201);
    const again = await pub.post(url, ballot(codes[0], 'satisfied', 'satisfied'));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该投票码已使用或无效');
    const unknown = await pub.post(url, ballot('ABCDEFGH', 'satisfied', 'satisfied'));
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().message).toBe(again.json().message);
    // A bad ballot is refused before the code is touched: the code still votes afterwards.
    const bad = await pub.post(url, { code: codes[1], answers: [{ subjectId: t.world.unitA.id, question: 'overall', answer: 'satisfied' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.answers');
    expect((await pub.post(url, ballot(codes[1], 'basic', 'dissatisfied'))).statusCode).toBe(201);

    // Paper: 4 ballots entered by staff.
    const paper = await admin.post(`/api/v1/appraisals/${a.id}/paper-ballots`, {
      ballots: 4,
      counts: [
        { unitId: t.world.unitA.id, question: 'overall', satisfied: 1, basic: 1, dissatisfied: 2 },
        { unitId: unit2.id, question: 'overall', satisfied: 4, basic: 0, dissatisfied: 0 },
      ],
    });
    expect(paper.statusCode, paper.body).toBe(200);
    expect(paper.json().poll).toMatchObject({ codesIssued: 3, codesUsed: 2, paperBallots: 4, ballots: 6 });
    const badPaper = await admin.post(`/api/v1/appraisals/${a.id}/paper-ballots`, {
      ballots: 5,
      counts: [{ unitId: t.world.unitA.id, question: 'overall', satisfied: 1, basic: 0, dissatisfied: 0 }],
    });
    expect(badPaper.statusCode).toBe(400);

    const res = (await admin.get(`/api/v1/appraisals/${a.id}/results`)).json();
    expect(res.ballots).toBe(6);
    const byName = Object.fromEntries(res.units.map((u: { name: string }) => [u.name, u]));
    // 民政办: satisfied 1+1, basic 1+1, dissatisfied 2 → 2 of 6 satisfied, 4 of 6 approve → 基本满意.
    expect(byName['甲镇民政办'].overall.counts).toEqual({ satisfied: 2, basic: 2, dissatisfied: 2 });
    expect(byName['甲镇民政办'].overall.rating).toBe('basic');
    // 财政所: satisfied 4, dissatisfied 2 → 4 of 6 satisfied → 满意, ranked first.
    expect(byName['甲镇财政所'].overall.counts).toEqual({ satisfied: 4, basic: 0, dissatisfied: 2 });
    expect(byName['甲镇财政所'].overall.rating).toBe('satisfied');
    expect(byName['甲镇财政所'].rank).toBe(1);
    expect(byName['甲镇民政办'].rank).toBe(2);
    expect(byName['甲镇民政办'].dimensions.find((d: { key: string }) => d.key === 'policy').counts).toEqual({ satisfied: 0, basic: 1, dissatisfied: 0 });

    // Close: no more casting, no more codes.
    const detail = (await admin.get(`/api/v1/appraisals/${a.id}`)).json();
    const closed = await admin.post(`/api/v1/appraisals/${a.id}/close`, { version: detail.version });
    expect(closed.statusCode).toBe(200);
    expect((await pub.post(url, ballot(codes[2], 'basic', 'basic'))).statusCode).toBe(409);
    expect((await admin.post(`/api/v1/polls/${a.poll.id}/codes`, { count: 1 })).statusCode).toBe(409);
    expect((await admin.post(`/api/v1/appraisals/${a.id}/close`, { version: closed.json().version })).statusCode).toBe(409);
  });

  it('the issue list, a stale version, and a second appraisal linked to the first', async () => {
    const a = await createOpen([]);
    const admin = await t.as('town_admin');
    const added = await admin.post(`/api/v1/appraisals/${a.id}/issues`, { unitId: unit2.id, description: '窗口服务态度差', deadline: '2027-03-31' });
    expect(added.statusCode, added.body).toBe(201);
    const issue = added.json().issues[0];
    expect(issue).toMatchObject({ unitName: '甲镇财政所', status: 'open', overdue: false });
    const noDate = await admin.patch(`/api/v1/appraisals/${a.id}/issues/${issue.id}`, { status: 'done', version: issue.version });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().details.issues[0].field).toBe('body.doneOn');
    const done = await admin.patch(`/api/v1/appraisals/${a.id}/issues/${issue.id}`, { status: 'done', doneOn: '2027-02-01', version: issue.version });
    expect(done.statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/appraisals/${a.id}/issues/${issue.id}`, { notes: 'x', version: issue.version })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/appraisals/${a.id}`, { title: '改名', version: 1 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/appraisals/${a.id}`, { unitIds: [unit2.id], version: a.version })).statusCode).toBe(409);

    const second = await admin.post('/api/v1/appraisals', { title: '整改后再评议', year: 2027, unitIds: [unit2.id], previousId: a.id });
    expect(second.statusCode).toBe(201);
    expect(second.json().previous).toMatchObject({ id: a.id });
    expect((await admin.get(`/api/v1/appraisals/${a.id}`)).json().followUps[0].id).toBe(second.json().id);
    const list = await admin.get('/api/v1/appraisals?year=2027');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([second.json().id]);
  });

  it('schema walk: no per-ballot table; poll_code references no ballot and holds no time of use', async () => {
    const rows =
      TEST_ENGINE === 'postgres'
        ? (
            await sql<{
              t: string;
              c: string;
            }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`.execute(t.db)
          ).rows
        : (
            await sql<{
              t: string;
              c: string;
            }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(t.db)
          ).rows;
    const tables = new Map<string, string[]>();
    for (const r of rows) tables.set(r.t, [...(tables.get(r.t) ?? []), r.c]);
    // The poll area has exactly these tables: nothing holds one row per ballot.
    expect([...tables.keys()].filter((n) => /^poll/.test(n)).sort()).toEqual(['poll', 'poll_code', 'poll_count']);
    // poll_code: a random id, the poll, the code's hash and a used flag (issued_to for known holders) — no time, no ballot.
    expect([...(tables.get('poll_code') ?? [])].sort()).toEqual(['code_hash', 'id', 'issued_to', 'poll_id', 'town_id', 'used']);
    // Counters only: no row id, nothing per ballot.
    expect([...(tables.get('poll_count') ?? [])].sort()).toEqual(['answer', 'count', 'poll_id', 'question', 'subject_id', 'town_id']);
    // No table points at a code, and only the poll's own tables and the records that vote (appraisal, duty report, review) point at a poll.
    const pointing = [...tables].filter(([, cols]) => cols.some((c) => /poll_code|code_hash/.test(c))).map(([n]) => n);
    expect(pointing).toEqual(['poll_code']);
    const toPoll = [...tables]
      .filter(([, cols]) => cols.includes('poll_id'))
      .map(([n]) => n)
      .sort();
    expect(toPoll).toEqual(['appraisal', 'deputy_review', 'duty_report', 'poll_code', 'poll_count']);
  });

  it('limits failed casts per client (429)', async () => {
    const a = await createOpen([]);
    const pub = anon(t.app);
    const url = `/api/v1/p/T01/polls/${a.poll.id}/ballots`;
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await pub.post(url, ballot('ABCDEFGH', 'satisfied', 'satisfied'))).statusCode;
    expect(last).toBe(429);
  });
});
