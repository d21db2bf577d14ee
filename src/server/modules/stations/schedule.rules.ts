import { z } from 'zod';

/**
 * Reception-day schedules of liaison stations (接待日 / 固定活动日), pure.
 * A rule is stored as JSON on the station; dates are 'YYYY-MM-DD' in the town's local calendar, so all
 * arithmetic is done on calendar days in UTC (no time zone can shift a day).
 * Weekdays follow JavaScript: 0 = Sunday (星期日) … 6 = Saturday (星期六).
 */

export type ScheduleRule =
  | { type: 'monthly_days'; days: number[] }
  | { type: 'monthly_nth_weekday'; nth: 1 | 2 | 3 | 4 | 5 | -1; weekday: number }
  | { type: 'first_weekend' }
  | { type: 'weekly'; weekdays: number[] };

const unique = (xs: number[]) => new Set(xs).size === xs.length;
const Weekday = z.number().int().min(0, '星期应为 0（星期日）到 6（星期六）').max(6, '星期应为 0（星期日）到 6（星期六）');

export const ScheduleRuleSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('monthly_days'),
    days: z.array(z.number().int().min(1, '日期应为 1 到 31').max(31, '日期应为 1 到 31')).min(1, '至少选择一天').max(31).refine(unique, '日期不能重复'),
  }),
  z.object({
    type: z.literal('monthly_nth_weekday'),
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)], { error: '应为 1 到 5，或 -1（最后一个）' }),
    weekday: Weekday,
  }),
  z.object({ type: z.literal('first_weekend') }),
  z.object({
    type: z.literal('weekly'),
    weekdays: z.array(Weekday).min(1, '至少选择一天').max(7).refine(unique, '星期不能重复'),
  }),
]);

/** Longest range that may be expanded at once: enough for any calendar view, small enough to stay cheap. */
export const MAX_RANGE_YEARS = 3;

export class ScheduleRangeError extends Error {}

type Ymd = { y: number; m: number; d: number };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseYmd(s: string): Ymd | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A calendar day as a UTC Date (m0 is 0-based). Date.UTC would read years 0–99 as 1900–1999; setUTCFullYear does not. */
function utcDay(y: number, m0: number, d: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, m0, d);
  return date;
}

/** m is 1-based. Day 0 of the next month is the last day of this one. */
export function daysInMonth(y: number, m: number): number {
  return utcDay(y, m, 0).getUTCDate();
}

function weekdayOf(y: number, m: number, d: number): number {
  return utcDay(y, m - 1, d).getUTCDay();
}

const monthIndex = (d: Ymd) => d.y * 12 + (d.m - 1);

/** The same calendar day `months` later, or the month's last day when it is shorter (31 Jan + 1 -> 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const f = parseYmd(date);
  if (!f) throw new ScheduleRangeError(`日期 ${date} 无效`);
  const idx = monthIndex(f) + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return fmt(y, m, Math.min(f.d, daysInMonth(y, m)));
}

/** The latest date a range starting at `from` may reach. */
export function maxRangeEnd(from: string): string {
  return addMonths(from, MAX_RANGE_YEARS * 12);
}

/** Why a range cannot be expanded, in words for the user, or null when it can. */
export function rangeProblem(from: string, to: string): { field: 'from' | 'to'; message: string } | null {
  if (!parseYmd(from)) return { field: 'from', message: `开始日期 ${from} 无效` };
  if (!parseYmd(to)) return { field: 'to', message: `结束日期 ${to} 无效` };
  if (to < from) return { field: 'to', message: '结束日期不能早于开始日期' };
  if (to > maxRangeEnd(from)) return { field: 'to', message: `日期范围不能超过 ${MAX_RANGE_YEARS} 年` };
  return null;
}

