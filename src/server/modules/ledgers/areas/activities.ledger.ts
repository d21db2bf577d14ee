import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { FINAL } from '../../activities/stats.repo.ts';
import { chinaDateOf } from '../../search/search.rules.ts';
import { type LedgerArea, type LedgerRange, num } from '../ledger.area.ts';
import { after, keyset } from '../ledger.keyset.ts';
import type { LedgerColumn } from '../ledger.writer.ts';

/*
 * 活动台账: the activities held in the period (started in it, ended by now, not cancelled — what the
 * attendance statistics count), one row each with the attendance counts; and 出席, one row per invitation
 * with the FINAL status of activities/stats.repo.ts (recorded, else on leave when the leave was approved,
 * else absent).
 */

const STATUS_LABEL: Record<string, string> = { present: '出席', late: '迟到', on_leave: '请假', absent: '缺席' };
const ORGANISER_TYPE: Record<string, string> = { town: '镇人大', station: '联络站', group: '代表小组' };

function held(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return db
    .selectFrom('activity')
    .where('activity.townId', '=', townId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.endAt', '<', r.now)
    .where('activity.startAt', '>=', r.fromIso)
    .where('activity.startAt', '<', r.toIsoExclusive);
}

const countOf = (status: string) => sql<number>`sum(case when (${FINAL}) = ${status} then 1 else 0 end)`;

type ActivityRow = {
  id: string;
  code: string;
  startAt: string;
  kindName: string;
  title: string;
  organiserType: string;
  stationName: string | null;
  groupName: string | null;
  place: string;
  invited: unknown;
  present: unknown;
  late: unknown;
  onLeave: unknown;
  absent: unknown;
};

function activityPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return (last: ActivityRow | null, size: number) => {
    let q = held(db, townId, r)
      .innerJoin('activityKind', 'activityKind.id', 'activity.kindId')
      .leftJoin('station', 'station.id', 'activity.stationId')
      .leftJoin('deputyGroup', 'deputyGroup.id', 'activity.groupId')
      .leftJoin('activityInvitation', (j) => j.onRef('activityInvitation.activityId', '=', 'activity.id').on('activityInvitation.townId', '=', townId));
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('activity.startAt'), value: last.startAt },
          { expr: sql.ref('activity.id'), value: last.id },
        ]),
      );
    return q
      .select((eb) => [
        'activity.id',
        'activity.code',
        'activity.startAt',
        'activityKind.name as kindName',
        'activity.title',
        'activity.organiserType',
        'station.name as stationName',
        'deputyGroup.name as groupName',
        'activity.place',
        eb.fn.count<number>('activityInvitation.id').as('invited'),
        countOf('present').as('present'),
        countOf('late').as('late'),
        countOf('on_leave').as('onLeave'),
        countOf('absent').as('absent'),
      ])
      .groupBy([
        'activity.id',
        'activity.code',
        'activity.startAt',
        'activityKind.name',
        'activity.title',
        'activity.organiserType',
        'station.name',
        'deputyGroup.name',
        'activity.place',
      ])
      .orderBy('activity.startAt')
      .orderBy('activity.id')
      .limit(size)
      .execute();
  };
}

type AttendanceRow = {
  invitationId: string;
  activityId: string;
  activityCode: string;
  startAt: string;
  deputyCode: string;
  deputyName: string;
  stationName: string | null;
  status: string | null;
};

function attendancePage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return (last: AttendanceRow | null, size: number) => {
    let q = held(db, townId, r)
      .innerJoin('activityInvitation', 'activityInvitation.activityId', 'activity.id')
      .innerJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
      .leftJoin('station', 'station.id', 'deputy.stationId')
      .where('activityInvitation.townId', '=', townId);
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('activity.startAt'), value: last.startAt },
          { expr: sql.ref('activity.id'), value: last.activityId },
          { expr: sql.ref('deputy.code'), value: last.deputyCode },
          { expr: sql.ref('activityInvitation.id'), value: last.invitationId },
        ]),
      );
    return q
      .select([
        'activityInvitation.id as invitationId',
        'activity.id as activityId',
        'activity.code as activityCode',
        'activity.startAt',
        'deputy.code as deputyCode',
        'deputy.name as deputyName',
        'station.name as stationName',
        FINAL.as('status'),
      ])
      .orderBy('activity.startAt')
      .orderBy('activity.id')
      .orderBy('deputy.code')
      .orderBy('activityInvitation.id')
      .limit(size)
      .execute();
  };
}

const ACTIVITY_COLUMNS: LedgerColumn<ActivityRow>[] = [
  { header: '编号', value: (a) => a.code },
  { header: '日期', kind: 'date', value: (a) => chinaDateOf(a.startAt) },
  { header: '类型', value: (a) => a.kindName },
  { header: '活动名称', value: (a) => a.title },
  { header: '组织者', value: (a) => a.stationName ?? a.groupName ?? ORGANISER_TYPE[a.organiserType] ?? a.organiserType },
  { header: '地点', value: (a) => a.place },
  { header: '应到', kind: 'number', value: (a) => num(a.invited) },
  { header: '出席', kind: 'number', value: (a) => num(a.present) },
  { header: '迟到', kind: 'number', value: (a) => num(a.late) },
  { header: '请假', kind: 'number', value: (a) => num(a.onLeave) },
  { header: '缺席', kind: 'number', value: (a) => num(a.absent) },
];

const ATTENDANCE_COLUMNS: LedgerColumn<AttendanceRow>[] = [
  { header: '活动编号', value: (x) => x.activityCode },
  { header: '代表编码', value: (x) => x.deputyCode },
  { header: '代表姓名', value: (x) => x.deputyName },
  { header: '联络站', value: (x) => x.stationName },
  { header: '出席情况', value: (x) => (x.status ? (STATUS_LABEL[x.status] ?? x.status) : '') },
];

export const activitiesLedger: LedgerArea = {
  area: 'activities',
  label: '履职活动及出席台账',
  sheetNames: ['活动', '出席'],
  async counts(db, townId, r) {
    const [a, i] = await Promise.all([
      held(db, townId, r)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      held(db, townId, r)
        .innerJoin('activityInvitation', 'activityInvitation.activityId', 'activity.id')
        .where('activityInvitation.townId', '=', townId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return [num(a.n), num(i.n)];
  },
  sheets(ctx, townId, r) {
    return [
      { name: '活动', columns: ACTIVITY_COLUMNS, batches: () => keyset(activityPage(ctx.db, townId, r)) },
      { name: '出席', columns: ATTENDANCE_COLUMNS, batches: () => keyset(attendancePage(ctx.db, townId, r)) },
    ];
  },
};
