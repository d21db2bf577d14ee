/*
 * The lifecycle of a suggestion (建议、批评和意见) as an explicit state machine, pure. The service asks
 * `next(state, event)` before any write: an event the table does not allow answers 409 and nothing is
 * written. Deadlines and windows (the 7-working-day return window, the 3/6-month reply deadline) are
 * checked by the deadline rules beside this file; here only the order of things is decided.
 *
 *   draft ─submit→ submitted ─register→ registered ─assign→ assigned ─start/consult→ handling
 *                      │  └─not_accept→ not_accepted        ▲    │ request_return → (approve → registered)
 *                      └─withdraw/merge (also from draft,    │    │ request_extension → (approve/refuse)
 *                        registered) → withdrawn / merged     │    ▼
 *   handling / assigned ─reply(A–D)→ replied ─rate→ closed (satisfied or basically, grade not B)
 *                                            ├─rate→ following (grade B: promised action, carried over)
 *                                            └─rate dissatisfied (first round) → rehandling ─reply→ replied
 *   following ─close→ closed;  replied ─close (staff, no rating in time)→ closed
 *
 * A second reply is final: a dissatisfied rating of it is recorded but the item closes (or follows on B).
 */

export const STATES = [
  'draft',
  'submitted',
  'not_accepted',
  'registered',
  'assigned',
  'handling',
  'replied',
  'rehandling',
  'following',
  'closed',
  'withdrawn',
  'merged',
] as const;
export type SuggestionState = (typeof STATES)[number];

export const TERMINAL: readonly SuggestionState[] = ['not_accepted', 'closed', 'withdrawn', 'merged'];

export type Rating = 'satisfied' | 'basically' | 'dissatisfied';

/** Grades of a reply. B (正在解决或列入规划) promises future action: the item is followed up. */
export type ReplyGrade = string;

export type SuggestionEvent =
  | { type: 'submit' }
  | { type: 'register' }
  | { type: 'not_accept' }
  | { type: 'withdraw' }
  | { type: 'merge' }
  | { type: 'assign' }
  | { type: 'start' }
  | { type: 'consult' }
  | { type: 'request_return' }
  | { type: 'decide_return'; approved: boolean }
  | { type: 'request_extension' }
  | { type: 'decide_extension'; approved: boolean }
  | { type: 'reply'; grade: ReplyGrade; followUp: boolean }
  | { type: 'rate'; rating: Rating }
  | { type: 'close' };
export type EventType = SuggestionEvent['type'];

export type Machine = {
  state: SuggestionState;
  /** A request of the office waiting for approval; only while the office holds the item. */
  pending: 'return' | 'extension' | null;
  /** 1 for the first handling, 2 for the re-handling after a dissatisfied rating. */
  round: 1 | 2;
  /** Whether the latest reply promises future action (grade B by default; configurable per grade). */
  followUp: boolean;
};

export const INITIAL: Machine = { state: 'draft', pending: null, round: 1, followUp: false };

/** States in which the assigned office holds the item. */
const WITH_OFFICE: readonly SuggestionState[] = ['assigned', 'handling', 'rehandling'];

/** Which events each state accepts: the table the property test checks every reachable state against. */
export const ALLOWED: Record<SuggestionState, readonly EventType[]> = {
  draft: ['submit', 'withdraw'],
  submitted: ['register', 'not_accept', 'withdraw', 'merge'],
  not_accepted: [],
  registered: ['assign', 'withdraw', 'merge'],
  assigned: ['start', 'consult', 'request_return', 'decide_return', 'request_extension', 'decide_extension', 'reply'],
  handling: ['consult', 'request_return', 'decide_return', 'request_extension', 'decide_extension', 'reply'],
  replied: ['rate', 'close'],
  rehandling: ['consult', 'request_extension', 'decide_extension', 'reply'],
  following: ['close'],
  closed: [],
  withdrawn: [],
  merged: [],
};

export class TransitionError extends Error {
  constructor(
    readonly from: Machine,
    readonly event: EventType,
    reason: string,
  ) {
    super(reason);
  }
}

