import type { Ctx } from '../../http/principal.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { deputyUserIds, townAdminIds } from '../notifications/notify.ts';
import { ConflictError } from '../../http/errors.ts';
import { TERMINAL, stateLabel } from './suggestion.machine.ts';
import { runAction, step } from './suggestions.actions.ts';
import { badField } from './suggestions.errors.ts';
import { findSuggestion, insertEvent, lockSuggestions, sponsorsOf, updateSuggestionRow } from './suggestions.repo.ts';
import type { ActionInput } from './suggestions.schemas.ts';
import { textOf } from './suggestions.service.ts';

/* Intake: from the deputy's draft to a registered item (or not accepted, withdrawn, merged). */

export function submitSuggestion(ctx: Ctx, id: string, input: ActionInput<'submit'>, now = new Date()) {
  return runAction(ctx, id, 'submit', input.version, now, async (l) => ({
    machine: step(l, { type: 'submit' }),
    patch: { submittedAt: l.at },
    eventType: 'submit',
    summary: '提交建议',
    notify: { userIds: () => townAdminIds(l.trx, l.townId), kind: 'suggestion.submitted', title: '有新提交的建议待立案' },
  }));
}

export function registerSuggestion(ctx: Ctx, id: string, input: ActionInput<'register'>, now = new Date()) {
  return runAction(ctx, id, 'register', input.version, now, async (l) => ({
    machine: step(l, { type: 'register' }),
    patch: { registeredAt: l.at },
    eventType: 'register',
    summary: '建议立案',
  }));
}

export function notAcceptSuggestion(ctx: Ctx, id: string, input: ActionInput<'not-accept'>, now = new Date()) {
  return runAction(ctx, id, 'not-accept', input.version, now, async (l) => ({
    machine: step(l, { type: 'not_accept' }),
    patch: { notAcceptedReason: input.reason },
    eventType: 'not_accept',
    note: input.reason,
    summary: '建议不予立案',
    notify: {
      userIds: () => deputyUserIds(l.trx, l.townId, l.facts.leadDeputyId ? [l.facts.leadDeputyId] : []),
      kind: 'suggestion.not_accepted',
      title: '您的建议未予立案',
    },
  }));
}

export function withdrawSuggestion(ctx: Ctx, id: string, input: ActionInput<'withdraw'>, now = new Date()) {
  return runAction(ctx, id, 'withdraw', input.version, now, async (l) => ({
    machine: step(l, { type: 'withdraw' }),
    eventType: 'withdraw',
    note: input.reason ?? '',
    summary: '撤回建议',
  }));
}

/**
 * Merge a duplicate into another item of the town (并案): this one becomes merged; the target keeps
 * its lead deputy and gains this item's sponsors as co-sponsors, so nobody who raised the matter is lost.
 * Both items record the event.
 */
export function mergeSuggestion(ctx: Ctx, id: string, input: ActionInput<'merge'>, now = new Date()) {
  return runAction(ctx, id, 'merge', input.version, now, async (l) => {
    const machine = step(l, { type: 'merge' });
    if (input.intoId === id) throw badField('body.intoId', '不能并入自身');
    // Both items are written: lock them in id order (no deadlock between A→B and B→A), then read the
    // target under the lock. The source was read before it: if it moved on meanwhile, 409.
    const locked = await lockSuggestions(l.trx, l.townId, [id, input.intoId]);
    if (locked.get(id) !== l.row.version) throw new ConflictError('该建议已被他人修改，请刷新后再操作');
    const target = await findSuggestion(l.trx, l.townId, input.intoId);
    if (!target) throw badField('body.intoId', '建议不存在或不属于本镇');
    if (TERMINAL.includes(target.state) || target.state === 'draft') throw badField('body.intoId', `目标建议${stateLabel(target.state)}，不能并入`);
    const targetSponsors = (await sponsorsOf(l.trx, l.townId, [target.id])).get(target.id) ?? [];
    const have = new Set(targetSponsors.map((s) => s.deputyId));
    const added = l.sponsors.filter((s) => !have.has(s.deputyId));
    return {
      machine,
      patch: { mergedIntoId: target.id },
      eventType: 'merge',
      data: { intoId: target.id, intoCode: target.code },
      summary: `并入建议 ${target.code}：`,
      write: async () => {
        if (added.length) {
          await l.trx
            .insertInto('suggestionSponsor')
            .values(added.map((s) => ({ suggestionId: target.id, deputyId: s.deputyId, townId: l.townId, role: 'co' as const })))
            .execute();
        }
        const names = [...targetSponsors, ...added].map((s) => s.name);
        // At the version read above: a target that changed state (or anything) meanwhile answers 409, nothing written.
        await updateSuggestionRow(l.trx, l.townId, target.id, target.version, { searchText: textOf(target, names), updatedAt: l.at });
        await insertEvent(l.trx, l.townId, target.id, ctx.principal, l.at, {
          type: 'merge_in',
          fromState: target.state,
          toState: target.state,
          round: target.round,
          data: { fromId: l.row.id, fromCode: l.row.code, addedSponsors: added.map((s) => ({ id: s.deputyId, name: s.name })) },
        });
        await recordAudit(l.trx, ctx, {
          entity: 'suggestion',
          entityId: target.id,
          action: 'merge_in',
          summary: `建议 ${l.row.code} 并入 ${target.code} ${target.title}`,
          before: { sponsors: targetSponsors.map((s) => s.name).join('、') },
          after: { sponsors: names.join('、') },
        });
      },
    };
  });
}
