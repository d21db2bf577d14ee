import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUTY_REPORT_BANDS, DEFAULT_SCALE_POINTS, approvalShare, bandOf, bandsProblem, overallRating, rankByApproval, reviewScore, scalePointsProblem } from './polls.rules.ts';

const c = (satisfied: number, basic: number, dissatisfied: number) => ({ satisfied, basic, dissatisfied });

describe('overall rating (satisfied > half; else satisfied + basic > half; else dissatisfied)', () => {
  it('at the edges of half', () => {
    expect(overallRating(c(51, 0, 49))).toBe('satisfied');
    expect(overallRating(c(50, 0, 50))).toBe('dissatisfied'); // exactly half is not more than half
    expect(overallRating(c(50, 1, 49))).toBe('basic');
    expect(overallRating(c(30, 20, 50))).toBe('dissatisfied');
    expect(overallRating(c(30, 21, 49))).toBe('basic');
    expect(overallRating(c(3, 0, 2))).toBe('satisfied'); // odd totals: 3 of 5
    expect(overallRating(c(0, 0, 0))).toBeNull();
  });
  it('property: matches the rule stated with fractions', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(200), (s, b, d) => {
        const n = s + b + d;
        const r = overallRating(c(s, b, d));
        if (n === 0) expect(r).toBeNull();
        else expect(r).toBe(s / n > 0.5 ? 'satisfied' : (s + b) / n > 0.5 ? 'basic' : 'dissatisfied');
      }),
    );
  });
});

describe('duty report bands (称职 ≥ 80 %, 基本称职 50–80 %, 不称职 < 50 %)', () => {
  const band = (s: number, b: number, d: number) => bandOf(DEFAULT_DUTY_REPORT_BANDS, c(s, b, d))?.label;
  it('at the edges', () => {
    expect(band(80, 0, 20)).toBe('称职'); // 80 % exactly
    expect(band(79, 0, 21)).toBe('基本称职');
    expect(band(40, 10, 50)).toBe('基本称职'); // 50 % exactly
    expect(band(49, 0, 51)).toBe('不称职');
    expect(band(4, 0, 1)).toBe('称职'); // 4 of 5 = 80 %
    expect(band(0, 0, 0)).toBeUndefined();
  });
  it('a share that floating point would put just under the bound still reaches it', () => {
    // 0.8 × 49 = 39.2…: 40 of 49 is 81.6 %; 39 of 49 is 79.6 %. And 56 of 70 is exactly 80 %.
    expect(band(56, 0, 14)).toBe('称职');
    expect(band(39, 0, 10)).toBe('基本称职');
    expect(approvalShare(c(56, 0, 14))).toBeCloseTo(0.8);
  });
  it('checks configured bands', () => {
    expect(bandsProblem(DEFAULT_DUTY_REPORT_BANDS)).toBeNull();
    expect(bandsProblem([{ label: '好', minPercent: 60 }])).toContain('下限为 0');
    expect(
      bandsProblem([
        { label: '好', minPercent: 0 },
        { label: '好', minPercent: 50 },
      ]),
    ).toContain('重复');
    expect(
      bandsProblem([
        { label: 'A', minPercent: 0 },
        { label: 'B', minPercent: 120 },
      ]),
    ).toContain('0–100');
    expect(bandsProblem([])).not.toBeNull();
  });
});

describe('ranking of offices', () => {
  it('by approval, then satisfied, then name; ties share a rank; no votes last', () => {
    const rows = [
      { name: '财政所', counts: c(10, 5, 5) },
      { name: '农业站', counts: c(15, 3, 2) },
      { name: '城建办', counts: c(10, 5, 5) },
      { name: '司法所', counts: c(0, 0, 0) },
      { name: '派出所', counts: c(12, 6, 2) },
    ];
    const ranked = rankByApproval(rows).map((r) => [r.name, r.rank]);
    expect(ranked).toEqual([
      ['农业站', 1],
      ['派出所', 2],
      ['财政所', 3],
      ['城建办', 3],
      ['司法所', null],
    ]);
  });
});

describe('reviewScore (peer and voter review, design §5)', () => {
  it('averages the ballots on the 100 / 60 / 0 scale', () => {
    expect(reviewScore({ satisfied: 3, basic: 1, dissatisfied: 0 })).toBe(90);
    expect(reviewScore({ satisfied: 1, basic: 1, dissatisfied: 1 })).toBe(53.33);
    expect(reviewScore({ satisfied: 0, basic: 0, dissatisfied: 4 })).toBe(0);
  });
  it('has no score without votes, and follows a town scale', () => {
    expect(reviewScore({ satisfied: 0, basic: 0, dissatisfied: 0 })).toBeNull();
    expect(reviewScore({ satisfied: 1, basic: 1, dissatisfied: 0 }, { satisfied: 100, basic: 80, dissatisfied: 40 })).toBe(90);
  });
  it('refuses a scale out of range or upside down', () => {
    expect(scalePointsProblem(DEFAULT_SCALE_POINTS)).toBeNull();
    expect(scalePointsProblem({ satisfied: 101, basic: 60, dissatisfied: 0 })).toMatch(/0–100/);
    expect(scalePointsProblem({ satisfied: 50, basic: 60, dissatisfied: 0 })).toMatch(/不能低于/);
  });
});
