/*
 * Text prepared for Chinese full-text search, pure. Chinese has no spaces between words and the usual
 * tokenisers (SQLite's unicode61, PostgreSQL's 'simple') would treat a whole run of Han characters as one
 * token; trigram indexes miss two-character words (交通, 路灯), the commonest kind. So a record's
 * searchable text is stored as overlapping character pairs (bigrams) of each Han run plus the Latin and
 * digit words, lower-cased, separated by spaces: "路灯不亮" → "路灯 灯不 不亮". A query is turned into
 * the same pairs and every pair must match, which finds two-character words exactly and longer phrases
 * with rare false hits. Single Han characters of a query are kept as they are (matched by prefix).
 */

const HAN = /\p{Script=Han}/u;
// Han runs, or runs of other letters and digits (Han is a letter too, hence the lookahead).
const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const w = m[0];
    if (!HAN.test(w[0])) {
      out.push(w);
      continue;
    }
    const chars = [...w];
    if (chars.length === 1) out.push(w);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

/** The stored search text of a record made of several fields (title, content, names …). */
export function searchText(...parts: (string | null | undefined)[]): string {
  return tokensOf(parts.filter(Boolean).join(' ')).join(' ');
}

/** The terms a query must all match (deduplicated, in order); empty when the query has no words. */
export function queryTerms(q: string): string[] {
  return [...new Set(tokensOf(q))].slice(0, 32);
}
