import type { Role } from '../../db/schema.ts';
import type { SuggestionSource } from '../../db/tables/suggestions.ts';
import { type Machine, type SuggestionEvent, type SuggestionState, can } from './suggestion.machine.ts';

/*
 * Who may do what to a suggestion, pure. Three things must hold for an action: the caller's part in the
 * item (admin, the lead deputy, a handler of the lead or a co office …), the machine accepting the
 * event now, and for a few actions a window or a state outside the machine (key supervision,
 * publishing, the return window). The detail's `actions` is exactly this list, so the page shows the
 * buttons that work; the services check the same functions before writing.
 */

export const ACTIONS = [
  'submit',
  'register',
  'not-accept',
  'withdraw',
  'merge',
  'assign',
  'start',
  'consult',
  'request-return',
  'decide-return',
  'request-extension',
  'decide-extension',
  'reply',
  'rate',
  'close',
  'key',
  'publish',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** `edit` (PUT /suggestions/:id) is listed with the actions so the page knows whether to offer it. */
export type Capability = ActionName | 'edit';

export type Actor = { role: Role; deputyId: string | null; unitId: string | null };

export type Facts = Machine & {
  sourceType: SuggestionSource;
  leadDeputyId: string | null;
  leadUnitId: string | null;
  /** Lead and co offices currently holding the item. */
  unitIds: readonly string[];
  keySupervision: boolean;
  published: boolean;
};

export const isAdmin = (a: Actor) => a.role === 'county_admin' || a.role === 'town_admin';
const isLeadDeputy = (a: Actor, f: Facts) => a.role === 'deputy' && a.deputyId !== null && a.deputyId === f.leadDeputyId;
const isLeadHandler = (a: Actor, f: Facts) => a.role === 'handler' && a.unitId !== null && a.unitId === f.leadUnitId;
const isUnitHandler = (a: Actor, f: Facts) => a.role === 'handler' && a.unitId !== null && f.unitIds.includes(a.unitId);

/** The caller's part: whether they are someone who may ask for this action at all (403 when not). */
export function mayAct(a: Actor, f: Facts, action: ActionName): boolean {
  switch (action) {
    case 'submit':
      return isAdmin(a) || a.role === 'liaison' || isLeadDeputy(a, f);
    case 'withdraw':
      // The lead deputy takes back their own item only before it is registered.
      return isAdmin(a) || (isLeadDeputy(a, f) && (f.state === 'draft' || f.state === 'submitted'));
    case 'start':
    case 'request-return':
    case 'request-extension':
      return isLeadHandler(a, f);
    case 'consult':
      return isAdmin(a) || isUnitHandler(a, f);
    case 'reply':
      return isAdmin(a) || isLeadHandler(a, f);
    case 'rate':
      // Staff record a rating only for items that did not come from a deputy (a resident's opinion).
      return isLeadDeputy(a, f) || (isAdmin(a) && f.sourceType !== 'deputy');
    default:
      return isAdmin(a);
  }
}

/** Admins edit until assignment; the lead deputy edits their draft. */
export function mayEdit(a: Actor, f: Pick<Facts, 'state' | 'leadDeputyId'>): boolean {
  if (isAdmin(a)) return EDITABLE.includes(f.state);
  return a.role === 'deputy' && a.deputyId !== null && a.deputyId === f.leadDeputyId && f.state === 'draft';
}
export const EDITABLE: readonly SuggestionState[] = ['draft', 'submitted', 'registered'];

/** States in which an item may be put under key supervision (重点督办): raised and not yet finished. */
export const KEYABLE: readonly SuggestionState[] = ['submitted', 'registered', 'assigned', 'handling', 'replied', 'rehandling', 'following'];
/** States with an answer that may be shown on the portal. */
export const PUBLISHABLE: readonly SuggestionState[] = ['replied', 'following', 'closed'];

/** The machine event of an action, with a representative payload for asking `can` (null: not a lifecycle event). */
export const EVENT_OF: Record<ActionName, SuggestionEvent | null> = {
  submit: { type: 'submit' },
  register: { type: 'register' },
  'not-accept': { type: 'not_accept' },
  withdraw: { type: 'withdraw' },
  merge: { type: 'merge' },
  assign: { type: 'assign' },
  start: { type: 'start' },
  consult: { type: 'consult' },
  'request-return': { type: 'request_return' },
  'decide-return': { type: 'decide_return', approved: true },
  'request-extension': { type: 'request_extension' },
  'decide-extension': { type: 'decide_extension', approved: true },
  reply: { type: 'reply', grade: 'A', followUp: false },
  rate: { type: 'rate', rating: 'satisfied' },
  close: { type: 'close' },
  key: null,
  publish: null,
};

/** Whether the item's state allows the action now, apart from who asks. */
export function stateAllows(f: Facts, action: ActionName, extra: { returnWindowOpen: boolean }): boolean {
  if (action === 'key') return KEYABLE.includes(f.state) || f.keySupervision;
  if (action === 'publish') return PUBLISHABLE.includes(f.state) || f.published;
  const e = EVENT_OF[action] as SuggestionEvent;
  if (!can(f, e)) return false;
  if (action === 'request-return') return extra.returnWindowOpen;
  return true;
}

/** What this caller may do now, in the order of ACTIONS, `edit` first when allowed. */
export function availableActions(a: Actor, f: Facts, extra: { returnWindowOpen: boolean }): Capability[] {
  const out: Capability[] = mayEdit(a, f) ? ['edit'] : [];
  for (const action of ACTIONS) if (mayAct(a, f, action) && stateAllows(f, action, extra)) out.push(action);
  return out;
}
