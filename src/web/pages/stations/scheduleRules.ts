import type { ScheduleRule } from '../../api/stations.ts';
import type { MsgKey } from '../../i18n/index.tsx';

/*
 * The reception-day rule as the station form edits it: its description and the dates it gives, computed
 * in the browser so the form can preview a rule before it is saved. The server (stations/schedule.rules.ts)
 * stays the authority; scheduleRules.test.ts checks that both agree.
 * Weekdays: 0 = Sunday … 6 = Saturday; `nth` 1–5, or -1 for the last.
 */

export type RuleType = ScheduleRule['type'];
export const RULE_TYPES: readonly RuleType[] = ['monthly_days', 'monthly_nth_weekday', 'first_weekend', 'weekly'];
export const NTHS = [1, 2, 3, 4, 5, -1] as const;
/** A Chinese week is written Monday first and Sunday last. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export const WEEKDAY_KEYS = [
  'station.weekday0',
  'station.weekday1',
  'station.weekday2',
  'station.weekday3',
  'station.weekday4',
  'station.weekday5',
  'station.weekday6',
] as const satisfies readonly MsgKey[];
const WEEKDAY_SHORT_KEYS = [
  'station.weekdayShort0',
  'station.weekdayShort1',
  'station.weekdayShort2',
  'station.weekdayShort3',
  'station.weekdayShort4',
  'station.weekdayShort5',
  'station.weekdayShort6',
] as const satisfies readonly MsgKey[];
const NTH_KEYS: Record<(typeof NTHS)[number], MsgKey> = {
  1: 'station.nth1',
  2: 'station.nth2',
  3: 'station.nth3',
  4: 'station.nth4',
  5: 'station.nth5',
  [-1]: 'station.nthLast',
};
export const nthKey = (n: number): MsgKey => NTH_KEYS[n as (typeof NTHS)[number]] ?? 'station.nth1';

type Tr = (key: MsgKey, vars?: Record<string, string | number>) => string;

const mondayFirst = (a: number, b: number) => ((a + 6) % 7) - ((b + 6) % 7);

/** Days sorted and without repeats, as the server stores them (so an unchanged rule compares equal). */
export function normalizeRule(rule: ScheduleRule): ScheduleRule {
  switch (rule.type) {
    case 'monthly_days':
      return { type: 'monthly_days', days: [...new Set(rule.days)].sort((a, b) => a - b) };
    case 'weekly':
      return { type: 'weekly', weekdays: [...new Set(rule.weekdays)].sort(mondayFirst) };
    case 'monthly_nth_weekday':
      return { type: 'monthly_nth_weekday', nth: rule.nth, weekday: rule.weekday };
    case 'first_weekend':
      return { type: 'first_weekend' };
  }
}

export function sameRule(a: ScheduleRule | null | undefined, b: ScheduleRule | null | undefined): boolean {
  return JSON.stringify(a ? normalizeRule(a) : null) === JSON.stringify(b ? normalizeRule(b) : null);
}

/** What a half-filled rule still lacks (the form's own check before the server's). */
export function ruleProblem(rule: ScheduleRule | null | undefined): 'days' | 'weekdays' | 'nth' | null {
  if (!rule) return null;
  if (rule.type === 'monthly_days' && rule.days.length === 0) return 'days';
  if (rule.type === 'weekly' && rule.weekdays.length === 0) return 'weekdays';
  if (rule.type === 'monthly_nth_weekday' && (!NTHS.includes(rule.nth as (typeof NTHS)[number]) || !(rule.weekday >= 0 && rule.weekday <= 6))) return 'nth';
  return null;
}

/** 每月9日、19日 · 每月第二个星期三 · 每月第一个周末 · 每周一、三 (in the language of `t`). */
export function describeRule(t: Tr, rule: ScheduleRule | null | undefined): string {
  if (!rule || ruleProblem(rule)) return '';
  const r = normalizeRule(rule);
  const sep = t('station.text.sep');
  switch (r.type) {
    case 'monthly_days':
      return t('station.text.monthlyDays', { days: r.days.map((day) => t('station.text.day', { day })).join(sep) });
    case 'monthly_nth_weekday':
      return t('station.text.nthWeekday', { nth: t(nthKey(r.nth)), weekday: t(WEEKDAY_KEYS[r.weekday]) });
    case 'first_weekend':
      return t('station.text.firstWeekend');
    case 'weekly':
      return t('station.text.weekly', { days: r.weekdays.map((w) => t(WEEKDAY_SHORT_KEYS[w])).join(sep) });
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The rule's days in one month (m is 1-based), ascending. */
function daysOfMonth(rule: ScheduleRule, y: number, m: number): number[] {
  const dim = daysIn(y, m);
  const first = weekdayOf(y, m, 1);
  switch (rule.type) {
    case 'monthly_days':
      // A day the month lacks (31 in April) is skipped, not moved.
      return [...new Set(rule.days)].filter((d) => d >= 1 && d <= dim).sort((a, b) => a - b);
    case 'monthly_nth_weekday': {
      if (rule.nth === -1) return [dim - ((weekdayOf(y, m, dim) - rule.weekday + 7) % 7)];
      const d = 1 + ((rule.weekday - first + 7) % 7) + 7 * (rule.nth - 1);
      return d <= dim ? [d] : [];
    }
    case 'first_weekend': {
      // The first Saturday and the Sunday after it: a month that begins on a Sunday starts its weekend on the 7th.
      const sat = 1 + ((6 - first + 7) % 7);
      return [sat, sat + 1];
    }
    case 'weekly': {
      const out: number[] = [];
      for (let d = 1; d <= dim; d++) if (rule.weekdays.includes((first + d - 1) % 7)) out.push(d);
      return out;
    }
  }
}

/** The next `count` dates (YYYY-MM-DD) on or after `from`, looking at most three years ahead. */
export function nextDates(rule: ScheduleRule | null | undefined, from: string, count: number): string[] {
  if (!rule || ruleProblem(rule)) return [];
  const [fy, fm] = from.split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < 36 && out.length < count; i++) {
    const y = fy + Math.floor((fm - 1 + i) / 12);
    const m = ((fm - 1 + i) % 12) + 1;
    for (const d of daysOfMonth(rule, y, m)) {
      const s = `${y}-${pad(m)}-${pad(d)}`;
      if (s >= from && out.length < count) out.push(s);
    }
  }
  return out;
}
