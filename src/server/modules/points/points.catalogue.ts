import type { GradeBand, SchemeItem, Weights } from './points.rules.ts';
import { DEFAULT_GRADE_BANDS, weightsProblem } from './points.rules.ts';

/*
 * What a scheme item can count (the metric catalogue), the defaults a new scheme starts from, the
 * validation of a scheme a town edits, and the months and periods the scheme is published in. Pure.
 */

export const COUNTS_AS = ['training', 'inspection', 'research', 'meeting', 'group', 'fixed_day', 'visit', 'other'] as const;
const COUNTS_AS_LABEL: Record<(typeof COUNTS_AS)[number], string> = {
  training: '学习培训',
  inspection: '视察检查',
  research: '调研',
  meeting: '会议',
  group: '小组活动',
  fixed_day: '固定活动日',
  visit: '联系走访',
  other: '其他活动',
};
export const SUGGESTION_GRADES = ['A', 'B', 'C'] as const;
export const RESEARCH_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
const RESEARCH_GRADE_LABEL: Record<(typeof RESEARCH_GRADES)[number], string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export type RecordKind = 'activity' | 'session' | 'suggestion' | 'reception' | 'research' | 'duty_report' | 'document' | 'motion';
export type MetricInfo = { metric: string; label: string; unit: string };

/** Every metric an item may count, in the order the scheme editor offers them. */
export const METRICS: readonly MetricInfo[] = [
  ...COUNTS_AS.map((c) => ({ metric: `activity_attended:${c}`, label: `参加${COUNTS_AS_LABEL[c]}`, unit: '次' })),
  { metric: 'activity_leave', label: '活动请假', unit: '次' },
  { metric: 'activity_absent', label: '活动缺席', unit: '次' },
  { metric: 'session_attended', label: '出席人代会', unit: '次' },
  { metric: 'session_leave', label: '人代会请假', unit: '次' },
  { metric: 'session_absent', label: '人代会缺席', unit: '次' },
  { metric: 'suggestion_lead', label: '领衔提出建议', unit: '件' },
  { metric: 'suggestion_co', label: '附议建议', unit: '件' },
  ...SUGGESTION_GRADES.map((g) => ({ metric: `suggestion_grade:${g}`, label: `领衔建议答复为${g}类`, unit: '件' })),
  { metric: 'reception_on_duty', label: '接待选民值班', unit: '次' },
  { metric: 'research_lead', label: '牵头完成调研课题', unit: '项' },
  { metric: 'research_member', label: '参与完成调研课题', unit: '项' },
  ...RESEARCH_GRADES.map((g) => ({ metric: `research_grade:${g}`, label: `调研成果评为${RESEARCH_GRADE_LABEL[g]}`, unit: '项' })),
  { metric: 'duty_report_held', label: '向选民述职', unit: '次' },
  { metric: 'document_read', label: '阅读学习资料', unit: '篇' },
  { metric: 'motion_sponsored', label: '领衔或附议议案', unit: '件' },
];

const BY_METRIC = new Map(METRICS.map((m) => [m.metric, m]));

export function isKnownMetric(metric: string): boolean {
  return BY_METRIC.has(metric);
}
export function metricLabel(metric: string): string {
  return BY_METRIC.get(metric)?.label ?? metric;
}

/** The record a metric counts, from its family (the part before the colon). */
export function kindOfMetric(metric: string): RecordKind {
  const family = metric.split(':')[0];
  if (family.startsWith('activity_')) return 'activity';
  if (family.startsWith('session_')) return 'session';
  if (family.startsWith('suggestion_')) return 'suggestion';
  if (family.startsWith('reception_')) return 'reception';
  if (family.startsWith('research_')) return 'research';
  if (family.startsWith('duty_report')) return 'duty_report';
  if (family.startsWith('document_')) return 'document';
  return 'motion';
}

/** A counted record's reference, "<kind>:<id>", and back. */
export const recordRef = (kind: RecordKind, id: string) => `${kind}:${id}`;
export function parseRecordRef(ref: string): { kind: RecordKind; id: string } | null {
  const i = ref.indexOf(':');
  if (i <= 0) return null;
  return { kind: ref.slice(0, i) as RecordKind, id: ref.slice(i + 1) };
}

const item = (key: string, metric: string, points: number, cap: number | null): SchemeItem => ({ key, label: metricLabel(metric), metric, points, cap });

