import { describe, expect, it } from 'vitest';
import {
  MAX_RANGE_YEARS,
  ScheduleRangeError,
  addMonths,
  daysInMonth,
  type ScheduleRule,
  ScheduleRuleSchema,
  describeSchedule,
  expandSchedule,
  nextDates,
  parseScheduleText,
  rangeProblem,
} from './schedule.rules.ts';

describe('expandSchedule: monthly_days', () => {
  const rule: ScheduleRule = { type: 'monthly_days', days: [19, 9] };

  it('gives both days of every month, sorted, inside the range only', () => {
    expect(expandSchedule(rule, '2026-01-10', '2026-03-09')).toEqual(['2026-01-19', '2026-02-09', '2026-02-19', '2026-03-09']);
  });

  it('skips days a month does not have instead of moving them', () => {
    const r: ScheduleRule = { type: 'monthly_days', days: [29, 30, 31] };
    // 2024 is a leap year: only the 29th exists in February.
    expect(expandSchedule(r, '2024-02-01', '2024-02-29')).toEqual(['2024-02-29']);
    expect(expandSchedule(r, '2023-02-01', '2023-02-28')).toEqual([]);
    // April has 30 days.
    expect(expandSchedule(r, '2026-04-01', '2026-04-30')).toEqual(['2026-04-29', '2026-04-30']);
  });

  it('crosses a year end', () => {
    expect(expandSchedule({ type: 'monthly_days', days: [1] }, '2026-12-01', '2027-01-31')).toEqual(['2026-12-01', '2027-01-01']);
  });

  it('includes both ends of the range', () => {
    expect(expandSchedule(rule, '2026-05-09', '2026-05-19')).toEqual(['2026-05-09', '2026-05-19']);
    expect(expandSchedule(rule, '2026-05-10', '2026-05-18')).toEqual([]);
  });
});

describe('expandSchedule: first_weekend', () => {
  const rule: ScheduleRule = { type: 'first_weekend' };

  it('is the first Saturday and the Sunday after it', () => {
    // December 2026 starts on a Tuesday; January 2027 on a Friday.
    expect(expandSchedule(rule, '2026-12-01', '2027-01-31')).toEqual(['2026-12-05', '2026-12-06', '2027-01-02', '2027-01-03']);
  });

  it('skips a Sunday on the 1st: the first weekend of a month that starts on Sunday is the 7th and 8th', () => {
    // February 2026 starts on a Sunday.
    expect(expandSchedule(rule, '2026-02-01', '2026-02-28')).toEqual(['2026-02-07', '2026-02-08']);
  });

  it('is the 1st and 2nd when the month starts on a Saturday', () => {
    expect(expandSchedule(rule, '2026-08-01', '2026-08-31')).toEqual(['2026-08-01', '2026-08-02']);
  });
});

describe('expandSchedule: monthly_nth_weekday', () => {
  it('finds the second Wednesday', () => {
    // April 2026 starts on a Wednesday.
    expect(expandSchedule({ type: 'monthly_nth_weekday', nth: 2, weekday: 3 }, '2026-04-01', '2026-05-31')).toEqual(['2026-04-08', '2026-05-13']);
  });

  it('finds the last Friday (-1), also in a 30-day month', () => {
    expect(expandSchedule({ type: 'monthly_nth_weekday', nth: -1, weekday: 5 }, '2026-04-01', '2026-05-31')).toEqual(['2026-04-24', '2026-05-29']);
    // The last Thursday of April 2026 is the 30th, the month's last day.
    expect(expandSchedule({ type: 'monthly_nth_weekday', nth: -1, weekday: 4 }, '2026-04-01', '2026-04-30')).toEqual(['2026-04-30']);
  });

  it('skips months without a fifth such weekday', () => {
    // February 2026 has exactly four of each weekday; March 2026 (31 days from a Sunday) has five Sundays to Tuesdays.
    expect(expandSchedule({ type: 'monthly_nth_weekday', nth: 5, weekday: 2 }, '2026-02-01', '2026-03-31')).toEqual(['2026-03-31']);
    expect(expandSchedule({ type: 'monthly_nth_weekday', nth: 5, weekday: 3 }, '2026-02-01', '2026-03-31')).toEqual([]);
    // Leap February 2024 starts on a Thursday: a fifth Thursday on the 29th.
    expect(expandSchedule({ type: 'monthly_nth_weekday', nth: 5, weekday: 4 }, '2024-02-01', '2024-02-29')).toEqual(['2024-02-29']);
  });
});

