import { describe, expect, it } from 'vitest';
import { assembleFigures, chinaDayStartIso, periodLabel, rate, resolvePeriod } from './stats.rules.ts';

describe('rate', () => {
  it('is null, never NaN or Infinity, when there is nothing to divide by', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 0)).toBeNull();
    expect(rate(1, -1)).toBeNull();
    expect(rate(Number.NaN, 2)).toBeNull();
  });

  it('is a share to four decimals', () => {
    expect(rate(0, 5)).toBe(0);
    expect(rate(5, 5)).toBe(1);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(1, 8)).toBe(0.125);
  });
});

describe('resolvePeriod', () => {
  const today = '2026-11-28';

  it('defaults to the current China year', () => {
    expect(resolvePeriod({}, today)).toEqual({ period: { kind: 'year', year: 2026 } });
  });

  it('takes a range, filling a missing end from the other’s year, with UTC bounds of the China days', () => {
    const r = resolvePeriod({ from: '2026-03-01' }, today);
    expect(r).toEqual({
      period: { kind: 'range', from: '2026-03-01', to: '2026-12-31', fromIso: '2026-02-28T16:00:00.000Z', toIsoExclusive: '2026-12-31T16:00:00.000Z' },
    });
    expect(resolvePeriod({ to: '2025-06-30' }, today)).toMatchObject({ period: { from: '2025-01-01', to: '2025-06-30' } });
  });

  it('refuses a range that ends before it starts, and two kinds of period at once, naming the field', () => {
    expect(resolvePeriod({ from: '2026-05-01', to: '2026-04-30' }, today)).toEqual({
      issues: [{ field: 'querystring.to', message: '结束日期不能早于开始日期' }],
    });
    expect(resolvePeriod({ year: 2026, from: '2026-01-01' }, today)).toMatchObject({ issues: [{ field: 'querystring.year' }] });
    expect(resolvePeriod({ year: 2026, sessionId: 'x' }, today)).toMatchObject({ issues: [{ field: 'querystring.sessionId' }] });
  });

  it('takes a session', () => {
    expect(resolvePeriod({ sessionId: 'S1' }, today)).toEqual({ period: { kind: 'session', sessionId: 'S1' } });
  });

  it('labels periods for titles', () => {
    expect(periodLabel({ kind: 'year', year: 2026 })).toBe('2026年');
    expect(periodLabel({ kind: 'range', from: '2026-01-01', to: '2026-06-30', fromIso: '', toIsoExclusive: '' })).toBe('2026-01-01 至 2026-06-30');
  });

  it('chinaDayStartIso is midnight in Beijing', () => {
    expect(chinaDayStartIso('2026-01-01')).toBe('2025-12-31T16:00:00.000Z');
  });
});

describe('assembleFigures', () => {
  it('gives zeros and null rates for an empty period', () => {
    const f = assembleFigures({ groups: [], unitReplies: [], unitRatings: [], unitAssigned: [], unitNames: new Map() });
    expect(f).toMatchObject({ total: 0, assigned: 0, replied: 0, closed: 0, onTimeRate: null, satisfactionRate: null, byUnit: [], bySource: [] });
  });

  it('sums the groups, counts by each dimension, and rates per office and overall', () => {
    const f = assembleFigures({
      groups: [
        { sourceType: 'deputy', category: '交通', state: 'closed', n: 2, assigned: 2, replied: 2, rehandled: 1 },
        { sourceType: 'reception', category: '交通', state: 'handling', n: 1, assigned: 1, replied: 0, rehandled: 0 },
        { sourceType: 'deputy', category: '卫生', state: 'following', n: 1, assigned: 1, replied: 1, rehandled: 0 },
        { sourceType: 'deputy', category: '卫生', state: 'submitted', n: 3, assigned: 0, replied: 0, rehandled: 0 },
      ],
      unitReplies: [
        { unitId: 'u1', replies: 3, onTime: 2, rehandled: 1 },
        { unitId: 'u2', replies: 1, onTime: 1, rehandled: 0 },
      ],
      unitRatings: [
        { unitId: 'u1', ratings: 3, satisfied: 2 },
        { unitId: null, ratings: 1, satisfied: 1 },
      ],
      unitAssigned: [
        { unitId: 'u1', assigned: 2 },
        { unitId: 'u2', assigned: 2 },
        { unitId: 'u3', assigned: 1 },
      ],
      unitNames: new Map([
        ['u1', '交通办'],
        ['u2', '卫生院'],
        ['u3', '民政办'],
      ]),
    });
    expect(f.total).toBe(7);
    expect(f.bySource).toEqual([
      { key: 'deputy', count: 6 },
      { key: 'reception', count: 1 },
    ]);
    expect(f.byCategory).toEqual([
      { key: '卫生', count: 4 },
      { key: '交通', count: 3 },
    ]);
    expect(f).toMatchObject({
      assigned: 4,
      replied: 3,
      closed: 2,
      followUp: 1,
      rehandled: 1,
      replies: 4,
      onTime: 3,
      onTimeRate: 0.75,
      ratings: 4,
      satisfied: 3,
      satisfactionRate: 0.75,
    });
    expect(f.byUnit.map((u) => [u.unit.name, u.assigned, u.onTimeRate, u.satisfactionRate, u.rehandled])).toEqual([
      ['交通办', 2, 0.6667, 0.6667, 1],
      ['卫生院', 2, 1, null, 0],
      ['民政办', 1, null, null, 0],
    ]);
  });
});
