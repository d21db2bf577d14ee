import type { DecisionStatus, MeetingStatus } from '../../db/tables/presidium-meetings.ts';

/*
 * Pure rules of presidium meetings and their decisions: no I/O. Dates are China calendar days
 * (YYYY-MM-DD), compared as text; "today" is always passed in so that the rules are testable.
 */

export const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = { planned: '计划召开', held: '已召开' };
export const DECISION_STATUS_LABEL: Record<DecisionStatus, string> = { open: '未开始', in_progress: '落实中', done: '已办结', cancelled: '已取消' };

/** Still to be followed: the decision is neither done nor cancelled. */
export function isOpenDecision(status: DecisionStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

/** Overdue: still open and its due date has passed. The due day itself is not late yet. */
export function isOverdue(d: { status: DecisionStatus; dueDate: string }, today: string): boolean {
  return isOpenDecision(d.status) && d.dueDate < today;
}

const DAY = 86_400_000;

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(d: { status: DecisionStatus; dueDate: string }, today: string): number {
  if (!isOverdue(d, today)) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${d.dueDate}T00:00:00Z`)) / DAY);
}

/**
 * Where a decision may go from each status. Done and cancelled are not dead ends: a decision found
 * not really settled is reopened (back to 落实中), a cancelled one restored (back to 未开始).
 */
const DECISION_MOVES: Record<DecisionStatus, readonly DecisionStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['open'],
};

/** Why a decision cannot move from `from` to `to`, or null when it can (staying put is always fine). */
export function decisionMoveProblem(from: DecisionStatus, to: DecisionStatus): string | null {
  if (from === to || DECISION_MOVES[from].includes(to)) return null;
  return `决议状态不能从“${DECISION_STATUS_LABEL[from]}”改为“${DECISION_STATUS_LABEL[to]}”`;
}

/**
 * The fields that go with a status: done needs the day it was done (not before the meeting, not in
 * the future) and the result; cancelled needs the reason (kept in `result`). Leaving done clears the day.
 * Returns the field at fault and why, or null.
 */
export function closingProblem(
  d: { status: DecisionStatus; doneDate: string | null; result: string },
  meetingDate: string,
  today: string,
): { field: 'doneDate' | 'result'; message: string } | null {
  if (d.status === 'done') {
    if (!d.doneDate) return { field: 'doneDate', message: '办结的决议需要填写办结日期' };
    if (d.doneDate < meetingDate) return { field: 'doneDate', message: `办结日期不能早于会议日期 ${meetingDate}` };
    if (d.doneDate > today) return { field: 'doneDate', message: '办结日期不能晚于今天' };
    if (!d.result.trim()) return { field: 'result', message: '办结的决议需要填写落实结果' };
  }
  if (d.status === 'cancelled' && !d.result.trim()) return { field: 'result', message: '取消决议需要说明原因' };
  return null;
}

/** A due date before the meeting makes no sense: the decision did not exist yet. */
export function dueDateProblem(dueDate: string, meetingDate: string): string | null {
  return dueDate < meetingDate ? `完成期限不能早于会议日期 ${meetingDate}` : null;
}

/** A progress note is dated between the meeting and today. */
export function progressDateProblem(date: string, meetingDate: string, today: string): string | null {
  if (date < meetingDate) return `进展日期不能早于会议日期 ${meetingDate}`;
  if (date > today) return '进展日期不能晚于今天';
  return null;
}

/** A note is written on a decision still being followed; a closed one is reopened first. */
export function progressStatusProblem(status: DecisionStatus): string | null {
  return isOpenDecision(status) ? null : `决议${DECISION_STATUS_LABEL[status]}，如需继续跟踪请先重新打开`;
}

/** Writing the first progress note starts the work: 未开始 becomes 落实中. */
export function statusAfterProgress(status: DecisionStatus): DecisionStatus {
  return status === 'open' ? 'in_progress' : status;
}

/**
 * Meeting status: planned → held once the day has come; held → planned only while no decision hangs
 * on the meeting (decisions are what a held meeting produced).
 */
export function meetingStatusProblem(
  from: MeetingStatus,
  to: MeetingStatus,
  m: { date: string; decisionCount: number },
  today: string,
): string | null {
  if (from === to) return null;
  if (to === 'held' && m.date > today) return '会议日期未到，不能标记为已召开';
  if (to === 'planned' && m.decisionCount > 0) return '会议已有决议，不能改回计划召开';
  return null;
}

/** Decisions come out of a meeting that took place. */
export function decisionMeetingProblem(status: MeetingStatus): string | null {
  return status === 'held' ? null : '会议尚未召开，请先标记为已召开再登记决议';
}

/** Start and end times in one day: the end, when given, after the start. */
export function timesProblem(startTime: string | null, endTime: string | null): string | null {
  if (endTime && !startTime) return '填写结束时间前请先填写开始时间';
  if (startTime && endTime && endTime <= startTime) return '结束时间应晚于开始时间';
  return null;
}

const CHINA = '+08:00';

/**
 * The activity's UTC start and end for a meeting: its own times, or 09:00 and two hours when the
 * meeting has none (the activity needs both; staff can move it afterwards).
 */
export function activityTimes(date: string, startTime: string | null, endTime: string | null): { startAt: string; endAt: string } {
  const start = Date.parse(`${date}T${startTime ?? '09:00'}:00${CHINA}`);
  const end = endTime && startTime ? Date.parse(`${date}T${endTime}:00${CHINA}`) : start + 2 * 3_600_000;
  return { startAt: new Date(start).toISOString(), endAt: new Date(end).toISOString() };
}

/**
 * The activity kind a meeting's activity should have: the town's 主席团会议 kind (default code
 * presidium_meeting, whatever it is renamed to) or a kind the town made whose name says 主席团.
 */
export function isPresidiumKind(k: { code: string; name: string }): boolean {
  return k.code === 'presidium_meeting' || k.name.includes('主席团');
}

/** A decision's reference as people cite it: M003-2 is the second decision of meeting M003. */
export function decisionCode(meetingCode: string, seq: number): string {
  return `${meetingCode}-${seq}`;
}

/** The next 第N次 in a term: one past the largest so far. */
export function nextMeetingNumber(numbersInTerm: readonly number[]): number {
  return numbersInTerm.reduce((m, n) => Math.max(m, n), 0) + 1;
}

/** A presidium seat held on `today`: started, and not ended before today. */
export function sitsOn(m: { startDate: string; endDate: string | null }, today: string): boolean {
  return m.startDate <= today && (m.endDate === null || m.endDate >= today);
}