describe('expandSchedule: weekly', () => {
  it('gives every listed weekday', () => {
    expect(expandSchedule({ type: 'weekly', weekdays: [3, 1] }, '2026-04-01', '2026-04-14')).toEqual(['2026-04-01', '2026-04-06', '2026-04-08', '2026-04-13']);
  });

  it('handles Sunday (0)', () => {
    expect(expandSchedule({ type: 'weekly', weekdays: [0] }, '2026-03-01', '2026-03-10')).toEqual(['2026-03-01', '2026-03-08']);
  });
});

describe('ranges', () => {
  it(`refuses a range longer than ${MAX_RANGE_YEARS} years with a clear error`, () => {
    expect(() => expandSchedule({ type: 'first_weekend' }, '2026-01-01', '2029-01-02')).toThrow(ScheduleRangeError);
    expect(() => expandSchedule({ type: 'first_weekend' }, '2026-01-01', '2029-01-02')).toThrow('日期范围不能超过 3 年');
    expect(expandSchedule({ type: 'first_weekend' }, '2026-01-01', '2029-01-01')).toHaveLength(72);
  });

  it('names the bad end of a range', () => {
    expect(rangeProblem('2026-02-30', '2026-03-01')).toMatchObject({ field: 'from' });
    expect(rangeProblem('2026-03-01', '2026-02-01')).toEqual({ field: 'to', message: '结束日期不能早于开始日期' });
    expect(rangeProblem('2024-02-29', '2027-02-28')).toBeNull();
    expect(rangeProblem('2024-02-29', '2027-03-01')).toMatchObject({ field: 'to' });
  });
});

