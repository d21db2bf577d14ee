import { FACT_CATALOGUE } from '../../../shared/report/catalogue.ts';
import { type Fact, countFact } from '../../../shared/report/facts.ts';
import { chinaDayStartIso } from '../search/stats.rules.ts';
import type { FactRange } from './area.ts';

/*
 * Small pieces the area files share: the UTC bounds of a period of China dates (timestamps are stored as
 * UTC ISO text, which compares in order on both engines), record refs, and ranked name lists.
 */

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** [fromIso, toIsoExclusive): the instants of the China days from..to. */
export function utcBounds(range: FactRange): { fromIso: string; toIso: string } {
  return { fromIso: chinaDayStartIso(range.from), toIso: chinaDayStartIso(nextDate(range.to)) };
}

/** "activity:01J…" — a fact's record id, the kinds of recordHref. */
export const ref = (kind: string, id: string) => `${kind}:${id}`;
export const refs = (kind: string, ids: Iterable<string>) => [...new Set(ids)].map((id) => ref(kind, id));

/** PostgreSQL answers counts and sums as text (bigint), SQLite as numbers; null over no rows. */
export const num = (v: unknown) => Number(v ?? 0);

/** Names ranked by how many records carry them, most first; ties in the order of the words (stable). */
export function ranked(names: Iterable<string>): { name: string; count: number }[] {
  const m = new Map<string, number>();
  for (const n of names) if (n) m.set(n, (m.get(n) ?? 0) + 1);
  return [...m].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * Category names for a sentence, most records first, without the catch-all 其他: "涉及交通、卫生、其他等方面"
 * reads wrong, and 等 already covers the rest. The fact's ids still count every record.
 */
export function namedCategories(names: Iterable<string>): string[] {
  return ranked(names)
    .map((c) => c.name)
    .filter((n) => n !== OTHER_CATEGORY);
}
export const OTHER_CATEGORY = '其他';

/** Distinct strings in the order first met (a weekly series of trainings is one topic, not fifty). */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function listFact(label: string, value: string[], ids: readonly string[]): Fact {
  return { value, ids: [...new Set(ids)], label };
}

export function rateFact(label: string, value: number | null, ids: readonly string[]): Fact {
  return { value, ids: [...new Set(ids)], label };
}

const LABELS = new Map(FACT_CATALOGUE.map((f) => [f.key, f.label]));
/** The catalogue's label of a key (one wording for the page, the report and the records list). */
export const labelOf = (key: string) => LABELS.get(key) ?? key;

/** Count of the given refs under the key's catalogue label. */
export const count = (key: string, ids: readonly string[]): Fact => countFact(labelOf(key), [...new Set(ids)]);
