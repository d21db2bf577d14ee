/*
 * Search queries and snippets, pure. The stored search text is Han bigrams plus Latin/digit words
 * (lib/search-text.ts); a query goes through the same tokeniser (`queryTerms`) and every term must
 * match. Here the terms become each engine's query language, and the snippet is cut from the record's
 * own words (never the bigrams) around the first place a term occurs.
 */

const HAN_CHAR = /^\p{Script=Han}$/u;

/** A single Han character: it has no bigram of its own, so it is matched as the start of one. */
function isSingleHan(term: string): boolean {
  return HAN_CHAR.test(term);
}

/**
 * The FTS5 MATCH expression: every term quoted (so no FTS syntax can come from the user), a single Han
 * character or a Latin/digit word as a prefix. Terms are runs of letters and digits, so they hold no
 * quote; doubling is the FTS5 escape all the same.
 */
export function ftsMatch(terms: readonly string[]): string {
  return terms
    .map((t) => {
      const quoted = `"${t.replaceAll('"', '""')}"`;
      return isSingleHan(t) || !/\p{Script=Han}/u.test(t) ? `${quoted}*` : quoted;
    })
    .join(' ');
}

/**
 * The token the index holds for a row's town on SQLite (migration 20261207_0230): "tw" + the town id's UTF-8
 * bytes in hex, as the triggers write it with lower(hex(town_id)). Added to every match, so the index
 * answers only the town's rows. (PostgreSQL computes its own, md5, in the query: search.repo.)
 */
export function townToken(townId: string): string {
  return `tw${[...new TextEncoder().encode(townId)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The FTS5 MATCH expression of the terms within one town. */
export function ftsTownMatch(terms: readonly string[], townId: string): string {
  return `${ftsMatch(terms)} "${townToken(townId)}"`;
}

/**
 * The PostgreSQL tsquery text for to_tsquery('simple', …): terms quoted and joined with &, prefixes
 * marked :*. Quotes and backslashes are escaped although terms never hold them.
 */
export function tsQuery(terms: readonly string[]): string {
  return terms
    .map((t) => {
      const quoted = `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
      return isSingleHan(t) || !/\p{Script=Han}/u.test(t) ? `${quoted}:*` : quoted;
    })
    .join(' & ');
}

/**
 * The text normalised as the tokeniser sees it (NFKC, lower case), with, for every normalised code
 * unit, the index of the original character it came from, so a hit found in the normalised text maps
 * back to the original.
 */
function normaliseWithMap(text: string): { norm: string; origin: number[] } {
  let norm = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    norm += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
    i += ch.length;
  }
  return { norm, origin };
}

const ELLIPSIS = '…';

/** Whitespace runs (new lines in a long text) shown as one space in a one-line snippet. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * About `width` characters of the first field that contains a term, centred a little before the
 * earliest hit, with … where text was cut. Without any hit (the record matched on a field that is not
 * shown), the start of the first non-empty field.
 */
export function snippetOf(fields: readonly (string | null | undefined)[], terms: readonly string[], width = 80): string {
  const wanted = terms.filter((t) => t.length > 0);
  for (const field of fields) {
    if (!field) continue;
    const { norm, origin } = normaliseWithMap(field);
    let best = -1;
    for (const t of wanted) {
      const at = norm.indexOf(t);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    if (best < 0) continue;
    const hit = origin[best];
    const chars = [...field];
    // Position of the hit in code points (chars), from its UTF-16 index.
    const hitChar = [...field.slice(0, hit)].length;
    const lead = Math.min(hitChar, Math.floor(width / 4));
    const start = hitChar - lead;
    const end = Math.min(chars.length, start + width);
    const body = oneLine(chars.slice(start, end).join(''));
    return `${start > 0 ? ELLIPSIS : ''}${body}${end < chars.length ? ELLIPSIS : ''}`;
  }
  const first = fields.find((f) => f?.trim());
  if (!first) return '';
  const chars = [...first];
  return `${oneLine(chars.slice(0, width).join(''))}${chars.length > width ? ELLIPSIS : ''}`;
}

/** A UTC ISO timestamp as the China date (UTC+8) it falls on. */
export function chinaDateOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Ranked = { type: 'suggestion' | 'reception'; key: string; score: number; date: string };

/**
 * Merge the ranked hits of the two kinds into one page: best score first, then the newer record. Each
 * list must hold at least the first `offset + limit` hits of its kind for the page to be exact.
 */
export function mergeRanked(lists: readonly (readonly Ranked[])[], offset: number, limit: number): Ranked[] {
  return lists
    .flat()
    .sort((a, b) => b.score - a.score || b.date.localeCompare(a.date) || a.key.localeCompare(b.key))
    .slice(offset, offset + limit);
}