const STATE_LABEL: Record<SuggestionState, string> = {
  draft: '草稿',
  submitted: '已提交',
  not_accepted: '不予立案',
  registered: '已立案',
  assigned: '已交办',
  handling: '办理中',
  replied: '已答复',
  rehandling: '重新办理',
  following: '跟踪落实',
  closed: '已办结',
  withdrawn: '已撤回',
  merged: '已并案',
};

export function stateLabel(s: SuggestionState): string {
  return STATE_LABEL[s];
}

/**
 * The machine after `e`, or a TransitionError saying in Chinese why not (the service turns it into a
 * 409 naming the current state). Never mutates `m`.
 */
export function next(m: Machine, e: SuggestionEvent): Machine {
  const refuse = (why: string) => new TransitionError(m, e.type, why);
  if (!ALLOWED[m.state].includes(e.type)) throw refuse(`当前状态为“${STATE_LABEL[m.state]}”，不能执行此操作`);
  switch (e.type) {
    case 'submit':
      return { ...m, state: 'submitted' };
    case 'register':
      return { ...m, state: 'registered' };
    case 'not_accept':
      return { ...m, state: 'not_accepted' };
    case 'withdraw':
      return { ...m, state: 'withdrawn' };
    case 'merge':
      return { ...m, state: 'merged' };
    case 'assign':
      return { ...m, state: 'assigned', pending: null };
    case 'start':
      if (m.pending === 'return') throw refuse('退回申请待审批，不能开始办理');
      return { ...m, state: 'handling' };
    case 'consult':
      if (m.pending === 'return') throw refuse('退回申请待审批，不能记录面商');
      // A consultation during re-handling keeps it re-handling; before, it starts the handling.
      return { ...m, state: m.state === 'assigned' ? 'handling' : m.state };
    case 'request_return':
      if (m.pending) throw refuse(m.pending === 'return' ? '已申请退回，等待审批' : '延期申请待审批，请先等待审批结果');
      return { ...m, pending: 'return' };
    case 'decide_return':
      if (m.pending !== 'return') throw refuse('没有待审批的退回申请');
      // Approved: back to the congress office to be assigned again; refused: the office keeps it.
      return e.approved ? { ...m, state: 'registered', pending: null } : { ...m, pending: null };
    case 'request_extension':
      if (m.pending) throw refuse(m.pending === 'extension' ? '已申请延期，等待审批' : '退回申请待审批，不能申请延期');
      return { ...m, pending: 'extension' };
    case 'decide_extension':
      if (m.pending !== 'extension') throw refuse('没有待审批的延期申请');
      return { ...m, pending: null };
    case 'reply':
      if (m.pending === 'return') throw refuse('退回申请待审批，不能答复');
      // A reply withdraws a pending extension request: the office no longer needs the time.
      return { ...m, state: 'replied', pending: null, followUp: e.followUp };
    case 'rate':
      if (e.rating === 'dissatisfied' && m.round === 1) return { ...m, state: 'rehandling', round: 2 };
      return { ...m, state: m.followUp ? 'following' : 'closed' };
    case 'close':
      return { ...m, state: 'closed', pending: null };
  }
}

/** Whether `e` is allowed now, without the reason. */
export function can(m: Machine, e: SuggestionEvent): boolean {
  try {
    next(m, e);
    return true;
  } catch (err) {
    if (err instanceof TransitionError) return false;
    throw err;
  }
}

/** Invariants every reachable machine keeps; the property test checks them after every step. */
export function invariantProblems(m: Machine): string[] {
  const out: string[] = [];
  if (!STATES.includes(m.state)) out.push(`unknown state ${m.state}`);
  if (m.pending && !WITH_OFFICE.includes(m.state)) out.push(`request pending in ${m.state}`);
  if (m.pending === 'return' && m.state === 'rehandling') out.push('return requested during re-handling');
  if (m.round === 2 && ['draft', 'submitted', 'registered', 'not_accepted', 'withdrawn', 'merged'].includes(m.state)) out.push(`round 2 in ${m.state}`);
  return out;
}
