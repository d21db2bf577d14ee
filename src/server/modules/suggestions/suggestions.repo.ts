import { type Expression, type Kysely, PostgresAdapter, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AnyEb } from '../../db/sql-helpers.ts';
import type { SponsorRole, SuggestionTable } from '../../db/tables/suggestions.ts';
import { ConflictError } from '../../http/errors.ts';
import { codeCounter } from '../../lib/auto-code.ts';
import { newId } from '../../lib/ids.ts';
import type { SuggestionState } from './suggestion.machine.ts';
import { suggestionTextFilter } from '../search/search.repo.ts';
import { heldByUnit, sponsoredBy } from './suggestions.scope.ts';

/** Suggestion queries. Every function takes the town: nothing is read or written across towns. */

export type SuggestionRow = Selectable<SuggestionTable>;
type Cond = (eb: AnyEb) => Expression<SqlBool>;

export function findSuggestion(db: Kysely<DB>, townId: string, id: string, scope: Cond | null = null): Promise<SuggestionRow | undefined> {
  let q = db.selectFrom('suggestion as s').selectAll('s').where('s.townId', '=', townId).where('s.id', '=', id);
  if (scope) q = q.where(scope);
  return q.executeTakeFirst();
}

/**
 * The text filter of the list: the full-text index of the search area (Han bigrams: every term of the
 * query must occur), or the query is the item's code.
 */
export function applyTextFilter<QB extends SelectQueryBuilder<any, any, any>>(db: Kysely<DB>, townId: string, qb: QB, q: string): QB {
  const code = q.trim();
  const text = suggestionTextFilter(db, townId, q, 's');
  return qb.where((eb: AnyEb) => (text ? eb.or([text, eb('s.code', '=', code)]) : eb('s.code', '=', code))) as QB;
}

export type ListFilter = {
  scope: Cond | null;
  mine: Cond | null;
  q?: string;
  states?: SuggestionState[];
  kind?: string;
  category?: string;
  sourceType?: string;
  unitId?: string;
  deputyId?: string;
  sponsorRole?: SponsorRole;
  villageId?: string;
  year?: number;
  sessionId?: string;
  key?: boolean;
  /** Against the due date while an office holds the item: `soonUntil` is today + the due-soon days. */
  due?: { kind: 'soon' | 'overdue' | 'open'; today: string; soonUntil: string };
  pending?: 'return' | 'extension' | 'any';
  sort: 'due' | 'code' | 'updated';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/** States in which an office holds the item and the due date runs. */
export const WITH_OFFICE: readonly SuggestionState[] = ['assigned', 'handling', 'rehandling'];

export async function listSuggestions(db: Kysely<DB>, townId: string, f: ListFilter): Promise<{ rows: SuggestionRow[]; total: number }> {
  let base = db.selectFrom('suggestion as s').where('s.townId', '=', townId);
  if (f.scope) base = base.where(f.scope);
  if (f.mine) base = base.where(f.mine);
  if (f.q) base = applyTextFilter(db, townId, base, f.q);
  if (f.states?.length) base = base.where('s.state', 'in', f.states);
  if (f.kind) base = base.where('s.kind', '=', f.kind as SuggestionRow['kind']);
  if (f.category) base = base.where('s.category', '=', f.category);
  if (f.sourceType) base = base.where('s.sourceType', '=', f.sourceType as SuggestionRow['sourceType']);
  if (f.villageId) base = base.where('s.villageId', '=', f.villageId);
  if (f.year !== undefined) base = base.where('s.year', '=', f.year);
  if (f.sessionId) base = base.where('s.sessionId', '=', f.sessionId);
  if (f.key !== undefined) base = base.where('s.keySupervision', '=', f.key ? 1 : 0);
  if (f.unitId) {
    const unitId = f.unitId;
    base = base.where((eb) => heldByUnit(eb, townId, unitId));
  }
  if (f.deputyId) {
    const deputyId = f.deputyId;
    const role = f.sponsorRole;
    base = base.where((eb) => sponsoredBy(eb, townId, deputyId, role));
  }
  if (f.pending) base = f.pending === 'any' ? base.where('s.pending', 'is not', null) : base.where('s.pending', '=', f.pending);
  if (f.due) {
    const { kind, today, soonUntil } = f.due;
    base = base.where('s.state', 'in', WITH_OFFICE).where('s.dueDate', 'is not', null);
    if (kind === 'overdue') base = base.where('s.dueDate', '<', today);
    if (kind === 'soon') base = base.where('s.dueDate', '>=', today).where('s.dueDate', '<=', soonUntil);
  }
  let rows = base.selectAll('s');
  if (f.sort === 'due') {
    // Items without a due date last, whichever the direction.
    rows = rows.orderBy(sql`case when ${sql.ref('s.dueDate')} is null then 1 else 0 end`).orderBy('s.dueDate', f.order);
  } else if (f.sort === 'updated') {
    rows = rows.orderBy('s.updatedAt', f.order);
  }
  // Codes are YYYY-NNN, longer past 999: by year, then length, then text.
  rows = rows
    .orderBy('s.year', f.sort === 'code' ? f.order : 'desc')
    .orderBy(sql`length(${sql.ref('s.code')})`, f.sort === 'code' ? f.order : 'desc')
    .orderBy('s.code', f.sort === 'code' ? f.order : 'desc');
  const list = await rows.limit(f.limit).offset(f.offset).execute();
  // A page that is not full says the total itself (what came before it and what is on it): count only for
  // a full page, or past the end. (Folding the count into the page as a subquery, as the deputy list does,
  // measured no faster here on either engine.)
  const total =
    list.length > 0 && list.length < f.limit
      ? f.offset + list.length
      : list.length === 0 && f.offset === 0
        ? 0
        : Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows: list, total };
}

