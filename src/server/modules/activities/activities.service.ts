import { randomInt } from 'node:crypto';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, OrganiserType } from '../../db/schema.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  type ActivityRow,
  type ActivityView,
  type InvitationRow,
  codesInUse,
  findActivity,
  findActivityView,
  groupOfTown,
  invitationStates,
  invitationsOf,
  invitedCounts,
  listActivityViews,
  stationOfTown,
} from './activities.repo.ts';
import {
  attendanceRate,
  canManageActivity,
  chinaDateRange,
  finalStatus,
  nextActivityStatus,
  newSignInCodes,
  signInWindow,
  tally,
  toUtcIso,
} from './activities.rules.ts';
import type { ActivityInput, ActivityQuery, ActivityUpdate, MineQuery } from './activities.schemas.ts';
import { nextActivityCodes } from './codes.repo.ts';
import { usableKind } from './kinds.service.ts';

// ---- Shared by the activity use cases ----

export function parseSpeakers(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const ended = (a: { endAt: string }, now: Date) => Date.parse(a.endAt) < now.getTime();

/** A deputy's view of their own invitation; the final status only exists once the activity is over. */
export function presentMyInvitation(inv: InvitationRow, a: Pick<ActivityRow, 'endAt' | 'status'>, now: Date) {
  return {
    response: inv.response,
    leaveStatus: inv.leaveStatus,
    leaveReason: inv.leaveReason,
    leaveNote: inv.leaveNote,
    attendance: inv.attendance,
    signedInAt: inv.signedInAt,
    finalStatus: a.status !== 'cancelled' && ended(a, now) ? finalStatus(inv) : null,
  };
}

export function presentSummary(a: ActivityView, invited: number) {
  return {
    id: a.id,
    code: a.code,
    title: a.title,
    kindId: a.kindId,
    kindName: a.kindName,
    countsAs: a.countsAs,
    organiserType: a.organiserType,
    organiserId: a.organiserType === 'station' ? a.stationId : a.organiserType === 'group' ? a.groupId : null,
    organiserName: a.organiserName,
    startAt: a.startAt,
    endAt: a.endAt,
    place: a.place,
    status: a.status,
    seriesId: a.seriesId,
    seriesDate: a.seriesDate,
    moved: a.moved === 1,
    detached: a.detached === 1,
    invitedCount: invited,
  };
}

/** What the audit log keeps of an activity: names rather than ids, so the entry reads on its own. */
export function auditView(a: ActivityRow, names: { kindName: string; organiserName: string }) {
  return {
    title: a.title,
    kind: names.kindName,
    organiser: names.organiserName,
    startAt: a.startAt,
    endAt: a.endAt,
    place: a.place,
    content: a.content,
    speakers: parseSpeakers(a.speakers).join('、'),
    outcomes: a.outcomes,
    status: a.status,
  };
}

/** The deputy behind a deputy account; an account not linked to a deputy can do nothing here. */
export function deputyOf(ctx: Ctx): string {
  const id = ctx.principal.deputyId;
  if (!id) throw new ForbiddenError('当前账号未关联代表');
  return id;
}

export function assertManage(ctx: Ctx, a: { organiserType: OrganiserType; stationId: string | null }): void {
  if (!canManageActivity(ctx.principal, a)) throw new ForbiddenError('联络员只能管理本联络站组织的活动');
}

/** An activity of this town that the caller manages: 404 for another town's, 403 for another station's. */
export async function managedActivity(ctx: Ctx, db: Kysely<DB>, townId: string, id: string): Promise<ActivityRow> {
  const a = await findActivity(db, townId, id);
  if (!a) throw new NotFoundError('活动');
  assertManage(ctx, a);
  return a;
}

export type Organiser = { organiserType: OrganiserType; stationId: string | null; groupId: string | null; organiserName: string };

/** The organiser named by type and id: a station or group of this town, or the town itself (no id). */
export async function resolveOrganiser(db: Kysely<DB>, townId: string, type: OrganiserType, id: string | null | undefined): Promise<Organiser> {
  if (type === 'town') {
    if (id) throw ValidationError.field('body.organiserId', '组织方为本镇时不填组织方');
    const town = await db.selectFrom('town').select('name').where('id', '=', townId).executeTakeFirstOrThrow();
    return { organiserType: 'town', stationId: null, groupId: null, organiserName: town.name };
  }
  if (!id) throw ValidationError.field('body.organiserId', type === 'station' ? '请选择组织活动的联络站' : '请选择组织活动的代表小组');
  if (type === 'station') {
    const s = await stationOfTown(db, townId, id);
    if (!s) throw ValidationError.field('body.organiserId', '联络站不存在或不属于本镇');
    return { organiserType: 'station', stationId: s.id, groupId: null, organiserName: s.name };
  }
  const g = await groupOfTown(db, townId, id);
  if (!g) throw ValidationError.field('body.organiserId', '代表小组不存在或不属于本镇');
  return { organiserType: 'group', stationId: null, groupId: g.id, organiserName: g.name };
}

/**
 * The organiser after a PATCH that names a type, an id or both. A new type without an id starts with
 * none (the town needs none; a station or group then answers 400 asking for one); an id alone keeps the type.
 */
export function changedOrganiser(
  db: Kysely<DB>,
  townId: string,
  current: Organiser,
  input: { organiserType?: OrganiserType; organiserId?: string | null },
): Promise<Organiser> {
  const type = input.organiserType ?? current.organiserType;
  const keptId = type === current.organiserType ? (current.stationId ?? current.groupId) : null;
  return resolveOrganiser(db, townId, type, input.organiserId === undefined ? keptId : input.organiserId);
}

export function assertTimes(startAt: string, endAt: string, field = 'body.endAt'): void {
  if (Date.parse(endAt) <= Date.parse(startAt)) throw ValidationError.field(field, '结束时间应晚于开始时间');
}

/** `n` sign-in codes free among the town's current activities. */
export async function freshCodes(db: Kysely<DB>, townId: string, n: number, now: Date, exceptId?: string): Promise<string[]> {
  const inUse = await codesInUse(db, townId, now.toISOString(), exceptId);
  return newSignInCodes(n, inUse, randomInt);
}

// ---- Reads ----

export async function listActivitiesUseCase(ctx: Ctx, q: z.infer<typeof ActivityQuery>) {
  const townId = townOf(ctx);
  if (q.from && q.to && q.to < q.from) throw ValidationError.field('querystring.to', '结束日期不能早于开始日期');
  const range = q.from || q.to ? chinaDateRange(q.from ?? '1900-01-01', q.to ?? '2100-12-31') : undefined;
  const { rows, total } = await listActivityViews(ctx.db, townId, {
    range,
    kindId: q.kindId,
    organiserType: q.organiserType,
    organiserId: q.organiserId,
    status: q.status,
    seriesId: q.seriesId,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const counts = await invitedCounts(
    ctx.db,
    townId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentSummary(r, counts.get(r.id) ?? 0)), total, page: q.page, pageSize: q.pageSize };
}

/** The activities the calling deputy is invited to, with their own invitation. */
export async function listMine(ctx: Ctx, q: z.infer<typeof MineQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const deputyId = deputyOf(ctx);
  if (q.from && q.to && q.to < q.from) throw ValidationError.field('querystring.to', '结束日期不能早于开始日期');
  const range = q.from || q.to ? chinaDateRange(q.from ?? '1900-01-01', q.to ?? '2100-12-31') : undefined;
  const { rows, total } = await listActivityViews(ctx.db, townId, {
    range,
    status: q.status,
    deputyId,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const ids = rows.map((r) => r.id);
  const [counts, mine] = await Promise.all([invitedCounts(ctx.db, townId, ids), invitationsOf(ctx.db, townId, deputyId, ids)]);
  const items = rows.flatMap((r) => {
    const inv = mine.get(r.id);
    return inv ? [{ ...presentSummary(r, counts.get(r.id) ?? 0), myInvitation: presentMyInvitation(inv, r, now) }] : [];
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/**
 * One activity. Staff of the town read any (with the sign-in code); a deputy only one they are
 * invited to — any other answers 404 as if it did not exist.
 */
export async function getActivity(ctx: Ctx, id: string, now = new Date()) {
  const townId = townOf(ctx);
  const a = await findActivityView(ctx.db, townId, id);
  if (!a) throw new NotFoundError('活动');
  let mine = null;
  if (ctx.principal.role === 'deputy') {
    const inv = (await invitationsOf(ctx.db, townId, deputyOf(ctx), [id])).get(id);
    if (!inv) throw new NotFoundError('活动');
    mine = presentMyInvitation(inv, a, now);
  }
  const states = await invitationStates(ctx.db, townId, id);
  const over = a.status !== 'cancelled' && ended(a, now);
  const final = over ? tally(states.map(finalStatus)) : null;
  return {
    ...presentSummary(a, states.length),
    content: a.content,
    speakers: parseSpeakers(a.speakers),
    outcomes: a.outcomes,
    seriesDate: a.seriesDate,
    detached: a.detached === 1,
    signInCode: ctx.principal.role === 'deputy' ? null : a.signInCode,
    signInOpensAt: signInWindow(a).opensAt,
    counts: {
      invited: states.length,
      accepted: states.filter((s) => s.response === 'accepted').length,
      leavePending: states.filter((s) => s.leaveStatus === 'requested').length,
      leaveApproved: states.filter((s) => s.leaveStatus === 'approved').length,
      signedIn: states.filter((s) => s.signedInAt !== null).length,
      final: final ? { ...final, rate: attendanceRate(final) } : null,
    },
    myInvitation: mine,
    version: a.version,
  };
}

// ---- Writes ----

export async function createActivity(ctx: Ctx, input: z.infer<typeof ActivityInput>, now = new Date()) {
  const townId = townOf(ctx);
  const startAt = toUtcIso(input.startAt);
  const endAt = toUtcIso(input.endAt);
  assertTimes(startAt, endAt);
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const kind = await usableKind(trx, townId, input.kindId);
      const org = await resolveOrganiser(trx, townId, input.organiserType, input.organiserId);
      assertManage(ctx, org);
      const status = nextActivityStatus('planned', input.status ?? 'planned', { startAt }, now);
      const [code] = await freshCodes(trx, townId, 1, now);
      const [key] = await nextActivityCodes(trx, townId, 1);
      const ts = now.toISOString();
      const row: ActivityRow = {
        id: newId(),
        townId,
        code: key,
        seriesId: null,
        seriesDate: null,
        title: input.title,
        kindId: kind.id,
        organiserType: org.organiserType,
        stationId: org.stationId,
        groupId: org.groupId,
        startAt,
        endAt,
        place: input.place ?? '',
        content: input.content ?? '',
        speakers: JSON.stringify(input.speakers ?? []),
        outcomes: input.outcomes ?? '',
        status,
        moved: 0,
        detached: 0,
        signInCode: code,
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('activity').values(row).execute();
      await recordAudit(trx, ctx, {
        entity: 'activity',
        entityId: row.id,
        action: 'create',
        summary: `新增活动 ${row.title}`,
        after: auditView(row, { kindName: kind.name, organiserName: org.organiserName }),
      });
      return row.id;
    }),
  );
  return getActivity(ctx, id, now);
}

export async function updateActivity(ctx: Ctx, id: string, input: z.infer<typeof ActivityUpdate>, now = new Date()) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const view = await findActivityView(trx, townId, id);
    if (!view) throw new NotFoundError('活动');
    const { kindName: beforeKind, organiserName: beforeOrg, countsAs: _c, ...before } = view;
    assertManage(ctx, before);
    assertVersion(before, input.version);

    const current = { organiserType: before.organiserType, stationId: before.stationId, groupId: before.groupId, organiserName: beforeOrg };
    const orgChanged = input.organiserType !== undefined || input.organiserId !== undefined;
    const org = orgChanged ? await changedOrganiser(trx, townId, current, input) : current;
    // A liaison may neither take another station's activity nor hand theirs to someone else.
    assertManage(ctx, org);
    const kind = input.kindId && input.kindId !== before.kindId ? await usableKind(trx, townId, input.kindId) : { id: before.kindId, name: beforeKind };
    const startAt = input.startAt ? toUtcIso(input.startAt) : before.startAt;
    const endAt = input.endAt ? toUtcIso(input.endAt) : before.endAt;
    assertTimes(startAt, endAt);
    const status = input.status ? nextActivityStatus(before.status, input.status, { startAt }, now) : before.status;
    const timesChanged = startAt !== before.startAt || endAt !== before.endAt;

    const after: ActivityRow = {
      ...before,
      title: input.title ?? before.title,
      kindId: kind.id,
      organiserType: org.organiserType,
      stationId: org.stationId,
      groupId: org.groupId,
      startAt,
      endAt,
      place: input.place ?? before.place,
      content: input.content ?? before.content,
      speakers: input.speakers ? JSON.stringify(input.speakers) : before.speakers,
      outcomes: input.outcomes ?? before.outcomes,
      status,
      version: before.version + 1,
      updatedAt: now.toISOString(),
    };
    const names = { kindName: kind.name, organiserName: org.organiserName };
    const changed = JSON.stringify(auditView(before, { kindName: beforeKind, organiserName: beforeOrg })) !== JSON.stringify(auditView(after, names));
    // An occurrence edited on its own is the town's decision for that day: the series leaves it be.
    if (before.seriesId && changed) after.detached = 1;
    if (before.seriesId && timesChanged) after.moved = 1;
    // Back in the future (moved, or no longer cancelled): its code must not be one a current activity shows.
    if ((timesChanged || status !== before.status) && status !== 'cancelled' && !ended(after, now)) {
      const inUse = await codesInUse(trx, townId, now.toISOString(), id);
      if (inUse.has(after.signInCode)) [after.signInCode] = await freshCodes(trx, townId, 1, now, id);
    }
    const { id: _id, townId: _t, version: _v, createdAt: _ca, createdBy: _cb, ...patch } = after;
    await updateVersioned(trx, 'activity', { townId }, id, input.version, patch);
    const action = status !== before.status ? (status === 'cancelled' ? 'cancel' : status === 'held' ? 'hold' : 'update') : timesChanged ? 'move' : 'update';
    await recordAudit(trx, ctx, {
      entity: 'activity',
      entityId: id,
      action,
      summary: `${{ cancel: '取消', hold: '举行', move: '调整时间', update: '修改' }[action]}活动 ${after.title}`,
      before: auditView(before, { kindName: beforeKind, organiserName: beforeOrg }),
      after: auditView(after, names),
    });
  });
  return getActivity(ctx, id, now);
}
