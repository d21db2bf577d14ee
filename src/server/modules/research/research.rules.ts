import type { ResearchClaimantType, ResearchGrade, ResearchRole, ResearchStatus } from '../../db/tables/research.ts';
import { InvalidTransitionError } from '../../http/errors.ts';
import type { Role } from '../../db/schema.ts';

/*
 * The life of a research topic (调研课题), pure. A topic is published open; a station or a group claims
 * it; the claimant uploads its report (submitted); the presidium grades it (graded) or sends it back
 * for rework (claimed again, with a note). The town may withdraw a topic that has no report yet, and
 * open a withdrawn one again. A claimant may give an unreported topic back (open again).
 */

export const RESEARCH_STATUSES = ['open', 'claimed', 'submitted', 'graded', 'withdrawn'] as const satisfies readonly ResearchStatus[];
export const RESEARCH_GRADES = ['excellent', 'good', 'pass', 'fail'] as const satisfies readonly ResearchGrade[];
export const CLAIMANT_TYPES = ['station', 'group'] as const satisfies readonly ResearchClaimantType[];
export const MEMBER_ROLES = ['lead', 'member'] as const satisfies readonly ResearchRole[];

export const STATUS_LABEL: Record<ResearchStatus, string> = {
  open: '待认领',
  claimed: '已认领',
  submitted: '已提交报告',
  graded: '已评定',
  withdrawn: '已撤销',
};

export const GRADE_LABEL: Record<ResearchGrade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export type ResearchAction = 'claim' | 'release' | 'submit' | 'return' | 'grade' | 'withdraw' | 'reopen' | 'edit' | 'set_members' | 'set_activities';

/** From which statuses each action may be taken. Resubmitting a report before grading replaces it; grading again corrects a grade. */
const FROM: Record<ResearchAction, readonly ResearchStatus[]> = {
  claim: ['open'],
  release: ['claimed'],
  submit: ['claimed', 'submitted'],
  return: ['submitted'],
  grade: ['submitted', 'graded'],
  withdraw: ['open', 'claimed'],
  reopen: ['withdrawn'],
  edit: ['open', 'claimed', 'submitted'],
  set_members: ['claimed', 'submitted'],
  set_activities: ['claimed', 'submitted', 'graded'],
};

const TO: Partial<Record<ResearchAction, ResearchStatus>> = {
  claim: 'claimed',
  release: 'open',
  submit: 'submitted',
  return: 'claimed',
  grade: 'graded',
  withdraw: 'withdrawn',
  reopen: 'open',
};

/** Why an action cannot be taken now, in words the user reads. */
const REFUSAL: Record<ResearchAction, string> = {
  claim: '只有待认领的课题可以认领',
  release: '只有已认领、尚未提交报告的课题可以退回认领',
  submit: '课题尚未认领或已评定，不能提交报告',
  return: '只有已提交报告的课题可以退回修改',
  grade: '课题报告提交后才能评定等次',
  withdraw: '已提交报告或已评定的课题不能撤销',
  reopen: '只有已撤销的课题可以重新发布',
  edit: '已评定或已撤销的课题不能修改',
  set_members: '课题认领后、评定前才能调整参与代表',
  set_activities: '课题认领后才能关联调研活动',
};

export function canDo(status: ResearchStatus, action: ResearchAction): boolean {
  return FROM[action].includes(status);
}

/** The status after `action`, or 409 naming why it cannot be taken from `status`. */
export function nextStatus(status: ResearchStatus, action: ResearchAction): ResearchStatus {
  if (!canDo(status, action)) throw new InvalidTransitionError(`${REFUSAL[action]}（当前状态：${STATUS_LABEL[status]}）`);
  return TO[action] ?? status;
}

/** Every action open from a status, for the page to show only the buttons that can work. */
export function actionsFrom(status: ResearchStatus): ResearchAction[] {
  return (Object.keys(FROM) as ResearchAction[]).filter((a) => canDo(status, a));
}

// ---- Who may act ----

type Actor = { role: Role; stationId: string | null };
type Claim = { claimantType: ResearchClaimantType | null; stationId: string | null };

export const isAdmin = (p: { role: Role }) => p.role === 'town_admin' || p.role === 'county_admin';

/**
 * Claiming, members, report and linked activities: the town's admins for any topic; a liaison only for
 * a topic their own station holds (or, when claiming, is about to hold). A group's topic is the admins'
 * to manage on its behalf: groups have no accounts of their own.
 */
export function canManageClaim(p: Actor, c: Claim): boolean {
  if (isAdmin(p)) return true;
  return p.role === 'liaison' && p.stationId !== null && c.claimantType === 'station' && c.stationId === p.stationId;
}

// ---- Dates ----

/**
 * Overdue: a claimant owes a report and the due date (a China date, included) has passed. An open
 * topic owes nothing yet; a submitted one is not overdue, though it may have come late (see submittedLate).
 */
export function isOverdue(t: { status: ResearchStatus; dueDate: string }, today: string): boolean {
  return t.status === 'claimed' && t.dueDate < today;
}

/** The report arrived after the due date (its China date later than the due date). */
export function submittedLate(t: { dueDate: string; submittedAt: string | null }): boolean {
  return t.submittedAt !== null && chinaDate(t.submittedAt) > t.dueDate;
}

/** The China date (UTC+8, no daylight saving) of a stored UTC time. */
export function chinaDate(utc: string): string {
  return new Date(Date.parse(utc) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A due date belongs to the topic's year or the first months after it (reports of a year's research are often due early next year). */
export function dueDateProblem(year: number, dueDate: string): string | null {
  const y = Number(dueDate.slice(0, 4));
  if (y < year) return `截止日期不能早于课题年度（${year} 年）`;
  if (y > year + 1) return `截止日期不能晚于 ${year + 1} 年底`;
  return null;
}

// ---- Members ----

export type MemberInput = { deputyId: string; role: ResearchRole };

/**
 * The members list as a whole: no deputy twice, at most one lead (牵头代表). Returns the problem or null.
 * A report needs at least one member (see reportProblem).
 */
export function membersProblem(members: readonly MemberInput[]): string | null {
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.deputyId)) return '同一名代表不能重复添加';
    seen.add(m.deputyId);
  }
  if (members.filter((m) => m.role === 'lead').length > 1) return '一个课题只能有一名牵头代表';
  return null;
}

/** A report can be submitted once the topic has its deputies (someone did the research). */
export function reportProblem(memberCount: number): string | null {
  return memberCount === 0 ? '请先填写参与调研的代表，再提交报告' : null;
}
