import { InvalidTransitionError } from '../../http/errors.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { addDays } from '../../lib/working-days.ts';
import { townAdminIds, unitUserIds } from '../notifications/notify.ts';
import { type ExtensionWindow, extensionProblem, latestDueDate, replyDueDate, returnProblem } from './deadlines.rules.ts';
import { calendarBetween } from './settings.repo.ts';
import { type Loaded, runAction, step } from './suggestions.actions.ts';
import { badField } from './suggestions.errors.ts';
import { dissatisfiedOn, handlingUnitsIn, pendingRequest, replaceUnits } from './suggestions.repo.ts';
import type { ActionInput } from './suggestions.schemas.ts';

/* Handling: assignment to offices, their start, consultations (面商), and their return and extension requests. */

const unitHandlers = (l: Loaded, unitIds: string[]) => () => unitUserIds(l.trx, l.townId, unitIds);

/** The window an extension must stay in: from the assignment, or in re-handling from the dissatisfied rating. */
async function extensionWindow(l: Loaded): Promise<ExtensionWindow> {
  const round = l.row.round;
  return { round, assignedOn: l.row.assignedOn as string, dissatisfiedOn: round === 2 ? await dissatisfiedOn(l.trx, l.townId, l.row.id) : null };
}

/**
 * Assign (交办) to one lead office and optional co-offices, all active offices of the town. The due date
 * defaults to the town's reply period from today and may not pass the law's 6 months.
 */
export function assignSuggestion(ctx: Ctx, id: string, input: ActionInput<'assign'>, now = new Date()) {
  return runAction(ctx, id, 'assign', input.version, now, async (l) => {
    const machine = step(l, { type: 'assign' });
    const coIds = [...new Set(input.coUnitIds ?? [])];
    if (coIds.includes(input.leadUnitId)) throw badField('body.coUnitIds', '主办单位不必再列为协办单位');
    const found = new Map((await handlingUnitsIn(l.trx, l.townId, [input.leadUnitId, ...coIds])).map((u) => [u.id, u]));
    const check = (unitId: string, field: string) => {
      const u = found.get(unitId);
      if (!u) throw badField(field, '承办单位不存在或不属于本镇');
      if (u.active !== 1) throw badField(field, `${u.name} 已停用`);
      return u;
    };
    const lead = check(input.leadUnitId, 'body.leadUnitId');
    const co = coIds.map((u) => check(u, 'body.coUnitIds'));
    const assignedOn = l.today;
    const latest = latestDueDate(assignedOn);
    const dueDate = input.dueDate ?? replyDueDate(assignedOn, l.settings);
    if (dueDate <= assignedOn) throw badField('body.dueDate', '办理期限应晚于交办日期');
    if (dueDate > latest) throw badField('body.dueDate', `办理期限自交办之日起最长 6 个月，最晚为 ${latest}`);
    const units = [{ unitId: lead.id, role: 'lead' as const }, ...co.map((u) => ({ unitId: u.id, role: 'co' as const }))];
    return {
      machine,
      patch: { assignedOn, dueDate },
      eventType: 'assign',
      data: { leadUnit: { id: lead.id, name: lead.name }, coUnits: co.map((u) => ({ id: u.id, name: u.name })), assignedOn, dueDate },
      summary: `交办建议（主办：${lead.name}${co.length ? `；协办：${co.map((u) => u.name).join('、')}` : ''}；期限 ${dueDate}）`,
      write: () => replaceUnits(l.trx, l.townId, id, units),
      notify: {
        userIds: unitHandlers(
          l,
          units.map((u) => u.unitId),
        ),
        kind: 'suggestion.assigned',
        title: `交办建议，请于 ${dueDate} 前答复`,
      },
    };
  });
}

export function startSuggestion(ctx: Ctx, id: string, input: ActionInput<'start'>, now = new Date()) {
  return runAction(ctx, id, 'start', input.version, now, async (l) => ({
    machine: step(l, { type: 'start' }),
    eventType: 'start',
    summary: '开始办理建议',
  }));
}

/** Log a consultation with the deputy (面商); the first one starts the handling. */
export function consultSuggestion(ctx: Ctx, id: string, input: ActionInput<'consult'>, now = new Date()) {
  return runAction(ctx, id, 'consult', input.version, now, async (l) => {
    const machine = step(l, { type: 'consult' });
    if (input.heldOn > l.today) throw badField('body.heldOn', '面商日期不能晚于今天');
    const unitId = ctx.principal.role === 'handler' ? ctx.principal.unitId : null;
    return {
      machine,
      eventType: 'consult',
      data: { heldOn: input.heldOn, method: input.method, stage: input.stage },
      note: input.note,
      summary: '记录建议办理面商',
      write: async () => {
        await l.trx
          .insertInto('suggestionConsultation')
          .values({
            id: newId(),
            townId: l.townId,
            suggestionId: id,
            unitId,
            heldOn: input.heldOn,
            method: input.method,
            stage: input.stage,
            note: input.note,
            createdBy: ctx.principal.userId,
            createdAt: l.at,
          })
          .execute();
      },
    };
  });
}

