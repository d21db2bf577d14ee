import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../lib/working-days.ts';
import {
  DEFAULT_DEADLINES,
  dueState,
  extensionProblem,
  latestDueDate,
  latestExtensionDue,
  onTime,
  rehandleDueDate,
  replyDueDate,
  returnDeadline,
  returnProblem,
  settingsProblems,
  workingDaysTaken,
} from './deadlines.rules.ts';

const NATIONAL_DAY = calendarOf(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], ['2026-09-27', '2026-10-10']);

describe('suggestion deadlines', () => {
  it('reply due 3 months after assignment by default, month ends clamped; at most 6 months', () => {
    expect(replyDueDate('2026-03-10')).toBe('2026-06-10');
    expect(replyDueDate('2026-11-30')).toBe('2027-02-28');
    expect(replyDueDate('2026-03-10', { ...DEFAULT_DEADLINES, replyMonths: 2 })).toBe('2026-05-10');
    expect(latestDueDate('2026-08-31')).toBe('2027-02-28');
  });

  it('an extension must move the date later and stay within 6 months of assignment', () => {
    const first = { round: 1, assignedOn: '2026-03-10', dissatisfiedOn: null };
    expect(extensionProblem(first, '2026-06-10', '2026-08-10')).toBeNull();
    expect(extensionProblem(first, '2026-06-10', '2026-09-10')).toBeNull();
    expect(extensionProblem(first, '2026-06-10', '2026-09-11')).toBe('办理期限自交办之日起最长 6 个月，最晚为 2026-09-10');
    expect(extensionProblem(first, '2026-06-10', '2026-06-10')).toBe('延期后的期限应晚于当前期限');
  });

  it('in re-handling an extension is bounded by 30 days after the dissatisfied rating, not the first assignment', () => {
    // Assigned in January, rated dissatisfied in November: the 6 months from assignment are long past.
    const second = { round: 2, assignedOn: '2026-01-10', dissatisfiedOn: '2026-11-02' };
    expect(latestExtensionDue(second)).toBe('2026-12-02');
    expect(latestExtensionDue({ ...second, round: 1 })).toBe('2026-07-10');
    // A town that gives 15 days may extend up to the month; its own 30 days leave nothing to extend.
    const due15 = rehandleDueDate('2026-11-02', { ...DEFAULT_DEADLINES, rehandleDays: 15 });
    expect(due15).toBe('2026-11-17');
    expect(extensionProblem(second, due15, '2026-11-30')).toBeNull();
    expect(extensionProblem(second, due15, '2026-12-02')).toBeNull();
    expect(extensionProblem(second, due15, '2026-12-03')).toBe('重新办理期限自代表不满意评价之日起最长 30 天，最晚为 2026-12-02');
    expect(extensionProblem(second, '2026-12-02', '2026-12-03')).toBe('重新办理期限自代表不满意评价之日起最长 30 天，最晚为 2026-12-02');
    // Without the rating date (never in practice) the first-round bound stands.
    expect(latestExtensionDue({ ...second, dissatisfiedOn: null })).toBe('2026-07-10');
  });

  it('return within 7 working days, holidays skipped and make-up days counted', () => {
    expect(returnDeadline('2026-09-29', DEFAULT_DEADLINES, NATIONAL_DAY)).toBe('2026-10-14');
    expect(returnProblem('2026-09-29', '2026-10-14', DEFAULT_DEADLINES, NATIONAL_DAY)).toBeNull();
    expect(returnProblem('2026-09-29', '2026-10-15', DEFAULT_DEADLINES, NATIONAL_DAY)).toBe('申请退回应在交办后 7 个工作日内（截至 2026-10-14）提出');
    // Without the holiday calendar the window would end during the holiday.
    expect(returnDeadline('2026-09-29')).toBe('2026-10-08');
  });

  it('the second reply is due 15–30 days after the dissatisfied rating', () => {
    expect(rehandleDueDate('2026-11-28')).toBe('2026-12-28');
    expect(rehandleDueDate('2026-11-28', { ...DEFAULT_DEADLINES, rehandleDays: 15 })).toBe('2026-12-13');
    expect(rehandleDueDate('2026-11-28', { ...DEFAULT_DEADLINES, rehandleDays: 5 })).toBe('2026-12-13');
  });

  it('due state: days left, overdue after the due day, due soon inside the window; on time on the due day', () => {
    expect(dueState('2026-12-01', '2026-11-28')).toEqual({ overdue: false, daysLeft: 3, dueSoon: true });
    expect(dueState('2026-11-28', '2026-11-28')).toEqual({ overdue: false, daysLeft: 0, dueSoon: true });
    expect(dueState('2026-11-27', '2026-11-28')).toEqual({ overdue: true, daysLeft: -1, dueSoon: false });
    expect(dueState('2027-01-28', '2026-11-28')).toMatchObject({ dueSoon: false });
    expect(onTime('2026-06-10', '2026-06-10')).toBe(true);
    expect(onTime('2026-06-11', '2026-06-10')).toBe(false);
    expect(workingDaysTaken('2026-09-29', '2026-10-14', NATIONAL_DAY)).toBe(7);
  });

  it('settings out of the law’s bounds are refused by field', () => {
    expect(settingsProblems(DEFAULT_DEADLINES)).toEqual([]);
    expect(settingsProblems({ replyMonths: 7, returnWorkingDays: 0, rehandleDays: 10 }).map((p) => p.field)).toEqual(['replyMonths', 'returnWorkingDays', 'rehandleDays']);
    expect(settingsProblems({ replyMonths: 2.5, returnWorkingDays: 7, rehandleDays: 30 })[0]).toEqual({ field: 'replyMonths', message: '答复期限应为 1 到 6 个月' });
  });
});
