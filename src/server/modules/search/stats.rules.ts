import type { FieldIssue } from '../../http/errors.ts';

/*
 * Suggestion statistics, pure: which suggestions a period covers, rates that never divide by zero, and
 * the figures assembled from a few grouped query results (stats.repo.ts).
 *
 * Definitions (what a work report quotes):
 * - total: suggestions raised in the period (drafts are not raised yet); merged and withdrawn ones
 *   stay in the total and show in byState.
 * - assigned / replied: raised items ever assigned to an office / ever answered; closed: state closed;
 *   followUp: carried over under follow-up (state following); rehandled: went to a second round.
 * - on-time rate: replies given on or before the due date they answered / replies.
 * - satisfaction rate: ratings whose result is 满意 or 基本满意 / ratings (every round's rating).
 * - per office: assigned = items it leads or has answered; replies, on-time and ratings of its replies
 *   (a rating belongs to the office whose reply of that round it rates); rehandled = its first-round
 *   replies that were sent back for re-handling.
 */

export type Period =
  | { kind: 'range'; from: string; to: string /** UTC bounds of the China days: [fromIso, toIsoExclusive). */; fromIso: string; toIsoExclusive: string }
  | { kind: 'year'; year: number }
  | { kind: 'session'; sessionId: string };

export type PeriodQuery = { from?: string; to?: string; year?: number; sessionId?: string };

/** The first instant (UTC ISO) of a China date. */
export function chinaDayStartIso(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The period of a query: from/to (either may be left out: the other's year fills it), a year, or a
 * session, exactly one of them; nothing means the current year. Problems name the field.
 */
export function resolvePeriod(q: PeriodQuery, today: string): { period: Period } | { issues: FieldIssue[] } {
  const range = q.from !== undefined || q.to !== undefined;
  const given = [range, q.year !== undefined, q.sessionId !== undefined].filter(Boolean).length;
  if (given > 1) {
    const field = q.sessionId !== undefined ? 'querystring.sessionId' : 'querystring.year';
    return { issues: [{ field, message: '统计期间、年度、会议只能选一种' }] };
  }
  if (q.sessionId !== undefined) return { period: { kind: 'session', sessionId: q.sessionId } };
  if (range) {
    const from = q.from ?? `${(q.to as string).slice(0, 4)}-01-01`;
    const to = q.to ?? `${from.slice(0, 4)}-12-31`;
    if (to < from) return { issues: [{ field: 'querystring.to', message: '结束日期不能早于开始日期' }] };
    return { period: { kind: 'range', from, to, fromIso: chinaDayStartIso(from), toIsoExclusive: chinaDayStartIso(nextDay(to)) } };
  }
  return { period: { kind: 'year', year: q.year ?? Number(today.slice(0, 4)) } };
}

/** Words for the period, for titles ("2026年", "2026-01-01 至 2026-06-30"). */
export function periodLabel(p: Period, sessionName?: string | null): string {
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'range') return `${p.from} 至 ${p.to}`;
  return sessionName ? sessionName : '所选会议';
}

/** A share from 0 to 1 to four decimals, or null when there is nothing to divide by (never NaN). */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

// --------------------------------------------------------------------------------------------------
// Assembling the grouped rows

/** Suggestions grouped by source, category and state, with the counts of each group. */
export type GroupRow = { sourceType: string; category: string; state: string; n: number; assigned: number; replied: number; rehandled: number };
export type UnitReplyRow = { unitId: string; replies: number; onTime: number; rehandled: number };
export type UnitRatingRow = { unitId: string | null; ratings: number; satisfied: number };
export type UnitAssignedRow = { unitId: string; assigned: number };

export type Count = { key: string; count: number };
export type UnitFigures = {
  unit: { id: string; name: string };
  assigned: number;
  replies: number;
  onTime: number;
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
  rehandled: number;
};
export type Figures = {
  total: number;
  bySource: Count[];
  byCategory: Count[];
  byState: Count[];
  byUnit: UnitFigures[];
  assigned: number;
  replied: number;
  closed: number;
  followUp: number;
  rehandled: number;
  replies: number;
  onTime: number;
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
};

const num = (v: unknown) => Number(v ?? 0);

function counts(rows: readonly GroupRow[], key: (r: GroupRow) => string): Count[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + num(r.n));
  return [...m].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function assembleFigures(input: {
  groups: readonly GroupRow[];
  unitReplies: readonly UnitReplyRow[];
  unitRatings: readonly UnitRatingRow[];
  unitAssigned: readonly UnitAssignedRow[];
  unitNames: ReadonlyMap<string, string>;
}): Figures {
  const { groups } = input;
  const sum = (f: (r: GroupRow) => number) => groups.reduce((s, r) => s + num(f(r)), 0);
  const byState = counts(groups, (r) => r.state);
  const stateCount = (s: string) => byState.find((c) => c.key === s)?.count ?? 0;

  const units = new Map<string, UnitFigures>();
  const unit = (id: string) => {
    let u = units.get(id);
    if (!u) {
      u = {
        unit: { id, name: input.unitNames.get(id) ?? '' },
        assigned: 0,
        replies: 0,
        onTime: 0,
        onTimeRate: null,
        ratings: 0,
        satisfied: 0,
        satisfactionRate: null,
        rehandled: 0,
      };
      units.set(id, u);
    }
    return u;
  };
  for (const r of input.unitAssigned) unit(r.unitId).assigned += num(r.assigned);
  for (const r of input.unitReplies) {
    const u = unit(r.unitId);
    u.replies += num(r.replies);
    u.onTime += num(r.onTime);
    u.rehandled += num(r.rehandled);
  }
  let ratings = 0;
  let satisfied = 0;
  for (const r of input.unitRatings) {
    ratings += num(r.ratings);
    satisfied += num(r.satisfied);
    if (r.unitId === null) continue;
    const u = unit(r.unitId);
    u.ratings += num(r.ratings);
    u.satisfied += num(r.satisfied);
  }
  const byUnit = [...units.values()]
    .map((u) => ({ ...u, onTimeRate: rate(u.onTime, u.replies), satisfactionRate: rate(u.satisfied, u.ratings) }))
    .sort((a, b) => b.assigned - a.assigned || a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
  const replies = byUnit.reduce((s, u) => s + u.replies, 0);
  const onTime = byUnit.reduce((s, u) => s + u.onTime, 0);

  return {
    total: sum((r) => r.n),
    bySource: counts(groups, (r) => r.sourceType),
    byCategory: counts(groups, (r) => r.category),
    byState,
    byUnit,
    assigned: sum((r) => r.assigned),
    replied: sum((r) => r.replied),
    closed: stateCount('closed'),
    followUp: stateCount('following'),
    rehandled: sum((r) => r.rehandled),
    replies,
    onTime,
    onTimeRate: rate(onTime, replies),
    ratings,
    satisfied,
    satisfactionRate: rate(satisfied, ratings),
  };
}