/** The items a new scheme starts with (the contract's list); a town edits them. */
export const DEFAULT_ITEMS: readonly SchemeItem[] = [
  item('training', 'activity_attended:training', 2, 20),
  item('inspection', 'activity_attended:inspection', 3, 15),
  item('research_activity', 'activity_attended:research', 3, 15),
  item('meeting', 'activity_attended:meeting', 1, 10),
  item('fixed_day', 'activity_attended:fixed_day', 2, 24),
  item('visit', 'activity_attended:visit', 1, 12),
  item('activity_absent', 'activity_absent', -2, 20),
  item('session_attended', 'session_attended', 5, null),
  item('session_absent', 'session_absent', -10, null),
  item('suggestion_lead', 'suggestion_lead', 3, 15),
  item('suggestion_co', 'suggestion_co', 1, 5),
  item('suggestion_grade_a', 'suggestion_grade:A', 2, null),
  item('reception', 'reception_on_duty', 2, 24),
  item('research_lead', 'research_lead', 5, null),
  item('research_excellent', 'research_grade:excellent', 3, null),
  item('duty_report', 'duty_report_held', 10, null),
  item('document_read', 'document_read', 0.5, 5),
  item('motion', 'motion_sponsored', 3, null),
];
export const DEFAULT_WEIGHTS: Weights = { records: 60, peer: 10, voter: 10, presidium: 20 };
export const DEFAULT_BANDS: readonly GradeBand[] = DEFAULT_GRADE_BANDS;
export const DEFAULT_FULL_MARKS = 100;
export const DEFAULT_COMMEND_TOP = 10;

export type SchemeProblem = { field: string; message: string };

/** Every problem of the editable parts of a scheme, by field (`items.2.metric`, `weights`, `bands.1.min` …). */
export function schemeProblems(s: { items?: readonly SchemeItem[]; weights?: Weights; bands?: readonly GradeBand[]; fullMarks?: number }): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  if (s.items) {
    const seen = new Set<string>();
    s.items.forEach((it, i) => {
      if (seen.has(it.key)) out.push({ field: `items.${i}.key`, message: `项目标识“${it.key}”重复` });
      seen.add(it.key);
      if (!isKnownMetric(it.metric)) out.push({ field: `items.${i}.metric`, message: `未知的计分指标“${it.metric}”` });
      if (it.points === 0) out.push({ field: `items.${i}.points`, message: '每次分值不能为 0' });
      if (it.cap !== null && !(it.cap > 0)) out.push({ field: `items.${i}.cap`, message: '上限须大于 0，或留空表示不设上限' });
    });
  }
  if (s.weights) {
    const p = weightsProblem(s.weights);
    if (p) out.push({ field: 'weights', message: p });
  }
  if (s.bands) {
    if (!s.bands.some((b) => b.min === 0)) out.push({ field: 'bands', message: '须有一个从 0 分起的等次' });
    const mins = new Set<number>();
    s.bands.forEach((b, i) => {
      if (mins.has(b.min)) out.push({ field: `bands.${i}.min`, message: `分数线 ${b.min} 重复` });
      mins.add(b.min);
    });
  }
  if (s.fullMarks !== undefined && !(s.fullMarks > 0)) out.push({ field: 'fullMarks', message: '满分须大于 0' });
  return out;
}

// ---- Months and periods (China dates) ----

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PERIOD_RE = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** The first and last China dates of a month YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new Error(`bad month ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A month has ended when today (China) is past its last day. */
export function monthEnded(month: string, today: string): boolean {
  return today > monthRange(month).to;
}

export const isMonth = (s: string) => MONTH_RE.test(s);

/** The months of a period: a year (YYYY), a quarter (YYYY-Qn) or one month (YYYY-MM); null when it is none of these. */
export function periodMonths(period: string): { year: number; months: string[] } | null {
  const m = PERIOD_RE.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const mm = (n: number) => `${year}-${String(n).padStart(2, '0')}`;
  if (m[2]) {
    const q = Number(m[2]);
    return { year, months: [1, 2, 3].map((i) => mm((q - 1) * 3 + i)) };
  }
  if (m[3]) return { year, months: [`${year}-${m[3]}`] };
  return { year, months: Array.from({ length: 12 }, (_, i) => mm(i + 1)) };
}

/** The first-to-last China dates of a year. */
export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * The commendation list (表彰): the best `top` scores whose grade is the top band, best first. Ties at
 * the limit are all in (a rank ≤ top), since two deputies with the same score cannot be told apart.
 */
export function commendationOf<T extends { score: number | null; grade: string | null; rank: number | null }>(
  rows: readonly T[],
  bands: readonly GradeBand[],
  top: number,
): T[] {
  if (top <= 0 || bands.length === 0) return [];
  const best = [...bands].sort((a, b) => b.min - a.min)[0].label;
  return rows.filter((r) => r.rank !== null && r.rank <= top && r.grade === best).sort((a, b) => (a.rank as number) - (b.rank as number));
}
