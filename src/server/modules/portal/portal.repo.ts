import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PortalStatus, PortalSubmissionTable } from '../../db/tables/portal.ts';
import { type Counted, type LinkedSuggestion, PUBLIC_RESULT_STATES } from './portal.rules.ts';

/*
 * Queries of the public portal. Every query of town data takes the town; the public ones select only
 * the columns the public may see, so private fields (a deputy's phone, ID number, birth date, notes)
 * never leave the database on a public route.
 */

// ---- Public reads ----

export function townByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('town').select(['id', 'code', 'name', 'countyId']).where('code', '=', code).executeTakeFirst();
}

export function publicTowns(db: Kysely<DB>) {
  return db.selectFrom('town').select(['code', 'name']).orderBy('code').execute();
}

export function publicStations(db: Kysely<DB>, townId: string) {
  return db.selectFrom('station').select(['id', 'name', 'address', 'phone', 'scheduleRule']).where('townId', '=', townId).orderBy('code').execute();
}

export function townVillages(db: Kysely<DB>, townId: string) {
  return db.selectFrom('village').select(['id', 'name']).where('townId', '=', townId).orderBy('sortOrder').orderBy('code').execute();
}

/** Serving deputies of the term (or of any term when the town has no current one): public columns only. */
export function publicDeputies(db: Kysely<DB>, townId: string, termId: string | null) {
  let q = db
    .selectFrom('deputy')
    .leftJoin('constituency', (j) => j.onRef('constituency.id', '=', 'deputy.constituencyId').onRef('constituency.townId', '=', 'deputy.townId'))
    .leftJoin('station', (j) => j.onRef('station.id', '=', 'deputy.stationId').onRef('station.townId', '=', 'deputy.townId'))
    .select([
      'deputy.id',
      'deputy.name',
      'deputy.gender',
      'deputy.party',
      'deputy.isTownLevel',
      'deputy.isCountyLevel',
      'deputy.stationId',
      'station.name as station',
      'constituency.name as constituency',
      'deputy.workplace',
      'deputy.title',
    ])
    .where('deputy.townId', '=', townId)
    .where('deputy.status', '=', 'serving');
  if (termId) q = q.where('deputy.termId', '=', termId);
  return q.orderBy('deputy.code').execute();
}

export function stationOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function servingDeputyOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('deputy')
    .select(['id', 'name', 'stationId'])
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('status', '=', 'serving')
    .executeTakeFirst();
}

export function villageOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('village').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

// ---- Submissions (public side) ----

export function submissionByIdempotencyKey(db: Kysely<DB>, townId: string, key: string) {
  return db.selectFrom('portalSubmission').select(['id', 'trackingCode']).where('townId', '=', townId).where('idempotencyKey', '=', key).executeTakeFirst();
}

async function counted(q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint; oldest: string | null }> }): Promise<Counted> {
  const r = await q.executeTakeFirstOrThrow();
  return { count: Number(r.n), oldest: r.oldest };
}

export function clientSubmissionsSince(db: Kysely<DB>, clientHash: string, since: string): Promise<Counted> {
  return counted(
    db
      .selectFrom('portalSubmission')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('createdAt').as('oldest')])
      .where('clientHash', '=', clientHash)
      .where('createdAt', '>', since),
  );
}

export function townSubmissionsSince(db: Kysely<DB>, townId: string, since: string): Promise<Counted> {
  return counted(
    db
      .selectFrom('portalSubmission')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('createdAt').as('oldest')])
      .where('townId', '=', townId)
      .where('createdAt', '>', since),
  );
}

export async function insertSubmission(db: Kysely<DB>, row: Insertable<PortalSubmissionTable>): Promise<void> {
  await db.insertInto('portalSubmission').values(row).execute();
}

