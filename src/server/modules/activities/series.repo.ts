import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { ActivitySeriesTable, ActivityTable, DB } from '../../db/schema.ts';
import type { ActivityRow } from './activities.repo.ts';

export type SeriesRow = Selectable<ActivitySeriesTable>;

/** Rows per multi-row statement: ~25 columns an activity keeps both engines far below their parameter limits. */
const CHUNK = 200;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

export function findSeries(db: Kysely<DB>, townId: string, id: string): Promise<SeriesRow | undefined> {
  return db.selectFrom('activitySeries').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function seriesOccurrences(db: Kysely<DB>, townId: string, seriesId: string): Promise<ActivityRow[]> {
  return db.selectFrom('activity').selectAll().where('townId', '=', townId).where('seriesId', '=', seriesId).orderBy('startAt').execute();
}

export async function occurrenceCount(db: Kysely<DB>, townId: string, seriesId: string): Promise<number> {
  const r = await db
    .selectFrom('activity')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('townId', '=', townId)
    .where('seriesId', '=', seriesId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Occurrences something real hangs on, which a series edit must keep: someone has answered, asked
 * leave for, signed in to or been marked at it, or other records point at it (photos and files, linked
 * documents, a research topic, a presidium meeting). Deleting those would lose the records' link, or
 * fail on the meeting's foreign key. One UNION query per 200 occurrences.
 */
export async function engagedActivityIds(db: Kysely<DB>, townId: string, activityIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const ids of chunks(activityIds)) {
    const rows = await db
      .selectFrom('activityInvitation')
      .select('activityId')
      .where('townId', '=', townId)
      .where('activityId', 'in', ids)
      .where((eb) =>
        eb.or([eb('response', '=', 'accepted'), eb('leaveStatus', 'is not', null), eb('attendance', 'is not', null), eb('signedInAt', 'is not', null)]),
      )
      .union(db.selectFrom('activityFile').select('activityId').where('townId', '=', townId).where('activityId', 'in', ids))
      .union(db.selectFrom('researchTopicActivity').select('activityId').where('townId', '=', townId).where('activityId', 'in', ids))
      .union((eb) =>
        eb
          .selectFrom('document')
          .select((x) => x.ref('activityId').$notNull().as('activityId'))
          .where('townId', '=', townId)
          .where('activityId', 'in', ids),
      )
      .union((eb) =>
        eb
          .selectFrom('presidiumMeeting')
          .select((x) => x.ref('activityId').$notNull().as('activityId'))
          .where('townId', '=', townId)
          .where('activityId', 'in', ids),
      )
      .execute();
    for (const r of rows) out.add(r.activityId);
  }
  return out;
}

export async function insertActivities(db: Kysely<DB>, rows: Insertable<ActivityTable>[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('activity').values(part).execute();
}

/**
 * Rewrite occurrences from their series: the shared fields as they are, each occurrence's own times
 * through a CASE on its id, so a whole series is one statement per 200 occurrences.
 */
export async function rewriteOccurrences(
  db: Kysely<DB>,
  townId: string,
  times: { id: string; startAt: string; endAt: string }[],
  shared: Pick<ActivityRow, 'title' | 'kindId' | 'organiserType' | 'stationId' | 'groupId' | 'place' | 'content' | 'speakers' | 'updatedAt'>,
): Promise<void> {
  for (const part of chunks(times)) {
    const caseOf = (col: 'startAt' | 'endAt') => sql<string>`case ${sql.ref('id')} ${sql.join(part.map((p) => sql`when ${p.id} then ${p[col]}`), sql` `)} end`;
    await db
      .updateTable('activity')
      .set((eb) => ({ ...shared, startAt: caseOf('startAt'), endAt: caseOf('endAt'), version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', 'in', part.map((p) => p.id))
      .execute();
  }
}

export async function deleteActivities(db: Kysely<DB>, townId: string, ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    await db.deleteFrom('activityInvitation').where('townId', '=', townId).where('activityId', 'in', part).execute();
    await db.deleteFrom('activity').where('townId', '=', townId).where('id', 'in', part).execute();
  }
}

/** Cancel occurrences in one statement per 200: status, a new version each, and the time of the change. */
export async function cancelOccurrences(db: Kysely<DB>, townId: string, ids: string[], updatedAt: string): Promise<void> {
  for (const part of chunks(ids)) {
    await db
      .updateTable('activity')
      .set((eb) => ({ status: 'cancelled' as const, updatedAt, version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', 'in', part)
      .where('status', '=', 'planned')
      .execute();
  }
}
