import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RollStatus } from '../../db/tables/sessions.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type SessionHead, assertNotClosed, loadSession, lockSession, rollState } from './session-state.ts';
import { ROLL_LABEL } from './roll.sheet.ts';
import type { RollBulkInput, RollMarkInput } from './sessions.schemas.ts';
import { deputiesInOffice, hasVotesOrRounds, rollEntries, updateVersionedRow } from './sessions.repo.ts';

/*
 * The roll (点名): a snapshot of the deputies in office on the session's start date, taken by staff;
 * each deputy then marked present, late, on leave (with a reason) or absent; a deputy may sign in.
 * "All deputies" for quorum and every threshold is the number of rows on it.
 */

export { ROLL_LABEL };

export async function getRoll(ctx: Ctx, sessionId: string) {
  const townId = townOf(ctx);
  await loadSession(ctx.db, townId, sessionId);
  const [entries, state] = await Promise.all([rollEntries(ctx.db, townId, sessionId), rollState(ctx.db, townId, sessionId)]);
  return { ...state, entries };
}

/**
 * Take (or retake) the roll. Retaking keeps the marks of deputies still on it. Only while the session is
 * being prepared: once it is open the roll is what the quorum and every vote were counted against (409),
 * and never once a vote or an election round is recorded.
 */
export async function takeRoll(ctx: Ctx, sessionId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    if (s.status !== 'preparing') throw new ConflictError('会议已开幕，点名表不能重新生成', { reason: 'ROLL_FIXED' });
    await syncRoll(trx, ctx, s, s.startDate);
  });
  return getRoll(ctx, sessionId);
}

/**
 * Within the caller's transaction (the session locked): bring the roll to the deputies in office on
 * `asOf`, keeping the marks of those still on it; stamps rollTakenAt and records the audit. Used by
 * "take roll" and by a change of a preparing session's start date once its roll was taken.
 */
export async function syncRoll(trx: Kysely<DB>, ctx: Ctx, s: SessionHead, asOf: string): Promise<void> {
  const townId = townOf(ctx);
  const sessionId = s.id;
  if (await hasVotesOrRounds(trx, townId, sessionId)) throw new ConflictError('本次会议已有表决或选举记录，点名表不能重新生成', { reason: 'ROLL_FIXED' });
  const snapshot = await deputiesInOffice(trx, townId, s.termId, asOf);
  const current = await trx.selectFrom('sessionAttendee').select('deputyId').where('townId', '=', townId).where('sessionId', '=', sessionId).execute();
  const want = new Set(snapshot);
  const have = new Set(current.map((r) => r.deputyId));
  const removed = [...have].filter((id) => !want.has(id));
  const added = snapshot.filter((id) => !have.has(id));
  if (removed.length)
    await trx.deleteFrom('sessionAttendee').where('townId', '=', townId).where('sessionId', '=', sessionId).where('deputyId', 'in', removed).execute();
  for (let i = 0; i < added.length; i += 200)
    await trx
      .insertInto('sessionAttendee')
      .values(added.slice(i, i + 200).map((deputyId) => ({ sessionId, deputyId, townId })))
      .execute();
  const ts = nowIso();
  await updateVersionedRow(trx, 'congressSession', townId, sessionId, undefined, { rollTakenAt: ts, updatedAt: ts });
  await recordAudit(trx, ctx, {
    entity: 'congress_session',
    entityId: sessionId,
    action: s.rollTakenAt ? 'retake_roll' : 'take_roll',
    summary: `${s.shortName}会议${s.rollTakenAt ? '重新生成' : '生成'}点名表：应到 ${snapshot.length} 名（新增 ${added.length}，移出 ${removed.length}）`,
    before: s.rollTakenAt ? { all: have.size } : undefined,
    after: { all: snapshot.length, added: added.length, removed: removed.length, asOf },
  });
}

function fieldsFor(status: RollStatus, reason: string | undefined, previous: { status: RollStatus; arrivedAt: string | null } | undefined, ts: string) {
  const arrived = status === 'present' || status === 'late';
  return {
    status,
    leaveReason: status === 'on_leave' ? (reason ?? '') : '',
    arrivedAt: arrived ? (previous && (previous.status === 'present' || previous.status === 'late') ? previous.arrivedAt : ts) : null,
  };
}

function needReason(status: RollStatus, reason: string | undefined) {
  if (status === 'on_leave' && !reason?.trim()) throw ValidationError.field('body.leaveReason', '请假须填写事由');
}

async function markOut(ctx: Ctx, townId: string, sessionId: string, deputyId: string) {
  const [entry] = await rollEntries(ctx.db, townId, sessionId, deputyId);
  const state = await rollState(ctx.db, townId, sessionId);
  return { entry, ...state };
}

