/*
 * The points scheme (履职积分 / 考评方案), pure. A town configures, per year, items computed from the
 * records (each item counts one metric — e.g. activities of a kind attended, suggestions led, suggestions
 * answered with grade A — and gives points per unit, with a cap), manual adjustments with a reason, the
 * weights of the parts of the yearly score (records, peers, voters, presidium) and the grade bands. Every
 * point keeps the ids of the records that earned it, so a deputy can follow each one back.
 */

export type SchemeItem = {
  key: string;
  label: string;
  /** What is counted, e.g. `activity_attended:training`, `suggestion_lead`, `suggestion_grade:A`. */
  metric: string;
  /** Points per counted record; negative for deductions (e.g. −1 per absence). */
  points: number;
  /** The most the item can add (or, for a deduction, take away); null = no limit. */
  cap: number | null;
};

export type MetricValue = { count: number; recordIds: readonly string[] };

export type ItemLine = {
  key: string;
  label: string;
  metric: string;
  count: number;
  /** count × points before the cap. */
  raw: number;
  points: number;
  capped: boolean;
  recordIds: readonly string[];
};

export type Adjustment = { id: string; points: number; reason: string };

/** Whole points and halves are common; keep two decimals so sums do not drift (0.1 + 0.2). */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** One item: count × points, limited to the cap on its own side of zero. */
export function scoreItem(item: SchemeItem, value: MetricValue | undefined): ItemLine {
  const count = value?.count ?? 0;
  const raw = round2(count * item.points);
  let points = raw;
  if (item.cap !== null) {
    const limit = Math.abs(item.cap);
    points = raw >= 0 ? Math.min(raw, limit) : Math.max(raw, -limit);
  }
  return { key: item.key, label: item.label, metric: item.metric, count, raw, points, capped: points !== raw, recordIds: value?.recordIds ?? [] };
}

export type RecordsScore = { lines: ItemLine[]; adjustments: readonly Adjustment[]; itemsTotal: number; adjustmentsTotal: number; total: number };

/** The records part of one deputy: every item, then the manual adjustments. */
export function scoreRecords(
  items: readonly SchemeItem[],
  metrics: Readonly<Record<string, MetricValue>>,
  adjustments: readonly Adjustment[] = [],
): RecordsScore {
  const lines = items.map((i) => scoreItem(i, metrics[i.metric]));
  const itemsTotal = round2(lines.reduce((s, l) => s + l.points, 0));
  const adjustmentsTotal = round2(adjustments.reduce((s, a) => s + a.points, 0));
  return { lines, adjustments, itemsTotal, adjustmentsTotal, total: round2(itemsTotal + adjustmentsTotal) };
}

export type Weights = { records: number; peer: number; voter: number; presidium: number };
export type Parts = { records: number | null; peer: number | null; voter: number | null; presidium: number | null };

/** Weights are whole percentages, none negative, summing to 100. */
export function weightsProblem(w: Weights): string | null {
  const all = [w.records, w.peer, w.voter, w.presidium];
  if (all.some((x) => !Number.isInteger(x) || x < 0)) return '权重须为不小于 0 的整数';
  if (all.reduce((a, b) => a + b, 0) !== 100) return '各部分权重之和须为 100';
  return null;
}

/** The records points as a 0–100 score against the scheme's full marks (points at or above full marks → 100). */
export function recordsPercent(points: number, fullMarks: number): number {
  if (fullMarks <= 0) return 0;
  return round2(Math.min(100, Math.max(0, (points / fullMarks) * 100)));
}

/**
 * The yearly score (0–100): the parts (each 0–100) by their weights. A part that did not happen for the
 * deputy (no peer review held, say) has null; its weight is shared among the parts present in proportion
 * to their weights, so a missing review neither helps nor hurts. No part present → null.
 */
export function combine(w: Weights, p: Parts): number | null {
  const keys = (['records', 'peer', 'voter', 'presidium'] as const).filter((k) => p[k] !== null && w[k] > 0);
  const weight = keys.reduce((s, k) => s + w[k], 0);
  if (weight === 0) return null;
  return round2(keys.reduce((s, k) => s + (p[k] as number) * w[k], 0) / weight);
}

export type GradeBand = { label: string; min: number };

/** 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below (a town configures its own). */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { label: '优秀', min: 90 },
  { label: '良好', min: 80 },
  { label: '合格', min: 60 },
  { label: '不合格', min: 0 },
];

/** The highest band whose lower bound the score reaches (80 exactly is 良好). */
export function gradeOf(bands: readonly GradeBand[], score: number | null): string | null {
  if (score === null) return null;
  const b = [...bands].sort((x, y) => y.min - x.min).find((x) => score >= x.min);
  return b?.label ?? null;
}

/** Ranking by score, highest first; equal scores share a rank; no score last. */
export function rankByScore<T extends { score: number | null; name: string }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const coll = new Intl.Collator('zh-CN');
  const sorted = [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? coll.compare(a.name, b.name) : 1) : -1;
    return b.score - a.score || coll.compare(a.name, b.name);
  });
  let rank = 0;
  return sorted.map((r, i) => {
    if (r.score === null) return { ...r, rank: null };
    if (i === 0 || sorted[i - 1].score !== r.score) rank = i + 1;
    return { ...r, rank };
  });
}
