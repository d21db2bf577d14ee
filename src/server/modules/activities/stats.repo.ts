import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/*
 * Attendance statistics in SQL: every figure is a grouped aggregate, whatever the number of activities
 * or deputies. The final status is the SQL twin of finalStatus() in activities.rules.ts — what was
 * recorded, else on leave when the leave was approved, else absent — and the API tests check the two
 * agree. Counted: activities of the town that started in the range, have ended, and were not cancelled.
 */

export const FINAL = sql<string | null>`case
  when ${sql.ref('activityInvitation.id')} is null then null
  when ${sql.ref('activityInvitation.attendance')} is not null then ${sql.ref('activityInvitation.attendance')}
  when ${sql.ref('activityInvitation.leaveStatus')} = 'approved' then 'on_leave'
  else 'absent' end`;

const countOf = (status: 'present' | 'late' | 'on_leave' | 'absent') => sql<number>`sum(case when (${FINAL}) = ${sql.lit(status)} then 1 else 0 end)`;

/** `stationId`: only the activities that station organised (a liaison's statistics, or an admin's filter). */
export type StatsRange = { start: string; end: string; now: string; stationId?: string };

function base(db: Kysely<DB>, townId: string, r: StatsRange) {
  const q = db
    .selectFrom('activity')
    .innerJoin('activityKind', 'activityKind.id', 'activity.kindId')
    .leftJoin('activityInvitation', (j) => j.onRef('activityInvitation.activityId', '=', 'activity.id').on('activityInvitation.townId', '=', townId))
    .leftJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
    .leftJoin('station', 'station.id', 'deputy.stationId')
    .where('activity.townId', '=', townId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.endAt', '<', r.now)
    .where('activity.startAt', '>=', r.start)
    .where('activity.startAt', '<', r.end)
    .select((eb) => [
      eb.fn.count<number>('activityInvitation.id').as('invited'),
      countOf('present').as('present'),
      countOf('late').as('late'),
      countOf('on_leave').as('onLeave'),
      countOf('absent').as('absent'),
    ]);
  return r.stationId ? q.where('activity.organiserType', '=', 'station').where('activity.stationId', '=', r.stationId) : q;
}

export type CountsRow = { invited: number; present: number; late: number; onLeave: number; absent: number };

/** Sums come back as text from PostgreSQL (bigint) and as numbers from SQLite; and null over no rows. */
export function countsOf(r: { invited: unknown; present: unknown; late: unknown; onLeave: unknown; absent: unknown }): CountsRow {
  return { invited: Number(r.invited ?? 0), present: Number(r.present ?? 0), late: Number(r.late ?? 0), onLeave: Number(r.onLeave ?? 0), absent: Number(r.absent ?? 0) };
}

export async function attendanceStats(db: Kysely<DB>, townId: string, r: StatsRange) {
  const [totals, byActivity, byDeputy, byStation, byKind] = await Promise.all([
    base(db, townId, r)
      .select((eb) => eb.fn.count<number>('activity.id').distinct().as('activities'))
      .executeTakeFirstOrThrow(),
    base(db, townId, r)
      .select(['activity.id as activityId', 'activity.title', 'activity.startAt', 'activity.kindId', 'activityKind.name as kindName', 'activityKind.countsAs'])
      .groupBy(['activity.id', 'activity.title', 'activity.startAt', 'activity.kindId', 'activityKind.name', 'activityKind.countsAs'])
      .orderBy('activity.startAt')
      .orderBy('activity.id')
      .execute(),
    base(db, townId, r)
      .select(['deputy.id as deputyId', 'deputy.code', 'deputy.name', 'deputy.stationId', 'station.name as stationName'])
      .where('activityInvitation.id', 'is not', null)
      .groupBy(['deputy.id', 'deputy.code', 'deputy.name', 'deputy.stationId', 'station.name'])
      .orderBy('deputy.code')
      .execute(),
    base(db, townId, r)
      .select(['deputy.stationId', 'station.name as stationName'])
      .where('activityInvitation.id', 'is not', null)
      .groupBy(['deputy.stationId', 'station.name'])
      .orderBy('station.name')
      .execute(),
    base(db, townId, r)
      .select((eb) => ['activityKind.id as kindId', 'activityKind.name as kindName', 'activityKind.countsAs', 'activityKind.sortOrder', eb.fn.count<number>('activity.id').distinct().as('activities')])
      .groupBy(['activityKind.id', 'activityKind.name', 'activityKind.countsAs', 'activityKind.sortOrder'])
      .orderBy('activityKind.sortOrder')
      .orderBy('activityKind.name')
      .execute(),
  ]);
  return { totals, byActivity, byDeputy, byStation, byKind };
}
