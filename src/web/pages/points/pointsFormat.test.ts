import { describe, expect, it } from 'vitest';
import { bandsProblem, chinaMonth, defaultMonth, monthEnded, newItemKey, quarterOf, signed, weightsProblem } from './pointsFormat.ts';

describe('points page helpers', () => {
  it('counts months in China time', () => {
    expect(chinaMonth(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(monthEnded('2026-11', Date.parse('2026-11-30T16:30:00Z'))).toBe(true);
    expect(monthEnded('2026-12', Date.parse('2026-12-07T00:00:00Z'))).toBe(false);
  });
  it('opens the board on the last finished month of the year', () => {
    const now = Date.parse('2026-12-07T00:00:00Z');
    expect(defaultMonth(2026, now)).toBe('2026-11');
    expect(defaultMonth(2025, now)).toBe('2025-12');
    expect(defaultMonth(2027, now)).toBe('2027-01');
  });
  it('names the quarter of a month', () => {
    expect(quarterOf('2026-03')).toBe('2026-Q1');
    expect(quarterOf('2026-04')).toBe('2026-Q2');
    expect(quarterOf('2026-12')).toBe('2026-Q4');
  });
  it('checks weights as the server does', () => {
    expect(weightsProblem({ records: 60, peer: 10, voter: 10, presidium: 20 })).toBeNull();
    expect(weightsProblem({ records: 60, peer: 10, voter: 10, presidium: 21 })).toBe('各部分权重之和须为 100');
    expect(weightsProblem({ records: 60, peer: 10, voter: 10 })).toBe('权重须为不小于 0 的整数');
    expect(weightsProblem({ records: 110, peer: -10, voter: 0, presidium: 0 })).toBe('权重须为不小于 0 的整数');
  });
  it('checks grade bands', () => {
    expect(
      bandsProblem([
        { label: '合格', min: 60 },
        { label: '不合格', min: 0 },
      ]),
    ).toBeNull();
    expect(bandsProblem([{ label: '合格', min: 60 }])).toBe('须有一个最低分为 0 的等次');
    expect(
      bandsProblem([
        { label: 'a', min: 0 },
        { label: 'b', min: 0 },
      ]),
    ).toBe('各等次的最低分不能相同');
  });
  it('formats signed points and fresh keys', () => {
    expect(signed(3)).toBe('+3');
    expect(signed(-2)).toBe('-2');
    expect(signed(0.1 + 0.2)).toBe('+0.3');
    expect(newItemKey(['item1', 'item3'])).toBe('item4');
    expect(newItemKey(['item3'])).toBe('item2');
  });
});
