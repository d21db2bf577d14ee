import { type Kysely, type Updateable, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ItemKind, ItemStatus, RollStatus, SessionKind, SessionStatus } from '../../db/tables/sessions.ts';
import { ConflictError } from '../../http/errors.ts';
import { codeCounter } from '../../lib/auto-code.ts';
import { nowIso } from '../../lib/time.ts';
import { type SessionSuggestionCounts, suggestionCountsBySession } from './session-stats.repo.ts';
import { type RollCounts, rollCounts } from './sessions.rules.ts';

/* Queries of the sessions area (sessions, roll, agenda, absences). Every function takes the town. */

export type SessionRow = {
  id: string;
  code: string;
  termId: string;
  termNumber: number;
  number: number;
  kind: SessionKind;
  startDate: string;
  endDate: string;
  place: string;
  status: SessionStatus;
  secretaryGeneralId: string | null;
  rollTakenAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  notes: string;
  version: number;
};

function sessionSelect(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('congressSession as s')
    .innerJoin('term', 'term.id', 's.termId')
    .select([
      's.id',
      's.code',
      's.termId',
      'term.number as termNumber',
      's.number',
      's.kind',
      's.startDate',
      's.endDate',
      's.place',
      's.status',
      's.secretaryGeneralId',
      's.rollTakenAt',
      's.openedAt',
      's.closedAt',
      's.notes',
      's.version',
    ])
    .where('s.townId', '=', townId);
}

export function findSession(db: Kysely<DB>, townId: string, id: string): Promise<SessionRow | undefined> {
  return sessionSelect(db, townId).where('s.id', '=', id).executeTakeFirst();
}

export async function listSessions(
  db: Kysely<DB>,
  townId: string,
  f: { termId?: string; status?: SessionStatus; year?: number; limit: number; offset: number },
): Promise<{ rows: SessionRow[]; total: number }> {
  let q = sessionSelect(db, townId);
  if (f.termId) q = q.where('s.termId', '=', f.termId);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.year) q = q.where('s.startDate', '>=', `${f.year}-01-01`).where('s.startDate', '<=', `${f.year}-12-31`);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('s.startDate', 'desc').orderBy('s.number', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}

export type SessionCounts = { roll: RollCounts; motions: number; suggestions: number };

