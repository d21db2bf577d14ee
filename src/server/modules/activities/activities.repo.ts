import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ActivityInvitationTable, ActivityStatus, ActivityTable, DB, OrganiserType } from '../../db/schema.ts';

export type ActivityRow = Selectable<ActivityTable>;
export type InvitationRow = Selectable<ActivityInvitationTable>;
/** An activity with the names a reader needs: its kind and its organiser. */
export type ActivityView = ActivityRow & { kindName: string; countsAs: Selectable<DB['activityKind']>['countsAs']; organiserName: string };

/** Every query takes the town: no activity is read across towns. */
export function findActivity(db: Kysely<DB>, townId: string, id: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activity').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

function viewBase(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('activity')
    .innerJoin('activityKind', 'activityKind.id', 'activity.kindId')
    .innerJoin('town', 'town.id', 'activity.townId')
    .leftJoin('station', 'station.id', 'activity.stationId')
    .leftJoin('deputyGroup', 'deputyGroup.id', 'activity.groupId')
    .where('activity.townId', '=', townId);
}

type ViewSelect = ActivityRow & { kindName: string; countsAs: ActivityView['countsAs']; townName: string; stationName: string | null; groupName: string | null };

function toView(r: ViewSelect): ActivityView {
  const { townName, stationName, groupName, ...rest } = r;
  const organiserName = r.organiserType === 'station' ? stationName : r.organiserType === 'group' ? groupName : townName;
  return { ...rest, organiserName: organiserName ?? '' };
}

const VIEW_COLUMNS = ['activityKind.name as kindName', 'activityKind.countsAs', 'town.name as townName', 'station.name as stationName', 'deputyGroup.name as groupName'] as const;

export async function findActivityView(db: Kysely<DB>, townId: string, id: string): Promise<ActivityView | undefined> {
  const r = await viewBase(db, townId).selectAll('activity').select(VIEW_COLUMNS).where('activity.id', '=', id).executeTakeFirst();
  return r ? toView(r) : undefined;
}

export type ActivityFilter = {
  /** Half-open UTC range: activities overlapping it (a calendar shows a two-day inspection on both days). */
  range?: { start: string; end: string };
  kindId?: string;
  organiserType?: OrganiserType;
  organiserId?: string;
  status?: ActivityStatus;
  seriesId?: string;
  /** Only the activities this deputy is invited to. */
  deputyId?: string;
  limit: number;
  offset: number;
};

export async function listActivityViews(db: Kysely<DB>, townId: string, f: ActivityFilter): Promise<{ rows: ActivityView[]; total: number }> {
  let base = viewBase(db, townId);
  if (f.range) base = base.where('activity.endAt', '>', f.range.start).where('activity.startAt', '<', f.range.end);
  if (f.kindId) base = base.where('activity.kindId', '=', f.kindId);
  if (f.organiserType) base = base.where('activity.organiserType', '=', f.organiserType);
  if (f.organiserId) {
    const id = f.organiserId;
    if (f.organiserType === 'station') base = base.where('activity.stationId', '=', id);
    else if (f.organiserType === 'group') base = base.where('activity.groupId', '=', id);
    else base = base.where((eb) => eb.or([eb('activity.stationId', '=', id), eb('activity.groupId', '=', id)]));
  }
  if (f.status) base = base.where('activity.status', '=', f.status);
  if (f.seriesId) base = base.where('activity.seriesId', '=', f.seriesId);
  if (f.deputyId) {
    const deputyId = f.deputyId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activityInvitation')
          .select('activityInvitation.id')
          .whereRef('activityInvitation.activityId', '=', 'activity.id')
          .where('activityInvitation.townId', '=', townId)
          .where('activityInvitation.deputyId', '=', deputyId),
      ),
    );
  }
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll('activity').select(VIEW_COLUMNS).orderBy('activity.startAt').orderBy('activity.id').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows: rows.map(toView), total: Number(c.n) };
}

