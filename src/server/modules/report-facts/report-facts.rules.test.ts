import { describe, expect, it } from 'vitest';
import { gapFacts } from './gaps.facts.ts';
import { factRangeOf } from './report-facts.rules.ts';
import { byDate, refsByKind } from './report-facts.records.ts';
import { ranked } from './facts.helpers.ts';

describe('factRangeOf', () => {
  it('names the field of the first problem', () => {
    expect(factRangeOf(undefined, '2026-12-31')).toMatchObject({ field: 'query.from' });
    expect(factRangeOf('2026-13-01', '2026-12-31')).toMatchObject({ field: 'query.from' });
    expect(factRangeOf('2026-01-01', undefined)).toMatchObject({ field: 'query.to' });
    expect(factRangeOf('2026-01-01', '2026-02-30')).toMatchObject({ field: 'query.to' });
    expect(factRangeOf('2026-06-01', '2026-05-31')).toMatchObject({ field: 'query.to', message: '结束日期不能早于开始日期' });
  });
  it('allows one day and five years, not more', () => {
    expect(factRangeOf('2026-06-01', '2026-06-01')).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(factRangeOf('2021-01-01', '2025-12-31')).toEqual({ from: '2021-01-01', to: '2025-12-31' });
    expect(factRangeOf('2020-01-01', '2025-12-31')).toMatchObject({ field: 'query.to' });
  });
});

describe('refsByKind', () => {
  it('groups refs by kind, drops duplicates, malformed refs and unknown kinds', () => {
    const m = refsByKind(['activity:a', 'activity:a', 'deputy:d', 'nope:x', 'activity:', ':x', 'plain', 'opinion:o:1']);
    expect([...m]).toEqual([
      ['activity', ['a']],
      ['deputy', ['d']],
      ['opinion', ['o:1']],
    ]);
  });
});

describe('byDate', () => {
  const r = (date: string | null, code: string) => ({ ref: `activity:${code}`, kind: 'activity' as const, id: code, code, title: '', date, href: null });
  it('orders by date, undated last, then code', () => {
    const out = [r(null, 'A3'), r('2026-02-01', 'A2'), r('2026-01-01', 'A9'), r('2026-02-01', 'A1')].sort(byDate);
    expect(out.map((x) => x.code)).toEqual(['A9', 'A1', 'A2', 'A3']);
  });
});

describe('ranked', () => {
  it('most first, ties in the order of the words, blanks left out', () => {
    expect(ranked(['卫生', '交通', '卫生', '', '城建', '交通', '卫生'])).toEqual([
      { name: '卫生', count: 3 },
      { name: '交通', count: 2 },
      { name: '城建', count: 1 },
    ]);
  });
});

describe('gapFacts', () => {
  const f = (value: number | null, ids: string[] = []) => ({ value, ids, label: '' });
  it('is empty when things are as they should be', () => {
    const g = gapFacts({
      'suggestions.onTimeRate': f(0.9),
      'activities.attendanceRate': f(0.85),
      'suggestions.assigned': f(1, ['suggestion:a']),
      'suggestions.replied': f(1, ['suggestion:a']),
      'findings.open': f(0),
    });
    expect(Object.values(g).map((x) => x.value)).toEqual([null, null, null, null]);
  });
  it('has a value below the floors and for unreplied or open items', () => {
    const g = gapFacts({
      'suggestions.onTimeRate': f(0.8999, ['suggestion:a']),
      'activities.attendanceRate': f(0.8499),
      'suggestions.assigned': f(2, ['suggestion:a', 'suggestion:b']),
      'suggestions.replied': f(1, ['suggestion:a']),
      'findings.open': f(3, ['finding:x']),
    });
    expect(g['gaps.onTimeRate']).toMatchObject({ value: 0.8999, ids: ['suggestion:a'] });
    expect(g['gaps.attendanceRate'].value).toBe(0.8499);
    expect(g['gaps.suggestionsUnreplied']).toMatchObject({ value: 1, ids: ['suggestion:b'] });
    expect(g['gaps.findingsOpen']).toMatchObject({ value: 3, ids: ['finding:x'] });
  });
  it('is empty when a rate has nothing to divide by or an area is missing', () => {
    const g = gapFacts({ 'suggestions.onTimeRate': f(null) });
    expect(Object.values(g).every((x) => x.value === null && x.ids.length === 0)).toBe(true);
  });
});
