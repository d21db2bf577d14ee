/**
 * Pure helpers of the workbook: ordering, comparison, paths, ID numbers. No I/O.
 *
 * Export -> import -> export must give the same bytes on either engine, so nothing here may depend
 * on the locale or on database collation: strings compare by code point, objects by sorted keys.
 */

/** Code-point order: the same on every machine, unlike localeCompare or an SQL collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type SortKey = string | number;

function compareKey(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** A sorted copy; `key` may return a tuple for composite keys (e.g. [term, code]). */
export function sortByKey<T>(items: readonly T[], key: (item: T) => SortKey | readonly SortKey[]): T[] {
  return [...items].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    const aa = Array.isArray(a) ? a : [a];
    const bb = Array.isArray(b) ? b : [b];
    for (let i = 0; i < Math.max(aa.length, bb.length); i++) {
      const c = compareKey(aa[i] ?? '', bb[i] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  });
}

export function sortedTexts(items: readonly string[]): string[] {
  return [...items].sort(compareText);
}

/** JSON with object keys sorted: two records are equal when their stable forms are equal. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

/** A zod issue path as the user reads it: ['deputies', 3, 'birthDate'] -> 'deputies[3].birthDate'. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export type Counts = { created: number; updated: number; unchanged: number };

export type UpsertPlan<R> = {
  creates: R[];
  updates: { id: string; before: R; after: R }[];
  unchanged: number;
};

/**
 * Sort incoming records into new, changed and unchanged ones by external key. Records are compared
 * in their workbook form, so a change shows up the same way whatever the engine stored.
 * `view` drops fields that must not take part in the comparison (e.g. a password hash the
 * document does not carry).
 */
export function planUpsert<R>(
  incoming: readonly R[],
  existing: readonly { id: string; record: R }[],
  keyOf: (r: R) => string,
  view: (existing: R, incoming: R) => R = (e) => e,
): UpsertPlan<R> {
  const byKey = new Map(existing.map((e) => [keyOf(e.record), e]));
  const plan: UpsertPlan<R> = { creates: [], updates: [], unchanged: 0 };
  for (const r of incoming) {
    const hit = byKey.get(keyOf(r));
    if (!hit) plan.creates.push(r);
    else if (stableStringify(view(hit.record, r)) === stableStringify(r)) plan.unchanged++;
    else plan.updates.push({ id: hit.id, before: hit.record, after: r });
  }
  return plan;
}

/** Indexes of records whose key appeared earlier in the list: [later index, first index]. */
export function duplicateKeys<R>(items: readonly R[], keyOf: (r: R) => string | null): [number, number][] {
  const first = new Map<string, number>();
  const dups: [number, number][] = [];
  items.forEach((r, i) => {
    const k = keyOf(r);
    if (k === null) return;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else dups.push([i, seen]);
  });
  return dups;
}
