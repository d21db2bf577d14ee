import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ITEMS,
  DEFAULT_WEIGHTS,
  METRICS,
  commendationOf,
  isKnownMetric,
  kindOfMetric,
  monthEnded,
  monthRange,
  parseRecordRef,
  periodMonths,
  schemeProblems,
} from './points.catalogue.ts';
import { DEFAULT_GRADE_BANDS, weightsProblem } from './points.rules.ts';

describe('the metric catalogue and defaults', () => {
  it('offers every metric of the contract once, and the defaults use only those', () => {
    const names = METRICS.map((m) => m.metric);
    expect(new Set(names).size).toBe(names.length);
    for (const m of [
      'activity_attended:training',
      'activity_attended:other',
      'activity_leave',
      'session_absent',
      'suggestion_grade:C',
      'research_member',
      'research_grade:fail',
      'document_read',
    ]) {
      expect(isKnownMetric(m), m).toBe(true);
    }
    expect(isKnownMetric('activity_attended:party')).toBe(false);
    expect(isKnownMetric('suggestion_grade:')).toBe(false);
    expect(DEFAULT_ITEMS.every((i) => isKnownMetric(i.metric))).toBe(true);
    expect(schemeProblems({ items: DEFAULT_ITEMS, weights: DEFAULT_WEIGHTS, bands: DEFAULT_GRADE_BANDS, fullMarks: 100 })).toEqual([]);
    expect(weightsProblem(DEFAULT_WEIGHTS)).toBeNull();
  });

  it('knows the record kind of each metric family and parses references', () => {
    expect(kindOfMetric('activity_attended:visit')).toBe('activity');
    expect(kindOfMetric('session_leave')).toBe('session');
    expect(kindOfMetric('suggestion_grade:A')).toBe('suggestion');
    expect(kindOfMetric('research_grade:good')).toBe('research');
    expect(kindOfMetric('duty_report_held')).toBe('duty_report');
    expect(kindOfMetric('motion_sponsored')).toBe('motion');
    expect(parseRecordRef('duty_report:01J')).toEqual({ kind: 'duty_report', id: '01J' });
    expect(parseRecordRef('nocolon')).toBeNull();
    expect(parseRecordRef(':x')).toBeNull();
  });
});

describe('schemeProblems', () => {
  const item = { key: 'a', label: 'A', metric: 'suggestion_lead', points: 3, cap: null };
  it('names each bad field', () => {
    expect(schemeProblems({ items: [item, item] })[0].field).toBe('items.1.key');
    expect(schemeProblems({ items: [{ ...item, metric: 'x' }] })[0].field).toBe('items.0.metric');
    expect(schemeProblems({ items: [{ ...item, points: 0 }] })[0].field).toBe('items.0.points');
    expect(schemeProblems({ items: [{ ...item, cap: 0 }] })[0].field).toBe('items.0.cap');
    expect(schemeProblems({ items: [{ ...item, cap: -1 }] })[0].field).toBe('items.0.cap');
    expect(schemeProblems({ items: [{ ...item, points: -2, cap: 4 }] })).toEqual([]);
    expect(schemeProblems({ weights: { records: 50, peer: 50, voter: 0, presidium: 1 } })[0].field).toBe('weights');
    expect(schemeProblems({ bands: [{ label: '好', min: 60 }] })[0].field).toBe('bands');
    expect(
      schemeProblems({
        bands: [
          { label: '好', min: 0 },
          { label: '差', min: 0 },
        ],
      })[0].field,
    ).toBe('bands.1.min');
    expect(schemeProblems({ fullMarks: 0 })[0].field).toBe('fullMarks');
    expect(schemeProblems({})).toEqual([]);
  });
});

describe('months and periods (China dates)', () => {
  it('bounds a month, February of a leap year included', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(() => monthRange('2026-13')).toThrow();
  });
  it('a month has ended only after its last day', () => {
    expect(monthEnded('2026-11', '2026-11-30')).toBe(false);
    expect(monthEnded('2026-11', '2026-12-01')).toBe(true);
    expect(monthEnded('2026-12', '2026-12-07')).toBe(false);
  });
  it('reads years, quarters and months; anything else is null', () => {
    expect(periodMonths('2026-Q1')).toEqual({ year: 2026, months: ['2026-01', '2026-02', '2026-03'] });
    expect(periodMonths('2026-Q4')?.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodMonths('2026')?.months.length).toBe(12);
    expect(periodMonths('2026-07')).toEqual({ year: 2026, months: ['2026-07'] });
    for (const bad of ['2026-Q5', '2026-Q0', '2026-13', '26', '2026-1']) expect(periodMonths(bad), bad).toBeNull();
  });
});

describe('commendationOf', () => {
  const row = (id: string, score: number | null, grade: string | null, rank: number | null) => ({ id, score, grade, rank });
  it('takes the best `top` of the top band only; ties at the limit all in', () => {
    const rows = [row('a', 95, '优秀', 1), row('b', 92, '优秀', 2), row('c', 92, '优秀', 2), row('d', 89, '良好', 4), row('e', null, null, null)];
    expect(commendationOf(rows, DEFAULT_GRADE_BANDS, 2).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(commendationOf(rows, DEFAULT_GRADE_BANDS, 1).map((r) => r.id)).toEqual(['a']);
    // Places left over never go to a lower band.
    expect(commendationOf(rows, DEFAULT_GRADE_BANDS, 10).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(commendationOf(rows, DEFAULT_GRADE_BANDS, 0)).toEqual([]);
    expect(commendationOf(rows, [], 3)).toEqual([]);
  });
});
