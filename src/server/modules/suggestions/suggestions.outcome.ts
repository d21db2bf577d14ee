import { InvalidTransitionError } from '../../http/errors.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { deputyUserIds, unitUserIds } from '../notifications/notify.ts';
import { requireAttachableFiles } from '../files/files.service.ts';
import { rehandleDueDate } from './deadlines.rules.ts';
import { gradeOf } from './settings.rules.ts';
import { stateLabel } from './suggestion.machine.ts';
import { runAction, step, unchanged } from './suggestions.actions.ts';
import { badField } from './suggestions.errors.ts';
import { KEYABLE, PUBLISHABLE } from './suggestions.policy.ts';
import { pendingRequest } from './suggestions.repo.ts';
import type { ActionInput } from './suggestions.schemas.ts';

/* The outcome: the office's reply, the deputy's rating, closing, and the two flags (key supervision, published). */

const RATING_LABEL = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' } as const;

/**
 * The lead office answers (答复) with one of the town's grades; a grade that promises action (B) puts the
 * item under follow-up after the rating. A pending extension request is withdrawn: the time is no longer needed.
 */
export function replySuggestion(ctx: Ctx, id: string, input: ActionInput<'reply'>, now = new Date()) {
  return runAction(ctx, id, 'reply', input.version, now, async (l) => {
    const grade = gradeOf(l.settings, input.grade);
    if (!grade) throw badField('body.grade', `答复等次应为：${l.settings.grades.map((g) => g.code).join('、')}`);
    const machine = step(l, { type: 'reply', grade: grade.code, followUp: grade.followUp });
    const repliedOn = input.repliedOn ?? l.today;
    if (repliedOn > l.today) throw badField('body.repliedOn', '答复日期不能晚于今天');
    if (l.row.assignedOn && repliedOn < l.row.assignedOn) throw badField('body.repliedOn', `答复日期不能早于交办日期 ${l.row.assignedOn}`);
    const fileId = input.fileId || null;
    if (fileId) await requireAttachableFiles({ ...ctx, db: l.trx }, [fileId], 'body.fileId');
    const unitId = l.facts.leadUnitId;
    if (!unitId) throw new InvalidTransitionError('该建议没有主办单位，不能答复');
    const extension = l.row.pending === 'extension' ? await pendingRequest(l.trx, l.townId, id, 'extension') : undefined;
    return {
      machine,
      patch: { repliedOn, grade: grade.code },
      eventType: 'reply',
      data: { grade: grade.code, gradeLabel: grade.label, repliedOn, dueDate: l.row.dueDate, unitId },
      summary: `答复建议（${grade.code} ${grade.label}）`,
      write: async () => {
        await l.trx
          .insertInto('suggestionReply')
          .values({
            id: newId(),
            townId: l.townId,
            suggestionId: id,
            round: l.row.round,
            unitId,
            grade: grade.code,
            content: input.content,
            fileId,
            repliedOn,
            dueDate: l.row.dueDate ?? repliedOn,
            repliedBy: ctx.principal.userId,
            createdAt: l.at,
          })
          .execute();
        if (extension) {
          await l.trx
            .updateTable('suggestionRequest')
            .set({ decision: 'withdrawn', decisionNote: '已答复，延期申请自动撤回', decidedBy: ctx.principal.userId, decidedAt: l.at })
            .where('townId', '=', l.townId)
            .where('id', '=', extension.id)
            .execute();
        }
      },
      notify: {
        userIds: () => deputyUserIds(l.trx, l.townId, l.facts.leadDeputyId ? [l.facts.leadDeputyId] : []),
        kind: 'suggestion.replied',
        title: '您的建议已答复，请评价',
      },
    };
  });
}

/**
 * The deputy rates attitude and result (满意 / 基本满意 / 不满意). The result drives the lifecycle: not
 * satisfied with the first reply sends it back to the office with the shorter re-handling deadline.
 */
export function rateSuggestion(ctx: Ctx, id: string, input: ActionInput<'rate'>, now = new Date()) {
  return runAction(ctx, id, 'rate', input.version, now, async (l) => {
    const machine = step(l, { type: 'rate', rating: input.result });
    const rehandle = machine.state === 'rehandling';
    const dueDate = rehandle ? rehandleDueDate(l.today, l.settings) : l.row.dueDate;
    return {
      machine,
      patch: { rating: input.result, dueDate, ...(machine.state === 'closed' ? { closedAt: l.at } : {}) },
      eventType: 'rate',
      data: { attitude: input.attitude, result: input.result, ...(rehandle ? { dueDate } : {}) },
      note: input.comment ?? '',
      summary: `评价建议办理（态度${RATING_LABEL[input.attitude]}，结果${RATING_LABEL[input.result]}）`,
      write: async () => {
        await l.trx
          .insertInto('suggestionRating')
          .values({
            id: newId(),
            townId: l.townId,
            suggestionId: id,
            round: l.row.round,
            deputyId: ctx.principal.role === 'deputy' ? ctx.principal.deputyId : null,
            attitude: input.attitude,
            result: input.result,
            comment: input.comment ?? '',
            ratedOn: l.today,
            ratedBy: ctx.principal.userId,
            createdAt: l.at,
          })
          .execute();
      },
      notify: {
        userIds: () => unitUserIds(l.trx, l.townId, l.facts.unitIds as string[]),
        kind: rehandle ? 'suggestion.rehandle' : 'suggestion.rated',
        title: rehandle ? `代表对答复不满意，请于 ${dueDate} 前重新办理` : `代表评价：${RATING_LABEL[input.result]}`,
      },
    };
  });
}

export function closeSuggestion(ctx: Ctx, id: string, input: ActionInput<'close'>, now = new Date()) {
  return runAction(ctx, id, 'close', input.version, now, async (l) => ({
    machine: step(l, { type: 'close' }),
    patch: { closedAt: l.at },
    eventType: 'close',
    note: input.note ?? '',
    summary: '建议办结',
  }));
}

/** Put under key supervision by the presidium (重点督办), or take it off; not a lifecycle step. */
export function keySuggestion(ctx: Ctx, id: string, input: ActionInput<'key'>, now = new Date()) {
  return runAction(ctx, id, 'key', input.version, now, async (l) => {
    if (input.key && !KEYABLE.includes(l.row.state)) throw new InvalidTransitionError(`当前状态为“${stateLabel(l.row.state)}”，不能列为重点督办`);
    return {
      machine: unchanged(l),
      patch: { keySupervision: input.key ? 1 : 0, keyNote: input.key ? (input.note ?? l.row.keyNote) : '' },
      eventType: 'key',
      data: { key: input.key },
      note: input.note ?? '',
      summary: input.key ? '列为重点督办建议' : '取消重点督办',
    };
  });
}

/** Show the handling result on the public portal with a public answer, or take it off. */
export function publishSuggestion(ctx: Ctx, id: string, input: ActionInput<'publish'>, now = new Date()) {
  return runAction(ctx, id, 'publish', input.version, now, async (l) => {
    if (input.published && !PUBLISHABLE.includes(l.row.state)) throw new InvalidTransitionError(`当前状态为“${stateLabel(l.row.state)}”，尚无可公开的办理结果`);
    const publicAnswer = input.publicAnswer ?? l.row.publicAnswer;
    if (input.published && !publicAnswer) throw badField('body.publicAnswer', '公开时须填写公开答复');
    return {
      machine: unchanged(l),
      patch: { published: input.published ? 1 : 0, publicAnswer },
      eventType: 'publish',
      data: { published: input.published },
      summary: input.published ? '公开建议办理结果' : '取消公开建议办理结果',
    };
  });
}