/** The lead office asks to return a wrongly assigned item, within the town's working days of assignment. */
export function requestReturn(ctx: Ctx, id: string, input: ActionInput<'request-return'>, now = new Date()) {
  return runAction(ctx, id, 'request-return', input.version, now, async (l) => {
    const machine = step(l, { type: 'request_return' });
    const assignedOn = l.row.assignedOn as string;
    const cal = await calendarBetween(l.trx, l.townId, assignedOn, addDays(assignedOn, 120));
    const late = returnProblem(assignedOn, l.today, l.settings, cal);
    // The window is part of when the action is allowed (the page no longer offers it), so a late request is a 409.
    if (late) throw new InvalidTransitionError(late);
    return {
      machine,
      eventType: 'request_return',
      note: input.reason,
      summary: '承办单位申请退回建议',
      write: async () => {
        await l.trx
          .insertInto('suggestionRequest')
          .values({
            id: newId(),
            townId: l.townId,
            suggestionId: id,
            unitId: l.facts.leadUnitId as string,
            kind: 'return',
            reason: input.reason,
            requestedDue: null,
            requestedBy: ctx.principal.userId,
            requestedAt: l.at,
            decision: null,
            decidedBy: null,
            decidedAt: null,
          })
          .execute();
      },
      notify: { userIds: () => townAdminIds(l.trx, l.townId), kind: 'suggestion.request', title: '承办单位申请退回建议，待审批' },
    };
  });
}

async function decide(l: Loaded, ctx: Ctx, kind: 'return' | 'extension', approved: boolean, note: string | undefined) {
  const req = await pendingRequest(l.trx, l.townId, l.row.id, kind);
  if (!req) throw new InvalidTransitionError(kind === 'return' ? '没有待审批的退回申请' : '没有待审批的延期申请');
  const write = async () => {
    await l.trx
      .updateTable('suggestionRequest')
      .set({ decision: approved ? 'approved' : 'refused', decisionNote: note ?? '', decidedBy: ctx.principal.userId, decidedAt: l.at })
      .where('townId', '=', l.townId)
      .where('id', '=', req.id)
      .execute();
  };
  return { req, write };
}

/** Approve a return: the item goes back to registered, without offices or due date, to be assigned again. */
export function decideReturn(ctx: Ctx, id: string, input: ActionInput<'decide-return'>, now = new Date()) {
  return runAction(ctx, id, 'decide-return', input.version, now, async (l) => {
    const machine = step(l, { type: 'decide_return', approved: input.approved });
    const { req, write } = await decide(l, ctx, 'return', input.approved, input.note);
    return {
      machine,
      patch: input.approved ? { assignedOn: null, dueDate: null } : {},
      eventType: 'decide_return',
      data: { approved: input.approved, requestId: req.id },
      note: input.note ?? '',
      summary: input.approved ? '同意退回建议' : '不同意退回建议',
      write: async () => {
        await write();
        if (input.approved) await replaceUnits(l.trx, l.townId, id, []);
      },
      notify: { userIds: unitHandlers(l, [req.unitId]), kind: 'suggestion.decision', title: input.approved ? '退回申请已同意' : '退回申请未同意，请继续办理' },
    };
  });
}

/**
 * The lead office asks for a later due date: at most 6 months from assignment, or in re-handling at most
 * 30 days from the dissatisfied rating.
 */
export function requestExtension(ctx: Ctx, id: string, input: ActionInput<'request-extension'>, now = new Date()) {
  return runAction(ctx, id, 'request-extension', input.version, now, async (l) => {
    const machine = step(l, { type: 'request_extension' });
    const assignedOn = l.row.assignedOn as string;
    const problem = extensionProblem(await extensionWindow(l), l.row.dueDate ?? assignedOn, input.requestedDue);
    if (problem) throw badField('body.requestedDue', problem);
    return {
      machine,
      eventType: 'request_extension',
      data: { requestedDue: input.requestedDue },
      note: input.reason,
      summary: `承办单位申请延期至 ${input.requestedDue}`,
      write: async () => {
        await l.trx
          .insertInto('suggestionRequest')
          .values({
            id: newId(),
            townId: l.townId,
            suggestionId: id,
            unitId: l.facts.leadUnitId as string,
            kind: 'extension',
            reason: input.reason,
            requestedDue: input.requestedDue,
            requestedBy: ctx.principal.userId,
            requestedAt: l.at,
            decision: null,
            decidedBy: null,
            decidedAt: null,
          })
          .execute();
      },
      notify: { userIds: () => townAdminIds(l.trx, l.townId), kind: 'suggestion.request', title: '承办单位申请延期，待审批' },
    };
  });
}

/** Decide an extension: approved moves the due date (to the date asked for unless another is given). */
export function decideExtension(ctx: Ctx, id: string, input: ActionInput<'decide-extension'>, now = new Date()) {
  return runAction(ctx, id, 'decide-extension', input.version, now, async (l) => {
    const machine = step(l, { type: 'decide_extension', approved: input.approved });
    const { req, write } = await decide(l, ctx, 'extension', input.approved, input.note);
    let dueDate = l.row.dueDate;
    if (input.approved) {
      dueDate = input.dueDate ?? req.requestedDue;
      const problem = dueDate ? extensionProblem(await extensionWindow(l), l.row.dueDate ?? '', dueDate) : '请填写延期后的期限';
      if (problem) throw badField('body.dueDate', problem);
    }
    return {
      machine,
      patch: { dueDate },
      eventType: 'decide_extension',
      data: { approved: input.approved, requestId: req.id, dueDate },
      note: input.note ?? '',
      summary: input.approved ? `同意延期至 ${dueDate}` : '不同意延期',
      write,
      notify: {
        userIds: unitHandlers(l, [req.unitId]),
        kind: 'suggestion.decision',
        title: input.approved ? `延期申请已同意，期限 ${dueDate}` : '延期申请未同意',
      },
    };
  });
}
