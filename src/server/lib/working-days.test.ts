import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWorkingDays, calendarOf, isWorkingDay, workingDaysBetween } from './working-days.ts';

// 2026-10-01 (Thursday) is National Day. A made-up calendar in its shape: 10-01..10-07 off (the weekdays
// among them listed), Sunday 09-27 and Saturday 10-10 worked to make up.
const NATIONAL_DAY = calendarOf(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], ['2026-09-27', '2026-10-10']);

describe('working days', () => {
  it('Monday to Friday work, weekends do not, unless the calendar says otherwise', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true);
  });

  it('counts forward from the day after; Friday + 1 is Monday', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', 7)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 0)).toBe('2026-11-27');
  });

  it('a 7-working-day return window across National Day skips the holiday and uses the make-up Saturday', () => {
    // Assigned Tuesday 09-29: 09-30 (1), then 10-08 (2), 10-09 (3), Saturday 10-10 (4), 10-12 (5), 10-13 (6), 10-14 (7).
    expect(addWorkingDays('2026-09-29', 7, NATIONAL_DAY)).toBe('2026-10-14');
    expect(addWorkingDays('2026-09-29', 7)).toBe('2026-10-08');
    expect(workingDaysBetween('2026-09-29', '2026-10-14', NATIONAL_DAY)).toBe(7);
    expect(workingDaysBetween('2026-09-29', '2026-09-29', NATIONAL_DAY)).toBe(0);
    expect(workingDaysBetween('2026-10-14', '2026-09-29', NATIONAL_DAY)).toBe(0);
  });

  it('workingDaysBetween is the inverse of addWorkingDays', () => {
    for (let start = '2026-01-01'; start < '2026-03-01'; start = addDays(start, 3)) {
      for (const n of [1, 5, 7, 20]) expect(workingDaysBetween(start, addWorkingDays(start, n, NATIONAL_DAY), NATIONAL_DAY)).toBe(n);
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day, clamped to the end of a shorter month, across years and leap years', () => {
    expect(addMonths('2026-11-28', 3)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});