/** The days of one month (1-based month) on which the rule falls, ascending. */
export function daysOfMonth(rule: ScheduleRule, y: number, m: number): number[] {
  const len = daysInMonth(y, m);
  const first = weekdayOf(y, m, 1);
  // The first day of the month with the given weekday.
  const firstOf = (wd: number) => 1 + ((wd - first + 7) % 7);
  switch (rule.type) {
    case 'monthly_days':
      // A day the month does not have (31 in April, 30 in February) is skipped, not moved.
      return [...new Set(rule.days)].filter((d) => d >= 1 && d <= len).sort((a, b) => a - b);
    case 'monthly_nth_weekday': {
      if (rule.nth === -1) {
        const last = weekdayOf(y, m, len);
        return [len - ((last - rule.weekday + 7) % 7)];
      }
      const d = firstOf(rule.weekday) + 7 * (rule.nth - 1);
      return d <= len ? [d] : [];
    }
    case 'first_weekend': {
      // The first Saturday and the Sunday after it, even when the month began on a Sunday (then the 7th and 8th).
      const sat = firstOf(6);
      return [sat, sat + 1];
    }
    case 'weekly': {
      const out: number[] = [];
      for (let d = 1; d <= len; d++) if (rule.weekdays.includes((first + d - 1) % 7)) out.push(d);
      return out;
    }
  }
}

/** Every date from `from` to `to` (both included) on which the rule falls, sorted. */
export function expandSchedule(rule: ScheduleRule, from: string, to: string): string[] {
  const problem = rangeProblem(from, to);
  if (problem) throw new ScheduleRangeError(problem.message);
  const f = parseYmd(from) as Ymd;
  const t = parseYmd(to) as Ymd;
  const out: string[] = [];
  // Months counted as y * 12 + (m - 1), so that a year end is just the next number.
  for (let idx = monthIndex(f); idx <= monthIndex(t); idx++) {
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    for (const d of daysOfMonth(rule, y, m)) {
      const s = fmt(y, m, d);
      if (s >= from && s <= to) out.push(s);
    }
  }
  return out;
}

/** The next `count` dates on or after `from`; fewer when the rule is that rare (e.g. a 5th weekday, within 3 years). */
export function nextDates(rule: ScheduleRule, from: string, count: number): string[] {
  const f = parseYmd(from);
  if (!f) throw new ScheduleRangeError(`开始日期 ${from} 无效`);
  const out: string[] = [];
  const start = monthIndex(f);
  for (let idx = start; idx < start + MAX_RANGE_YEARS * 12 && out.length < count; idx++) {
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    for (const d of daysOfMonth(rule, y, m)) {
      const s = fmt(y, m, d);
      if (s >= from && out.length < count) out.push(s);
    }
  }
  return out;
}

/** Days sorted and without repeats, so equal schedules are stored alike. */
export function normalizeRule(rule: ScheduleRule): ScheduleRule {
  switch (rule.type) {
    case 'monthly_days':
      return { type: 'monthly_days', days: [...new Set(rule.days)].sort((a, b) => a - b) };
    case 'weekly':
      return { type: 'weekly', weekdays: [...new Set(rule.weekdays)].sort(byMondayFirst) };
    case 'monthly_nth_weekday':
      return { type: 'monthly_nth_weekday', nth: rule.nth, weekday: rule.weekday };
    case 'first_weekend':
      return { type: 'first_weekend' };
  }
}

// Chinese weeks are written Monday first and Sunday last (每周一、三、日).
function byMondayFirst(a: number, b: number): number {
  return ((a + 6) % 7) - ((b + 6) % 7);
}

const WEEKDAY_CHAR = ['日', '一', '二', '三', '四', '五', '六'];
const NTH_CHAR = ['', '一', '二', '三', '四', '五'];

