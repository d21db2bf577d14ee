import { describe, expect, it } from 'vitest';
import { queryTerms, searchText } from '../../lib/search-text.ts';
import { duplicateScore, rankDuplicates } from './duplicates.rules.ts';

describe('likely duplicates', () => {
  const lights = searchText('建议修复村口路灯', '新民村村口路灯不亮，夜间出行不便');
  const school = searchText('学校门口增设减速带', '上下学时段车速过快');

  it('scores the share of the new text found in the old one', () => {
    expect(duplicateScore(queryTerms('村口路灯不亮'), lights)).toBe(1);
    expect(duplicateScore(queryTerms('村口路灯不亮'), school)).toBe(0);
    expect(duplicateScore([], lights)).toBe(0);
  });

  it('ranks candidates above the threshold, best first', () => {
    const ranked = rankDuplicates(queryTerms('修复路灯 夜间出行'), [
      { id: 'school', searchText: school },
      { id: 'lights', searchText: lights },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['lights']);
    expect(ranked[0].score).toBeGreaterThan(0.5);
  });
});
