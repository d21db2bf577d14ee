import { searchText } from '../../lib/search-text.ts';

/*
 * Likely duplicates of a suggestion being registered, pure: how much two suggestions share, measured on
 * their character pairs (the same bigrams the search uses). Two deputies writing about the same broken
 * street lamps use different sentences but many of the same pairs (平安 安村 路灯); two suggestions that
 * only share the boilerplate of the genre (关于…的建议) share nothing once that is set aside.
 *
 * score = 0.7 × Dice(title pairs) + 0.3 × Dice(title and content pairs), or the title's Dice alone when
 * either side has no content. Dice = 2|A∩B| / (|A| + |B|), from 0 (nothing shared) to 1 (the same).
 * The title weighs most: it is the 案由, one matter in a few words; contents ramble.
 */

/**
 * Words every suggestion's wording shares, so they say nothing about the matter. They are cut out before
 * pairing (not just their pairs dropped) so that no pair straddles them either: "关于修复路灯的建议" pairs
 * as 修复 复路 路灯, without 于修 or 灯的.
 */
const BOILERPLATE = /关于|建议|意见|问题|请求|要求|希望|尽快|加强|进一步|进行|有关|相关|我镇|本镇|解决|政府|部门|的/g;

/** The distinct pairs (and Latin/digit words) of a text, without the boilerplate. */
export function pairsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const tok of searchText(text.normalize('NFKC').replace(BOILERPLATE, ' ')).split(' ')) if (tok) out.add(tok);
  return out;
}

export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export type DupText = { title: string; content?: string | null };

/** Pairs of one side, computed once per candidate. */
export type DupPairs = { title: Set<string>; all: Set<string>; hasContent: boolean };

export function dupPairs(s: DupText): DupPairs {
  const content = (s.content ?? '').trim();
  const title = pairsOf(s.title);
  return { title, all: content ? pairsOf(`${s.title} ${content}`) : title, hasContent: content.length > 0 };
}

export function similarity(a: DupPairs, b: DupPairs): number {
  const t = dice(a.title, b.title);
  if (!a.hasContent || !b.hasContent) return t;
  return 0.7 * t + 0.3 * dice(a.all, b.all);
}

/** At or above this a suggestion is shown as a possible duplicate; tuned on the cases in the tests. */
export const DUPLICATE_THRESHOLD = 0.4;
export const DUPLICATE_LIMIT = 10;

/** Candidates at or above the threshold, most similar first (ties: the given order), scores to 2 decimals. */
export function rankDuplicates<T extends DupText & { id: string }>(
  input: DupText,
  candidates: readonly T[],
  opts: { threshold?: number; limit?: number } = {},
): (T & { score: number })[] {
  const threshold = opts.threshold ?? DUPLICATE_THRESHOLD;
  const me = dupPairs(input);
  if (me.title.size === 0 && me.all.size === 0) return [];
  return candidates
    .map((c, i) => ({ c, i, score: similarity(me, dupPairs(c)) }))
    .filter((x) => x.score >= threshold)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, opts.limit ?? DUPLICATE_LIMIT)
    .map((x) => ({ ...x.c, score: Math.round(x.score * 100) / 100 }));
}
