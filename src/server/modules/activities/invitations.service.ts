import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { checkDeputySelection } from '../roster/deputy-selection.ts';
import {
  type InvitationView,
  type InviteSpec,
  deputiesIn,
  findActivity,
  findInvitation,
  findInvitationView,
  insertInvitations,
  invitedDeputyIds,
  listInvitations,
  listLeave,
  resolveInvitees,
  updateInvitationIf,
} from './activities.repo.ts';
import { LEAVE_LABEL, type LeaveAction, assertCanAccept, canDecideLeave, finalStatus, nextLeaveStatus } from './activities.rules.ts';
import type { InviteSelector, LeaveDecisionInput, LeaveQuery, LeaveRequestInput } from './activities.schemas.ts';
import { deputyOf, managedActivity, presentMyInvitation } from './activities.service.ts';

const STALE = '该邀请已被他人处理，请刷新后再试';
const ended = (a: { endAt: string }, now: Date) => Date.parse(a.endAt) < now.getTime();

/** The invitation selector checked against the town (the shared deputy selection, worded for inviting). */
export function checkSelector(db: Kysely<DB>, townId: string, sel: z.infer<typeof InviteSelector>, prefix = 'body'): Promise<InviteSpec> {
  return checkDeputySelection(db, townId, sel, { prefix, emptyMessage: '请选择要邀请的联络站、代表小组、代表层级或代表' });
}

/** Invite the selected deputies to the given activities, skipping those already invited. Returns the rows added. */
export async function inviteTo(
  trx: Kysely<DB>,
  ctx: Ctx,
  townId: string,
  activityIds: string[],
  invitees: { id: string }[],
  now: Date,
): Promise<number> {
  const ts = now.toISOString();
  const rows = activityIds.flatMap((activityId) =>
    invitees.map((d) => ({ id: newId(), townId, activityId, deputyId: d.id, invitedBy: ctx.principal.userId, invitedAt: ts })),
  );
  return insertInvitations(trx, rows);
}

export async function inviteDeputies(ctx: Ctx, id: string, sel: z.infer<typeof InviteSelector>, now = new Date()) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await managedActivity(ctx, trx, townId, id);
    if (a.status === 'cancelled') throw new ConflictError('活动已取消，不能邀请代表');
    const spec = await checkSelector(trx, townId, sel);
    const [invitees, already] = await Promise.all([resolveInvitees(trx, townId, spec), invitedDeputyIds(trx, townId, id)]);
    const fresh = invitees.filter((d) => !already.has(d.id));
    const added = await inviteTo(trx, ctx, townId, [id], fresh, now);
    if (added > 0) {
      await recordAudit(trx, ctx, {
        entity: 'activity',
        entityId: id,
        action: 'invite',
        summary: `邀请 ${added} 位代表参加活动 ${a.title}`,
        after: { invited: fresh.map((d) => d.name).join('、') },
      });
    }
    return { added, alreadyInvited: invitees.length - fresh.length, invitedCount: already.size + added };
  });
}

export async function uninviteDeputy(ctx: Ctx, id: string, deputyId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const a = await managedActivity(ctx, trx, townId, id);
    const inv = await findInvitation(trx, townId, id, deputyId);
    if (!inv) throw new NotFoundError('邀请');
    // Attendance is a record of what happened; it is corrected on the checklist, not erased.
    if (inv.attendance || inv.signedInAt) throw new ConflictError('该代表已有签到记录，不能取消邀请');
    const [d] = await deputiesIn(trx, townId, [deputyId]);
    await trx.deleteFrom('activityInvitation').where('townId', '=', townId).where('id', '=', inv.id).execute();
    await recordAudit(trx, ctx, {
      entity: 'activity',
      entityId: id,
      action: 'uninvite',
      summary: `取消邀请 ${d?.name ?? deputyId} 参加活动 ${a.title}`,
      before: { invited: d?.name ?? deputyId },
    });
  });
  return { ok: true as const };
}

export function presentInvitation(r: InvitationView, activityOver: boolean) {
  return {
    id: r.id,
    deputyId: r.deputyId,
    deputyCode: r.deputyCode,
    deputyName: r.deputyName,
    stationId: r.stationId,
    stationName: r.stationName,
    response: r.response,
    respondedAt: r.respondedAt,
    leaveStatus: r.leaveStatus,
    leaveReason: r.leaveReason,
    leaveRequestedAt: r.leaveRequestedAt,
    leaveNote: r.leaveNote,
    leaveDecidedAt: r.leaveDecidedAt,
    attendance: r.attendance,
    attendanceBy: r.attendanceBy,
    signedInAt: r.signedInAt,
    finalStatus: activityOver ? finalStatus(r) : null,
  };
}

