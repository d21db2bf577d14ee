import { describe, expect, it } from 'vitest';
import { chineseNumeral, currentTermId, firstDuplicate, firstVillageConflict, termName } from './regions.rules.ts';

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [2, '二'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [18, '十八'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [30, '三十'],
    [45, '四十五'],
    [90, '九十'],
    [99, '九十九'],
  ])('%i -> %s', (n, s) => {
    expect(chineseNumeral(n)).toBe(s);
  });

  it('refuses numbers outside 1..99', () => {
    for (const n of [0, -1, 100, 1.5, Number.NaN]) expect(() => chineseNumeral(n)).toThrow(RangeError);
  });
});

describe('termName', () => {
  it('renders 第…届', () => {
    expect(termName(18)).toBe('第十八届');
    expect(termName(1)).toBe('第一届');
    expect(termName(10)).toBe('第十届');
    expect(termName(21)).toBe('第二十一届');
  });
});

describe('currentTermId', () => {
  const terms = [
    { id: 't17', number: 17, startDate: '2016-12-01' },
    { id: 't18', number: 18, startDate: '2021-12-01' },
    { id: 't19', number: 19, startDate: '2026-12-20' },
  ];

  it('is the largest number that has started', () => {
    expect(currentTermId(terms, '2026-11-28')).toBe('t18');
  });

  it('a term becomes current on its start date', () => {
    expect(currentTermId(terms, '2026-12-20')).toBe('t19');
    expect(currentTermId(terms, '2026-12-19')).toBe('t18');
  });

  it('does not depend on the order of the list', () => {
    expect(currentTermId([...terms].reverse(), '2030-01-01')).toBe('t19');
  });

  it('is null when no term has started', () => {
    expect(currentTermId(terms, '2000-01-01')).toBeNull();
    expect(currentTermId([], '2026-01-01')).toBeNull();
  });
});

describe('firstVillageConflict', () => {
  const claims = [
    { villageId: 'v1', villageName: '东村', constituencyId: 'c1', constituencyName: '第一选区' },
    { villageId: 'v2', villageName: '西村', constituencyId: 'c2', constituencyName: '第二选区' },
  ];

  it('finds a village claimed by another constituency', () => {
    expect(firstVillageConflict(['v3', 'v2'], claims)?.villageName).toBe('西村');
  });

  it('ignores the constituency being edited', () => {
    expect(firstVillageConflict(['v1'], claims, 'c1')).toBeNull();
    expect(firstVillageConflict(['v1', 'v2'], claims, 'c1')?.constituencyName).toBe('第二选区');
  });

  it('is null when all villages are free', () => {
    expect(firstVillageConflict(['v9'], claims)).toBeNull();
    expect(firstVillageConflict([], claims)).toBeNull();
  });
});

describe('firstDuplicate', () => {
  it('reports the first id given twice', () => {
    expect(firstDuplicate(['a', 'b', 'a'])).toBe('a');
    expect(firstDuplicate(['a', 'b'])).toBeNull();
  });
});
