import type { Kysely } from 'kysely';
import type { Engine } from '../../server/db/kysely.ts';
import type { DB } from '../../server/db/schema.ts';
import { activityAttendance, repliesByUnit, stationFigures, suggestionGroups } from '../../server/modules/dashboards/dashboards.repo.ts';
import { documentDutyEntries } from '../../server/modules/documents/documents.duty.ts';
import { activityEntries, findDeputyInfo, groupsOfDeputy, presidiumSeats } from '../../server/modules/duty-record/duty-record.repo.ts';
import { yearRange } from '../../server/modules/duty-record/duty-record.rules.ts';
import { dutyReportDutyFacts } from '../../server/modules/duty-reports/duty-reports.duty.ts';
import { listSchemeRows } from '../../server/modules/points/points.repo.ts';
import { receptionDutyEntries } from '../../server/modules/receptions/receptions.duty.ts';
import type { FactRange } from '../../server/modules/report-facts/area.ts';
import { researchDutyEntries } from '../../server/modules/research/research.duty.ts';
import { listDeputies } from '../../server/modules/roster/deputies.repo.ts';
import { sessionDutyEntries } from '../../server/modules/sessions/sessions.duty.ts';
import { calendarBetween, loadSettings } from '../../server/modules/suggestions/settings.repo.ts';
import type { SuggestionState } from '../../server/modules/suggestions/suggestion.machine.ts';
import { suggestionDutyEntries } from '../../server/modules/suggestions/suggestions.duty.ts';
import {
  attachmentsOf,
  consultationsOf,
  eventsOf,
  findSuggestion,
  listSuggestions,
  ratingsOf,
  repliesOf,
  requestsOf,
  sponsorsOf,
  unitsOf,
} from '../../server/modules/suggestions/suggestions.repo.ts';
import { type Statement, captureSql, withWindowTotal } from './capture.ts';

/*
 * The key reads of issue 8 (1), each with its floor. The floor's statements are the ones the app's own
 * repo functions compile to (captureSql), run through the raw driver: so "the same rows" holds by
 * construction and a test checks it by counting. Where the app reads with several queries (the lists
 * count and page; the record, the dashboard and the detail run a set), the floor runs the minimum set
 * that yields the same figures, and says below what it leaves out.
 */

export type KeyRead = {
  name: string;
  /** The app's GET, as the demo admin. */
  url: string;
  /** Run in order on SQLite, at once on PostgreSQL (as the app's Promise.all does). */
  floor: Statement[];
  /** Which floor statement answers the rows that `appRows` counts. */
  rowsFrom: number;
  /** The number of rows the app answered, from its JSON body: checked equal to the floor's. */
  appRows(body: unknown): number;
};

/** What the reads are about: picked from whatever data the source loaded (the demo town, or a generated one). */
export type Subjects = { townId: string; deputyId: string; suggestionId: string; year: number; from: string; to: string };

export async function pickSubjects(db: Kysely<DB>, townCode: string, year: number): Promise<Subjects> {
  const town = await db.selectFrom('town').select('id').where('code', '=', townCode).executeTakeFirstOrThrow();
  // The deputy with the most invitations in the year: a record with something in it.
  const busiest = await db
    .selectFrom('activityInvitation as i')
    .innerJoin('activity as a', 'a.id', 'i.activityId')
    .select((eb) => ['i.deputyId', eb.fn.countAll<number>().as('n')])
    .where('i.townId', '=', town.id)
    .where('a.startAt', '>=', `${year}-01-01`)
    .groupBy('i.deputyId')
    .orderBy('n', 'desc')
    .orderBy('i.deputyId')
    .executeTakeFirst();
  const deputyId = busiest?.deputyId ?? (await db.selectFrom('deputy').select('id').where('townId', '=', town.id).orderBy('code').executeTakeFirstOrThrow()).id;
  // A closed suggestion: it has sponsors, an office, a reply and a history to show.
  const suggestion = await db
    .selectFrom('suggestion')
    .select('id')
    .where('townId', '=', town.id)
    .where('state', '=', 'closed')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return { townId: town.id, deputyId, suggestionId: suggestion.id, year, from: `${year - 4}-01-01`, to: `${year}-12-31` };
}

const lengthOf = (v: unknown) => (Array.isArray(v) ? v.length : Number.NaN);
const itemsOf = (body: unknown) => lengthOf((body as { items?: unknown }).items);

/** The floor's page statement: the repo's row query with the total as a window count (one statement). */
function pageStatement(captured: Statement[]): Statement {
  const rows = captured.find((s) => !/^select count\(\*\)/i.test(s.sql));
  if (!rows) throw new Error('bench: the list compiled no row query');
  // A page query that already carries its total (the deputy list's page_total) needs no second count.
  return /\bpage_total\b/.test(rows.sql) ? rows : withWindowTotal(rows);
}

/** The statements of several repo reads, and where the `mark`th read's first statement is among them. */
async function all(engine: Engine, mark: number, runs: ((db: Kysely<DB>) => Promise<unknown>)[]): Promise<{ floor: Statement[]; rowsFrom: number }> {
  const floor: Statement[] = [];
  let rowsFrom = -1;
  for (const [i, run] of runs.entries()) {
    const got = await captureSql(engine, run);
    if (got.length === 0) throw new Error(`bench: read ${i} compiled no statement`);
    if (i === mark) rowsFrom = floor.length;
    floor.push(...got);
  }
  return { floor, rowsFrom };
}

