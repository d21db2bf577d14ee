import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, dice, dupPairs, pairsOf, rankDuplicates, similarity } from './duplicates.rules.ts';

const score = (a: { title: string; content?: string }, b: { title: string; content?: string }) => similarity(dupPairs(a), dupPairs(b));

const lampsA = { title: '关于修复平安村路灯的建议', content: '平安村主干道路灯损坏多日，夜间出行不便，存在安全隐患。' };
const lampsB = { title: '平安村路灯不亮', content: '村里主干道的路灯坏了一个多月，晚上群众出行看不见路。' };
const lampsC = { title: '建议尽快修复平安村路灯', content: '' };
const roadSameVillage = { title: '关于平安村道路硬化的建议', content: '平安村通组道路仍为泥土路，雨天泥泞，建议硬化。' };
const schoolFood = { title: '关于加强学校食品安全管理的建议', content: '镇中心小学食堂食品来源不明，建议加强监管。' };
const bridge = { title: '关于修建青石桥的建议', content: '青石桥年久失修，汛期危险。' };
const bridge2 = { title: '建议修建青石河大桥', content: '青石河上的老桥已是危桥，群众过河不安全，建议修建新桥。' };

describe('pairs and Dice', () => {
  it('drops the boilerplate of the genre', () => {
    expect([...pairsOf('关于修复路灯的建议')]).toEqual(['修复', '复路', '路灯']);
    expect(pairsOf('关于……的建议').size).toBe(0);
  });

  it('Dice is 0 with nothing shared or an empty side, 1 for the same set', () => {
    expect(dice(new Set(['a']), new Set(['b']))).toBe(0);
    expect(dice(new Set(), new Set(['b']))).toBe(0);
    expect(dice(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(1);
    expect(dice(new Set(['a', 'b']), new Set(['b', 'c']))).toBe(0.5);
  });
});

describe('similarity of suggestions', () => {
  it('scores the same matter in other words above the threshold', () => {
    expect(score(lampsA, lampsB)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(score(lampsA, lampsC)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(score(lampsB, lampsC)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(score(bridge, bridge2)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('keeps another matter of the same village, and an unrelated one, below it', () => {
    expect(score(lampsA, roadSameVillage)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(score(lampsA, schoolFood)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(score(schoolFood, roadSameVillage)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(score(bridge, schoolFood)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(score(lampsB, bridge2)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('is 1 for the same title and content, and symmetric', () => {
    expect(score(lampsA, lampsA)).toBe(1);
    expect(score(lampsA, lampsB)).toBeCloseTo(score(lampsB, lampsA), 10);
  });

  it('ignores Latin case and full-width forms like the search does', () => {
    expect(score({ title: 'G320国道 路灯' }, { title: 'ｇ３２０国道路灯' })).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });
});

describe('rankDuplicates', () => {
  const candidates = [
    { id: 'food', ...schoolFood },
    { id: 'b', ...lampsB },
    { id: 'road', ...roadSameVillage },
    { id: 'c', ...lampsC },
  ];

  it('lists only the likely ones, most similar first, with rounded scores', () => {
    const out = rankDuplicates(lampsA, candidates);
    expect(out.map((x) => x.id)).toEqual(['c', 'b']);
    for (const x of out) expect(x.score).toBe(Number(x.score.toFixed(2)));
    expect(out[0].score).toBeGreaterThanOrEqual(out[1].score);
  });

  it('finds nothing for a query of boilerplate only, or with no candidates', () => {
    expect(rankDuplicates({ title: '关于的建议' }, candidates)).toEqual([]);
    expect(rankDuplicates(lampsA, [])).toEqual([]);
  });

  it('honours the limit and a custom threshold', () => {
    expect(rankDuplicates(lampsA, candidates, { limit: 1 }).map((x) => x.id)).toEqual(['c']);
    expect(rankDuplicates(lampsA, candidates, { threshold: 0 }).length).toBe(4);
  });
});
