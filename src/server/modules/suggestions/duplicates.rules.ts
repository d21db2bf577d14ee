/*
 * Likely duplicates (重复建议) shown when an item is registered, pure. Both texts are in the stored
 * search form (Han bigrams and words, see lib/search-text.ts); the score is the share of the new
 * item's distinct terms that the other item's text also has — 1 when everything the new one says is
 * in the old one. Crude, but two reports of the same broken street light share most of their bigrams
 * and two about different matters share few.
 */

export const MIN_DUPLICATE_SCORE = 0.3;
export const MAX_DUPLICATES = 10;

export function duplicateScore(queryTerms: readonly string[], candidateSearchText: string): number {
  const q = new Set(queryTerms);
  if (q.size === 0) return 0;
  const have = new Set(candidateSearchText.split(' ').filter(Boolean));
  let hit = 0;
  for (const t of q) if (have.has(t)) hit++;
  return Math.round((hit / q.size) * 100) / 100;
}

/** The best-scoring candidates above the threshold, highest first (ties: the order given). */
export function rankDuplicates<T extends { searchText: string }>(queryTerms: readonly string[], candidates: readonly T[]): (T & { score: number })[] {
  return candidates
    .map((c) => ({ ...c, score: duplicateScore(queryTerms, c.searchText) }))
    .filter((c) => c.score >= MIN_DUPLICATE_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_DUPLICATES);
}
