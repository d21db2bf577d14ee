import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { suggestionHits } from '../../server/modules/search/search.repo.ts';
import { queryTerms } from '../../server/lib/search-text.ts';

/*
 * Measurement (3) of issue 8: Chinese full-text search over the suggestions, the query the suggestion list
 * and the search page run (search.repo suggestionHits: the town's best 20 with the total). Each query is
 * one term list from what people type (two to four characters: 路灯, 道路硬化, 垃圾清运…) in one town picked in
 * turn, so the index is searched across every town's rows as it is in use. p50/p95 in ms.
 */

export const SEARCH_TERMS = ['路灯', '道路', '垃圾清运', '饮水', '校车', '减速带', '养老', '河道清淤', '危房改造', '停车', '灌溉', '卫生院'];

export type SearchTiming = { queries: number; p50: number; p95: number; meanHits: number };

export async function timeSearch(db: Kysely<DB>, townIds: readonly string[], runs: number): Promise<SearchTiming> {
  const ms: number[] = [];
  let hits = 0;
  for (let i = 0; i < runs + 10; i++) {
    const town = townIds[(i * 7919) % townIds.length];
    const terms = queryTerms(SEARCH_TERMS[i % SEARCH_TERMS.length]);
    const t0 = performance.now();
    const page = await suggestionHits(db, town, terms, 'bench', 20);
    if (i >= 10) {
      ms.push(performance.now() - t0);
      hits += page.total;
    }
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return { queries: ms.length, p50: at(0.5), p95: at(0.95), meanHits: hits / ms.length };
}
