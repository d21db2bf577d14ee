import { describe, expect, it } from 'vitest';
import { comparePresidiumMembers, datesProblem, isCurrentChair } from './presidium.rules.ts';

describe('comparePresidiumMembers', () => {
  it('orders by position, then sort order, then start date', () => {
    const ms = [
      { deputyName: '丁', position: 'member' as const, sortOrder: 0, startDate: '2022-01-01' },
      { deputyName: '丙', position: 'vice_chair' as const, sortOrder: 2, startDate: '2022-01-01' },
      { deputyName: '乙', position: 'vice_chair' as const, sortOrder: 1, startDate: '2023-01-01' },
      { deputyName: '甲', position: 'chair' as const, sortOrder: 9, startDate: '2022-01-01' },
      { deputyName: '戊', position: 'member' as const, sortOrder: 0, startDate: '2021-12-01' },
    ];
    expect([...ms].sort(comparePresidiumMembers).map((m) => m.deputyName)).toEqual(['甲', '乙', '丙', '戊', '丁']);
  });
});

describe('isCurrentChair', () => {
  it('is a chair without an end date', () => {
    expect(isCurrentChair({ position: 'chair', endDate: null })).toBe(true);
    expect(isCurrentChair({ position: 'chair', endDate: '2024-06-30' })).toBe(false);
    expect(isCurrentChair({ position: 'vice_chair', endDate: null })).toBe(false);
  });
});

describe('datesProblem', () => {
  it('refuses an end before the start, allows the same day and no end', () => {
    expect(datesProblem('2024-01-02', '2024-01-01')).toBe('任职结束日期不能早于开始日期');
    expect(datesProblem('2024-01-02', '2024-01-02')).toBeNull();
    expect(datesProblem('2024-01-02', null)).toBeNull();
  });
});
