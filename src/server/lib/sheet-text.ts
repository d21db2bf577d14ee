/*
 * Text in a generated spreadsheet (.xlsx). Every writer passes every text cell through `sheetText`:
 *
 * - XML 1.0 cannot carry C0 controls (other than tab and new lines), U+FFFE/U+FFFF or lone surrogate
 *   halves: a file holding one does not open. They are removed.
 * - Excel holds at most 32,767 characters in a cell; a longer text is cut, with a mark.
 * - Formula injection (OWASP "CSV injection"): a text starting with = + - @, a tab or a carriage return
 *   may be taken for a formula by a spreadsheet. ExcelJS writes strings as strings (never formula cells),
 *   and the writers format text columns as text (@), but a copy pasted into another sheet or saved as CSV
 *   would lose both; so such a text is also prefixed with a single quote ' as OWASP advises. The cost: the
 *   quote shows in the cell ('=1+1). Reading a sheet back (the roster import) strips it with `unquoteSheetText`.
 */

/** Excel holds at most 32,767 characters in a cell; a longer text is cut with a mark. */
export const MAX_CELL_CHARS = 32_000;
const CUT_MARK = '…（超长，已截断）';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

function xmlSafe(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += s[i];
  }
  return out;
}

/** The text XML-safe and cut to what a cell holds — not yet quoted (for rows that are not only for a sheet). */
export function cellText(v: string | null | undefined): string {
  if (!v) return '';
  if (v.length <= MAX_CELL_CHARS) return xmlSafe(v);
  // Cut first (a megabyte of text is not walked), never between the halves of a surrogate pair.
  const hi = v.charCodeAt(MAX_CELL_CHARS - 1);
  const end = hi >= 0xd800 && hi <= 0xdbff ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
  return xmlSafe(v.slice(0, end)) + CUT_MARK;
}

/** The one helper for a text cell of any generated workbook: XML-safe, cut, and quoted when it starts like a formula. */
export function sheetText(v: string | null | undefined): string {
  const t = cellText(v);
  return t && FORMULA_START.has(t[0]) ? `'${t}` : t;
}

/** A cell's text read back from a sheet this app wrote: the quote `sheetText` put before a formula-like text removed. */
export function unquoteSheetText(t: string): string {
  return t.length > 1 && t[0] === "'" && FORMULA_START.has(t[1]) ? t.slice(1) : t;
}
