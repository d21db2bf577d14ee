import type { z } from 'zod';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { maskPhone } from '../../lib/mask.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type StaffRow, findStaffSubmission, listStaffSubmissions, updateSubmission } from './portal.repo.ts';
import { type Viewer, actionProblem, canHandle, canSeePhone } from './portal.rules.ts';
import type { AnswerInput, DeclineInput, SubmissionQuery } from './portal.schemas.ts';

/*
 * The staff side of the portal (群众来信): the inbox of public opinions, declining one with a reason
 * or answering it publicly. Turning one into a suggestion is done by the suggestions area, which links
 * the submission and marks it accepted.
 */

const NOT_FOUND = '群众意见';
const STALE = '该意见已被他人处理，请刷新后再试';
const STATUS_LABEL = { received: '待处理', accepted: '已受理', declined: '不予受理' } as const;

const viewerOf = (ctx: Ctx): Viewer => ({ role: ctx.principal.role, stationId: ctx.principal.stationId });
const isAdmin = (ctx: Ctx) => ctx.principal.role === 'county_admin' || ctx.principal.role === 'town_admin';
/** The station a submission belongs to: the one it was sent to, or the addressed deputy's. */
const stationOf = (r: StaffRow) => r.stationId ?? r.deputyStationId ?? null;

function present(r: StaffRow, viewer: Viewer) {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    status: r.status,
    targetType: r.targetType,
    station: r.stationId
      ? { id: r.stationId, name: r.stationName ?? '' }
      : r.deputyStationId
        ? { id: r.deputyStationId, name: r.deputyStationName ?? '' }
        : null,
    deputy: r.deputyId ? { id: r.deputyId, name: r.deputyName ?? '' } : null,
    name: r.name,
    phone: canSeePhone(viewer, stationOf(r)) ? r.phone : maskPhone(r.phone),
    village: r.villageId ? { id: r.villageId, name: r.villageName ?? '' } : null,
    category: r.category,
    content: r.content,
    declineReason: r.declineReason,
    publicReply: r.publicReply,
    suggestion: r.suggestionId && r.suggestionCode ? { id: r.suggestionId, code: r.suggestionCode, state: r.suggestionState ?? '' } : null,
    handledByName: r.handledByName ?? null,
    handledAt: r.handledAt,
    createdAt: r.createdAt,
    version: r.version,
  };
}

export async function listSubmissions(ctx: Ctx, q: z.infer<typeof SubmissionQuery>) {
  const townId = townOf(ctx);
  const viewer = viewerOf(ctx);
  const { rows, total } = await listStaffSubmissions(
    ctx.db,
    townId,
    { status: q.status, onlyStationId: isAdmin(ctx) ? undefined : ctx.principal.stationId },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: rows.map((r) => present(r, viewer)), total, page: q.page, pageSize: q.pageSize };
}

/** One submission: another town's is 404; another station's is 403 for a liaison. */
export async function getSubmission(ctx: Ctx, id: string) {
  const row = await findStaffSubmission(ctx.db, townOf(ctx), id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  const viewer = viewerOf(ctx);
  if (!canHandle(viewer, stationOf(row))) throw new ForbiddenError('只能查看本联络站及其代表收到的意见');
  return present(row, viewer);
}

/** Load for a decision: another town's is 404; another station's is 403 for a liaison; an illegal step 409. */
async function loadForAction(ctx: Ctx, id: string, action: 'decline' | 'answer') {
  const townId = townOf(ctx);
  const row = await findStaffSubmission(ctx.db, townId, id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  if (!canHandle(viewerOf(ctx), stationOf(row))) throw new ForbiddenError('只能处理本联络站及其代表收到的意见');
  const problem = actionProblem(action, row.status, row.suggestionId !== null);
  if (problem) throw new InvalidTransitionError(problem);
  return { townId, row };
}

const auditView = (r: { status: keyof typeof STATUS_LABEL; declineReason: string; publicReply: string }) => ({
  status: STATUS_LABEL[r.status],
  declineReason: r.declineReason,
  publicReply: r.publicReply,
});

export async function declineSubmission(ctx: Ctx, id: string, input: z.infer<typeof DeclineInput>) {
  const { townId, row } = await loadForAction(ctx, id, 'decline');
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const patch = { status: 'declined' as const, declineReason: input.reason, handledBy: ctx.principal.userId, handledAt: at, updatedAt: at };
    // Only a submission still received and not made into a suggestion (see actionProblem), checked in the UPDATE itself.
    if (!(await updateSubmission(trx, townId, id, input.version, patch, { statuses: ['received'], unlinked: true }))) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, {
      entity: 'portal_submission',
      entityId: id,
      action: 'decline',
      summary: `群众意见 ${row.trackingCode} 不予受理`,
      before: auditView(row),
      after: auditView({ ...row, ...patch }),
    });
  });
  return present((await findStaffSubmission(ctx.db, townId, id)) as StaffRow, viewerOf(ctx));
}

export async function answerSubmission(ctx: Ctx, id: string, input: z.infer<typeof AnswerInput>) {
  const { townId, row } = await loadForAction(ctx, id, 'answer');
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const patch = { status: 'accepted' as const, publicReply: input.publicReply, handledBy: ctx.principal.userId, handledAt: at, updatedAt: at };
    // Never over a decline made meanwhile (see actionProblem), checked in the UPDATE itself.
    if (!(await updateSubmission(trx, townId, id, input.version, patch, { statuses: ['received', 'accepted'] }))) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, {
      entity: 'portal_submission',
      entityId: id,
      action: 'answer',
      summary: `答复群众意见 ${row.trackingCode}`,
      before: auditView(row),
      after: auditView({ ...row, ...patch }),
    });
  });
  return present((await findStaffSubmission(ctx.db, townId, id)) as StaffRow, viewerOf(ctx));
}
