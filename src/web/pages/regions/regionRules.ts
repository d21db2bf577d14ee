/** Pure helpers for the regions forms (no React, unit-tested in regionRules.test.ts). */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * 19 -> 第十九届, as the server names terms (regions.rules.ts `termName`), so the form can show the
 * name before saving. Outside 1..99 (a value still being typed) there is no name.
 */
export function termNameOf(n: number | null | undefined): string | null {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 99) return null;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const numeral = tens === 0 ? DIGITS[ones] : `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
  return `第${numeral}届`;
}

export const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * The code after the highest `<prefix><number>` code in use, keeping the width of the widest one
 * (V01..V12 -> V13), so a clerk adding the next village or constituency rarely has to think of one.
 */
export function nextCode(codes: readonly string[], prefix: string, width = 2): string {
  let max = 0;
  let digits = width;
  const re = new RegExp(`^${prefix}(\\d+)$`, 'i');
  for (const c of codes) {
    const m = re.exec(c);
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    digits = Math.max(digits, m[1].length);
  }
  return `${prefix}${String(max + 1).padStart(digits, '0')}`;
}

/** The fields whose value differs, for PATCH bodies that send only what the user changed. */
export function changedFields<T extends object>(before: Partial<T>, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    const a = after[k];
    const b = before[k];
    const same = Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : (a ?? null) === (b ?? null);
    if (!same) out[k] = a;
  }
  return out;
}
