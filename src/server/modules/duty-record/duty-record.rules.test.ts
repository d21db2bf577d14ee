import { describe, expect, it } from 'vitest';
import { chinaMonthOf, compareBoardRows, countsWithRate, entryStatus, monthRange, periodCounts, yearRange } from './duty-record.rules.ts';

const now = new Date('2026-06-10T00:00:00.000Z');

describe('entryStatus', () => {
  it('is pending until the activity has ended, then the final status', () => {
    expect(entryStatus({ attendance: null, leaveStatus: 'approved' }, { endAt: '2026-06-10T01:00:00.000Z' }, now)).toBe('pending');
    expect(entryStatus({ attendance: null, leaveStatus: 'approved' }, { endAt: '2026-06-09T01:00:00.000Z' }, now)).toBe('on_leave');
    expect(entryStatus({ attendance: null, leaveStatus: 'requested' }, { endAt: '2026-06-09T01:00:00.000Z' }, now)).toBe('absent');
    expect(entryStatus({ attendance: 'late', leaveStatus: null }, { endAt: '2026-06-09T01:00:00.000Z' }, now)).toBe('late');
  });
});

describe('periodCounts', () => {
  it('counts pending as invited but not in the rate', () => {
    expect(periodCounts(['present', 'late', 'on_leave', 'absent', 'pending'])).toEqual({
      invited: 5,
      present: 1,
      late: 1,
      onLeave: 1,
      absent: 1,
      pending: 1,
      rate: 0.6667,
    });
  });
  it('has no rate when nothing was decided or everyone was on leave', () => {
    expect(periodCounts([]).rate).toBeNull();
    expect(periodCounts(['pending']).rate).toBeNull();
    expect(periodCounts(['on_leave']).rate).toBeNull();
  });
  it('agrees with the SQL-sum form', () => {
    expect(countsWithRate({ invited: 5, present: 1, late: 1, onLeave: 1, absent: 1, pending: 1 })).toEqual(
      periodCounts(['present', 'late', 'on_leave', 'absent', 'pending']),
    );
  });
});

describe('months in China time', () => {
  it('an activity at 23:30 on March 31st China time is in March; 00:30 on April 1st in April', () => {
    expect(chinaMonthOf('2026-03-31T15:30:00.000Z')).toBe(3);
    expect(chinaMonthOf('2026-03-31T16:30:00.000Z')).toBe(4);
  });
  it('ranges are half-open UTC ranges of China days', () => {
    expect(monthRange('2026-02')).toEqual({ start: '2026-01-31T16:00:00.000Z', end: '2026-02-28T16:00:00.000Z' });
    expect(monthRange('2028-02').end).toBe('2028-02-29T16:00:00.000Z');
    expect(monthRange('2026-12').end).toBe('2026-12-31T16:00:00.000Z');
    expect(yearRange(2026)).toEqual({ start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
  });
});

describe('board order', () => {
  it('rate descending, no rate last, then name in pinyin order, then code', () => {
    const rows = [
      { rate: null, name: '阿', code: 'D1' },
      { rate: 0.5, name: '张', code: 'D2' },
      { rate: 1, name: '赵', code: 'D3' },
      { rate: 0.5, name: '李', code: 'D4' },
      { rate: 0.5, name: '李', code: 'D0' },
    ];
    expect([...rows].sort(compareBoardRows).map((r) => r.code)).toEqual(['D3', 'D0', 'D4', 'D2', 'D1']);
  });
});
