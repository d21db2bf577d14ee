import type { GradeBand, SchemeInput, Weights } from '../../api/points.ts';

/*
 * Pure helpers of the points pages: months and quarters of a scheme's year, the weights check as the
 * server makes it (docs/api-contract-points.md), the defaults a new scheme starts from.
 */

/** Today in China (UTC+8 all year), as the server decides whether a month has ended. */
export function chinaMonth(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
}

export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** A month can be published once it is over (China dates). */
export function monthEnded(month: string, now = Date.now()): boolean {
  return month < chinaMonth(now);
}

/** The month a board opens on: the last finished month of the year, else its first month. */
export function defaultMonth(year: number, now = Date.now()): string {
  const current = chinaMonth(now);
  const ended = monthsOf(year).filter((m) => m < current);
  return ended.at(-1) ?? `${year}-01`;
}

export function quartersOf(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/** The quarter of the board's month, so the quarterly tab opens where the user is looking. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The same words the server answers with (`weightsProblem` in points.rules.ts), shown while typing. */
export function weightsProblem(w: Partial<Weights>): string | null {
  const all = [w.records, w.peer, w.voter, w.presidium].map((x) => (typeof x === 'number' ? x : Number.NaN));
  if (all.some((x) => !Number.isInteger(x) || x < 0)) return '权重须为不小于 0 的整数';
  if (all.reduce((a, b) => a + b, 0) !== 100) return '各部分权重之和须为 100';
  return null;
}

export function weightsSum(w: Partial<Weights>): number {
  return [w.records, w.peer, w.voter, w.presidium].reduce<number>((a, b) => a + (typeof b === 'number' ? b : 0), 0);
}

/** Grade bands need a band starting at 0 and distinct lower bounds. */
export function bandsProblem(bands: Partial<GradeBand>[]): string | null {
  if (bands.some((b) => !b.label?.trim() || typeof b.min !== 'number')) return '每个等次须有名称和最低分';
  if (!bands.some((b) => b.min === 0)) return '须有一个最低分为 0 的等次';
  if (new Set(bands.map((b) => b.min)).size !== bands.length) return '各等次的最低分不能相同';
  return null;
}

export const DEFAULT_WEIGHTS: Weights = { records: 60, peer: 10, voter: 10, presidium: 20 };
export const DEFAULT_BANDS: GradeBand[] = [
  { label: '优秀', min: 90 },
  { label: '良好', min: 80 },
  { label: '合格', min: 60 },
  { label: '不合格', min: 0 },
];

/** A new scheme without items: the server fills in the default items. */
export function defaultScheme(year: number): SchemeInput {
  return {
    year,
    name: `${year}年度代表履职积分方案`,
    fullMarks: 100,
    weights: { ...DEFAULT_WEIGHTS },
    bands: DEFAULT_BANDS.map((b) => ({ ...b })),
    commendTop: 10,
  };
}

/** Points with a sign and at most two decimals: +3, −2, 0.5. */
export function signed(n: number): string {
  const v = Math.round(n * 100) / 100;
  return v > 0 ? `+${v}` : String(v);
}

export function score(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100);
}

/** A fresh item key unique in the list (keys must be unique; a label may repeat while typing). */
export function newItemKey(existing: readonly string[]): string {
  let i = existing.length + 1;
  while (existing.includes(`item${i}`)) i++;
  return `item${i}`;
}