/** Invited deputies per activity, one grouped query for a whole page. */
export async function invitedCounts(db: Kysely<DB>, townId: string, activityIds: string[]): Promise<Map<string, number>> {
  if (!activityIds.length) return new Map();
  const rows = await db
    .selectFrom('activityInvitation')
    .select(['activityId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('activityId', 'in', activityIds)
    .groupBy('activityId')
    .execute();
  return new Map(rows.map((r) => [r.activityId, Number(r.n)]));
}

/** The invitations of one activity, everything the counts of its detail are made from, in one read. */
export function invitationStates(db: Kysely<DB>, townId: string, activityId: string) {
  return db
    .selectFrom('activityInvitation')
    .select(['response', 'leaveStatus', 'attendance', 'signedInAt'])
    .where('townId', '=', townId)
    .where('activityId', '=', activityId)
    .execute();
}

export function findInvitation(db: Kysely<DB>, townId: string, activityId: string, deputyId: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('activityInvitation')
    .selectAll()
    .where('townId', '=', townId)
    .where('activityId', '=', activityId)
    .where('deputyId', '=', deputyId)
    .executeTakeFirst();
}

/** The caller's own invitations to the given activities. */
export async function invitationsOf(db: Kysely<DB>, townId: string, deputyId: string, activityIds: string[]): Promise<Map<string, InvitationRow>> {
  if (!activityIds.length) return new Map();
  const rows = await db
    .selectFrom('activityInvitation')
    .selectAll()
    .where('townId', '=', townId)
    .where('deputyId', '=', deputyId)
    .where('activityId', 'in', activityIds)
    .execute();
  return new Map(rows.map((r) => [r.activityId, r]));
}

function invitationViewBase(db: Kysely<DB>, townId: string, activityId: string) {
  return db
    .selectFrom('activityInvitation')
    .innerJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
    .leftJoin('station', 'station.id', 'deputy.stationId')
    .where('activityInvitation.townId', '=', townId)
    .where('deputy.townId', '=', townId)
    .where('activityInvitation.activityId', '=', activityId);
}

const INVITATION_VIEW_COLUMNS = ['deputy.code as deputyCode', 'deputy.name as deputyName', 'deputy.stationId', 'station.name as stationName'] as const;

export async function listInvitations(db: Kysely<DB>, townId: string, activityId: string, limit: number, offset: number) {
  const base = invitationViewBase(db, townId, activityId);
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll('activityInvitation').select(INVITATION_VIEW_COLUMNS).orderBy('deputy.code').limit(limit).offset(offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

export function findInvitationView(db: Kysely<DB>, townId: string, activityId: string, deputyId: string) {
  return invitationViewBase(db, townId, activityId)
    .selectAll('activityInvitation')
    .select(INVITATION_VIEW_COLUMNS)
    .where('activityInvitation.deputyId', '=', deputyId)
    .executeTakeFirst();
}

export type InvitationView = NonNullable<Awaited<ReturnType<typeof findInvitationView>>>;

/**
 * Update one invitation only if it is still in the state the caller read (the leave status, or that
 * nothing was recorded yet): two approvers deciding at once cannot both win. Returns whether it changed.
 */
export async function updateInvitationIf(
  db: Kysely<DB>,
  townId: string,
  id: string,
  expectLeave: InvitationRow['leaveStatus'] | undefined,
  patch: Partial<Omit<InvitationRow, 'id' | 'townId' | 'activityId' | 'deputyId'>>,
): Promise<boolean> {
  let q = db.updateTable('activityInvitation').set(patch).where('townId', '=', townId).where('id', '=', id);
  if (expectLeave !== undefined) q = expectLeave === null ? q.where('leaveStatus', 'is', null) : q.where('leaveStatus', '=', expectLeave);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Insert invitations, skipping those that exist (also when another request added them a moment ago). */
export async function insertInvitations(db: Kysely<DB>, rows: Insertable<ActivityInvitationTable>[]): Promise<number> {
  let n = 0;
  // 8 columns a row: 500 rows stay far below either engine's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db
      .insertInto('activityInvitation')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** The invitations of one activity for the given deputies, keyed by deputy. */
export async function invitationsFor(db: Kysely<DB>, townId: string, activityId: string, deputyIds: string[]): Promise<Map<string, InvitationRow & { deputyName: string }>> {
  if (!deputyIds.length) return new Map();
  const rows = await db
    .selectFrom('activityInvitation')
    .innerJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
    .selectAll('activityInvitation')
    .select('deputy.name as deputyName')
    .where('activityInvitation.townId', '=', townId)
    .where('activityInvitation.activityId', '=', activityId)
    .where('activityInvitation.deputyId', 'in', deputyIds)
    .execute();
  return new Map(rows.map((r) => [r.deputyId, r]));
}

/** Mark many invitations with one status in one statement. */
export async function markAttendance(db: Kysely<DB>, townId: string, ids: string[], attendance: InvitationRow['attendance'], at: string): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('activityInvitation')
    .set({ attendance, attendanceBy: attendance ? 'staff' : null, attendanceAt: attendance ? at : null })
    .where('townId', '=', townId)
    .where('id', 'in', ids)
    .execute();
}

/** Record a deputy's own sign-in once: a second tap (or two at once) changes nothing. */
export async function recordSignIn(db: Kysely<DB>, townId: string, id: string, patch: Pick<InvitationRow, 'signedInAt' | 'attendance' | 'attendanceBy' | 'attendanceAt'>): Promise<boolean> {
  const res = await db.updateTable('activityInvitation').set(patch).where('townId', '=', townId).where('id', '=', id).where('signedInAt', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function invitedDeputyIds(db: Kysely<DB>, townId: string, activityId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('activityInvitation').select('deputyId').where('townId', '=', townId).where('activityId', '=', activityId).execute();
  return new Set(rows.map((r) => r.deputyId));
}

/** Codes of the town's activities that have not ended and are not cancelled: a new code must differ from these. */
export async function codesInUse(db: Kysely<DB>, townId: string, nowIso: string, exceptId?: string): Promise<Set<string>> {
  let q = db.selectFrom('activity').select('signInCode').where('townId', '=', townId).where('endAt', '>=', nowIso).where('status', '!=', 'cancelled');
  if (exceptId) q = q.where('id', '!=', exceptId);
  const rows = await q.execute();
  return new Set(rows.map((r) => r.signInCode));
}

/** Every not-cancelled activity of the town with this code, and whether this deputy is invited to it. */
export function signInCandidates(db: Kysely<DB>, townId: string, code: string, deputyId: string) {
  return db
    .selectFrom('activity')
    .leftJoin('activityInvitation', (j) =>
      j
        .onRef('activityInvitation.activityId', '=', 'activity.id')
        .on('activityInvitation.deputyId', '=', deputyId)
        .on('activityInvitation.townId', '=', townId),
    )
    .select(['activity.id', 'activity.title', 'activity.startAt', 'activity.endAt', 'activityInvitation.id as invitationId'])
    .where('activity.townId', '=', townId)
    .where('activity.signInCode', '=', code)
    .where('activity.status', '!=', 'cancelled')
    .execute();
}

export function stationOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function groupOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('deputyGroup').select(['id', 'name', 'stationId']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

// Choosing deputies is shared with documents' recipients; the activity names stay for its callers.
export { deputiesIn, groupsIn, stationsIn } from '../roster/deputy-selection.ts';
export { type DeputySelection as InviteSpec, resolveDeputySelection as resolveInvitees } from '../roster/deputy-selection.ts';

export type LeaveFilter = { status?: InvitationRow['leaveStatus']; liaisonStationId?: string; limit: number; offset: number };

/**
 * Leave requests of the town, newest first. For a liaison only those they may decide: activities of
 * their station, or deputies of their station.
 */
export async function listLeave(db: Kysely<DB>, townId: string, f: LeaveFilter) {
  let base = db
    .selectFrom('activityInvitation')
    .innerJoin('activity', 'activity.id', 'activityInvitation.activityId')
    .innerJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
    .leftJoin('station', 'station.id', 'deputy.stationId')
    .where('activityInvitation.townId', '=', townId)
    .where('activity.townId', '=', townId)
    .where('activityInvitation.leaveStatus', 'is not', null);
  if (f.status) base = base.where('activityInvitation.leaveStatus', '=', f.status);
  if (f.liaisonStationId) {
    const s = f.liaisonStationId;
    base = base.where((eb) => eb.or([eb.and([eb('activity.organiserType', '=', 'station'), eb('activity.stationId', '=', s)]), eb('deputy.stationId', '=', s)]));
  }
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'activityInvitation.id as invitationId',
        'activity.id as activityId',
        'activity.title as activityTitle',
        'activity.startAt',
        'activity.endAt',
        'deputy.id as deputyId',
        'deputy.name as deputyName',
        'station.name as stationName',
        'activityInvitation.leaveStatus',
        'activityInvitation.leaveReason',
        'activityInvitation.leaveRequestedAt',
        'activityInvitation.leaveNote',
      ])
      .orderBy('activityInvitation.leaveRequestedAt', 'desc')
      .orderBy('activityInvitation.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { rows, total: Number(c.n) };
}
