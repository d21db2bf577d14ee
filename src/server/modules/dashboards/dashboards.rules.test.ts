import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../../../shared/report/default-template.ts';
import { draft } from '../../../shared/report/draft.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { countyTemplate, countyWords, gradeHistogram, mapLimit, monthly, monthsOf, sumTownFacts } from './dashboards.rules.ts';

const f = (value: Facts[string]['value'], ids: string[] = []) => ({ value, ids, label: '' });

describe('monthsOf', () => {
  it('lists every month, across a year end', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});

describe('monthly', () => {
  it('buckets by the China month and computes the rate over invited minus leave', () => {
    const rows = [
      // 2026-01-31 20:00 UTC is Feb 1 in China.
      { startAt: '2026-01-31T20:00:00.000Z', invited: 10, onLeave: 2, present: 6, late: 1 },
      { startAt: '2026-01-10T01:00:00.000Z', invited: 4, onLeave: 4, present: 0, late: 0 },
    ];
    expect(monthly(rows, '2026-01-01', '2026-03-31')).toEqual([
      { month: '2026-01', activities: 1, personTimes: 0, expected: 0, attendanceRate: null },
      { month: '2026-02', activities: 1, personTimes: 7, expected: 8, attendanceRate: 0.875 },
      { month: '2026-03', activities: 0, personTimes: 0, expected: 0, attendanceRate: null },
    ]);
  });
});

describe('gradeHistogram', () => {
  it('orders by the bands best first, keeps empty grades, and counts ungraded last', () => {
    const bands = [
      { label: '合格', min: 60 },
      { label: '优秀', min: 90 },
      { label: '不合格', min: 0 },
    ];
    expect(gradeHistogram(bands, ['合格', null, '合格', '不合格'])).toEqual([
      { label: '优秀', count: 0 },
      { label: '合格', count: 2 },
      { label: '不合格', count: 1 },
      { label: '未定等次', count: 1 },
    ]);
    expect(gradeHistogram(bands, [])).toHaveLength(3);
  });
});

describe('sumTownFacts', () => {
  const a: Facts = {
    'suggestions.total': f(3, ['suggestion:a1', 'suggestion:a2', 'suggestion:a3']),
    'suggestions.onTime': f(1, ['suggestion:a1']),
    'suggestions.replied': f(2),
    'suggestions.onTimeRate': f(0.5),
    'deputies.total': f(10),
    'deputies.female': f(3),
    'activities.attendanceRate': f(0.9),
    'stations.names': f(['一站'], ['station:s1']),
    'sessions.firstName': f('第一次会议'),
  };
  const b: Facts = {
    'suggestions.total': f(1, ['suggestion:b1']),
    'suggestions.onTime': f(2),
    'suggestions.replied': f(2),
    'deputies.total': f(10),
    'deputies.female': f(5),
    'stations.names': f(['二站', '三站']),
  };
  const s = sumTownFacts(
    [
      { name: '甲镇', facts: a },
      { name: '乙镇', facts: b },
    ],
    '某县',
    { from: '2026-01-01', to: '2026-12-31' },
  );
  it('sums counts with their records', () => {
    expect(s['suggestions.total'].value).toBe(4);
    expect(s['suggestions.total'].ids).toEqual(['suggestion:a1', 'suggestion:a2', 'suggestion:a3', 'suggestion:b1']);
    // A key no town has sums to 0, so a template's `when` leaves its sentence out.
    expect(s['findings.found'].value).toBe(0);
  });
  it('recomputes the rates it can and leaves out the rest', () => {
    expect(s['suggestions.onTimeRate'].value).toBe(0.75);
    expect(s['deputies.femaleShare'].value).toBe(0.4);
    expect(s['activities.attendanceRate']).toBeUndefined();
    expect(s['suggestions.satisfactionRate']).toBeUndefined();
    expect(s['sessions.firstName']).toBeUndefined();
  });
  it('prefixes list items with their town', () => {
    expect(s['stations.names'].value).toEqual(['甲镇：一站', '乙镇：二站', '乙镇：三站']);
    expect(s['town.name'].value).toBe('某县');
  });
});

describe('the county template', () => {
  it('reads 全县 and 乡镇, without doubling 乡', () => {
    expect(countyWords('全镇现有人大代表，镇人大主席团在镇党委领导下；乡镇人大')).toBe('全县现有人大代表，乡镇人大主席团在乡镇党委领导下；乡镇人大');
  });
  it('drops sentences using a fact the county does not have, so no 〔key〕 appears', () => {
    const facts = sumTownFacts([{ name: '甲镇', facts: { 'activities.held': f(5), 'activities.personTimes': f(40) } }], '某县', {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const t = countyTemplate(DEFAULT_TEMPLATE, facts);
    expect(t.title).toBe('{town}各乡镇人大{period}工作总结');
    const body = draft(t, facts, { townName: '某县', periodLabel: '2026年', yearLabel: '2026年', nextPeriodLabel: '2027年' });
    expect(body.title).toBe('某县各乡镇人大2026年工作总结');
    const text = JSON.stringify(body);
    expect(text).not.toContain('attendanceRate');
    expect(text).not.toContain('全镇');
  });
});

describe('mapLimit', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });
});
