import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { ActivitySummary } from '../../api/activities.ts';

dayjs.extend(utc);

/**
 * A moment as China wall-clock time. The congress works on China time (the server's dates are China
 * dates), so a clerk's laptop set to another zone must not shift the calendar or the sign-in window.
 */
export function cn(iso: string): dayjs.Dayjs {
  return dayjs(iso).utcOffset(480);
}

/** '2026-06-06 09:00–11:00', or both dates when it runs past midnight. */
export function timeRange(a: Pick<ActivitySummary, 'startAt' | 'endAt'>): string {
  const s = cn(a.startAt);
  const e = cn(a.endAt);
  return s.isSame(e, 'day') ? `${s.format('YYYY-MM-DD HH:mm')}–${e.format('HH:mm')}` : `${s.format('YYYY-MM-DD HH:mm')} – ${e.format('YYYY-MM-DD HH:mm')}`;
}

/** A rate of 0.8333 as '83.3%'; null (nobody was expected) as a dash, never 0 %. */
export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A wall-clock time picked in a form, read as China time, as the API wants it (ISO 8601 with the offset). */
export function isoWithOffset(d: dayjs.Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}