export async function keyReads(engine: Engine, s: Subjects, now = new Date()): Promise<KeyRead[]> {
  const { townId } = s;
  const page = { limit: 20, offset: 0 };
  const sugList = (f: { q?: string; states?: SuggestionState[]; year?: number; sort: 'due' | 'updated'; order: 'asc' | 'desc' }) =>
    captureSql(engine, (db) => listSuggestions(db, townId, { scope: null, mine: null, ...f, ...page }));
  const range = yearRange(s.year);
  const factRange = { from: s.from, to: s.to } as FactRange;
  return [
    {
      name: 'deputy list page',
      url: '/api/v1/deputies?page=1&pageSize=20',
      floor: [pageStatement(await captureSql(engine, (db) => listDeputies(db, townId, {}, page)))],
      rowsFrom: 0,
      appRows: itemsOf,
    },
    {
      // An office's open work of a year, by due date (the admin's default order for sort=due is asc).
      name: 'suggestions: filters',
      url: `/api/v1/suggestions?states=assigned,handling,rehandling&year=${s.year - 1}&sort=due&page=1&pageSize=20`,
      // The app also reads the town's settings and, for the page, sponsors, offices and villages.
      floor: [pageStatement(await sugList({ states: ['assigned', 'handling', 'rehandling'], year: s.year - 1, sort: 'due', order: 'asc' }))],
      rowsFrom: 0,
      appRows: itemsOf,
    },
    {
      name: 'suggestions: text 路灯',
      url: `/api/v1/suggestions?q=${encodeURIComponent('路灯')}&page=1&pageSize=20`,
      floor: [pageStatement(await sugList({ q: '路灯', sort: 'updated', order: 'desc' }))],
      rowsFrom: 0,
      appRows: itemsOf,
    },
    {
      // Every read the service starts at once (duty-record.service.ts); a source that reads in two
      // steps contributes its first statement only. The rows compared are the activity entries.
      name: 'duty record',
      url: `/api/v1/deputies/${s.deputyId}/duty-record?year=${s.year}`,
      ...(await all(engine, 3, [
        (db) => findDeputyInfo(db, townId, s.deputyId),
        (db) => groupsOfDeputy(db, townId, s.deputyId),
        (db) => presidiumSeats(db, townId, s.deputyId, `${s.year}-01-01`, `${s.year}-12-31`),
        (db) => activityEntries(db, townId, s.deputyId, range),
        (db) => documentDutyEntries(db, townId, s.deputyId, range),
        (db) => researchDutyEntries(db, townId, s.deputyId, range),
        (db) => receptionDutyEntries(db, townId, s.deputyId, range),
        (db) => suggestionDutyEntries(db, townId, s.deputyId, range),
        (db) => sessionDutyEntries(db, townId, s.deputyId, s.year),
        (db) => dutyReportDutyFacts(db, townId, s.deputyId, s.year),
      ])),
      appRows: (body) => {
        const months = (body as { months?: { entries: { source: string }[] }[] }).months ?? [];
        return months.reduce((n, m) => n + m.entries.filter((e) => e.source === 'activity').length, 0);
      },
    },
    {
      // The five groups of townDashboard; the points grades stop at the scheme list (their scores
      // need the scheme's row first). The rows compared are the categories of the funnel.
      name: 'town dashboard',
      url: `/api/v1/dashboard?from=${s.from}&to=${s.to}`,
      ...(await all(engine, 1, [
        (db) => db.selectFrom('town').select(['id', 'name']).where('id', '=', townId).executeTakeFirstOrThrow(),
        (db) => suggestionGroups(db, townId, factRange),
        (db) => repliesByUnit(db, townId, factRange),
        (db) => activityAttendance(db, townId, factRange, now),
        (db) => stationFigures(db, townId, factRange),
        (db) => listSchemeRows(db, townId, s.year),
      ])),
      appRows: (body) => lengthOf((body as { categories?: unknown }).categories),
    },
    {
      // The item, the town's settings and calendar, and what the detail shows with it; left out are the
      // reads that need the row first (village, merged items, source, session: empty for most items).
      name: 'suggestion detail',
      url: `/api/v1/suggestions/${s.suggestionId}`,
      ...(await all(engine, 0, [
        (db) => findSuggestion(db, townId, s.suggestionId),
        (db) => loadSettings(db, townId),
        (db) => calendarBetween(db, townId, `${s.year}-01-01`, `${s.year}-05-01`),
        (db) => sponsorsOf(db, townId, [s.suggestionId]),
        (db) => unitsOf(db, townId, [s.suggestionId]),
        (db) => repliesOf(db, townId, s.suggestionId),
        (db) => ratingsOf(db, townId, s.suggestionId),
        (db) => requestsOf(db, townId, s.suggestionId),
        (db) => consultationsOf(db, townId, s.suggestionId),
        (db) => attachmentsOf(db, townId, s.suggestionId),
        (db) => eventsOf(db, townId, s.suggestionId),
      ])),
      appRows: (body) => ((body as { id?: string }).id === s.suggestionId ? 1 : 0),
    },
  ];
}
