import { describe, expect, it } from 'vitest';
import { groupByDay, readCalendarParams, stepDate, viewRange, weekStart } from './calendarRange.ts';
import { cn } from './activityFormat.ts';

describe('calendar range', () => {
  it('weeks run Monday to Sunday, across a month and a year end', () => {
    expect(weekStart('2026-06-03').format('YYYY-MM-DD')).toBe('2026-06-01'); // Wednesday -> Monday
    expect(weekStart('2026-06-07').format('YYYY-MM-DD')).toBe('2026-06-01'); // Sunday belongs to the week before
    expect(weekStart('2026-06-01').format('YYYY-MM-DD')).toBe('2026-06-01');
    expect(viewRange('week', '2026-01-01')).toEqual({
      from: '2025-12-29',
      to: '2026-01-04',
      days: ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'],
    });
  });

  it('a month covers its days, February of a leap year included', () => {
    const r = viewRange('month', '2028-02-15');
    expect([r.from, r.to, r.days.length]).toEqual(['2028-02-01', '2028-02-29', 29]);
  });

  it('steps by a week from its Monday, and by a month from the 1st', () => {
    expect(stepDate('week', '2026-06-03', 1)).toBe('2026-06-08');
    expect(stepDate('week', '2026-01-01', -1)).toBe('2025-12-22');
    expect(stepDate('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(stepDate('month', '2026-01-15', -1)).toBe('2025-12-01');
  });

  it('reads the address bar, falling back to the month of today', () => {
    expect(readCalendarParams('week', '2026-06-03', '2026-05-20')).toEqual({ view: 'week', date: '2026-06-03' });
    expect(readCalendarParams(null, null, '2026-05-20')).toEqual({ view: 'month', date: '2026-05-20' });
    expect(readCalendarParams('year', '2026-02-30', '2026-05-20')).toEqual({ view: 'month', date: '2026-05-20' });
    expect(readCalendarParams('week', 'junk', '2026-05-20')).toEqual({ view: 'week', date: '2026-05-20' });
  });

  it('places an activity on each China day it spans; an end at midnight stays on the day before', () => {
    const days = viewRange('week', '2026-06-01').days;
    const dayOf = (iso: string) => cn(iso).format('YYYY-MM-DD');
    const two = { id: 'two', startAt: '2026-06-02T01:00:00.000Z', endAt: '2026-06-03T09:00:00.000Z' }; // Tue 09:00 – Wed 17:00
    const late = { id: 'late', startAt: '2026-06-04T15:30:00.000Z', endAt: '2026-06-04T16:00:00.000Z' }; // Thu 23:30 – Fri 00:00
    const lastSunday = { id: 'before', startAt: '2026-05-31T01:00:00.000Z', endAt: '2026-05-31T02:00:00.000Z' };
    const m = groupByDay([two, late, lastSunday], days, dayOf);
    expect([...m].map(([d, xs]) => [d, xs.map((x) => x.id)])).toEqual([
      ['2026-06-01', []],
      ['2026-06-02', ['two']],
      ['2026-06-03', ['two']],
      ['2026-06-04', ['late']],
      ['2026-06-05', []],
      ['2026-06-06', []],
      ['2026-06-07', []],
    ]);
  });
});
