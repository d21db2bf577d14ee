import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { FINAL } from '../activities/stats.repo.ts';

/*
 * Reads of the duty record and the monthly board. Every function takes the town. A deputy's record is
 * four reads whatever the year holds (the deputy, their groups, their presidium seats, their entries);
 * the board is one grouped aggregate plus one count.
 */

export function findDeputyInfo(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('deputy')
    .innerJoin('term', 'term.id', 'deputy.termId')
    .leftJoin('station', 'station.id', 'deputy.stationId')
    .select([
      'deputy.id',
      'deputy.code',
      'deputy.name',
      'deputy.status',
      'deputy.isTownLevel',
      'deputy.isCountyLevel',
      'deputy.stationId',
      'station.code as stationCode',
      'station.name as stationName',
      'term.number as termNumber',
    ])
    .where('deputy.townId', '=', townId)
    .where('deputy.id', '=', id)
    .executeTakeFirst();
}

export function groupsOfDeputy(db: Kysely<DB>, townId: string, deputyId: string) {
  return db
    .selectFrom('groupMember')
    .innerJoin('deputyGroup', 'deputyGroup.id', 'groupMember.groupId')
    .select(['deputyGroup.id', 'deputyGroup.code', 'deputyGroup.name', 'groupMember.role'])
    .where('groupMember.townId', '=', townId)
    .where('groupMember.deputyId', '=', deputyId)
    .orderBy('deputyGroup.code')
    .execute();
}

/** Presidium seats that overlap the China dates from..to, latest first. */
export function presidiumSeats(db: Kysely<DB>, townId: string, deputyId: string, from: string, to: string) {
  return db
    .selectFrom('presidiumMember')
    .innerJoin('term', 'term.id', 'presidiumMember.termId')
    .select(['presidiumMember.position', 'term.number as termNumber', 'presidiumMember.startDate', 'presidiumMember.endDate'])
    .where('presidiumMember.townId', '=', townId)
    .where('presidiumMember.deputyId', '=', deputyId)
    .where('presidiumMember.startDate', '<=', to)
    .where((eb) => eb.or([eb('presidiumMember.endDate', 'is', null), eb('presidiumMember.endDate', '>=', from)]))
    .orderBy('presidiumMember.startDate', 'desc')
    .execute();
}

/** The deputy's invitations to the town's activities that start in the range and were not cancelled. */
export function activityEntries(db: Kysely<DB>, townId: string, deputyId: string, r: { start: string; end: string }) {
  return db
    .selectFrom('activityInvitation')
    .innerJoin('activity', 'activity.id', 'activityInvitation.activityId')
    .innerJoin('activityKind', 'activityKind.id', 'activity.kindId')
    .select([
      'activity.id',
      'activity.code',
      'activity.title',
      'activity.startAt',
      'activity.endAt',
      'activity.place',
      'activityKind.name as kindName',
      'activityKind.countsAs',
      'activityInvitation.attendance',
      'activityInvitation.leaveStatus',
    ])
    .where('activityInvitation.townId', '=', townId)
    .where('activity.townId', '=', townId)
    .where('activityInvitation.deputyId', '=', deputyId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.startAt', '>=', r.start)
    .where('activity.startAt', '<', r.end)
    .orderBy('activity.startAt')
    .orderBy('activity.id')
    .execute();
}

export function stationOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function stationOfDeputy(db: Kysely<DB>, townId: string, deputyId: string) {
  return db.selectFrom('deputy').select('stationId').where('townId', '=', townId).where('id', '=', deputyId).executeTakeFirst();
}

export type BoardRange = { start: string; end: string; now: string };

/**
 * One row per deputy of the station (serving, or invited to something in the month): invitations to
 * the town's not-cancelled activities starting in the month, by final status (the SQL twin of
 * finalStatus, shared with the statistics), pending while an activity has not ended, and the trainings
 * attended.
 */
export function boardRows(db: Kysely<DB>, townId: string, stationId: string, r: BoardRange) {
  const ended = sql<boolean>`${sql.ref('activity.endAt')} < ${r.now}`;
  const sumWhen = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
  const final = (status: string) => sumWhen(sql`${ended} and (${FINAL}) = ${status}`);
  return db
    .selectFrom('deputy')
    .leftJoin('activityInvitation', (j) =>
      j
        .onRef('activityInvitation.deputyId', '=', 'deputy.id')
        .on('activityInvitation.townId', '=', townId)
        .on((eb) =>
          eb(
            'activityInvitation.activityId',
            'in',
            eb
              .selectFrom('activity')
              .select('activity.id')
              .where('activity.townId', '=', townId)
              .where('activity.status', '!=', 'cancelled')
              .where('activity.startAt', '>=', r.start)
              .where('activity.startAt', '<', r.end),
          ),
        ),
    )
    .leftJoin('activity', 'activity.id', 'activityInvitation.activityId')
    .leftJoin('activityKind', 'activityKind.id', 'activity.kindId')
    .select((eb) => [
      'deputy.id as deputyId',
      'deputy.code',
      'deputy.name',
      'deputy.status',
      eb.fn.count<number>('activityInvitation.id').as('invited'),
      sumWhen(sql`${sql.ref('activity.id')} is not null and not (${ended})`).as('pending'),
      final('present').as('present'),
      final('late').as('late'),
      final('on_leave').as('onLeave'),
      final('absent').as('absent'),
      sumWhen(sql`${ended} and (${FINAL}) in ('present', 'late') and ${sql.ref('activityKind.countsAs')} = 'training'`).as('trainings'),
    ])
    .where('deputy.townId', '=', townId)
    .where('deputy.stationId', '=', stationId)
    .groupBy(['deputy.id', 'deputy.code', 'deputy.name', 'deputy.status'])
    .having((eb) => eb.or([eb('deputy.status', '=', 'serving'), eb(eb.fn.count('activityInvitation.id'), '>', 0)]))
    .execute();
}

/** The activities of the month that the station's deputies were invited to. */
export async function boardActivityCount(db: Kysely<DB>, townId: string, stationId: string, r: BoardRange): Promise<number> {
  const row = await db
    .selectFrom('activity')
    .innerJoin('activityInvitation', 'activityInvitation.activityId', 'activity.id')
    .innerJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
    .select((eb) => eb.fn.count<number>('activity.id').distinct().as('n'))
    .where('activity.townId', '=', townId)
    .where('activityInvitation.townId', '=', townId)
    .where('deputy.stationId', '=', stationId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.startAt', '>=', r.start)
    .where('activity.startAt', '<', r.end)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
