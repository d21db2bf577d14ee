import { type RawBuilder, type SqlBool, sql } from 'kysely';

/*
 * Keyset pagination for the ledgers: each batch continues after the last row of the one before
 * ("(k1, k2, …) > (v1, v2, …)", spelled out so both engines read it), so batch n costs what batch 1
 * does, unlike OFFSET. The keys must be NOT NULL and, together, unique in the order.
 */

export const BATCH = 1000;

export type KeyPart = { expr: RawBuilder<unknown>; value: string | number };

/** `(a > x) or (a = x and (b > y or (b = y and …)))` over the parts, parameterised. */
export function after(parts: readonly KeyPart[]): RawBuilder<SqlBool> {
  const [head, ...rest] = parts;
  if (rest.length === 0) return sql<SqlBool>`${head.expr} > ${head.value}`;
  return sql<SqlBool>`(${head.expr} > ${head.value} or (${head.expr} = ${head.value} and ${after(rest)}))`;
}

/** Batches of `page(last)` until a short one; `last` is the previous batch's last row (null at the start). */
export async function* keyset<R>(page: (last: R | null, size: number) => Promise<R[]>, size = BATCH): AsyncGenerator<R[]> {
  let last: R | null = null;
  for (;;) {
    const rows = await page(last, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

/** Group rows by a key, keeping their order. */
export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
