import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import type { Database } from '../../db/kysely.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { resolveRecords } from './report-facts.records.ts';
import { townFacts } from './report-facts.service.ts';

/*
 * The issue's test: on the generated demo town, every fact of the people-and-activities areas equals an
 * independent count written here in plain SQL (both engines). The SQL states each definition of
 * docs/report-facts.md directly, without the areas' code: a mistake in either shows as a difference.
 * Count facts are compared on their value and on the records they name.
 */

const AS_OF = new Date('2026-11-28T12:00:00Z');
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

/** The UTC instant a China day starts. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function ids(q: RawBuilder<unknown>): Promise<string[]> {
  const r = await q.execute(d.db);
  return (r.rows as { id: string }[]).map((x) => x.id).sort();
}
async function one(q: RawBuilder<unknown>): Promise<number> {
  const r = await q.execute(d.db);
  return Number((r.rows[0] as { n: unknown } | undefined)?.n ?? 0);
}
async function names(q: RawBuilder<unknown>): Promise<string[]> {
  const r = await q.execute(d.db);
  return [...new Set((r.rows as { name: string }[]).map((x) => x.name))].sort();
}
const round4 = (n: number, m: number) => (m > 0 ? Math.round((n / m) * 10_000) / 10_000 : null);
const sorted = (a: readonly string[]) => [...a].sort();
const prefixed = (kind: string, list: string[]) => list.map((id) => `${kind}:${id}`).sort();

function expectCount(facts: Facts, key: string, kind: string, expected: string[]) {
  const f = facts[key];
  expect(f, key).toBeDefined();
  expect(f.value, key).toBe(expected.length);
  expect(sorted(f.ids), key).toEqual(prefixed(kind, expected));
}

describe.each(PERIODS)('demo town facts $from – $to equal plain SQL counts', (p) => {
  let facts: Facts;
  const fromIso = dayStart(p.from);
  const toIso = dayStart(dayAfter(p.to));
  beforeAll(async () => {
    facts = await townFacts(d.db, townId, p, AS_OF);
  });

  it('deputies in office at the period end, of the term current then', async () => {
    const term = sql`(select id from term where town_id = ${townId} and start_date <= ${p.to} order by number desc limit 1)`;
    const inOffice = sql`town_id = ${townId} and term_id = ${term} and (status = 'serving' or status_date > ${p.to})`;
    const q = (extra: RawBuilder<unknown>) => ids(sql`select id from deputy where ${inOffice} and ${extra}`);
    const all = await q(sql`1 = 1`);
    expect(all.length).toBeGreaterThan(30);
    expectCount(facts, 'deputies.total', 'deputy', all);
    expectCount(facts, 'deputies.townLevel', 'deputy', await q(sql`is_town_level = 1`));
    expectCount(facts, 'deputies.countyLevel', 'deputy', await q(sql`is_county_level = 1`));
    const female = await q(sql`gender = 'female'`);
    expectCount(facts, 'deputies.female', 'deputy', female);
    expect(facts['deputies.femaleShare'].value).toBe(round4(female.length, all.length));
    expectCount(facts, 'deputies.cpc', 'deputy', await q(sql`party in ('中共党员', '中共预备党员')`));
    const year = Number(p.to.slice(0, 4));
    const md = p.to.slice(5);
    const age = sql`(cast(${year} as integer) - cast(substr(birth_date, 1, 4) as integer) - case when substr(birth_date, 6, 5) > ${md} then 1 else 0 end)`;
    expectCount(facts, 'deputies.age.under35', 'deputy', await q(sql`birth_date is not null and ${age} < 35`));
    expectCount(facts, 'deputies.age.35to54', 'deputy', await q(sql`birth_date is not null and ${age} between 35 and 54`));
    expectCount(facts, 'deputies.age.55plus', 'deputy', await q(sql`birth_date is not null and ${age} >= 55`));
    const occ = (
      await sql<{ name: string; n: unknown }>`select occupation as name, count(*) as n from deputy where ${inOffice} group by occupation`.execute(d.db)
    ).rows;
    const list = facts['deputies.byOccupation'].value as string[];
    expect(sorted(list)).toEqual(sorted(occ.map((o) => `${o.name} ${Number(o.n)} 名`)));
    const counts = list.map((s) => Number(s.split(' ')[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const left = await ids(
      sql`select id from deputy where town_id = ${townId} and term_id = ${term} and status <> 'serving' and status_date between ${p.from} and ${p.to}`,
    );
    expectCount(facts, 'deputies.left', 'deputy', left);
    // The demo's roster is entered in one go, so nobody joined later.
    expectCount(facts, 'deputies.joined', 'deputy', []);
  });

  it('stations, receptions and opinions', async () => {
    const stations = await ids(sql`select id from station where town_id = ${townId}`);
    expectCount(facts, 'stations.total', 'station', stations);
    expect(sorted(facts['stations.names'].value as string[])).toEqual(await names(sql`select name from station where town_id = ${townId}`));
    const inRange = sql`r.town_id = ${townId} and r.date >= ${p.from} and r.date <= ${p.to}`;
    const receptions = await ids(sql`select r.id from reception r where ${inRange}`);
    expect(receptions.length).toBeGreaterThan(0);
    expectCount(facts, 'receptions.held', 'reception', receptions);
    expect(facts['receptions.visitors'].value).toBe(
      await one(sql`select sum(m.visitor_count) as n from reception_matter m join reception r on r.id = m.reception_id where ${inRange}`),
    );
    expect(facts['receptions.deputyTimes'].value).toBe(
      await one(sql`select count(*) as n from reception_deputy x join reception r on r.id = x.reception_id where ${inRange}`),
    );
    const matters = (routing: RawBuilder<unknown>) =>
      ids(sql`select m.id from reception_matter m join reception r on r.id = m.reception_id where ${inRange} and ${routing}`);
    const portal = (extra: RawBuilder<unknown>) =>
      ids(
        sql`select id from portal_submission where town_id = ${townId} and status = 'accepted' and created_at >= ${fromIso} and created_at < ${toIso} and ${extra}`,
      );
    expectCount(facts, 'opinions.total', 'opinion', [...(await matters(sql`1 = 1`)), ...(await portal(sql`1 = 1`))]);
    expectCount(facts, 'opinions.fromReceptions', 'opinion', await matters(sql`1 = 1`));
    expectCount(facts, 'opinions.fromPortal', 'opinion', await portal(sql`1 = 1`));
    expectCount(facts, 'opinions.resolved', 'opinion', await matters(sql`m.routing in ('on_spot', 'village')`));
    expectCount(facts, 'opinions.toSuggestions', 'opinion', [
      ...(await matters(sql`m.routing = 'suggestion'`)),
      ...(await portal(sql`suggestion_id is not null`)),
    ]);
    const cats =
      await names(sql`select m.category as name from reception_matter m join reception r on r.id = m.reception_id where ${inRange} and m.category <> '其他'
      union select category as name from portal_submission where town_id = ${townId} and status = 'accepted' and created_at >= ${fromIso} and created_at < ${toIso} and category <> '其他'`);
    expect(sorted(facts['opinions.categories'].value as string[])).toEqual(cats);
  });

  it('suggestions of the period', async () => {
    const cohort = sql`select s.* from suggestion s left join congress_session cs on cs.id = s.session_id
      where s.town_id = ${townId} and s.state not in ('draft', 'withdrawn') and (
        (s.session_id is not null and cs.start_date >= ${p.from} and cs.start_date <= ${p.to})
        or (s.session_id is null and coalesce(s.submitted_at, s.created_at) >= ${fromIso} and coalesce(s.submitted_at, s.created_at) < ${toIso}))`;
    const q = (where: RawBuilder<unknown>) => ids(sql`select c.id from (${cohort}) c where ${where}`);
    const all = await q(sql`1 = 1`);
    expect(all.length).toBeGreaterThan(0);
    expectCount(facts, 'suggestions.total', 'suggestion', all);
    expectCount(facts, 'suggestions.session', 'suggestion', await q(sql`c.session_id is not null or c.source_type = 'session'`));
    expectCount(facts, 'suggestions.interSession', 'suggestion', await q(sql`c.session_id is null and c.source_type <> 'session'`));
    expectCount(facts, 'suggestions.registered', 'suggestion', await q(sql`c.registered_at is not null`));
    const assigned = await q(sql`c.assigned_on is not null`);
    expectCount(facts, 'suggestions.assigned', 'suggestion', assigned);
    const replied = await q(sql`c.replied_on is not null`);
    expectCount(facts, 'suggestions.replied', 'suggestion', replied);
    expectCount(facts, 'suggestions.closed', 'suggestion', await q(sql`c.state = 'closed'`));
    const answered = await q(sql`exists (select 1 from suggestion_reply r where r.suggestion_id = c.id)`);
    const onTime = await q(
      sql`exists (select 1 from suggestion_reply r where r.suggestion_id = c.id) and not exists (select 1 from suggestion_reply r where r.suggestion_id = c.id and r.replied_on > r.due_date)`,
    );
    expectCount(facts, 'suggestions.onTime', 'suggestion', onTime);
    expect(facts['suggestions.onTimeRate'].value).toBe(round4(onTime.length, answered.length));
    const lastRound = sql`(select max(x.round) from suggestion_rating x where x.suggestion_id = c.id)`;
    const rated = await q(sql`exists (select 1 from suggestion_rating x where x.suggestion_id = c.id)`);
    const satisfied = await q(
      sql`exists (select 1 from suggestion_rating x where x.suggestion_id = c.id) and not exists (select 1 from suggestion_rating x where x.suggestion_id = c.id and x.round = ${lastRound} and x.result not in ('satisfied', 'basically'))`,
    );
    expectCount(facts, 'suggestions.satisfied', 'suggestion', satisfied);
    expect(facts['suggestions.satisfactionRate'].value).toBe(round4(satisfied.length, rated.length));
    for (const g of ['A', 'B', 'C']) expectCount(facts, `suggestions.grade${g}`, 'suggestion', await q(sql`c.grade = ${g}`));
    expect(sorted(facts['suggestions.categories'].value as string[])).toEqual(
      await names(sql`select c.category as name from (${cohort}) c where c.category <> '其他'`),
    );
    // The funnel split by when the suggestion was raised.
    for (const [half, where] of [
      ['session', sql`(c.session_id is not null or c.source_type = 'session')`],
      ['interSession', sql`(c.session_id is null and c.source_type <> 'session')`],
    ] as const) {
      expectCount(facts, `suggestions.${half}.replied`, 'suggestion', await q(sql`${where} and c.replied_on is not null`));
      expectCount(facts, `suggestions.${half}.closed`, 'suggestion', await q(sql`${where} and c.state = 'closed'`));
      const got = await q(sql`${where} and exists (select 1 from suggestion_reply r where r.suggestion_id = c.id)`);
      const inTime = await q(
        sql`${where} and exists (select 1 from suggestion_reply r where r.suggestion_id = c.id) and not exists (select 1 from suggestion_reply r where r.suggestion_id = c.id and r.replied_on > r.due_date)`,
      );
      expect(facts[`suggestions.${half}.onTimeRate`].value, half).toBe(round4(inTime.length, got.length));
      const rt = await q(sql`${where} and exists (select 1 from suggestion_rating x where x.suggestion_id = c.id)`);
      const happy = await q(
        sql`${where} and exists (select 1 from suggestion_rating x where x.suggestion_id = c.id) and not exists (select 1 from suggestion_rating x where x.suggestion_id = c.id and x.round = ${lastRound} and x.result not in ('satisfied', 'basically'))`,
      );
      expect(facts[`suggestions.${half}.satisfactionRate`].value, half).toBe(round4(happy.length, rt.length));
    }
    expect(sorted(facts['suggestions.units'].value as string[])).toEqual(
      await names(
        sql`select u.name as name from (${cohort}) c join suggestion_unit su on su.suggestion_id = c.id and su.role = 'lead' join handling_unit u on u.id = su.unit_id`,
      ),
    );
    const unreplied = assigned.filter((id) => !replied.includes(id));
    expect(facts['gaps.suggestionsUnreplied'].value).toBe(unreplied.length > 0 ? unreplied.length : null);
    const rate = facts['suggestions.onTimeRate'].value as number | null;
    expect(facts['gaps.onTimeRate'].value).toBe(rate !== null && rate < 0.9 ? rate : null);
  });

  it('activities held, by what they count as, with attendance', async () => {
    const held = sql`a.town_id = ${townId} and a.status <> 'cancelled' and a.end_at < ${AS_OF.toISOString()} and a.start_at >= ${fromIso} and a.start_at < ${toIso}`;
    const acts = (countsAs: RawBuilder<unknown>) =>
      ids(sql`select a.id from activity a join activity_kind k on k.id = a.kind_id where ${held} and ${countsAs}`);
    const personTimes = (countsAs: RawBuilder<unknown>) =>
      one(
        sql`select count(*) as n from activity_invitation i join activity a on a.id = i.activity_id join activity_kind k on k.id = a.kind_id where ${held} and ${countsAs} and i.attendance in ('present', 'late')`,
      );
    const titles = (countsAs: RawBuilder<unknown>) =>
      names(sql`select a.title as name from activity a join activity_kind k on k.id = a.kind_id where ${held} and ${countsAs}`);
    const all = await acts(sql`1 = 1`);
    expect(all.length).toBeGreaterThan(0);
    expectCount(facts, 'activities.held', 'activity', all);
    const attended = await personTimes(sql`1 = 1`);
    expect(facts['activities.personTimes'].value).toBe(attended);
    const invited = await one(sql`select count(*) as n from activity_invitation i join activity a on a.id = i.activity_id where ${held}`);
    const onLeave = await one(
      sql`select count(*) as n from activity_invitation i join activity a on a.id = i.activity_id where ${held} and (i.attendance = 'on_leave' or (i.attendance is null and i.leave_status = 'approved'))`,
    );
    expect(facts['activities.attendanceRate'].value).toBe(round4(attended, invited - onLeave));
    const rate = facts['activities.attendanceRate'].value as number | null;
    expect(facts['gaps.attendanceRate'].value).toBe(rate !== null && rate < 0.85 ? rate : null);
    const kinds: [string, string, boolean][] = [
      ['trainings', 'training', true],
      ['inspections', 'inspection', true],
      ['surveys', 'research', false],
      ['groups', 'group', false],
      ['fixedDays', 'fixed_day', false],
      ['visits', 'visit', false],
    ];
    // Attendance rate of a set of activities: attended / (invited − on leave), the leave counted as above.
    const rateOf = async (c: RawBuilder<unknown>) => {
      const from = sql`from activity_invitation i join activity a on a.id = i.activity_id join activity_kind k on k.id = a.kind_id where ${held} and ${c}`;
      const inv = await one(sql`select count(*) as n ${from}`);
      const leave = await one(sql`select count(*) as n ${from} and (i.attendance = 'on_leave' or (i.attendance is null and i.leave_status = 'approved'))`);
      return round4(await personTimes(c), inv - leave);
    };
    for (const [area, countsAs, withPeople] of kinds) {
      const c = sql`k.counts_as = ${countsAs}`;
      expectCount(facts, `${area}.held`, 'activity', await acts(c));
      if (withPeople) expect(facts[`${area}.personTimes`].value, area).toBe(await personTimes(c));
      if (withPeople) expect(facts[`${area}.attendanceRate`].value, area).toBe(await rateOf(c));
    }
    // By kind: "name N 次（出席率 x%）" per kind name, most held first.
    const byKind = (
      await sql<{
        name: string;
        n: unknown;
      }>`select k.name as name, count(*) as n from activity a join activity_kind k on k.id = a.kind_id where ${held} group by k.name`.execute(d.db)
    ).rows;
    const listed = facts['activities.byKind'].value as string[];
    expect(listed.length).toBe(byKind.length);
    for (const k of byKind) {
      const r = await rateOf(sql`k.name = ${k.name}`);
      const pct = r === null ? '' : `（出席率 ${(Math.round(r * 1000) / 10).toFixed(1)}%）`;
      expect(listed, k.name).toContain(`${k.name} ${Number(k.n)} 次${pct}`);
    }
    const times = listed.map((x) => Number(/ (\d+) 次/.exec(x)?.[1]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(sorted(facts['trainings.topics'].value as string[])).toEqual(await titles(sql`k.counts_as = 'training'`));
    expect(sorted(facts['inspections.titles'].value as string[])).toEqual(await titles(sql`k.counts_as = 'inspection'`));
    expect(sorted(facts['surveys.titles'].value as string[])).toEqual(await titles(sql`k.counts_as = 'research'`));
  });

  it('presidium meetings, their topics, and documents sent', async () => {
    const meetings = sql`m.town_id = ${townId} and m.status = 'held' and m.date >= ${p.from} and m.date <= ${p.to}`;
    expectCount(facts, 'presidium.meetings', 'presidium_meeting', await ids(sql`select m.id from presidium_meeting m where ${meetings}`));
    expect(sorted(facts['presidium.topics'].value as string[])).toEqual(
      await names(sql`select a.title as name from presidium_agenda_item a join presidium_meeting m on m.id = a.meeting_id where ${meetings}`),
    );
    expectCount(
      facts,
      'documents.sent',
      'document',
      await ids(sql`select id from document where town_id = ${townId} and status = 'sent' and sent_at >= ${fromIso} and sent_at < ${toIso}`),
    );
  });

  it('every record a fact names resolves (one query per kind), ordered by date', async () => {
    const all = [...new Set(Object.values(facts).flatMap((f) => f.ids))];
    const records = await resolveRecords(d.db, townId, all);
    expect(records.map((r) => r.ref).sort()).toEqual(all.sort());
    for (const r of records) {
      expect(r.code, r.ref).not.toBe('');
      expect(r.title, r.ref).not.toBe('');
      // Motions and elections are shown on their session's page and have no link of their own.
      if (r.kind !== 'motion' && r.kind !== 'election') expect(r.href, r.ref).toMatch(/^\//);
    }
    const dates = records.map((r) => r.date).filter((x): x is string => x !== null);
    expect(dates).toEqual([...dates].sort());
    const opinion = records.find((r) => r.kind === 'opinion');
    expect(opinion?.href).toMatch(/^\/(receptions|portal-submissions)\//);
  });
});