// ---- Related rows, for a whole page at once ----

export type SponsorView = { suggestionId: string; deputyId: string; name: string; role: SponsorRole };
export type UnitView = { suggestionId: string; unitId: string; name: string; role: SponsorRole };

function group<T extends { suggestionId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.suggestionId);
    if (list) list.push(r);
    else out.set(r.suggestionId, [r]);
  }
  return out;
}

/** Sponsors of the given items, lead first then by deputy code. */
export async function sponsorsOf(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<Map<string, SponsorView[]>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('suggestionSponsor as sp')
    .innerJoin('deputy as d', 'd.id', 'sp.deputyId')
    .select(['sp.suggestionId', 'sp.deputyId', 'd.name', 'sp.role'])
    .where('sp.townId', '=', townId)
    .where('sp.suggestionId', 'in', ids)
    .orderBy('sp.suggestionId')
    .orderBy(sql`case when ${sql.ref('sp.role')} = 'lead' then 0 else 1 end`)
    .orderBy('d.code')
    .execute();
  return group(rows);
}

/** Offices holding the given items, lead first then by unit code. */
export async function unitsOf(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<Map<string, UnitView[]>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('suggestionUnit as su')
    .innerJoin('handlingUnit as u', 'u.id', 'su.unitId')
    .select(['su.suggestionId', 'su.unitId', 'u.name', 'su.role'])
    .where('su.townId', '=', townId)
    .where('su.suggestionId', 'in', ids)
    .orderBy('su.suggestionId')
    .orderBy(sql`case when ${sql.ref('su.role')} = 'lead' then 0 else 1 end`)
    .orderBy('u.code')
    .execute();
  return group(rows);
}