/** The rule in the words a notice would use: 每月9日、19日 / 每月第一个周末 / 每月第二个星期三 / 每月最后一个星期五 / 每周一、三. */
export function describeSchedule(rule: ScheduleRule): string {
  switch (rule.type) {
    case 'monthly_days':
      return `每月${[...new Set(rule.days)]
        .sort((a, b) => a - b)
        .map((d) => `${d}日`)
        .join('、')}`;
    case 'monthly_nth_weekday':
      return `每月${rule.nth === -1 ? '最后一个' : `第${NTH_CHAR[rule.nth]}个`}星期${WEEKDAY_CHAR[rule.weekday]}`;
    case 'first_weekend':
      return '每月第一个周末';
    case 'weekly':
      return `每周${[...new Set(rule.weekdays)]
        .sort(byMondayFirst)
        .map((w) => WEEKDAY_CHAR[w])
        .join('、')}`;
  }
}

// ---- Reading the phrasings people type into ledgers and workbooks ----

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 9, 19, 九, 十九, 二十一, 初九 -> the number; anything else -> null. */
function cnNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const t = s.replace(/^初/, '');
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || t === '') return null;
  const [, a, ten, b] = m;
  if (!ten) return a && !b ? CN_DIGIT[a] : null;
  return (a ? CN_DIGIT[a] : 1) * 10 + (b ? CN_DIGIT[b] : 0);
}

/** 三, 3, 日, 天, 7 (Sunday) -> 0..6; null otherwise. */
function weekdayToken(s: string): number | null {
  const t = s.replace(/^(星期|周|礼拜)/, '');
  if (t === '日' || t === '天' || t === '7' || t === '七') return 0;
  const i = WEEKDAY_CHAR.indexOf(t);
  if (i > 0) return i;
  if (/^[1-6]$/.test(t)) return Number(t);
  return null;
}

const LIST_SEP = /[、,;；和及与/]+/;

function nthToken(s: string): number | null {
  if (s === '最后一' || s === '最后') return -1;
  const m = /^第(.+)$/.exec(s);
  if (!m) return null;
  const n = cnNumber(m[1]);
  return n !== null && n >= 1 && n <= 5 ? n : null;
}

/**
 * A rule from common Chinese phrasings ('每月9日、19日', '每月逢5、15日', '每月第一个周末', '每月第一个星期六',
 * '每月最后一个周五', '每周三', '每周一、三'), or null when the text says something else.
 */
export function parseScheduleText(text: string): ScheduleRule | null {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  // Trailing words such as "为固定活动日" or "接待" add nothing to the schedule.
  s = s.replace(/[.。]$/, '').replace(/(为|是)?(固定)?(接待日|接待|活动日)$/, '');
  if (!s) return null;

  const weekly = /^每(?:个)?(?:周|星期|礼拜)(.+)$/.exec(s);
  if (weekly) {
    const days = weekly[1].split(LIST_SEP).filter(Boolean).map(weekdayToken);
    if (!days.length || days.some((d) => d === null)) return null;
    return normalizeRule({ type: 'weekly', weekdays: days as number[] });
  }

  const monthly = /^每(?:个)?月(?:的)?(.+)$/.exec(s);
  if (!monthly) return null;
  const rest = monthly[1];

  const nth = /^(第[^个]+|最后一?)个?(周末|星期.|周.|礼拜.)$/.exec(rest);
  if (nth) {
    const n = nthToken(nth[1]);
    if (n === null) return null;
    if (nth[2] === '周末') return n === 1 ? { type: 'first_weekend' } : null;
    const wd = weekdayToken(nth[2]);
    if (wd === null) return null;
    return { type: 'monthly_nth_weekday', nth: n as 1 | 2 | 3 | 4 | 5 | -1, weekday: wd };
  }

  const tokens = rest.replace(/^逢/, '').split(LIST_SEP).filter(Boolean);
  const days: number[] = [];
  for (const tok of tokens) {
    const n = cnNumber(tok.replace(/[日号]$/, ''));
    if (n === null || n < 1 || n > 31) return null;
    days.push(n);
  }
  return days.length ? normalizeRule({ type: 'monthly_days', days }) : null;
}
