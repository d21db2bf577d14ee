import type { Kysely, Updateable } from 'kysely';
import { assertVersion } from '../../db/versioned.ts';
import type { DB } from '../../db/schema.ts';
import type { SuggestionTable } from '../../db/tables/suggestions.ts';
import { ForbiddenError, InvalidTransitionError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type NewNotification, notifyUsers } from '../notifications/notify.ts';
import { type StoredSettings, loadSettings } from './settings.repo.ts';
import { type Machine, type SuggestionEvent, TransitionError, next, stateLabel } from './suggestion.machine.ts';
import { factsOf, machineOf } from './suggestions.present.ts';
import { type ActionName, type Facts, mayAct } from './suggestions.policy.ts';
import { type SponsorView, type SuggestionRow, type UnitView, insertEvent, sponsorsOf, unitsOf, updateSuggestionRow } from './suggestions.repo.ts';
import { actorOf, auditView, getSuggestion, visibleRow } from './suggestions.service.ts';

/*
 * The frame every lifecycle action runs in (the actions themselves are in suggestions.intake.ts,
 * suggestions.handling.ts and suggestions.outcome.ts, one function each):
 *
 *   in one transaction: load the item the caller may see (404) → the caller's part (403) → the version
 *   the caller saw (409 CONFLICT) → the machine (409 INVALID_TRANSITION) → the action's own rules and
 *   deadlines (400 naming the field, or 409) → write the item under the version lock, the event with
 *   from/to state, the action's other rows, the audit event and the notifications.
 *
 * Anything refused throws before the first write and the transaction rolls back, so a refused action
 * changes nothing.
 */

export type Loaded = {
  trx: Kysely<DB>;
  townId: string;
  row: SuggestionRow;
  sponsors: SponsorView[];
  units: UnitView[];
  facts: Facts;
  settings: StoredSettings;
  /** China date of the action, and the timestamp written. */
  today: string;
  at: string;
};

export type Outcome = {
  /** The machine after the action (unchanged for key and publish). */
  machine: Machine;
  /** Other columns of the item to write. */
  patch?: Updateable<SuggestionTable>;
  /** The event's type when it is not the machine event's (key, publish). */
  eventType: string;
  data?: Record<string, unknown>;
  note?: string;
  /** One line for the audit log, before the item's code and title. */
  summary: string;
  /** The action's other rows (units, replies, requests …), written after the item. */
  write?: () => Promise<void>;
  /** Who hears about it, in the same transaction. */
  notify?: { userIds: () => Promise<string[]>; kind: string; title: string };
};

/** `next`, with a refusal turned into the API's 409 INVALID_TRANSITION. */
export function step(l: Loaded, e: SuggestionEvent): Machine {
  try {
    return next(l.facts, e);
  } catch (err) {
    if (err instanceof TransitionError) throw new InvalidTransitionError(err.message);
    throw err;
  }
}

export function unchanged(l: Loaded): Machine {
  return machineOf(l.row);
}

export async function runAction(ctx: Ctx, id: string, action: ActionName, version: number, now: Date, plan: (l: Loaded) => Promise<Outcome>) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, ctx, id);
    const [sp, un] = await Promise.all([sponsorsOf(trx, townId, [id]), unitsOf(trx, townId, [id])]);
    const sponsors = sp.get(id) ?? [];
    const units = un.get(id) ?? [];
    const facts = factsOf(row, sponsors, units);
    if (!mayAct(actorOf(ctx), facts, action)) throw new ForbiddenError(`无权对该建议执行“${ACTION_LABEL[action]}”`);
    assertVersion(row, version);
    const settings = await loadSettings(trx, townId);
    const l: Loaded = { trx, townId, row, sponsors, units, facts, settings, today: todayInChina(now), at };
    const o = await plan(l);
    const m = o.machine;
    const patch: Updateable<SuggestionTable> = { state: m.state, pending: m.pending, round: m.round, followUp: m.followUp ? 1 : 0, ...o.patch, updatedAt: at };
    await updateSuggestionRow(trx, townId, id, version, patch);
    await insertEvent(trx, townId, id, ctx.principal, at, {
      type: o.eventType,
      fromState: row.state,
      toState: m.state,
      round: row.round,
      data: o.data,
      note: o.note,
    });
    if (o.write) await o.write();
    const after = { ...row, ...patch } as SuggestionRow;
    await recordAudit(trx, ctx, {
      entity: 'suggestion',
      entityId: id,
      action: o.eventType,
      summary: `${o.summary} ${row.code} ${row.title}${m.state !== row.state ? `（${stateLabel(row.state)} → ${stateLabel(m.state)}）` : ''}`,
      before: auditView(row),
      after: auditView(after),
    });
    if (o.notify) await notifyOf(trx, townId, row, o.notify);
  });
  return getSuggestion(ctx, id, now);
}

async function notifyOf(trx: Kysely<DB>, townId: string, row: SuggestionRow, n: NonNullable<Outcome['notify']>) {
  const userIds = await n.userIds();
  const note: NewNotification = {
    kind: n.kind,
    title: n.title,
    body: `${row.code} ${row.title}`,
    link: `/suggestions/${row.id}`,
    entity: 'suggestion',
    entityId: row.id,
  };
  await notifyUsers(trx, townId, userIds, note);
}

export const ACTION_LABEL: Record<ActionName, string> = {
  submit: '提交',
  register: '立案',
  'not-accept': '不予立案',
  withdraw: '撤回',
  merge: '并案',
  assign: '交办',
  start: '开始办理',
  consult: '记录面商',
  'request-return': '申请退回',
  'decide-return': '审批退回申请',
  'request-extension': '申请延期',
  'decide-extension': '审批延期申请',
  reply: '答复',
  rate: '评价',
  close: '办结',
  key: '重点督办',
  publish: '公开',
};
