import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRADE_BANDS,
  type SchemeItem,
  combine,
  gradeOf,
  rankByScore,
  recordsPercent,
  scoreItem,
  scoreRecords,
  weightsProblem,
} from './points.rules.ts';

const items: SchemeItem[] = [
  { key: 'sug', label: '提出建议', metric: 'suggestion_lead', points: 3, cap: 15 },
  { key: 'insp', label: '参加视察调研', metric: 'activity_attended:inspection', points: 3, cap: null },
  { key: 'gradeA', label: '建议办理为A类', metric: 'suggestion_grade:A', points: 2, cap: 6 },
  { key: 'leave', label: '请假', metric: 'activity_leave', points: -0.5, cap: 3 },
  { key: 'absent', label: '缺席', metric: 'activity_absent', points: -2, cap: null },
];

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('a scheme applied to known records', () => {
  it('gives the exact score per deputy, caps respected on both sides', () => {
    const a = scoreRecords(
      items,
      {
        suggestion_lead: { count: 7, recordIds: ids('s', 7) }, // 21 → capped at 15
        'activity_attended:inspection': { count: 4, recordIds: ids('a', 4) }, // 12
        'suggestion_grade:A': { count: 2, recordIds: ['s1', 's3'] }, // 4
        activity_leave: { count: 9, recordIds: ids('l', 9) }, // −4.5 → floored at −3
        activity_absent: { count: 1, recordIds: ['x1'] }, // −2
      },
      [{ id: 'adj1', points: 1.5, reason: '主持接待日表现突出' }],
    );
    expect(a.lines.map((l) => [l.key, l.count, l.raw, l.points, l.capped])).toEqual([
      ['sug', 7, 21, 15, true],
      ['insp', 4, 12, 12, false],
      ['gradeA', 2, 4, 4, false],
      ['leave', 9, -4.5, -3, true],
      ['absent', 1, -2, -2, false],
    ]);
    expect(a.itemsTotal).toBe(26);
    expect(a.adjustmentsTotal).toBe(1.5);
    expect(a.total).toBe(27.5);
    expect(a.lines[0].recordIds).toEqual(ids('s', 7)); // every point traceable
  });
  it('a deputy with no records scores zero on every item', () => {
    const b = scoreRecords(items, {});
    expect(b.total).toBe(0);
    expect(b.lines.every((l) => l.count === 0 && l.recordIds.length === 0)).toBe(true);
  });
  it('sums halves and tenths without drift', () => {
    expect(scoreItem({ key: 'k', label: 'k', metric: 'm', points: 0.1, cap: null }, { count: 3, recordIds: [] }).points).toBe(0.3);
  });
});

describe('weights, parts and grades', () => {
  const w = { records: 0, peer: 10, voter: 70, presidium: 20 };
  it('weights must be whole and add up to 100', () => {
    expect(weightsProblem(w)).toBeNull();
    expect(weightsProblem({ ...w, voter: 60 })).toContain('100');
    expect(weightsProblem({ ...w, peer: 10.5, voter: 69.5 })).toContain('整数');
  });
  it('combines the parts by weight (voters 70 / presidium 20 / peers 10)', () => {
    expect(combine(w, { records: null, peer: 90, voter: 80, presidium: 100 })).toBe(85);
  });
  it('a missing part shares its weight among the others', () => {
    // no peer review: voters 70 and presidium 20 become 70/90 and 20/90
    expect(combine(w, { records: null, peer: null, voter: 80, presidium: 100 })).toBe(84.44);
    expect(combine(w, { records: null, peer: null, voter: null, presidium: null })).toBeNull();
  });
  it('records points become a 0–100 score against full marks', () => {
    expect(recordsPercent(27.5, 50)).toBe(55);
    expect(recordsPercent(80, 50)).toBe(100);
    expect(recordsPercent(-5, 50)).toBe(0);
  });
  it('grade bands at their edges', () => {
    expect(gradeOf(DEFAULT_GRADE_BANDS, 90)).toBe('优秀');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 89.99)).toBe('良好');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 80)).toBe('良好');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 60)).toBe('合格');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 59.99)).toBe('不合格');
    expect(gradeOf(DEFAULT_GRADE_BANDS, null)).toBeNull();
  });
  it('ranks by score; equal scores share a rank', () => {
    const r = rankByScore([
      { name: '甲', score: 80 },
      { name: '乙', score: 92 },
      { name: '丙', score: 80 },
      { name: '丁', score: null },
    ]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ['乙', 1],
      ['丙', 2],
      ['甲', 2],
      ['丁', null],
    ]);
  });
});
