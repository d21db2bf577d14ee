/*
 * Calendar arithmetic for statutory deadlines, on China dates (YYYY-MM-DD), pure.
 *
 * A working day is Monday–Friday, except the public holidays the State Council announces each year,
 * plus the weekend days it declares working days to make up for them (调休). The announcement comes
 * out late in the year before, so the calendar is data that an administrator keeps, not code: a
 * `HolidayCalendar` names the extra days off and the extra working days. With an empty calendar only
 * weekends are off.
 */

export type HolidayCalendar = {
  /** Weekdays that are days off (法定节假日). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<string>;
};

export const NO_HOLIDAYS: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

function toUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

export function isWorkingDay(date: string, cal: HolidayCalendar = NO_HOLIDAYS): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const wd = toUtc(date).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * The date `n` working days after `date` (n ≥ 0), not counting `date` itself: assigned on a Friday,
 * 1 working day later is the Monday. n = 0 gives `date` moved forward to a working day if it is none.
 */
export function addWorkingDays(date: string, n: number, cal: HolidayCalendar = NO_HOLIDAYS): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let d = date;
  if (n === 0) {
    while (!isWorkingDay(d, cal)) d = addDays(d, 1);
    return d;
  }
  let left = n;
  // At most a few hundred steps: deadlines are counted in days and weeks, not years.
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, cal: HolidayCalendar = NO_HOLIDAYS): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/**
 * The same day `n` months later, clamped to the month's last day: 3 months after 11-30 is 02-28
 * (or 02-29). "Within 3 months of assignment" ends on that date.
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return fromUtc(first);
}

/** A calendar from the two lists an administrator keeps (duplicates and order do not matter). */
export function calendarOf(holidays: readonly string[], workdays: readonly string[]): HolidayCalendar {
  return { holidays: new Set(holidays), workdays: new Set(workdays) };
}
