/*
 * Peer review (互评, a month inside a station) and voter review (比评, a quarter): pure rules about periods
 * and ranks. The score of a deputy is reviewScore in polls.rules.ts.
 */

export type ReviewKind = 'peer_review' | 'voter_review';

const MONTH = /^(20\d\d|2100)-(0[1-9]|1[0-2])$/;
const QUARTER = /^(20\d\d|2100)-Q[1-4]$/;

/** Why a period does not fit the kind, or null: a month YYYY-MM for peer review, a quarter YYYY-Qn for voter review. */
export function periodProblem(kind: ReviewKind, period: string): string | null {
  if (kind === 'peer_review') return MONTH.test(period) ? null : '代表互评的期间应为月份，格式 YYYY-MM';
  return QUARTER.test(period) ? null : '选民比评的期间应为季度，格式 YYYY-Qn（如 2026-Q3）';
}

/** The months (YYYY-MM) a period covers. */
export function monthsOfPeriod(period: string): string[] {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return [period];
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${q[1]}-${String(first + i).padStart(2, '0')}`);
}

/** Every month (YYYY-MM) from `from` to `to` inclusive; each may be a date (YYYY-MM-DD) or a month. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const end = to.slice(0, 7);
  for (let i = 0; i < 1200; i++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > end) break;
    out.push(s);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The periods of a kind that fall wholly inside [from, to] (dates or months): the months of the range for
 * peer review, the quarters all of whose months are in it for voter review.
 */
export function periodsInRange(kind: ReviewKind, from: string, to: string): string[] {
  const months = monthsBetween(from, to);
  if (kind === 'peer_review') return months;
  const set = new Set(months);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  return years.flatMap((y) => [1, 2, 3, 4].map((n) => `${y}-Q${n}`)).filter((p) => monthsOfPeriod(p).every((m) => set.has(m)));
}

/** Highest score first; equal scores share a rank (1, 2, 2, 4); no score (no votes) last, unranked. */
export function rankByScore<T extends { name: string; score: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const coll = new Intl.Collator('zh-CN');
  const sorted = [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? coll.compare(a.name, b.name) : 1) : -1;
    return b.score - a.score || coll.compare(a.name, b.name);
  });
  let rank = 0;
  let prev: number | null = null;
  return sorted.map((r, i) => {
    if (r.score === null) return { ...r, rank: null };
    if (prev === null || prev !== r.score) rank = i + 1;
    prev = r.score;
    return { ...r, rank };
  });
}
