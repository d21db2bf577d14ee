import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, cellText, sheetText, unquoteSheetText } from './sheet-text.ts';

describe('sheetText', () => {
  it('quotes text that starts like a formula, and only that', () => {
    for (const s of ['=1+1', '+8613800001111', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) expect(sheetText(s)).toBe(`'${s}`);
    for (const s of ['李明华', '1+1', 'a=b', "'already", '']) expect(sheetText(s)).toBe(s);
    expect(sheetText(null)).toBe('');
  });

  it('is idempotent: quoting or cutting twice changes nothing more', () => {
    for (const s of ['=1', '字'.repeat(MAX_CELL_CHARS + 10), '\u0000=x']) expect(sheetText(sheetText(s))).toBe(sheetText(s));
    expect(cellText(cellText('字'.repeat(MAX_CELL_CHARS * 2)))).toBe(cellText('字'.repeat(MAX_CELL_CHARS * 2)));
  });

  it('drops what XML cannot hold before deciding (a NUL does not hide a leading =)', () => {
    expect(sheetText('\u0000=1+1')).toBe("'=1+1");
  });

  it('unquoteSheetText gives the stored text back, and leaves other quotes alone', () => {
    for (const s of ['=1+1', '+86', '-1', '@SUM(A1)', '\tx']) expect(unquoteSheetText(sheetText(s))).toBe(s);
    expect(unquoteSheetText("'abc")).toBe("'abc");
    expect(unquoteSheetText("'")).toBe("'");
  });
});
