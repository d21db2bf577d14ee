/*
 * Ratings from many votes, pure: the overall rating of an office (民主评议), the result band of a deputy's
 * duty report (述职), and the ranking of offices. Every threshold is "more than half" or a share compared
 * with a band's lower bound, so counts stay integers and shares are compared exactly (no rounding before
 * the comparison).
 */

export type Rating = 'satisfied' | 'basic' | 'dissatisfied';

export type RatingCounts = { satisfied: number; basic: number; dissatisfied: number };

export const RATING_LABEL: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' };

export function validVotes(c: RatingCounts): number {
  return c.satisfied + c.basic + c.dissatisfied;
}

/**
 * The published rule (domain README §4): 满意 when satisfied votes are more than half of the valid votes;
 * else 基本满意 when satisfied + basically satisfied are more than half; else 不满意. Exactly half is not
 * more than half. No votes → null (no rating).
 */
export function overallRating(c: RatingCounts): Rating | null {
  const n = validVotes(c);
  if (n === 0) return null;
  if (2 * c.satisfied > n) return 'satisfied';
  if (2 * (c.satisfied + c.basic) > n) return 'basic';
  return 'dissatisfied';
}

/** The approval share (satisfied + basically satisfied) of the valid votes, as a fraction; null without votes. */
export function approvalShare(c: RatingCounts): number | null {
  const n = validVotes(c);
  return n === 0 ? null : (c.satisfied + c.basic) / n;
}

export type Band = { label: string; minPercent: number };

/** 称职 ≥ 80 %, 基本称职 50–80 %, 不称职 < 50 % (a town may configure its own bands). */
export const DEFAULT_DUTY_REPORT_BANDS: readonly Band[] = [
  { label: '称职', minPercent: 80 },
  { label: '基本称职', minPercent: 50 },
  { label: '不称职', minPercent: 0 },
];

/** Bands must start at 0, have distinct bounds within 0–100 and distinct labels. */
export function bandsProblem(bands: readonly Band[]): string | null {
  if (bands.length === 0) return '至少需要一个档次';
  const mins = bands.map((b) => b.minPercent);
  if (mins.some((m) => !Number.isFinite(m) || m < 0 || m > 100)) return '档次下限须在 0–100 之间';
  if (new Set(mins).size !== mins.length) return '档次下限不能重复';
  if (!mins.includes(0)) return '须有一个下限为 0 的档次';
  if (new Set(bands.map((b) => b.label.trim())).size !== bands.length || bands.some((b) => b.label.trim() === '')) return '档次名称不能为空或重复';
  return null;
}

/**
 * The band of an approval count: the highest band whose lower bound the share reaches. Compared in
 * integers (approve × 100 ≥ min × valid) so that 80 % exactly is 称职 however the division would round.
 */
export function bandOf(bands: readonly Band[], c: RatingCounts): Band | null {
  const n = validVotes(c);
  if (n === 0) return null;
  const approve = c.satisfied + c.basic;
  const sorted = [...bands].sort((a, b) => b.minPercent - a.minPercent);
  return sorted.find((b) => approve * 100 >= b.minPercent * n) ?? null;
}

/**
 * Offices ranked by approval share, then by satisfied share, then by name; offices without votes last.
 * Equal shares share a rank (1, 2, 2, 4), as a published list would show them.
 */
export function rankByApproval<T extends { name: string; counts: RatingCounts }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const key = (r: T) => {
    const n = validVotes(r.counts);
    return n === 0 ? null : { a: (r.counts.satisfied + r.counts.basic) / n, s: r.counts.satisfied / n };
  };
  const coll = new Intl.Collator('zh-CN');
  const sorted = [...rows].sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    if (!kx || !ky) return kx ? -1 : ky ? 1 : coll.compare(x.name, y.name);
    return ky.a - kx.a || ky.s - kx.s || coll.compare(x.name, y.name);
  });
  let rank = 0;
  let prev: { a: number; s: number } | null = null;
  return sorted.map((r, i) => {
    const k = key(r);
    if (!k) return { ...r, rank: null };
    if (!prev || prev.a !== k.a || prev.s !== k.s) rank = i + 1;
    prev = k;
    return { ...r, rank };
  });
}
