import { describe, expect, it } from 'vitest';
import { cn, isoWithOffset, pct, timeRange } from './activityFormat.ts';

describe('activity formatting', () => {
  it('shows a rate with one decimal and no rate as a dash, never 0 %', () => {
    expect(pct(0.8333)).toBe('83.3%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0)).toBe('0.0%');
    expect(pct(null)).toBe('—');
  });

  it('shows times as China wall-clock time whatever the offset of the stored moment', () => {
    expect(cn('2026-0606T01:00:00Z'.replace('0606', '06-06')).format('YYYY-MM-DD HH:mm')).toBe('2026-06-06 09:00');
    expect(timeRange({ startAt: '2026-06-06T01:00:00Z', endAt: '2026-06-06T03:30:00Z' })).toBe('2026-06-06 09:00–11:30');
    // Past China midnight the end date is shown too.
    expect(timeRange({ startAt: '2026-03-31T15:30:00Z', endAt: '2026-03-31T16:30:00Z' })).toBe('2026-03-31 23:30 – 2026-04-01 00:30');
  });

  it('sends a picked wall-clock time as China time', () => {
    expect(isoWithOffset(cn('2026-06-06T01:00:00Z'))).toBe('2026-06-06T09:00:00+08:00');
  });
});
