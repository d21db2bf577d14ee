import { FACT_CATALOGUE } from '../../../shared/report/catalogue.ts';
import type { Fact, Facts } from '../../../shared/report/facts.ts';
import type { TemplateSentence, TemplateSet } from '../../../shared/report/template.ts';
import { tokensOf } from '../../../shared/report/template.ts';
import { attendanceRate, chinaDateOf } from '../activities/activities.rules.ts';
import { rate } from '../search/stats.rules.ts';

/*
 * The dashboards' pure parts (docs/dashboards.md): the monthly series, the grade histogram, the county's
 * comparison keys, the towns' facts summed into county facts, and the built-in template read for a county.
 */

/** Every month from..to ("YYYY-MM"), empty ones included, so a chart shows the gap. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export type ActivityAttendance = { startAt: string; invited: number; onLeave: number; present: number; late: number };
export type MonthFigures = { month: string; activities: number; personTimes: number; expected: number; attendanceRate: number | null };

/** Activities and attendance by China month: person-times = present + late; expected = invited − on leave (the facts' rule). */
export function monthly(rows: readonly ActivityAttendance[], from: string, to: string): MonthFigures[] {
  const acc = new Map(monthsOf(from, to).map((m) => [m, { activities: 0, invited: 0, onLeave: 0, present: 0, late: 0 }]));
  for (const r of rows) {
    const a = acc.get(chinaDateOf(r.startAt).slice(0, 7));
    if (!a) continue;
    a.activities += 1;
    a.invited += r.invited;
    a.onLeave += r.onLeave;
    a.present += r.present;
    a.late += r.late;
  }
  return [...acc].map(([month, a]) => ({
    month,
    activities: a.activities,
    personTimes: a.present + a.late,
    expected: a.invited - a.onLeave,
    attendanceRate: attendanceRate(a),
  }));
}

/** Deputies per grade in the order of the scheme's bands (best first), then 未定等次 for those without a score. */
export function gradeHistogram(bands: readonly { label: string; min: number }[], grades: readonly (string | null)[]): { label: string; count: number }[] {
  const ordered = [...bands].sort((a, b) => b.min - a.min).map((b) => b.label);
  const counts = new Map<string, number>(ordered.map((l) => [l, 0]));
  let none = 0;
  for (const g of grades) {
    if (g === null) none += 1;
    else counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const out = [...counts].map(([label, count]) => ({ label, count }));
  if (none > 0) out.push({ label: '未定等次', count: none });
  return out;
}

/** The figures the county page compares its towns on: counts and the rates each town computes itself. */
export const COUNTY_KEYS: readonly { key: string; label: string }[] = [
  { key: 'deputies.total', label: '代表人数' },
  { key: 'stations.total', label: '联络站数' },
  { key: 'receptions.held', label: '接待次数' },
  { key: 'receptions.visitors', label: '接待群众人次' },
  { key: 'opinions.total', label: '收集意见件数' },
  { key: 'suggestions.total', label: '建议件数' },
  { key: 'suggestions.replied', label: '已答复件数' },
  { key: 'suggestions.closed', label: '已办结件数' },
  { key: 'suggestions.onTimeRate', label: '按期答复率' },
  { key: 'activities.held', label: '代表活动次数' },
  { key: 'activities.personTimes', label: '参加人次' },
  { key: 'activities.attendanceRate', label: '活动出席率' },
  { key: 'findings.found', label: '发现问题条数' },
  { key: 'findings.open', label: '未整改条数' },
  { key: 'achievements.count', label: '成效条数' },
];

/** A fact as a number for the comparison (a rate with nothing to divide by, or a missing fact, is null). */
export function numberOf(f: Fact | undefined): number | null {
  return f && typeof f.value === 'number' ? f.value : null;
}

export function comparisonOf(facts: Facts): Record<string, number | null> {
  return Object.fromEntries(COUNTY_KEYS.map(({ key }) => [key, numberOf(facts[key])]));
}

/**
 * Rates a county can recompute from summed facts: numerator and denominator are both facts. The others
 * (satisfaction, attendance) divide by figures the facts do not carry, so they are left out of the county.
 */
export const COUNTY_RATES: Readonly<Record<string, readonly [string, string]>> = {
  'suggestions.onTimeRate': ['suggestions.onTime', 'suggestions.replied'],
  'deputies.femaleShare': ['deputies.female', 'deputies.total'],
};

export type TownFacts = { name: string; facts: Facts };

/**
 * The county's facts from its towns' (towns in the order given): counts summed with their records, the
 * rates above recomputed, lists concatenated with each item prefixed by its town ("甲镇：…"); the county's
 * name and the period as text. Facts that cannot be summed (other rates, a session's name or date) are
 * left out, and the template drops the sentences that use them.
 */
export function sumTownFacts(towns: readonly TownFacts[], county: string, range: { from: string; to: string }): Facts {
  const out: Facts = {};
  for (const info of FACT_CATALOGUE) {
    if (info.kind === 'count') {
      let value = 0;
      const ids: string[] = [];
      for (const t of towns) {
        const f = t.facts[info.key];
        if (typeof f?.value === 'number') value += f.value;
        if (f) ids.push(...f.ids);
      }
      out[info.key] = { value, ids, label: info.label };
    } else if (info.kind === 'list') {
      const value: string[] = [];
      const ids: string[] = [];
      for (const t of towns) {
        const f = t.facts[info.key];
        if (Array.isArray(f?.value)) value.push(...f.value.map((v) => `${t.name}：${v}`));
        if (f) ids.push(...f.ids);
      }
      out[info.key] = { value, ids, label: info.label };
    }
  }
  for (const [key, [n, d]] of Object.entries(COUNTY_RATES)) {
    const label = FACT_CATALOGUE.find((f) => f.key === key)?.label ?? key;
    out[key] = { value: rate(numberOf(out[n]) ?? 0, numberOf(out[d]) ?? 0), ids: out[n]?.ids ?? [], label };
  }
  out['town.name'] = { value: county, ids: [], label: '县名称' };
  out['period.from'] = { value: range.from, ids: [], label: '期间起' };
  out['period.to'] = { value: range.to, ids: [], label: '期间止' };
  return out;
}

/** Words of the town template read for a county: 全镇 → 全县, 镇人大/镇党委 → 乡镇人大/乡镇党委. */
export function countyWords(text: string): string {
  return text
    .replaceAll('{town}人大主席团', '{town}各乡镇人大主席团')
    .replaceAll('全镇', '全县')
    .replace(/(?<!乡)镇人大/g, '乡镇人大')
    .replace(/(?<!乡)镇党委/g, '乡镇党委');
}

/**
 * The built-in template for a county: its title "{county}各乡镇人大{period}工作总结", the words above, and
 * without the sentences that use a fact the county does not have (so no 〔key〕 appears in its report).
 */
export function countyTemplate(t: TemplateSet, facts: Facts): TemplateSet {
  const keep = (ss: readonly TemplateSentence[]) =>
    ss.filter((s) => tokensOf(s.text).every((k) => k in facts)).map((s) => ({ ...s, text: countyWords(s.text) }));
  return {
    title: '{town}各乡镇人大{period}工作总结',
    lead: keep(t.lead),
    sections: t.sections.map((sec) => ({ ...sec, heading: countyWords(sec.heading), sentences: keep(sec.sentences) })),
  };
}

/** Run `fn` over `items` with at most `limit` at once, answers in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