export async function markRoll(ctx: Ctx, sessionId: string, deputyId: string, input: z.infer<typeof RollMarkInput>) {
  const townId = townOf(ctx);
  needReason(input.status, input.leaveReason);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const [before] = await rollEntries(trx, townId, sessionId, deputyId);
    if (!before) throw new NotFoundError('点名表中的代表');
    const ts = nowIso();
    const f = fieldsFor(input.status, input.leaveReason, before, ts);
    let q = trx
      .updateTable('sessionAttendee')
      .set({ ...f, markedAt: ts, markedBy: ctx.principal.userId })
      .where('townId', '=', townId)
      .where('sessionId', '=', sessionId)
      .where('deputyId', '=', deputyId);
    // The status the clerk saw: only over that one, so two clerks marking the same deputy do not overwrite each other.
    if (input.expectedStatus !== undefined) q = q.where('status', '=', input.expectedStatus);
    const res = await q.executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw new ConflictError('该代表的签到状态已被他人修改', {
        reason: 'ROLL_CHANGED',
        currentStatus: before.status,
        issues: [{ field: 'body.expectedStatus', message: `当前为“${ROLL_LABEL[before.status]}”，请刷新后再标记` }],
      });
    }
    await recordAudit(trx, ctx, {
      entity: 'session_roll',
      entityId: sessionId,
      action: 'mark',
      summary: `${s.shortName}会议 ${before.name} ${ROLL_LABEL[input.status]}${f.leaveReason ? `（${f.leaveReason}）` : ''}`,
      before: { deputy: before.name, status: ROLL_LABEL[before.status], leaveReason: before.leaveReason },
      after: { deputy: before.name, status: ROLL_LABEL[input.status], leaveReason: f.leaveReason },
    });
  });
  return markOut(ctx, townId, sessionId, deputyId);
}

export async function markRollBulk(ctx: Ctx, sessionId: string, input: z.infer<typeof RollBulkInput>) {
  const townId = townOf(ctx);
  needReason(input.status, input.leaveReason);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const entries = await rollEntries(trx, townId, sessionId);
    const byId = new Map(entries.map((e) => [e.deputyId, e]));
    const ids = [...new Set(input.deputyIds)];
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw ValidationError.field('body.deputyIds', `代表不在本次会议的点名表中：${missing}`);
    const ts = nowIso();
    // Those already arrived keep their arrival time; the rest arrive now (two updates, not one per deputy).
    const arrived = (id: string) => {
      const st = byId.get(id)?.status;
      return st === 'present' || st === 'late';
    };
    const keep = ids.filter(arrived);
    const fresh = ids.filter((id) => !arrived(id));
    const base = {
      status: input.status,
      leaveReason: input.status === 'on_leave' ? (input.leaveReason ?? '') : '',
      markedAt: ts,
      markedBy: ctx.principal.userId,
    };
    const isArrival = input.status === 'present' || input.status === 'late';
    for (const [group, arrivedAt] of [
      [keep, undefined],
      [fresh, isArrival ? ts : null],
    ] as const) {
      if (group.length === 0) continue;
      await trx
        .updateTable('sessionAttendee')
        .set(arrivedAt === undefined ? { ...base, ...(isArrival ? {} : { arrivedAt: null }) } : { ...base, arrivedAt })
        .where('townId', '=', townId)
        .where('sessionId', '=', sessionId)
        .where('deputyId', 'in', group)
        .execute();
    }
    await recordAudit(trx, ctx, {
      entity: 'session_roll',
      entityId: sessionId,
      action: 'mark_bulk',
      summary: `${s.shortName}会议批量标记 ${ids.length} 名代表${ROLL_LABEL[input.status]}`,
      after: { status: ROLL_LABEL[input.status], deputies: ids.map((id) => byId.get(id)?.name).join('、') },
    });
  });
  return getRoll(ctx, sessionId);
}

/** A deputy signs themselves in: present before the opening, late after it. */
export async function signIn(ctx: Ctx, sessionId: string) {
  const townId = townOf(ctx);
  const deputyId = ctx.principal.deputyId;
  if (!deputyId) throw new ForbiddenError('只有代表本人可以签到');
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    const [before] = await rollEntries(trx, townId, sessionId, deputyId);
    if (!before) throw new NotFoundError('点名表中的代表');
    if (s.status === 'closed') throw new InvalidTransitionError('会议已闭幕，不能签到');
    if (before.status === 'on_leave') throw new ConflictError('您已请假，如需出席请联系会务工作人员', { reason: 'ON_LEAVE' });
    if (before.status === 'present' || before.status === 'late') return;
    const status: RollStatus = s.status === 'open' ? 'late' : 'present';
    const ts = nowIso();
    await trx
      .updateTable('sessionAttendee')
      .set({ status, leaveReason: '', arrivedAt: ts, markedAt: ts, markedBy: ctx.principal.userId })
      .where('townId', '=', townId)
      .where('sessionId', '=', sessionId)
      .where('deputyId', '=', deputyId)
      .execute();
    await recordAudit(trx, ctx, {
      entity: 'session_roll',
      entityId: sessionId,
      action: 'sign_in',
      summary: `${s.shortName}会议 ${before.name} 本人签到（${ROLL_LABEL[status]}）`,
      before: { deputy: before.name, status: ROLL_LABEL[before.status] },
      after: { deputy: before.name, status: ROLL_LABEL[status] },
    });
  });
  return markOut(ctx, townId, sessionId, deputyId);
}
