import dayjs, { type Dayjs } from 'dayjs';

/*
 * The calendar's view and date, kept in the address bar (?view=week&date=2026-06-03) so that a link or
 * Back opens the same week. Weeks run Monday to Sunday, as Chinese calendars do. Dates are China dates;
 * dayjs objects here are plain calendar days (no time zone involved).
 */

export type CalendarView = 'month' | 'week';

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** The view and date of the address bar; anything unreadable falls back to this month. */
export function readCalendarParams(view: string | null, date: string | null, today: string): { view: CalendarView; date: string } {
  const v: CalendarView = view === 'week' ? 'week' : 'month';
  const d = date && YMD.test(date) && dayjs(date).format('YYYY-MM-DD') === date ? date : today;
  return { view: v, date: d };
}

/** Monday of the week holding `date`. */
export function weekStart(date: string | Dayjs): Dayjs {
  const d = dayjs(date).startOf('day');
  // dayjs: Sunday is 0; Monday-first means Sunday belongs to the week that began six days earlier.
  return d.subtract((d.day() + 6) % 7, 'day');
}

/** The China dates the view covers (both included) and, for a week, its seven days. */
export function viewRange(view: CalendarView, date: string): { from: string; to: string; days: string[] } {
  if (view === 'week') {
    const s = weekStart(date);
    const days = Array.from({ length: 7 }, (_, i) => s.add(i, 'day').format('YYYY-MM-DD'));
    return { from: days[0], to: days[6], days };
  }
  const m = dayjs(date).startOf('month');
  const days = Array.from({ length: m.daysInMonth() }, (_, i) => m.add(i, 'day').format('YYYY-MM-DD'));
  return { from: days[0], to: days[days.length - 1], days };
}

/** The date one step back or forward: a month keeps the 1st, a week its Monday. */
export function stepDate(view: CalendarView, date: string, step: -1 | 1): string {
  return view === 'week' ? weekStart(date).add(step, 'week').format('YYYY-MM-DD') : dayjs(date).startOf('month').add(step, 'month').format('YYYY-MM-DD');
}

/**
 * Activities by the China day they take place on: one lasting into the next day (a two-day inspection)
 * shows on each of its days within `days`, so a week view does not lose its second day.
 */
export function groupByDay<T extends { startAt: string; endAt: string }>(items: readonly T[], days: readonly string[], dayOf: (iso: string) => string): Map<string, T[]> {
  const out = new Map<string, T[]>(days.map((d) => [d, []]));
  for (const a of items) {
    const first = dayOf(a.startAt);
    // An end exactly at midnight belongs to the day before.
    const last = dayOf(new Date(Date.parse(a.endAt) - 1).toISOString());
    for (const d of days) if (d >= first && d <= last) out.get(d)?.push(a);
  }
  return out;
}
