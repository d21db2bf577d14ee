import type { MsgKey, Translate } from '../../i18n/index.tsx';

/** Formatting and period parsing of the statistics pages, pure (tested in statsFormat.test.ts). */

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** A rate from the API (0–1, or null when there was nothing to divide by) as a percentage. */
export function rateText(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export type PagePeriod = { kind: 'year'; year: number } | { kind: 'range'; from: string; to: string };

/** The period of the address bar: ?from=&to= (a real range), else ?year=, else the current year. */
export function periodFromParams(sp: URLSearchParams, thisYear: number): PagePeriod {
  const from = sp.get('from');
  const to = sp.get('to');
  if (from && to && YMD.test(from) && YMD.test(to) && from <= to) return { kind: 'range', from, to };
  const y = Number(sp.get('year'));
  return { kind: 'year', year: Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear };
}

/** The query the API takes for a page period. */
export function periodQuery(p: PagePeriod): { year?: number; from?: string; to?: string } {
  return p.kind === 'year' ? { year: p.year } : { from: p.from, to: p.to };
}

/** The same period as dates (the reception ledger takes dates only). */
export function periodDates(p: PagePeriod): { from: string; to: string } {
  return p.kind === 'year' ? { from: `${p.year}-01-01`, to: `${p.year}-12-31` } : { from: p.from, to: p.to };
}

/** Rows for a count chart, biggest first, with the labels the page gives the keys. */
export function labelled(rows: readonly { key: string; count: number }[], label: (key: string) => string): { label: string; count: number }[] {
  return rows.filter((r) => r.count > 0).map((r) => ({ label: label(r.key), count: r.count }));
}

/** A label from the suggestions area's messages (`suggestion.state.closed` …), or the key itself when it has none. */
export function labelOf(t: Translate, prefix: string, key: string): string {
  const k = `${prefix}.${key}`;
  const s = t(k as MsgKey);
  return s === k ? key : s;
}

/**
 * The twelve states folded into the stages of handling, for the donut: a dozen thin slices would not
 * read (their labels collide); the per-state numbers stay in the API and the ledger.
 */
export const STAGES = ['submitted', 'registered', 'handling', 'replied', 'following', 'closed', 'ended'] as const;
export type Stage = (typeof STAGES)[number];
const STAGE_OF: Record<string, Stage> = {
  draft: 'submitted',
  submitted: 'submitted',
  registered: 'registered',
  assigned: 'handling',
  handling: 'handling',
  rehandling: 'handling',
  replied: 'replied',
  following: 'following',
  closed: 'closed',
  not_accepted: 'ended',
  withdrawn: 'ended',
  merged: 'ended',
};

export function byStage(rows: readonly { key: string; count: number }[]): { key: Stage; count: number }[] {
  const m = new Map<Stage, number>();
  for (const r of rows) {
    const st = STAGE_OF[r.key] ?? 'ended';
    m.set(st, (m.get(st) ?? 0) + r.count);
  }
  return STAGES.filter((st) => (m.get(st) ?? 0) > 0).map((st) => ({ key: st, count: m.get(st) ?? 0 }));
}
