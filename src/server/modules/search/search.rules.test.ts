import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../lib/search-text.ts';
import { chinaDateOf, ftsMatch, mergeRanked, snippetOf, tsQuery } from './search.rules.ts';

describe('query languages', () => {
  it('quotes every term for FTS5; single Han characters and Latin words match as prefixes', () => {
    expect(ftsMatch(queryTerms('路灯不亮'))).toBe('"路灯" "灯不" "不亮"');
    expect(ftsMatch(queryTerms('灯'))).toBe('"灯"*');
    expect(ftsMatch(queryTerms('G320 国道'))).toBe('"g320"* "国道"');
  });

  it('leaves FTS operators of a query as words to find', () => {
    expect(ftsMatch(queryTerms('路灯 OR NOT "x*"'))).toBe('"路灯" "or"* "not"* "x"*');
  });

  it('builds the tsquery with & and :* the same way', () => {
    expect(tsQuery(queryTerms('路灯 灯'))).toBe("'路灯' & '灯':*");
    expect(tsQuery(["it's"])).toBe("'it''s':*");
  });
});

describe('snippetOf', () => {
  const long = `${'前'.repeat(60)}主干道的路灯损坏多日${'后'.repeat(100)}`;

  it('cuts the original words around the first hit, with … where text was left out', () => {
    const s = snippetOf([long], ['路灯']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('主干道的路灯损坏多日');
    expect([...s.replaceAll('…', '')].length).toBe(80);
  });

  it('takes the field that has the hit, in the order given', () => {
    expect(snippetOf(['没有命中', '这里有路灯'], ['路灯'])).toBe('这里有路灯');
  });

  it('finds full-width and upper-case text as the tokeniser does', () => {
    expect(snippetOf(['国道ＧＳ３２０沿线'], queryTerms('gs320'))).toBe('国道ＧＳ３２０沿线');
  });

  it('falls back to the start of the first text when no term occurs', () => {
    expect(snippetOf(['', '甲乙丙'], ['路灯'])).toBe('甲乙丙');
    expect(snippetOf([null, undefined], ['路灯'])).toBe('');
  });

  it('shows a text with line breaks on one line', () => {
    expect(snippetOf(['第一行\n\n路灯 第二行'], ['路灯'])).toBe('第一行 路灯 第二行');
  });

  it('handles characters outside the BMP without splitting them', () => {
    expect(snippetOf(['𠀀𠀁路灯'], ['路灯'])).toBe('𠀀𠀁路灯');
  });
});

describe('mergeRanked', () => {
  const s = [
    { type: 'suggestion' as const, key: 's1', score: 3, date: '2026-01-01' },
    { type: 'suggestion' as const, key: 's2', score: 1, date: '2026-01-02' },
  ];
  const m = [
    { type: 'reception' as const, key: 'm1', score: 2, date: '2026-03-01' },
    { type: 'reception' as const, key: 'm2', score: 1, date: '2026-03-02' },
  ];

  it('orders by score, then the newer record, and cuts the page', () => {
    expect(mergeRanked([s, m], 0, 10).map((x) => x.key)).toEqual(['s1', 'm1', 'm2', 's2']);
    expect(mergeRanked([s, m], 1, 2).map((x) => x.key)).toEqual(['m1', 'm2']);
    expect(mergeRanked([[], []], 0, 5)).toEqual([]);
  });
});

it('chinaDateOf gives the China day of a UTC instant', () => {
  expect(chinaDateOf('2026-03-08T16:30:00.000Z')).toBe('2026-03-09');
  expect(chinaDateOf('2026-03-08T15:59:59.000Z')).toBe('2026-03-08');
});
