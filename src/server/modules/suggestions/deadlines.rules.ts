import { type HolidayCalendar, NO_HOLIDAYS, addMonths, addWorkingDays, workingDaysBetween } from '../../lib/working-days.ts';

/*
 * Statutory and customary deadlines of suggestion handling, pure, on China dates (YYYY-MM-DD).
 *
 * - Reply within 3 months of assignment by default, 6 months at most (代表建议办理 rules). A town may set a
 *   shorter default; an extension may push the due date up to the 6-month bound and no further.
 * - An office may ask to return a wrongly assigned item within 7 working days of assignment.
 * - After a dissatisfied rating the second reply is due within 15 days to 1 month: the town picks the
 *   number of days (default 30), bounded to that range.
 *
 * The numbers are a town's settings with these defaults; the bounds are the law's and are not settable.
 */

export type DeadlineSettings = {
  /** Months from assignment to the reply's due date (1–6). */
  replyMonths: number;
  /** Working days after assignment in which an office may ask to return an item. */
  returnWorkingDays: number;
  /** Days for the second reply after a dissatisfied rating (15–30). */
  rehandleDays: number;
};

export const DEFAULT_DEADLINES: DeadlineSettings = { replyMonths: 3, returnWorkingDays: 7, rehandleDays: 30 };
export const MAX_REPLY_MONTHS = 6;

/** Problems with a town's settings, by field, in Chinese; empty when they can be saved. */
export function settingsProblems(s: DeadlineSettings): { field: keyof DeadlineSettings; message: string }[] {
  const out: { field: keyof DeadlineSettings; message: string }[] = [];
  if (!Number.isInteger(s.replyMonths) || s.replyMonths < 1 || s.replyMonths > MAX_REPLY_MONTHS)
    out.push({ field: 'replyMonths', message: `答复期限应为 1 到 ${MAX_REPLY_MONTHS} 个月` });
  if (!Number.isInteger(s.returnWorkingDays) || s.returnWorkingDays < 1 || s.returnWorkingDays > 30)
    out.push({ field: 'returnWorkingDays', message: '申请退回期限应为 1 到 30 个工作日' });
  if (!Number.isInteger(s.rehandleDays) || s.rehandleDays < 15 || s.rehandleDays > 30)
    out.push({ field: 'rehandleDays', message: '重新办理期限应为 15 到 30 天' });
  return out;
}

/** The reply's due date for an item assigned on `assignedOn`. */
export function replyDueDate(assignedOn: string, s: DeadlineSettings = DEFAULT_DEADLINES): string {
  return addMonths(assignedOn, Math.min(s.replyMonths, MAX_REPLY_MONTHS));
}

/** The latest due date the law allows: 6 months after assignment. */
export function latestDueDate(assignedOn: string): string {
  return addMonths(assignedOn, MAX_REPLY_MONTHS);
}

/** The longest re-handling the law allows: one month (30 days) after the dissatisfied rating. */
export const MAX_REHANDLE_DAYS = 30;

/**
 * Where an item's handling stands for an extension: the first round runs from the assignment; the
 * re-handling (round 2) from the dissatisfied rating (`dissatisfiedOn`), months after the assignment.
 */
export type ExtensionWindow = { round: number; assignedOn: string; dissatisfiedOn: string | null };

/**
 * The latest due date an extension may reach: 6 months after assignment in the first round; in the
 * re-handling 30 days after the dissatisfied rating (the town's rehandleDays may be shorter, the law's
 * month is the bound), since the 6 months from the first assignment have usually passed by then.
 */
export function latestExtensionDue(w: ExtensionWindow): string {
  if (w.round === 2 && w.dissatisfiedOn) return rehandleDueDate(w.dissatisfiedOn, { ...DEFAULT_DEADLINES, rehandleDays: MAX_REHANDLE_DAYS });
  return latestDueDate(w.assignedOn);
}

/** Why an extension to `requested` cannot be granted, or null. */
export function extensionProblem(w: ExtensionWindow, currentDue: string, requested: string): string | null {
  if (requested <= currentDue) return '延期后的期限应晚于当前期限';
  const latest = latestExtensionDue(w);
  if (requested <= latest) return null;
  if (w.round === 2 && w.dissatisfiedOn) return `重新办理期限自代表不满意评价之日起最长 ${MAX_REHANDLE_DAYS} 天，最晚为 ${latest}`;
  return `办理期限自交办之日起最长 6 个月，最晚为 ${latest}`;
}

/** The last day an office may ask to return an item assigned on `assignedOn`. */
export function returnDeadline(assignedOn: string, s: DeadlineSettings = DEFAULT_DEADLINES, cal: HolidayCalendar = NO_HOLIDAYS): string {
  return addWorkingDays(assignedOn, s.returnWorkingDays, cal);
}

/** Why a return asked on `today` is too late, or null. */
export function returnProblem(assignedOn: string, today: string, s: DeadlineSettings = DEFAULT_DEADLINES, cal: HolidayCalendar = NO_HOLIDAYS): string | null {
  const last = returnDeadline(assignedOn, s, cal);
  return today > last ? `申请退回应在交办后 ${s.returnWorkingDays} 个工作日内（截至 ${last}）提出` : null;
}

/** The second reply's due date after a dissatisfied rating given on `ratedOn`. */
export function rehandleDueDate(ratedOn: string, s: DeadlineSettings = DEFAULT_DEADLINES): string {
  const d = new Date(`${ratedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.min(MAX_REHANDLE_DAYS, Math.max(15, s.rehandleDays)));
  return d.toISOString().slice(0, 10);
}

export type DueState = { overdue: boolean; daysLeft: number; dueSoon: boolean };

/**
 * Where an open item stands against its due date on `today`: days left (negative when late), overdue
 * after the due day, due soon within `soonDays` calendar days (the supervision list's window).
 */
export function dueState(due: string, today: string, soonDays = 14): DueState {
  const daysLeft = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { overdue: daysLeft < 0, daysLeft, dueSoon: daysLeft >= 0 && daysLeft <= soonDays };
}

/** Whether a reply given on `repliedOn` was on time for `due` (the due day itself is on time). */
export function onTime(repliedOn: string, due: string): boolean {
  return repliedOn <= due;
}

/** Working days an office took from assignment to reply (for the per-office figures). */
export function workingDaysTaken(assignedOn: string, repliedOn: string, cal: HolidayCalendar = NO_HOLIDAYS): number {
  return workingDaysBetween(assignedOn, repliedOn, cal);
}