export function villagesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('village').select(['id', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function deputiesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'name', 'status', 'stationId']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function handlingUnitsIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('handlingUnit').select(['id', 'name', 'active']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

// ---- One item's history and attachments ----

export function repliesOf(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('suggestionReply as r')
    .innerJoin('handlingUnit as u', 'u.id', 'r.unitId')
    .leftJoin('storedFile as f', 'f.id', 'r.fileId')
    .select([
      'r.id',
      'r.round',
      'r.unitId',
      'u.name as unitName',
      'r.grade',
      'r.content',
      'r.fileId',
      'f.name as fileName',
      'f.size as fileSize',
      'r.repliedOn',
      'r.dueDate',
    ])
    .where('r.townId', '=', townId)
    .where('r.suggestionId', '=', id)
    .orderBy('r.round')
    .execute();
}

/** The day of the first round's dissatisfied rating, from which the re-handling runs; null before it. */
export async function dissatisfiedOn(db: Kysely<DB>, townId: string, id: string): Promise<string | null> {
  const r = await db
    .selectFrom('suggestionRating')
    .select('ratedOn')
    .where('townId', '=', townId)
    .where('suggestionId', '=', id)
    .where('round', '=', 1)
    .where('result', '=', 'dissatisfied')
    .executeTakeFirst();
  return r?.ratedOn ?? null;
}

export function ratingsOf(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('suggestionRating as r')
    .leftJoin('deputy as d', 'd.id', 'r.deputyId')
    .select(['r.round', 'r.deputyId', 'd.name as deputyName', 'r.attitude', 'r.result', 'r.comment', 'r.ratedOn'])
    .where('r.townId', '=', townId)
    .where('r.suggestionId', '=', id)
    .orderBy('r.round')
    .execute();
}

export function requestsOf(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('suggestionRequest as r')
    .innerJoin('handlingUnit as u', 'u.id', 'r.unitId')
    .leftJoin('appUser as a', 'a.id', 'r.requestedBy')
    .select([
      'r.id',
      'r.kind',
      'r.unitId',
      'u.name as unitName',
      'r.reason',
      'r.requestedDue',
      'r.requestedAt',
      'a.displayName as requestedByName',
      'r.decision',
      'r.decisionNote',
      'r.decidedAt',
    ])
    .where('r.townId', '=', townId)
    .where('r.suggestionId', '=', id)
    .orderBy('r.requestedAt')
    .orderBy('r.id')
    .execute();
}

/** The request of `kind` waiting for a decision, if any (the machine allows one at a time). */
export function pendingRequest(db: Kysely<DB>, townId: string, id: string, kind: 'return' | 'extension') {
  return db
    .selectFrom('suggestionRequest')
    .selectAll()
    .where('townId', '=', townId)
    .where('suggestionId', '=', id)
    .where('kind', '=', kind)
    .where('decision', 'is', null)
    .orderBy('requestedAt', 'desc')
    .executeTakeFirst();
}

export function consultationsOf(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('suggestionConsultation as c')
    .leftJoin('handlingUnit as u', 'u.id', 'c.unitId')
    .leftJoin('appUser as a', 'a.id', 'c.createdBy')
    .select(['c.id', 'c.unitId', 'u.name as unitName', 'c.heldOn', 'c.method', 'c.stage', 'c.note', 'a.displayName as createdByName'])
    .where('c.townId', '=', townId)
    .where('c.suggestionId', '=', id)
    .orderBy('c.heldOn')
    .orderBy('c.createdAt')
    .execute();
}

export function attachmentsOf(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('suggestionFile as sf')
    .innerJoin('storedFile as f', 'f.id', 'sf.fileId')
    .select(['f.id', 'f.name', 'f.size', 'f.mime'])
    .where('sf.townId', '=', townId)
    .where('f.townId', '=', townId)
    .where('sf.suggestionId', '=', id)
    .orderBy('sf.sortOrder')
    .execute();
}

export function eventsOf(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('suggestionEvent').selectAll().where('townId', '=', townId).where('suggestionId', '=', id).orderBy('at').orderBy('id').execute();
}

/**
 * Items merged into `id`. An item has merged_into_id exactly when its state is 'merged' (the merge sets
 * both; 'merged' is terminal; the workbook checks the same), and merged_into_id has no index: the state
 * lets the query use (town_id, state, …) and read the town's merged items only, not all of its items.
 */
export function mergedInto(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('suggestion')
    .select(['id', 'code', 'title'])
    .where('townId', '=', townId)
    .where('state', '=', 'merged')
    .where('mergedIntoId', '=', id)
    .orderBy('code')
    .execute();
}

export function codesOf(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('suggestion').select(['id', 'code']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

/** Whether `fileId` is an attachment of the item or the document of one of its replies. */
export async function fileOfSuggestion(db: Kysely<DB>, townId: string, id: string, fileId: string): Promise<boolean> {
  const [att, rep] = await Promise.all([
    db
      .selectFrom('suggestionFile')
      .select('fileId')
      .where('townId', '=', townId)
      .where('suggestionId', '=', id)
      .where('fileId', '=', fileId)
      .executeTakeFirst(),
    db
      .selectFrom('suggestionReply')
      .select('fileId')
      .where('townId', '=', townId)
      .where('suggestionId', '=', id)
      .where('fileId', '=', fileId)
      .executeTakeFirst(),
  ]);
  return !!(att || rep);
}

/**
 * For a deputy's duty record: the items the deputy sponsors (lead or co), submitted inside the half-open
 * UTC range [start, end). Drafts are not raised yet; withdrawn and merged items are not counted (a merged
 * item's sponsors sponsor its target). One query.
 */
export function dutyRows(db: Kysely<DB>, townId: string, deputyId: string, range: { start: string; end: string }) {
  // Items created before submission was timed (imported ones) fall back to their creation.
  const at = sql<string>`coalesce(s.submitted_at, s.created_at)`;
  return db
    .selectFrom('suggestionSponsor as sp')
    .innerJoin('suggestion as s', 's.id', 'sp.suggestionId')
    .select(['s.id', 's.code', 's.title', 's.state', 's.grade', 's.rating', 's.repliedOn', 'sp.role', at.as('at')])
    .where('sp.townId', '=', townId)
    .where('s.townId', '=', townId)
    .where('sp.deputyId', '=', deputyId)
    .where('s.state', 'not in', ['draft', 'withdrawn', 'merged'])
    .where(at, '>=', range.start)
    .where(at, '<', range.end)
    .orderBy('s.code')
    .execute();
}

// ---- Writes ----

/**
 * The next code YYYY-NNN of the town for `year`: one past the largest in use, so a code is never
 * reused (suggestions are never deleted). Called after lockTownCodes; the unique index guards the rest.
 */
export async function nextSuggestionCode(db: Kysely<DB>, townId: string, year: number): Promise<string> {
  const rows = await db.selectFrom('suggestion').select('code').where('townId', '=', townId).where('code', 'like', `${year}-%`).execute();
  return codeCounter(
    `${year}-`,
    3,
    rows.map((r) => r.code),
  )();
}

const STALE = '该建议已被他人修改，请刷新后再操作';

/** UPDATE one item and move its version on; 409 when the stored version is not the one the client saw. */
export async function updateSuggestionRow(
  db: Kysely<DB>,
  townId: string,
  id: string,
  version: number | undefined,
  patch: Updateable<SuggestionTable>,
): Promise<void> {
  let q = db
    .updateTable('suggestion')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

/**
 * Lock several items for the rest of the transaction, always in id order, and return their current
 * versions. Two actions that write the same pair of items (a merge of A into B and of B into A) then
 * queue instead of deadlocking. PostgreSQL only (select … for update); SQLite runs one write
 * transaction at a time already, so there the plain read is enough.
 */
export async function lockSuggestions(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(ids)].sort();
  let q = db.selectFrom('suggestion').select(['id', 'version']).where('townId', '=', townId).where('id', 'in', unique).orderBy('id');
  if (db.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r.version]));
}

export async function replaceSponsors(db: Kysely<DB>, townId: string, id: string, sponsors: readonly { deputyId: string; role: SponsorRole }[]) {
  await db.deleteFrom('suggestionSponsor').where('townId', '=', townId).where('suggestionId', '=', id).execute();
  if (sponsors.length)
    await db
      .insertInto('suggestionSponsor')
      .values(sponsors.map((s) => ({ suggestionId: id, townId, deputyId: s.deputyId, role: s.role })))
      .execute();
}

export async function replaceUnits(db: Kysely<DB>, townId: string, id: string, units: readonly { unitId: string; role: SponsorRole }[]) {
  await db.deleteFrom('suggestionUnit').where('townId', '=', townId).where('suggestionId', '=', id).execute();
  if (units.length)
    await db
      .insertInto('suggestionUnit')
      .values(units.map((u) => ({ suggestionId: id, townId, unitId: u.unitId, role: u.role })))
      .execute();
}

export async function replaceFiles(db: Kysely<DB>, townId: string, id: string, fileIds: readonly string[]) {
  await db.deleteFrom('suggestionFile').where('townId', '=', townId).where('suggestionId', '=', id).execute();
  if (fileIds.length)
    await db
      .insertInto('suggestionFile')
      .values(fileIds.map((fileId, i) => ({ suggestionId: id, fileId, townId, sortOrder: i })))
      .execute();
}

export type NewEvent = {
  type: string;
  fromState: string | null;
  toState: string;
  round: number;
  data?: Record<string, unknown>;
  note?: string;
};

export async function insertEvent(
  db: Kysely<DB>,
  townId: string,
  suggestionId: string,
  actor: { userId: string; displayName: string },
  at: string,
  e: NewEvent,
) {
  await db
    .insertInto('suggestionEvent')
    .values({
      id: newId(),
      townId,
      suggestionId,
      type: e.type,
      fromState: e.fromState,
      toState: e.toState,
      round: e.round,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      at,
      data: JSON.stringify(e.data ?? {}),
      note: e.note ?? '',
    })
    .execute();
}
