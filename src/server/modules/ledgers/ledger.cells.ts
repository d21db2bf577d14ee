
/*
 * What a ledger cell holds, pure: formula-safe text, real dates, and column widths that fit Chinese text.
 *
 * Formula injection (OWASP "CSV injection"): a text starting with = + - @, a tab or a carriage return could
 * be read as a formula by a spreadsheet. The writer never makes formula cells (ExcelJS writes a string as a
 * shared string, type "s"), formats text columns as text (@) so an edited cell stays text, AND prefixes such
 * a text with a single quote ' as OWASP advises — so even a copy pasted into another sheet or saved as CSV
 * stays inert. The cost: the quote shows in the cell ('=1+1).
 */

/** The shared helper (lib/sheet-text.ts), under the name this module's callers use. */
export { sheetText as safeText } from '../../lib/sheet-text.ts';

/** A `YYYY-MM-DD` date as a Date at UTC midnight (ExcelJS turns it into that day's serial); null when empty or bad. */
export function dateCell(v: string | null | undefined): Date | null {
  if (!v) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Is this code point shown two columns wide (CJK ideographs, kana, hangul, full-width forms)? */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** The display width of a text: CJK counts 2, everything else 1; a multi-line text is as wide as its longest line. */
export function textWidth(s: string): number {
  let max = 0;
  for (const line of s.split(/\r?\n/)) {
    let w = 0;
    for (const ch of line) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (w > max) max = w;
  }
  return max;
}

export const MIN_WIDTH = 6;
export const MAX_WIDTH = 60;

/** A column's width: the widest of its header and sampled values, plus a margin, between MIN_WIDTH and the cap. */
export function columnWidth(header: string, values: readonly unknown[], cap = MAX_WIDTH): number {
  let w = textWidth(header);
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const n = v instanceof Date ? 10 : textWidth(String(v));
    if (n > w) w = n;
    if (w >= cap) break;
  }
  return Math.min(cap, Math.max(MIN_WIDTH, w + 2));
}
