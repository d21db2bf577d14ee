import { describe, expect, it } from 'vitest';
import { monthsBetween, monthsOfPeriod, periodProblem, periodsInRange, rankByScore } from './reviews.rules.ts';

describe('review periods', () => {
  it('a month for peer review, a quarter for voter review', () => {
    expect(periodProblem('peer_review', '2026-09')).toBeNull();
    expect(periodProblem('peer_review', '2026-13')).not.toBeNull();
    expect(periodProblem('peer_review', '2026-Q3')).not.toBeNull();
    expect(periodProblem('voter_review', '2026-Q4')).toBeNull();
    expect(periodProblem('voter_review', '2026-Q5')).not.toBeNull();
    expect(periodProblem('voter_review', '2026-09')).not.toBeNull();
  });
  it('months of a quarter and of a range across a year end', () => {
    expect(monthsOfPeriod('2026-Q2')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(monthsOfPeriod('2026-07')).toEqual(['2026-07']);
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
  it('a quarter is in a range only when all its months are', () => {
    expect(periodsInRange('voter_review', '2026-01-01', '2026-12-31')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsInRange('voter_review', '2026-02-01', '2026-06-30')).toEqual(['2026-Q2']);
    expect(periodsInRange('peer_review', '2026-05', '2026-06')).toEqual(['2026-05', '2026-06']);
  });
  it('ranks by score, ties share a rank, no score last', () => {
    const r = rankByScore([
      { name: '乙', score: 80 },
      { name: '甲', score: 90 },
      { name: '丙', score: null },
      { name: '丁', score: 80 },
    ]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ['甲', 1],
      ['丁', 2],
      ['乙', 2],
      ['丙', null],
    ]);
  });
});