/** Roll counts, motions and suggestions of the given sessions, three grouped queries. */
export async function sessionCounts(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<Map<string, SessionCounts>> {
  const out = new Map<string, SessionCounts>(ids.map((id) => [id, { roll: rollCounts([]), motions: 0, suggestions: 0 }]));
  if (ids.length === 0) return out;
  const [roll, motions, suggestions] = await Promise.all([
    db
      .selectFrom('sessionAttendee')
      .select(['sessionId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('townId', '=', townId)
      .where('sessionId', 'in', ids)
      .groupBy(['sessionId', 'status'])
      .execute(),
    db
      .selectFrom('motion')
      .select(['sessionId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('townId', '=', townId)
      .where('sessionId', 'in', ids)
      .groupBy('sessionId')
      .execute(),
    // The same figures as the session's suggestions tab and the statistics (drafts and withdrawn left out).
    suggestionCountsBySession(db, townId, ids),
  ]);
  const statuses = new Map<string, RollStatus[]>();
  for (const r of roll) {
    const list = statuses.get(r.sessionId) ?? [];
    for (let i = 0; i < Number(r.n); i++) list.push(r.status);
    statuses.set(r.sessionId, list);
  }
  for (const [id, c] of out) c.roll = rollCounts(statuses.get(id) ?? []);
  for (const r of motions) {
    const c = out.get(r.sessionId);
    if (c) c.motions = Number(r.n);
  }
  for (const [id, n] of suggestions) {
    const c = out.get(id);
    if (c) c.suggestions = n.total;
  }
  return out;
}

export function presidiumOf(db: Kysely<DB>, townId: string, sessionId: string) {
  return db
    .selectFrom('sessionPresidium as p')
    .innerJoin('deputy as d', 'd.id', 'p.deputyId')
    .select(['p.deputyId', 'd.code', 'd.name', 'p.executive'])
    .where('p.townId', '=', townId)
    .where('p.sessionId', '=', sessionId)
    .orderBy('p.sortOrder')
    .execute();
}

export function deputiesOfTown(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deputy')
    .select(['id', 'code', 'name', 'termId', 'status', 'isTownLevel'])
    .where('townId', '=', townId)
    .where('id', 'in', ids)
    .execute();
}

export function findTerm(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('term').select(['id', 'number']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function numbersInTerm(db: Kysely<DB>, townId: string, termId: string, exceptId?: string): Promise<number[]> {
  let q = db.selectFrom('congressSession').select('number').where('townId', '=', townId).where('termId', '=', termId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.execute()).map((r) => r.number);
}

export async function nextSessionCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('congressSession').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'S',
    3,
    rows.map((r) => r.code),
  )();
}

/** UPDATE a session or agenda item and move its version on; 409 when the version is stale. */
export async function updateVersionedRow<T extends 'congressSession' | 'sessionItem'>(
  trx: Kysely<DB>,
  table: T,
  townId: string,
  id: string,
  version: number | undefined,
  patch: Updateable<DB[T]>,
): Promise<void> {
  const db = trx as unknown as Kysely<any>;
  let q = db
    .updateTable(table as string)
    .set((eb) => ({ ...(patch as object), version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('该记录已被他人修改，请刷新后再编辑', { reason: 'STALE' });
}

export async function replacePresidium(trx: Kysely<DB>, townId: string, sessionId: string, seats: readonly { deputyId: string; executive: boolean }[]) {
  await trx.deleteFrom('sessionPresidium').where('townId', '=', townId).where('sessionId', '=', sessionId).execute();
  if (seats.length === 0) return;
  await trx
    .insertInto('sessionPresidium')
    .values(seats.map((s, i) => ({ sessionId, deputyId: s.deputyId, townId, executive: s.executive ? 1 : 0, sortOrder: i + 1 })))
    .execute();
}

/** What stands in the way of deleting a session: counts of marks, motions, votes, elections, suggestions. */
export async function sessionDependents(db: Kysely<DB>, townId: string, sessionId: string) {
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const [marks, motions, votes, elections, suggestions] = await Promise.all([
    count(
      db
        .selectFrom('sessionAttendee')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('townId', '=', townId)
        .where('sessionId', '=', sessionId)
        .where('status', '!=', 'expected')
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('motion')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('townId', '=', townId)
        .where('sessionId', '=', sessionId)
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('sessionVote')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('townId', '=', townId)
        .where('sessionId', '=', sessionId)
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('election')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('townId', '=', townId)
        .where('sessionId', '=', sessionId)
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('suggestion')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('townId', '=', townId)
        .where('sessionId', '=', sessionId)
        .executeTakeFirst(),
    ),
  ]);
  return { marks, motions, votes, elections, suggestions };
}

/** Whether a vote or an election round has been recorded (the roll is then fixed). */
export async function hasVotesOrRounds(db: Kysely<DB>, townId: string, sessionId: string): Promise<boolean> {
  const vote = await db.selectFrom('sessionVote').select('id').where('townId', '=', townId).where('sessionId', '=', sessionId).limit(1).executeTakeFirst();
  if (vote) return true;
  const round = await db
    .selectFrom('electionRound as r')
    .innerJoin('election as e', 'e.id', 'r.electionId')
    .select('r.id')
    .where('r.townId', '=', townId)
    .where('e.sessionId', '=', sessionId)
    .limit(1)
    .executeTakeFirst();
  return round !== undefined;
}

/** The suggestions raised at one session (total, replied, closed): suggestionCountsBySession, one session. */
export async function suggestionTally(db: Kysely<DB>, townId: string, sessionId: string): Promise<SessionSuggestionCounts> {
  return (await suggestionCountsBySession(db, townId, [sessionId])).get(sessionId) ?? { total: 0, replied: 0, closed: 0 };
}

// ---- Roll ----

export type RollEntryRow = {
  deputyId: string;
  code: string;
  name: string;
  stationName: string | null;
  status: RollStatus;
  leaveReason: string;
  arrivedAt: string | null;
  markedAt: string | null;
};

export function rollEntries(db: Kysely<DB>, townId: string, sessionId: string, deputyId?: string): Promise<RollEntryRow[]> {
  let q = db
    .selectFrom('sessionAttendee as a')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .leftJoin('station as st', 'st.id', 'd.stationId')
    .select(['a.deputyId', 'd.code', 'd.name', 'st.name as stationName', 'a.status', 'a.leaveReason', 'a.arrivedAt', 'a.markedAt'])
    .where('a.townId', '=', townId)
    .where('a.sessionId', '=', sessionId);
  if (deputyId) q = q.where('a.deputyId', '=', deputyId);
  return q.orderBy('d.code').execute();
}

/**
 * The deputies in office on the session's start date: of the term, town-level, and serving or having
 * left only after that day (a status date after the start date).
 */
export async function deputiesInOffice(db: Kysely<DB>, townId: string, termId: string, startDate: string): Promise<string[]> {
  const rows = await db
    .selectFrom('deputy')
    .select('id')
    .where('townId', '=', townId)
    .where('termId', '=', termId)
    .where('isTownLevel', '=', 1)
    .where((eb) => eb.or([eb('status', '=', 'serving'), eb('statusDate', '>', startDate)]))
    .execute();
  return rows.map((r) => r.id);
}

// ---- Agenda ----

export type ItemRow = {
  id: string;
  seq: number;
  kind: ItemKind;
  title: string;
  presenter: string;
  status: ItemStatus;
  notes: string;
  version: number;
};

export function itemRows(db: Kysely<DB>, townId: string, sessionId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('sessionItem')
    .select(['id', 'seq', 'kind', 'title', 'presenter', 'status', 'notes', 'version'])
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .orderBy('seq')
    .execute();
}

export function findItem(db: Kysely<DB>, townId: string, sessionId: string, itemId: string): Promise<ItemRow | undefined> {
  return db
    .selectFrom('sessionItem')
    .select(['id', 'seq', 'kind', 'title', 'presenter', 'status', 'notes', 'version'])
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

/** Files, motion, election and last vote of the given items (four queries). */
export async function itemExtras(db: Kysely<DB>, townId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return { files: [], motions: [], elections: [], votes: [] };
  const [files, motions, elections, votes] = await Promise.all([
    db
      .selectFrom('sessionItemFile as f')
      .innerJoin('storedFile as sf', 'sf.id', 'f.fileId')
      .select(['f.itemId', 'sf.id', 'sf.name', 'sf.kind', 'sf.size', 'sf.uploadedAt'])
      .where('f.townId', '=', townId)
      .where('f.itemId', 'in', itemIds)
      .orderBy('sf.uploadedAt')
      .orderBy('sf.id')
      .execute(),
    db.selectFrom('motion').select(['id', 'number', 'itemId', 'status', 'version']).where('townId', '=', townId).where('itemId', 'in', itemIds).execute(),
    db.selectFrom('election').select(['id', 'itemId']).where('townId', '=', townId).where('itemId', 'in', itemIds).execute(),
    db
      .selectFrom('sessionVote')
      .select(['itemId', 'round', 'result', 'forCount', 'againstCount', 'abstainCount', 'notVotingCount'])
      .where('townId', '=', townId)
      .where('itemId', 'in', itemIds)
      .orderBy('round')
      .execute(),
  ]);
  return { files, motions, elections, votes };
}

export async function maxSeq(db: Kysely<DB>, townId: string, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('sessionItem')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function replaceItemFiles(trx: Kysely<DB>, townId: string, itemId: string, fileIds: readonly string[]) {
  await trx.deleteFrom('sessionItemFile').where('townId', '=', townId).where('itemId', '=', itemId).execute();
  if (fileIds.length)
    await trx
      .insertInto('sessionItemFile')
      .values(fileIds.map((fileId) => ({ itemId, fileId, townId })))
      .execute();
}

/**
 * Renumber the items 1..n in the order given, in one statement: `seq = case id when … then n … end`
 * (parameterised). Callers hold the session lock (lockSession), which also serialises the max(seq) + 1
 * of a new item.
 */
export async function renumberItems(trx: Kysely<DB>, townId: string, sessionId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const whens = sql.join(
    ids.map((id, i) => sql`when ${sql.ref('id')} = ${id} then cast(${i + 1} as integer)`),
    sql` `,
  );
  await trx
    .updateTable('sessionItem')
    .set({ seq: sql<number>`case ${whens} else ${sql.ref('seq')} end`, updatedAt: nowIso() })
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .where('id', 'in', [...ids])
    .execute();
}

// ---- Absences ----

export function absencesInTerm(db: Kysely<DB>, townId: string, termId: string) {
  return db
    .selectFrom('sessionAttendee as a')
    .innerJoin('congressSession as s', 's.id', 'a.sessionId')
    .innerJoin('term', 'term.id', 's.termId')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .leftJoin('station as st', 'st.id', 'd.stationId')
    .select([
      'a.deputyId',
      'd.code',
      'd.name',
      'd.status as deputyStatus',
      'st.name as stationName',
      's.id as sessionId',
      's.number',
      'term.number as termNumber',
      's.startDate',
    ])
    .where('a.townId', '=', townId)
    .where('s.termId', '=', termId)
    .where('s.status', '=', 'closed')
    .where('a.status', '=', 'absent')
    .orderBy('d.code')
    .orderBy('s.startDate')
    .execute();
}
