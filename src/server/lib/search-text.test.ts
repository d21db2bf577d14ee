import { describe, expect, it } from 'vitest';
import { queryTerms, searchText } from './search-text.ts';

describe('search text', () => {
  it('splits Han runs into overlapping pairs and keeps Latin and digit words', () => {
    expect(searchText('路灯不亮', 'G205国道')).toBe('路灯 灯不 不亮 g205 国道');
    expect(searchText('交通', null, undefined, '')).toBe('交通');
  });

  it('a two-character query is one term that occurs in the text of a longer sentence', () => {
    const stored = searchText('建议在桃花村主干道安装路灯').split(' ');
    expect(queryTerms('路灯')).toEqual(['路灯']);
    for (const t of queryTerms('安装路灯')) expect(stored).toContain(t);
    expect(stored).not.toContain('交通');
  });

  it('full-width letters and punctuation fold; single characters stay; empty queries have no terms', () => {
    expect(queryTerms('ＡＢＣ，灯')).toEqual(['abc', '灯']);
    expect(queryTerms('  ，。 ')).toEqual([]);
    expect(queryTerms('路灯 路灯')).toEqual(['路灯']);
  });
});
