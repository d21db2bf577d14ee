import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, allSettingsProblems, gradeLabel, gradeOf, holidayProblems } from './settings.rules.ts';

describe('suggestion settings', () => {
  it('the defaults can be saved: eleven categories, grades A–D with B followed up', () => {
    expect(allSettingsProblems(DEFAULT_SETTINGS)).toEqual([]);
    expect(DEFAULT_SETTINGS.categories).toHaveLength(11);
    expect(DEFAULT_SETTINGS.grades.filter((g) => g.followUp).map((g) => g.code)).toEqual(['B']);
    expect(DEFAULT_SETTINGS).toMatchObject({ replyMonths: 3, returnWorkingDays: 7, rehandleDays: 30, dueSoonDays: 14 });
  });

  it('names every problem by field: bounds, empty lists, duplicates, bad codes', () => {
    const problems = allSettingsProblems({
      ...DEFAULT_SETTINGS,
      replyMonths: 7,
      dueSoonDays: 0,
      categories: ['交通', '', '交通'],
      grades: [
        { code: 'A', label: '已解决', followUp: false },
        { code: 'A', label: '', followUp: false },
        { code: '甲', label: '甲等', followUp: false },
      ],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'replyMonths',
      'dueSoonDays',
      'categories.1',
      'categories.2',
      'grades.1.code',
      'grades.1.label',
      'grades.2.code',
    ]);
    expect(allSettingsProblems({ ...DEFAULT_SETTINGS, categories: [], grades: [] }).map((p) => p.field)).toEqual(['categories', 'grades']);
  });

  it('a three-grade set is allowed; a removed grade shows as its code', () => {
    const three = { ...DEFAULT_SETTINGS, grades: DEFAULT_SETTINGS.grades.slice(0, 3) };
    expect(allSettingsProblems(three)).toEqual([]);
    expect(gradeOf(three, 'B')?.followUp).toBe(true);
    expect(gradeOf(three, 'D')).toBeUndefined();
    expect(gradeLabel(three, 'D')).toBe('D');
    expect(gradeLabel(three, 'A')).toBe('已解决或基本解决');
  });

  it('holidays: in the year, once each, make-up working days on weekends only', () => {
    expect(
      holidayProblems(2026, [
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-10', kind: 'workday', name: '国庆调休' },
      ]),
    ).toEqual([]);
    const p = holidayProblems(2026, [
      { date: '2027-01-01', kind: 'holiday', name: '' },
      { date: '2026-10-01', kind: 'holiday', name: '' },
      { date: '2026-10-01', kind: 'holiday', name: '' },
      { date: '2026-10-12', kind: 'workday', name: '' },
    ]);
    expect(p.map((x) => x.field)).toEqual(['items.0.date', 'items.2.date', 'items.3.kind']);
  });
});
