/** Pure rules for regions: term names in Chinese numerals, the current term, constituency villages. */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals as used in term names: 10 is 十 (not 一十), 20 is 二十, 21 is 二十一. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n} is outside 1..99`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones];
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 18 -> 第十八届. A number outside 1..99 (only ever from bad input) is shown as digits rather than thrown. */
export function termName(n: number): string {
  return Number.isInteger(n) && n >= 1 && n <= 99 ? `第${chineseNumeral(n)}届` : `第${n}届`;
}

export type TermLike = { id: string; number: number; startDate: string };

/**
 * The current term: the one with the largest number that has started by `today` (YYYY-MM-DD).
 * A term entered ahead of its election is not current yet; the previous one still is.
 */
export function currentTermId(terms: readonly TermLike[], today: string): string | null {
  let best: TermLike | null = null;
  for (const t of terms) {
    if (t.startDate > today) continue;
    if (!best || t.number > best.number) best = t;
  }
  return best?.id ?? null;
}

export type VillageClaim = { villageId: string; villageName: string; constituencyId: string; constituencyName: string };

/**
 * The first of `villageIds` already claimed by another constituency of the same term, or null.
 * A village votes in one constituency per term; `selfId` is the constituency being edited.
 */
export function firstVillageConflict(villageIds: readonly string[], claims: readonly VillageClaim[], selfId?: string): VillageClaim | null {
  const wanted = new Set(villageIds);
  return claims.find((c) => wanted.has(c.villageId) && c.constituencyId !== selfId) ?? null;
}

/** Villages listed twice in one request: a form bug, reported rather than silently merged. */
export function firstDuplicate(ids: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}
