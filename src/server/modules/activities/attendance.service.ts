import type { z } from 'zod';
import { ConflictError, ForbiddenError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { type AuditInput, recordAudit, recordAudits } from '../audit/audit.repo.ts';
import { findInvitation, invitationsFor, markAttendance, recordSignIn, signInCandidates } from './activities.repo.ts';
import { chinaTimeText, normalizeSignInCode, pickSignIn, signInStatus, windowState } from './activities.rules.ts';
import type { AttendanceInput, SignInInput } from './activities.schemas.ts';
import { deputyOf, managedActivity } from './activities.service.ts';

const MARK_LABEL = { present: '出席', late: '迟到', absent: '缺席', on_leave: '请假' } as const;
const markText = (m: keyof typeof MARK_LABEL | null) => (m ? MARK_LABEL[m] : null);

function invalidCode(): ValidationError {
  return new ValidationError('签到码无效，请核对现场公布的签到码', [{ field: 'body.code', message: '签到码无效' }]);
}

/**
 * A deputy signs in with the activity's code: only themselves (the deputy of the session), only to an
 * activity they are invited to, only while the window is open. Present until start + 15 minutes, late after.
 */
export async function signIn(ctx: Ctx, input: z.infer<typeof SignInInput>, now = new Date()) {
  const townId = townOf(ctx);
  const deputyId = deputyOf(ctx);
  const code = normalizeSignInCode(input.code);
  if (!/^\d{6}$/.test(code)) throw invalidCode();
  const rows = await signInCandidates(ctx.db, townId, code, deputyId);
  const pick = pickSignIn(
    rows.map((r) => ({ activityId: r.id, startAt: r.startAt, endAt: r.endAt, invited: r.invitationId !== null })),
    now,
  );
  if (pick.kind === 'unknown') throw invalidCode();
  if (pick.kind === 'not_invited') throw new ForbiddenError('您未受邀参加此活动，不能签到');
  if (pick.kind === 'before') throw new ConflictError(`签到尚未开始，${chinaTimeText(pick.opensAt)} 起可以签到`);
  if (pick.kind === 'after') throw new ConflictError('活动已结束，签到已关闭');
  const a = rows.find((r) => r.id === pick.activityId) as (typeof rows)[number];

  return ctx.db.transaction().execute(async (trx) => {
    const inv = await findInvitation(trx, townId, a.id, deputyId);
    if (!inv) throw new ForbiddenError('您未受邀参加此活动，不能签到');
    if (inv.signedInAt) return { activityId: a.id, title: a.title, status: signInStatus(a.startAt, inv.signedInAt), signedInAt: inv.signedInAt };
    const at = now.toISOString();
    const status = signInStatus(a.startAt, at);
    // A liaison who already ticked the deputy present or late keeps that mark; an "absent" or "on leave"
    // mark gives way to the deputy actually being there.
    const keep = inv.attendance === 'present' || inv.attendance === 'late';
    const patch = keep
      ? { signedInAt: at, attendance: inv.attendance, attendanceBy: inv.attendanceBy, attendanceAt: inv.attendanceAt }
      : { signedInAt: at, attendance: status, attendanceBy: 'self' as const, attendanceAt: at };
    if (!(await recordSignIn(trx, townId, inv.id, patch))) {
      const again = await findInvitation(trx, townId, a.id, deputyId);
      const signedInAt = again?.signedInAt ?? at;
      return { activityId: a.id, title: a.title, status: signInStatus(a.startAt, signedInAt), signedInAt };
    }
    await recordAudit(trx, ctx, {
      entity: 'activity_invitation',
      entityId: inv.id,
      action: 'sign_in',
      summary: `签到${status === 'late' ? '（迟到）' : ''}：活动 ${a.title}`,
      before: { attendance: markText(inv.attendance) },
      after: { attendance: markText(patch.attendance), signedInAt: at },
    });
    return { activityId: a.id, title: a.title, status, signedInAt: at };
  });
}

/** The liaison's checklist: set (or clear, with null) the attendance of invited deputies, from the window's opening on. */
export async function setAttendance(ctx: Ctx, id: string, input: z.infer<typeof AttendanceInput>, now = new Date()) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await managedActivity(ctx, trx, townId, id);
    if (a.status === 'cancelled') throw new ConflictError('活动已取消，不能登记出勤');
    if (windowState(a, now) === 'before') throw new ConflictError('签到尚未开始，不能登记出勤');
    const issues = [];
    const seen = new Set<string>();
    for (const [i, e] of input.entries.entries()) {
      if (seen.has(e.deputyId)) issues.push({ field: `body.entries[${i}].deputyId`, message: '同一代表重复登记' });
      seen.add(e.deputyId);
    }
    const invs = await invitationsFor(trx, townId, id, [...seen]);
    for (const [i, e] of input.entries.entries()) {
      if (!invs.has(e.deputyId)) issues.push({ field: `body.entries[${i}].deputyId`, message: '该代表未受邀参加此活动' });
    }
    if (issues.length) throw ValidationError.of(issues);

    const byStatus = new Map<string, string[]>();
    const audits: AuditInput[] = [];
    for (const e of input.entries) {
      const inv = invs.get(e.deputyId) as NonNullable<ReturnType<typeof invs.get>>;
      if (inv.attendance === e.status) continue;
      const key = e.status ?? '';
      byStatus.set(key, [...(byStatus.get(key) ?? []), inv.id]);
      audits.push({
        entity: 'activity_invitation',
        entityId: inv.id,
        action: 'attendance',
        summary: `登记出勤 ${inv.deputyName}：${markText(e.status) ?? '清除'}（活动 ${a.title}）`,
        before: { attendance: markText(inv.attendance) },
        after: { attendance: markText(e.status) },
      });
    }
    const at = now.toISOString();
    // One statement per status (at most five), whatever the number of deputies.
    for (const [key, ids] of byStatus) await markAttendance(trx, townId, ids, (key || null) as Parameters<typeof markAttendance>[3], at);
    await recordAudits(trx, ctx, audits);
    return { updated: audits.length };
  });
}
