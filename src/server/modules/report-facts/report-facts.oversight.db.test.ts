import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import type { Database } from '../../db/kysely.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { yearScores } from '../points/points.board.ts';
import { schemeOfYear } from '../points/points.repo.ts';
import { townFacts } from './report-facts.service.ts';

/*
 * The issue's test for the research, sessions, oversight, evaluation and achievements areas: on the
 * generated demo town every fact equals a count written here in plain SQL from the definitions of
 * docs/report-facts.md (both engines), without the areas' code. The annual points grades are the points
 * area's own computation (its rule, not restated): they are checked against its year board, and against the
 * period rule (only when the period holds Dec 31).
 */

const AS_OF = new Date('2026-11-28T12:00:00Z');
const TODAY = '2026-11-28';
const PERIODS = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-03-01', to: '2026-08-15' },
];

let d: Database;
let townId: string;
beforeAll(async () => {
  d = await freshDatabase();
  await seedDemo(d.db, AS_OF);
  townId = (await d.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => d?.close());

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function rows<T>(q: RawBuilder<unknown>): Promise<T[]> {
  return (await q.execute(d.db)).rows as T[];
}
async function ids(q: RawBuilder<unknown>): Promise<string[]> {
  return (await rows<{ id: string }>(q)).map((x) => x.id).sort();
}
async function one(q: RawBuilder<unknown>): Promise<number> {
  return Number((await rows<{ n: unknown }>(q))[0]?.n ?? 0);
}
async function texts(q: RawBuilder<unknown>): Promise<string[]> {
  return (await rows<{ t: string }>(q)).map((x) => x.t).sort();
}
const sorted = (a: readonly string[]) => [...a].sort();
const prefixed = (kind: string, list: readonly string[]) => [...new Set(list)].map((id) => `${kind}:${id}`).sort();

function expectCount(facts: Facts, key: string, kind: string, expected: string[]) {
  const f = facts[key];
  expect(f, key).toBeDefined();
  expect(f.value, key).toBe(expected.length);
  expect(sorted(f.ids), key).toEqual(prefixed(kind, expected));
}

describe.each(PERIODS)('demo town facts $from – $to (research … achievements) equal plain SQL', (p) => {
  let facts: Facts;
  const fromIso = dayStart(p.from);
  const toIso = dayStart(dayAfter(p.to));
  beforeAll(async () => {
    facts = await townFacts(d.db, townId, p, AS_OF);
  });

  it('research topics by claim, report and grade time', async () => {
    const at = (col: string) => sql`${sql.ref(col)} >= ${fromIso} and ${sql.ref(col)} < ${toIso}`;
    expectCount(facts, 'research.claimed', 'research', await ids(sql`select id from research_topic where town_id = ${townId} and ${at('claimed_at')}`));
    const done = sql`town_id = ${townId} and ${at('submitted_at')} and status in ('submitted', 'graded')`;
    expectCount(facts, 'research.completed', 'research', await ids(sql`select id from research_topic where ${done}`));
    expect(sorted(facts['research.titles'].value as string[])).toEqual(await texts(sql`select title as t from research_topic where ${done}`));
    expectCount(
      facts,
      'research.excellent',
      'research',
      await ids(sql`select id from research_topic where town_id = ${townId} and status = 'graded' and grade = 'excellent' and ${at('graded_at')}`),
    );
  });

  it('congress sessions opened in the period and what they did', async () => {
    const opened = sql`select id from congress_session where town_id = ${townId} and status <> 'preparing' and start_date between ${p.from} and ${p.to}`;
    const sessions = await ids(opened);
    expectCount(facts, 'sessions.held', 'session', sessions);
    const names = facts['sessions.names'].value as string[];
    expect(names).toHaveLength(sessions.length);
    for (const n of names) expect(n).toMatch(/^青石镇第.+届人民代表大会第.+次会议$/);
    const firstDate = (await rows<{ d: string | null }>(sql`select min(start_date) as d from congress_session where id in (${opened})`))[0]?.d ?? null;
    expect(facts['sessions.firstDate'].value).toBe(firstDate);
    expect(facts['sessions.firstName'].value).toBe(names[0] ?? null);

    const roll = await rows<{ a: unknown; n: unknown }>(
      sql`select sum(case when status = 'present' or status = 'late' then 1 else 0 end) as a, count(*) as n from session_attendee where session_id in (${opened})`,
    );
    const [a, n] = [Number(roll[0]?.a ?? 0), Number(roll[0]?.n ?? 0)];
    expect(facts['sessions.attendanceRate'].value).toBe(n ? Math.round((a / n) * 10_000) / 10_000 : null);

    const itemTitles = (kind: string) => texts(sql`select title as t from session_item where session_id in (${opened}) and kind = ${kind}`);
    expect(sorted(facts['sessions.reports'].value as string[])).toEqual(await itemTitles('work_report'));
    expect(sorted(facts['sessions.writtenReviews'].value as string[])).toEqual(await itemTitles('written_report'));
    expect(facts['sessions.itemsPassed'].value).toBe(
      await one(sql`select count(*) as n from session_item where session_id in (${opened}) and status = 'passed'`),
    );

    const motions = (extra: RawBuilder<unknown>) =>
      ids(sql`select id from motion where session_id in (${opened}) and proposer_type = 'deputies' and status <> 'withdrawn' and ${extra}`);
    expectCount(facts, 'sessions.motions', 'motion', await motions(sql`1 = 1`));
    expectCount(facts, 'sessions.motionsOnAgenda', 'motion', await motions(sql`status in ('on_agenda', 'passed', 'failed')`));
    expectCount(facts, 'sessions.motionsToSuggestions', 'motion', await motions(sql`status = 'to_suggestion'`));

    const elected = await texts(sql`select coalesce(c.name, t.write_in_name) || '（' || e.post_name || '）' as t
      from election_tally t join election_round r on r.id = t.round_id join election e on e.id = r.election_id
      left join election_candidate c on c.id = t.candidate_id
      where t.elected = 1 and e.session_id in (${opened})`);
    expect(sorted(facts['sessions.elected'].value as string[])).toEqual(elected);

    const raised = sql`select id from suggestion where town_id = ${townId} and session_id in (${opened}) and state <> 'draft' and state <> 'withdrawn'`;
    expectCount(facts, 'sessions.suggestions', 'suggestion', await ids(raised));
    expectCount(
      facts,
      'sessions.suggestionsReplied',
      'suggestion',
      await ids(sql`select id from suggestion where id in (${raised}) and replied_on is not null`),
    );
    if (p.to === '2026-12-31') expect(sessions.length).toBeGreaterThan(0);
  });

  it('findings and rectification notices', async () => {
    expectCount(
      facts,
      'findings.found',
      'finding',
      await ids(sql`select id from finding where town_id = ${townId} and found_on between ${p.from} and ${p.to}`),
    );
    expectCount(
      facts,
      'findings.notices',
      'notice',
      await ids(sql`select distinct n.id from rectification_notice n join notice_finding nf on nf.notice_id = n.id join finding f on f.id = nf.finding_id
        where f.town_id = ${townId} and f.found_on <= ${p.to} and n.issued_on between ${p.from} and ${p.to}`),
    );
    // Each finding's day of being fixed and the deadline of its latest notice, stated directly in SQL.
    const state = await rows<{ id: string; foundOn: string; fixedOn: string | null; deadline: string | null }>(sql`
      select f.id, f.found_on,
        case f.status
          when 'reinspected' then (select max(r.date) from reinspection r where r.finding_id = f.id and r.result = 'fixed')
          when 'closed' then coalesce((select max(r.date) from reinspection r where r.finding_id = f.id and r.result = 'fixed'), f.closed_on)
          else null end as fixed_on,
        (select n.deadline from notice_finding nf join rectification_notice n on n.id = nf.notice_id
          where nf.finding_id = f.id order by n.issued_on desc, n.created_at desc limit 1) as deadline
      from finding f where f.town_id = ${townId} and f.found_on <= ${p.to}`);
    const fixedIn = state.filter((f) => f.fixedOn !== null && f.fixedOn >= p.from && f.fixedOn <= p.to);
    expectCount(
      facts,
      'findings.fixedOnTime',
      'finding',
      fixedIn.filter((f) => f.deadline === null || (f.fixedOn as string) <= f.deadline).map((f) => f.id),
    );
    expectCount(
      facts,
      'findings.fixedLate',
      'finding',
      fixedIn.filter((f) => f.deadline !== null && (f.fixedOn as string) > f.deadline).map((f) => f.id),
    );
    expectCount(
      facts,
      'findings.open',
      'finding',
      state.filter((f) => f.fixedOn === null || f.fixedOn > p.to).map((f) => f.id),
    );
  });

  it('democratic appraisals heard in the period', async () => {
    const last = p.to < TODAY ? p.to : TODAY;
    const held = sql`select id from appraisal where town_id = ${townId} and hearing_date between ${p.from} and ${last}`;
    expectCount(facts, 'appraisals.held', 'appraisal', await ids(held));
    expect(sorted(facts['appraisals.units'].value as string[])).toEqual(
      await texts(sql`select u.name as t from appraisal_unit au join handling_unit u on u.id = au.unit_id where au.appraisal_id in (${held})`),
    );
    // 满意: satisfied votes more than half of the valid overall votes, voting closed.
    const satisfied = await one(sql`select count(*) as n from (
      select au.appraisal_id, au.unit_id,
        sum(case when pc.answer = 'satisfied' then pc.count else 0 end) as s,
        sum(case when pc.answer in ('satisfied', 'basic', 'dissatisfied') then pc.count else 0 end) as v
      from appraisal_unit au join appraisal a on a.id = au.appraisal_id
      join poll_count pc on pc.poll_id = a.poll_id and pc.subject_id = au.unit_id and pc.question = 'overall'
      where a.id in (${held}) and a.status = 'closed'
      group by au.appraisal_id, au.unit_id) x where 2 * x.s > x.v`);
    expect(facts['appraisals.satisfied'].value).toBe(satisfied);
    expect(facts['appraisals.issues'].value).toBe(await one(sql`select count(*) as n from appraisal_issue where appraisal_id in (${held})`));
    expect(facts['appraisals.issuesDone'].value).toBe(
      await one(sql`select count(*) as n from appraisal_issue where appraisal_id in (${held}) and status = 'done'`),
    );
    if (p.to === '2026-12-31') expect(satisfied).toBeGreaterThan(0);
  });

  it('duty reports, reviews and points', async () => {
    const reports = await rows<{ id: string; deputyId: string; voterReps: unknown; bands: string; result: string | null }>(
      sql`select id, deputy_id, voter_reps, bands, result from duty_report where town_id = ${townId} and status = 'closed' and held_on between ${p.from} and ${p.to}`,
    );
    expectCount(
      facts,
      'dutyReports.held',
      'duty_report',
      reports.map((r) => r.id),
    );
    // (Result columns come back camelCased: the app's CamelCasePlugin applies to raw queries too.)
    expect(facts['dutyReports.voterReps'].value).toBe(reports.reduce((s, r) => s + Number(r.voterReps), 0));
    const top = reports.filter((r) => r.result === JSON.parse(r.bands)[0].label);
    expect(facts['dutyReports.competent'].value).toBe(new Set(top.map((r) => r.deputyId)).size);

    const [fm, tm] = [p.from.slice(0, 7), p.to.slice(0, 7)];
    expectCount(
      facts,
      'reviews.peer',
      'review',
      await ids(
        sql`select id from deputy_review where town_id = ${townId} and kind = 'peer_review' and status = 'closed' and period >= ${fm} and period <= ${tm}`,
      ),
    );
    const voter = await rows<{ id: string; period: string }>(
      sql`select id, period from deputy_review where town_id = ${townId} and kind = 'voter_review' and status = 'closed'`,
    );
    const quarterIn = (period: string) => {
      const [y, q] = period.split('-Q');
      const first = `${y}-${String(Number(q) * 3 - 2).padStart(2, '0')}`;
      const lastM = `${y}-${String(Number(q) * 3).padStart(2, '0')}`;
      return first >= fm && lastM <= tm;
    };
    expectCount(
      facts,
      'reviews.voter',
      'review',
      voter.filter((r) => quarterIn(r.period)).map((r) => r.id),
    );

    expect(facts['points.monthsPublished'].value).toBe(
      await one(sql`select count(*) as n from (select distinct ps.scheme_id, ps.month from points_snapshot ps join points_scheme s on s.id = ps.scheme_id
        where s.town_id = ${townId} and s.year between ${Number(p.from.slice(0, 4))} and ${Number(p.to.slice(0, 4))}
        and ps.published_at >= ${fromIso} and ps.published_at < ${toIso}) x`),
    );
    if (p.to.endsWith('-12-31')) {
      const scheme = await schemeOfYear(d.db, townId, 2026);
      expect(scheme).toBeDefined();
      const board = await yearScores(d.db, townId, scheme as NonNullable<typeof scheme>);
      expect(facts['points.graded'].value).toBe(board.rows.filter((r) => r.grade !== null).length);
      expect(facts['points.graded'].value).toBeGreaterThan(0);
      const best = [...(scheme?.bands ?? [])].sort((a, b) => b.min - a.min)[0].label;
      expect(facts['points.topGrade'].value).toBe(board.rows.filter((r) => r.grade === best).length);
      expect(facts['points.commended'].value).toEqual(board.commendation.map((c) => c.name));
    } else {
      // The period does not hold the year's end: no annual grades yet.
      expect(facts['points.graded'].value).toBe(0);
      expect(facts['points.topGrade'].value).toBe(0);
      expect(facts['points.commended'].value).toEqual([]);
    }
  });

  it('the achievements ledger', async () => {
    const inPeriod = sql`town_id = ${townId} and date >= ${p.from} and date <= ${p.to}`;
    expectCount(facts, 'achievements.count', 'achievement', await ids(sql`select id from achievement where ${inPeriod}`));
    expectCount(facts, 'achievements.projects', 'achievement', await ids(sql`select id from achievement where ${inPeriod} and category = 'project'`));
    const entries = await rows<{ title: string; amount: number | null; unit: string }>(
      sql`select title, amount, unit from achievement where ${inPeriod} order by date, code`,
    );
    // Thousands separators put in by hand, independent of the area's formatter.
    const group = (n: number) => {
      const [int, frac] = String(Math.round(n * 100) / 100).split('.');
      return int.replace(/\B(?=(\d{3})+$)/g, ',') + (frac ? `.${frac}` : '');
    };
    expect(facts['achievements.items'].value).toEqual(
      entries.map((e) => (e.amount === null ? e.title : `${e.title} ${group(Number(e.amount))} ${e.unit}`.trim())),
    );
    if (p.to === '2026-12-31') expect(facts['achievements.items'].value).toContain('新增税收 1,967 万元');
  });
});