describe('addMonths', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('years before 100', () => {
  // Date.UTC(y, …) reads a year 0–99 as 1900–1999; the calendar must not, or 0000-02-29 (year 0 is a
  // leap year) looks invalid half-way through a request.
  it('are their own years, not 19xx', () => {
    expect(daysInMonth(0, 2)).toBe(29);
    expect(daysInMonth(1, 2)).toBe(28);
    expect(daysInMonth(100, 2)).toBe(28);
    expect(addMonths('0000-01-31', 1)).toBe('0000-02-29');
    expect(addMonths('0000-02-29', 3)).toBe('0000-05-29');
    expect(rangeProblem('0000-02-29', '0000-03-01')).toBeNull();
    // 0001-01-01 was a Monday in the proleptic Gregorian calendar (1901-01-01 was a Tuesday).
    expect(expandSchedule({ type: 'weekly', weekdays: [1] }, '0001-01-01', '0001-01-14')).toEqual(['0001-01-01', '0001-01-08']);
  });
});

describe('nextDates', () => {
  it('gives the next reception days from a date, the date itself included', () => {
    expect(nextDates({ type: 'monthly_days', days: [9, 19] }, '2026-11-19', 5)).toEqual(['2026-11-19', '2026-12-09', '2026-12-19', '2027-01-09', '2027-01-19']);
  });

  it('stops after three years for a rule that rarely falls', () => {
    const r: ScheduleRule = { type: 'monthly_days', days: [29] };
    // Only leap Februaries have a 29th, but every other month does: five come quickly.
    expect(nextDates(r, '2026-01-30', 5)).toEqual(['2026-03-29', '2026-04-29', '2026-05-29', '2026-06-29', '2026-07-29']);
    expect(nextDates({ type: 'monthly_nth_weekday', nth: 5, weekday: 6 }, '2026-01-01', 200).length).toBeLessThan(20);
  });
});

describe('describeSchedule', () => {
  it.each<[ScheduleRule, string]>([
    [{ type: 'monthly_days', days: [19, 9] }, '每月9日、19日'],
    [{ type: 'first_weekend' }, '每月第一个周末'],
    [{ type: 'monthly_nth_weekday', nth: 2, weekday: 3 }, '每月第二个星期三'],
    [{ type: 'monthly_nth_weekday', nth: -1, weekday: 5 }, '每月最后一个星期五'],
    [{ type: 'monthly_nth_weekday', nth: 1, weekday: 0 }, '每月第一个星期日'],
    [{ type: 'weekly', weekdays: [3, 1] }, '每周一、三'],
    [{ type: 'weekly', weekdays: [0, 6] }, '每周六、日'],
  ])('%j -> %s', (rule, text) => {
    expect(describeSchedule(rule)).toBe(text);
  });
});

describe('parseScheduleText', () => {
  it.each<[string, ScheduleRule]>([
    ['每月9日、19日', { type: 'monthly_days', days: [9, 19] }],
    ['每月19日、9日', { type: 'monthly_days', days: [9, 19] }],
    ['每月 9 号和 19 号', { type: 'monthly_days', days: [9, 19] }],
    ['每月９日，１９日', { type: 'monthly_days', days: [9, 19] }],
    ['每月逢5、15、25日', { type: 'monthly_days', days: [5, 15, 25] }],
    ['每月初九、十九', { type: 'monthly_days', days: [9, 19] }],
    ['每月二十一日', { type: 'monthly_days', days: [21] }],
    ['每月第一个周末', { type: 'first_weekend' }],
    ['每月第一个周末为固定活动日', { type: 'first_weekend' }],
    ['每月第一个星期六', { type: 'monthly_nth_weekday', nth: 1, weekday: 6 }],
    ['每月第二个周三', { type: 'monthly_nth_weekday', nth: 2, weekday: 3 }],
    ['每月最后一个星期五', { type: 'monthly_nth_weekday', nth: -1, weekday: 5 }],
    ['每个月的第3个星期日', { type: 'monthly_nth_weekday', nth: 3, weekday: 0 }],
    ['每周三', { type: 'weekly', weekdays: [3] }],
    ['每周一、三', { type: 'weekly', weekdays: [1, 3] }],
    ['每周三、周一', { type: 'weekly', weekdays: [1, 3] }],
    ['每星期五接待', { type: 'weekly', weekdays: [5] }],
    ['每周日', { type: 'weekly', weekdays: [0] }],
  ])('%s', (text, rule) => {
    expect(parseScheduleText(text)).toEqual(rule);
  });

  it.each(['', '不定期', '每月32日', '每月第六个星期一', '每月第二个周末', '每周八', '每年1月1日', '每月9日、某日'])('%j is not a schedule', (text) => {
    expect(parseScheduleText(text)).toBeNull();
  });

  it('reads back what describeSchedule writes', () => {
    const rules: ScheduleRule[] = [
      { type: 'monthly_days', days: [1, 15, 31] },
      { type: 'first_weekend' },
      { type: 'monthly_nth_weekday', nth: 4, weekday: 2 },
      { type: 'monthly_nth_weekday', nth: -1, weekday: 0 },
      { type: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 0] },
    ];
    for (const r of rules) expect(parseScheduleText(describeSchedule(r))).toEqual(r);
  });
});

describe('ScheduleRuleSchema', () => {
  it('accepts each rule type', () => {
    for (const r of [
      { type: 'monthly_days', days: [9, 19] },
      { type: 'monthly_nth_weekday', nth: -1, weekday: 5 },
      { type: 'first_weekend' },
      { type: 'weekly', weekdays: [0, 6] },
    ]) {
      expect(ScheduleRuleSchema.safeParse(r).success).toBe(true);
    }
  });

  it.each([
    [{ type: 'monthly_days', days: [] }, 'days'],
    [{ type: 'monthly_days', days: [0] }, 'days'],
    [{ type: 'monthly_days', days: [32] }, 'days'],
    [{ type: 'monthly_days', days: [9, 9] }, 'days'],
    [{ type: 'monthly_nth_weekday', nth: 0, weekday: 1 }, 'nth'],
    [{ type: 'monthly_nth_weekday', nth: 6, weekday: 1 }, 'nth'],
    [{ type: 'monthly_nth_weekday', nth: 1, weekday: 7 }, 'weekday'],
    [{ type: 'weekly', weekdays: [] }, 'weekdays'],
    [{ type: 'weekly', weekdays: [1, 1] }, 'weekdays'],
    [{ type: 'daily' }, 'type'],
  ])('rejects %j at %s', (r, field) => {
    const res = ScheduleRuleSchema.safeParse(r);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0].path[0]).toBe(field);
  });
});