/** Active liaisons of a station, to be told of an opinion sent to it. */
export async function stationLiaisonIds(db: Kysely<DB>, townId: string, stationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('appUser')
    .select('id')
    .where('townId', '=', townId)
    .where('role', '=', 'liaison')
    .where('stationId', '=', stationId)
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

// ---- Captchas ----

export function captchasSince(db: Kysely<DB>, clientHash: string, since: string): Promise<Counted> {
  return counted(
    db
      .selectFrom('portalCaptcha')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('createdAt').as('oldest')])
      .where('clientHash', '=', clientHash)
      .where('createdAt', '>', since),
  );
}

export async function insertCaptcha(
  db: Kysely<DB>,
  row: { id: string; answerHash: string; clientHash: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('portalCaptcha')
    .values({ ...row, usedAt: null })
    .execute();
}

/** Forget captchas issued before the time (long expired): the table holds only the last hour or so. */
export async function purgeCaptchas(db: Kysely<DB>, createdBefore: string): Promise<void> {
  await db.deleteFrom('portalCaptcha').where('createdAt', '<', createdBefore).execute();
}

export function findCaptcha(db: Kysely<DB>, id: string) {
  return db.selectFrom('portalCaptcha').select(['id', 'answerHash', 'expiresAt', 'usedAt']).where('id', '=', id).executeTakeFirst();
}

/** Mark it used; false when another request used it first (single use holds under races). */
export async function spendCaptcha(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('portalCaptcha').set({ usedAt: at }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- Tracking and results ----

/** One submission by its code (unique across towns) with what the tracking page shows; no personal data. */
export async function trackRow(db: Kysely<DB>, trackingCode: string) {
  const r = await db
    .selectFrom('portalSubmission as p')
    .innerJoin('town', 'town.id', 'p.townId')
    .leftJoin('station', (j) => j.onRef('station.id', '=', 'p.stationId').onRef('station.townId', '=', 'p.townId'))
    .leftJoin('deputy', (j) => j.onRef('deputy.id', '=', 'p.deputyId').onRef('deputy.townId', '=', 'p.townId'))
    .leftJoin('suggestion as s', (j) => j.onRef('s.id', '=', 'p.suggestionId').onRef('s.townId', '=', 'p.townId'))
    .select([
      'p.trackingCode',
      'p.targetType',
      'p.category',
      'p.content',
      'p.status',
      'p.declineReason',
      'p.publicReply',
      'p.handledAt',
      'p.createdAt',
      'town.code as townCode',
      'town.name as townName',
      'station.name as stationName',
      'deputy.name as deputyName',
      's.id as suggestionId',
      's.state',
      's.createdAt as sCreatedAt',
      's.registeredAt',
      's.assignedOn',
      's.repliedOn',
      // The dissatisfied rating of the first reply: the day re-handling began.
      (eb) =>
        eb
          .selectFrom('suggestionRating as sr')
          .select('sr.ratedOn')
          .whereRef('sr.suggestionId', '=', 's.id')
          .whereRef('sr.townId', '=', 's.townId')
          .where('sr.round', '=', 1)
          .where('sr.result', '=', 'dissatisfied')
          .as('rehandledOn'),
      's.closedAt',
      's.published',
      's.publicAnswer',
    ])
    .where('p.trackingCode', '=', trackingCode)
    .executeTakeFirst();
  if (!r) return undefined;
  const suggestion: LinkedSuggestion | null =
    r.suggestionId && r.state
      ? {
          state: r.state,
          createdAt: r.sCreatedAt ?? r.createdAt,
          registeredAt: r.registeredAt ?? null,
          assignedOn: r.assignedOn ?? null,
          repliedOn: r.repliedOn ?? null,
          rehandledOn: r.rehandledOn ?? null,
          closedAt: r.closedAt ?? null,
          published: Number(r.published ?? 0),
          publicAnswer: r.publicAnswer ?? '',
        }
      : null;
  return { ...r, suggestion };
}

/**
 * Suggestions the town has published (handling results shown on the portal), newest result first: only
 * while answered (PUBLIC_RESULT_STATES), so an item sent back to re-handling leaves the list until replied again.
 */
export async function publishedResults(db: Kysely<DB>, townId: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('suggestion').where('townId', '=', townId).where('published', '=', 1).where('state', 'in', PUBLIC_RESULT_STATES);
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['code', 'title', 'category', 'grade', 'publicAnswer', 'repliedOn', 'closedAt'])
      // Unknown close dates last on both engines, then the latest code.
      .orderBy(sql`case when ${sql.ref('closedAt')} is null then 1 else 0 end`)
      .orderBy('closedAt', 'desc')
      .orderBy('repliedOn', 'desc')
      .orderBy('code', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { rows, total: Number(c.n) };
}

// ---- Staff ----

/** The station a submission belongs to: its own, or (sent to a deputy) the deputy's current station. */
function staffQuery(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('portalSubmission as p')
    .leftJoin('station', (j) => j.onRef('station.id', '=', 'p.stationId').onRef('station.townId', '=', 'p.townId'))
    .leftJoin('deputy', (j) => j.onRef('deputy.id', '=', 'p.deputyId').onRef('deputy.townId', '=', 'p.townId'))
    .leftJoin('station as ds', (j) => j.onRef('ds.id', '=', 'deputy.stationId').onRef('ds.townId', '=', 'p.townId'))
    .leftJoin('village', (j) => j.onRef('village.id', '=', 'p.villageId').onRef('village.townId', '=', 'p.townId'))
    .leftJoin('suggestion as s', (j) => j.onRef('s.id', '=', 'p.suggestionId').onRef('s.townId', '=', 'p.townId'))
    .leftJoin('appUser as h', 'h.id', 'p.handledBy')
    .where('p.townId', '=', townId);
}

function selectStaff<Q extends ReturnType<typeof staffQuery>>(q: Q) {
  return q.select([
    'p.id',
    'p.trackingCode',
    'p.status',
    'p.targetType',
    'p.stationId',
    'p.deputyId',
    'p.name',
    'p.phone',
    'p.villageId',
    'p.category',
    'p.content',
    'p.declineReason',
    'p.publicReply',
    'p.suggestionId',
    'p.handledAt',
    'p.createdAt',
    'p.version',
    'station.name as stationName',
    'deputy.name as deputyName',
    'deputy.stationId as deputyStationId',
    'ds.name as deputyStationName',
    'village.name as villageName',
    's.code as suggestionCode',
    's.state as suggestionState',
    'h.displayName as handledByName',
  ]);
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaffSubmission>>>;

export async function listStaffSubmissions(
  db: Kysely<DB>,
  townId: string,
  f: { status?: PortalStatus; onlyStationId?: string | null },
  page: { limit: number; offset: number },
) {
  let base = staffQuery(db, townId);
  if (f.status) base = base.where('p.status', '=', f.status);
  if (f.onlyStationId !== undefined) {
    const sid = f.onlyStationId;
    // A liaison without a station sees nothing; one with a station sees what was sent to it or to its deputies.
    base = sid === null ? base.where(sql<boolean>`1 = 0`) : base.where((eb) => eb.or([eb('p.stationId', '=', sid), eb('deputy.stationId', '=', sid)]));
  }
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    selectStaff(base).orderBy('p.createdAt', 'desc').orderBy('p.id', 'desc').limit(page.limit).offset(page.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

export function findStaffSubmission(db: Kysely<DB>, townId: string, id: string) {
  return selectStaff(staffQuery(db, townId).where('p.id', '=', id)).executeTakeFirst();
}

/** Write a staff decision with the optimistic lock; false when the version moved on (409). */
export async function updateSubmission(
  db: Kysely<DB>,
  townId: string,
  id: string,
  version: number,
  patch: { status: PortalStatus; declineReason?: string; publicReply?: string; handledBy: string; handledAt: string; updatedAt: string },
  from: { statuses: readonly PortalStatus[]; unlinked?: boolean },
): Promise<boolean> {
  // The statuses the decision may start from are part of the condition, not only checked before: a
  // submission turned into a suggestion (linkSource) or decided by someone else meanwhile changes nothing.
  let q = db
    .updateTable('portalSubmission')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', from.statuses);
  if (from.unlinked) q = q.where('suggestionId', 'is', null);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
