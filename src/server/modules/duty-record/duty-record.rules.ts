import type { AttendanceMark, LeaveStatus } from '../../db/schema.ts';
import { attendanceRate, chinaDateOf, chinaDateRange, finalStatus, tally } from '../activities/activities.rules.ts';

/*
 * The duty record (履职档案) and the station's monthly board (月晒), pure. An invitation to an activity
 * that has not ended yet is `pending`: it counts as invited but takes no side in the rate, which is
 * the activities' own attendanceRate over the invitations already decided.
 */

export type EntryStatus = AttendanceMark | 'pending';

/** The status a duty record shows: the final status once the activity is over, else pending. */
export function entryStatus(inv: { attendance: AttendanceMark | null; leaveStatus: LeaveStatus | null }, a: { endAt: string }, now: Date): EntryStatus {
  return Date.parse(a.endAt) < now.getTime() ? finalStatus(inv) : 'pending';
}

export type PeriodCounts = { invited: number; present: number; late: number; onLeave: number; absent: number; pending: number; rate: number | null };

/** Counts of a month or a year: `invited` includes the pending invitations, the rate leaves them out. */
export function periodCounts(statuses: readonly EntryStatus[]): PeriodCounts {
  const decided = statuses.filter((s): s is AttendanceMark => s !== 'pending');
  const c = tally(decided);
  return { ...c, invited: statuses.length, pending: statuses.length - decided.length, rate: attendanceRate(c) };
}

/** The same figures from SQL sums (the board): `invited` counts every invitation, `pending` those not decided. */
export function countsWithRate(c: Omit<PeriodCounts, 'rate'>): PeriodCounts {
  return { ...c, rate: attendanceRate({ invited: c.invited - c.pending, onLeave: c.onLeave, present: c.present, late: c.late }) };
}

export const attended = (s: EntryStatus): boolean => s === 'present' || s === 'late';

/** The China month (1–12) an activity belongs to: the month of its start in China time. */
export function chinaMonthOf(startAt: string): number {
  return Number(chinaDateOf(startAt).slice(5, 7));
}

/** A China calendar year as a half-open UTC range. */
export function yearRange(year: number): { start: string; end: string } {
  return chinaDateRange(`${year}-01-01`, `${year}-12-31`);
}

/** A China calendar month (YYYY-MM) as a half-open UTC range. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return chinaDateRange(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`);
}

const byName = new Intl.Collator('zh-CN');

/** The board's order: highest rate first, no rate last, then by name (pinyin order), then code. */
export function compareBoardRows(a: { rate: number | null; name: string; code: string }, b: { rate: number | null; name: string; code: string }): number {
  const ra = a.rate ?? -1;
  const rb = b.rate ?? -1;
  if (ra !== rb) return rb - ra;
  return byName.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
