import { describe, expect, it } from 'vitest';
import { describeSchedule, nextDates as serverNextDates, type ScheduleRule as ServerRule } from '../../../server/modules/stations/schedule.rules.ts';
import type { ScheduleRule } from '../../api/stations.ts';
import en from '../../i18n/en.ts';
import zhCN, { type MsgKey } from '../../i18n/zh-CN.ts';
import { describeRule, nextDates, ruleProblem, sameRule } from './scheduleRules.ts';

const tr = (dict: Record<MsgKey, string>) => (key: MsgKey, vars?: Record<string, string | number>) =>
  dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? `{${k}}`));
const zh = tr(zhCN);

const RULES: ScheduleRule[] = [
  { type: 'monthly_days', days: [19, 9] },
  { type: 'monthly_days', days: [31] },
  { type: 'monthly_days', days: [29, 30, 1] },
  { type: 'first_weekend' },
  { type: 'weekly', weekdays: [0, 3, 1] },
  { type: 'weekly', weekdays: [6] },
  ...[1, 2, 3, 4, 5, -1].flatMap((nth) => [0, 1, 5, 6].map((weekday) => ({ type: 'monthly_nth_weekday' as const, nth, weekday }))),
];
const STARTS = ['2026-01-01', '2026-02-15', '2026-11-30', '2027-02-28', '2028-02-29', '2026-03-01'];

describe('the form describes and expands a rule as the server does', () => {
  it('gives the server’s Chinese text', () => {
    for (const r of RULES) expect(describeRule(zh, r)).toBe(describeSchedule(r as ServerRule));
  });
  it('gives the server’s next dates', () => {
    for (const r of RULES)
      for (const from of STARTS) expect(nextDates(r, from, 8), `${JSON.stringify(r)} from ${from}`).toEqual(serverNextDates(r as ServerRule, from, 8));
  });
  it('a month that begins on a Sunday has its first weekend on the 7th and 8th', () => {
    // March 2026 begins on a Sunday.
    expect(nextDates({ type: 'first_weekend' }, '2026-03-01', 2)).toEqual(['2026-03-07', '2026-03-08']);
  });
});

describe('English and half-filled rules', () => {
  it('describes in English', () => {
    expect(describeRule(tr(en), { type: 'monthly_nth_weekday', nth: -1, weekday: 5 })).toMatch(/last Friday/);
    expect(describeRule(tr(en), { type: 'weekly', weekdays: [3, 1] })).toMatch(/Monday, Wednesday/);
  });
  it('a rule without days has no text and no dates, and says what it lacks', () => {
    expect(ruleProblem({ type: 'monthly_days', days: [] })).toBe('days');
    expect(ruleProblem({ type: 'weekly', weekdays: [] })).toBe('weekdays');
    expect(describeRule(zh, { type: 'weekly', weekdays: [] })).toBe('');
    expect(nextDates({ type: 'weekly', weekdays: [] }, '2026-01-01', 5)).toEqual([]);
  });
  it('compares rules regardless of day order', () => {
    expect(sameRule({ type: 'monthly_days', days: [19, 9] }, { type: 'monthly_days', days: [9, 19] })).toBe(true);
    expect(sameRule(null, { type: 'first_weekend' })).toBe(false);
  });
});