export async function listInvitationsUseCase(ctx: Ctx, id: string, q: { page: number; pageSize: number }, now = new Date()) {
  const townId = townOf(ctx);
  const a = await managedActivity(ctx, ctx.db, townId, id);
  const over = a.status !== 'cancelled' && ended(a, now);
  const { rows, total } = await listInvitations(ctx.db, townId, id, q.pageSize, (q.page - 1) * q.pageSize);
  const items = rows.map((r) => presentInvitation(r, over));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The caller's own invitation to a current (not cancelled, not ended) activity of their town. */
async function ownOpenInvitation(ctx: Ctx, trx: Kysely<DB>, townId: string, id: string, now: Date, verb: string) {
  const deputyId = deputyOf(ctx);
  const a = await findActivity(trx, townId, id);
  const inv = a ? await findInvitation(trx, townId, id, deputyId) : undefined;
  // Not invited reads as not there: a deputy sees only the activities they are invited to.
  if (!a || !inv) throw new NotFoundError('活动');
  if (a.status === 'cancelled') throw new ConflictError(`活动已取消，不能${verb}`);
  if (ended(a, now)) throw new ConflictError(`活动已结束，不能${verb}`);
  return { a, inv };
}

const leaveView = (leaveStatus: string | null, extra: Record<string, unknown> = {}) => ({
  leave: leaveStatus ? LEAVE_LABEL[leaveStatus as keyof typeof LEAVE_LABEL] : null,
  ...extra,
});

export async function acceptInvitation(ctx: Ctx, id: string, now = new Date()) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { a, inv } = await ownOpenInvitation(ctx, trx, townId, id, now, '确认参加');
    assertCanAccept(inv.leaveStatus);
    if (inv.response === 'accepted') return;
    if (!(await updateInvitationIf(trx, townId, inv.id, inv.leaveStatus, { response: 'accepted', respondedAt: now.toISOString() }))) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, {
      entity: 'activity_invitation',
      entityId: inv.id,
      action: 'accept',
      summary: `确认参加活动 ${a.title}`,
      before: { response: inv.response },
      after: { response: 'accepted' },
    });
  });
  return getOwn(ctx, id, now);
}

async function deputyLeave(ctx: Ctx, id: string, action: Extract<LeaveAction, 'request' | 'withdraw'>, reason: string | undefined, now: Date) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { a, inv } = await ownOpenInvitation(ctx, trx, townId, id, now, action === 'request' ? '请假' : '撤回请假');
    const to = nextLeaveStatus(inv.leaveStatus, action);
    const ts = now.toISOString();
    const patch =
      action === 'request'
        ? // Asking for leave takes back an earlier "I will come"; a new request is decided afresh.
          { leaveStatus: to, leaveReason: reason ?? '', leaveRequestedAt: ts, leaveNote: '', leaveDecidedAt: null, leaveDecidedBy: null, response: 'pending' as const }
        : { leaveStatus: to };
    if (!(await updateInvitationIf(trx, townId, inv.id, inv.leaveStatus, patch))) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, {
      entity: 'activity_invitation',
      entityId: inv.id,
      action: action === 'request' ? 'leave_request' : 'leave_withdraw',
      summary: `${action === 'request' ? '请假' : '撤回请假'}：活动 ${a.title}`,
      before: leaveView(inv.leaveStatus),
      after: leaveView(to, action === 'request' ? { reason } : {}),
    });
  });
  return getOwn(ctx, id, now);
}

export const requestLeave = (ctx: Ctx, id: string, input: z.infer<typeof LeaveRequestInput>, now = new Date()) => deputyLeave(ctx, id, 'request', input.reason, now);
export const withdrawLeave = (ctx: Ctx, id: string, now = new Date()) => deputyLeave(ctx, id, 'withdraw', undefined, now);

/** The deputy's invitation after a change, as GET /activities/mine shows it. */
async function getOwn(ctx: Ctx, id: string, now: Date) {
  const townId = townOf(ctx);
  const [a, inv] = await Promise.all([findActivity(ctx.db, townId, id), findInvitation(ctx.db, townId, id, deputyOf(ctx))]);
  if (!a || !inv) throw new NotFoundError('活动');
  return presentMyInvitation(inv, a, now);
}

/** An admin, or the liaison of the organising station or of the deputy's station, approves or refuses. */
export async function decideLeave(ctx: Ctx, id: string, deputyId: string, input: z.infer<typeof LeaveDecisionInput>, now = new Date()) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const a = await findActivity(trx, townId, id);
    if (!a) throw new NotFoundError('活动');
    const inv = await findInvitation(trx, townId, id, deputyId);
    if (!inv) throw new NotFoundError('邀请');
    const [d] = await deputiesIn(trx, townId, [deputyId]);
    if (!canDecideLeave(ctx.principal, a, d?.stationId ?? null)) throw new ForbiddenError('只有镇人大、组织活动的联络站或代表所在联络站的联络员可以审批请假');
    const action = input.decision === 'approved' ? 'approve' : 'refuse';
    const to = nextLeaveStatus(inv.leaveStatus, action);
    const note = input.note ?? '';
    const ok = await updateInvitationIf(trx, townId, inv.id, inv.leaveStatus, {
      leaveStatus: to,
      leaveNote: note,
      leaveDecidedBy: ctx.principal.userId,
      leaveDecidedAt: now.toISOString(),
    });
    if (!ok) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, {
      entity: 'activity_invitation',
      entityId: inv.id,
      action: action === 'approve' ? 'leave_approve' : 'leave_refuse',
      summary: `${action === 'approve' ? '批准' : '不批准'} ${d?.name ?? ''} 请假：活动 ${a.title}`,
      before: leaveView(inv.leaveStatus),
      after: leaveView(to, { note }),
    });
  });
  const [a, inv] = await Promise.all([findActivity(ctx.db, townId, id), findInvitationView(ctx.db, townId, id, deputyId)]);
  if (!a || !inv) throw new NotFoundError('邀请');
  return presentInvitation(inv, a.status !== 'cancelled' && ended(a, now));
}

export async function listLeaveUseCase(ctx: Ctx, q: z.infer<typeof LeaveQuery>) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  // A liaison without a station decides nothing, so sees nothing; the impossible id keeps the query one shape.
  const liaisonStationId = p.role === 'liaison' ? (p.stationId ?? '-') : undefined;
  const { rows, total } = await listLeave(ctx.db, townId, { status: q.status, liaisonStationId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    items: rows.map((r) => ({ ...r, leaveStatus: r.leaveStatus as NonNullable<typeof r.leaveStatus> })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
