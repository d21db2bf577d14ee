/*
 * The layout of an official document (党政机关公文格式 GB/T 9704-2012) in Word's units, derived here once so
 * every number can be checked against the standard:
 *   A4 210 × 297 mm; 天头 (top margin) 37 mm; 订口 (binding side) 28 mm; 版心 (text block) 156 × 225 mm,
 *   so the outer margin is 210 − 28 − 156 = 26 mm and the bottom 297 − 37 − 225 = 35 mm;
 *   22 lines × 28 characters in the text block; title 2号, body 3号, page numbers 4号.
 * Word measures in twips (1/20 pt; 1 mm = 1440 / 25.4 twips) and font sizes in half points.
 */

export const mm = (x: number): number => Math.round((x * 1440) / 25.4);

/** Chinese font sizes (字号) in points. */
export const PT = { er: 22, san: 16, si: 14 } as const; // 2号, 3号, 4号

export const PAGE = { width: mm(210), height: mm(297) } as const; // 11906 × 16838
export const MARGIN = { top: mm(37), bottom: mm(35), inside: mm(28), outside: mm(26) } as const;
export const TEXT_BLOCK = { width: mm(156), height: mm(225) } as const;

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** The line pitch that puts 22 lines in the 225 mm block (≈ 28.95 pt), used as exact line spacing. */
export const LINE_PITCH = Math.floor(TEXT_BLOCK.height / LINES_PER_PAGE); // 579

/**
 * 28 characters to a line: a 3号 character is 16 pt wide and 156 mm is 442.2 pt, so 28 of them (448 pt) would
 * not fit. Each character is drawn 0.25 pt closer (w:spacing −5 twentieths), 28 × 15.75 = 441 pt. We set this
 * on the runs with a line-only grid rather than with a character grid (w:docGrid linesAndChars + charSpace):
 * LibreOffice lays a character grid out as square cells a line high, which gave 18 characters a line, while
 * run spacing reads the same in Word, WPS and LibreOffice.
 */
export const CHAR_SPACING_TWIPS = -5;
export const CHAR_PITCH_PT = PT.san + CHAR_SPACING_TWIPS / 20; // 15.75

/**
 * The page number's top sits 7 mm under the text block, i.e. 35 − 7 = 28 mm above the page's bottom edge.
 * Word places a footer by the distance of its bottom from the edge, one 4号 line (14 pt) lower: ≈ 23 mm.
 */
export const FOOTER_FROM_EDGE = mm(35 - 7) - PT.si * 20; // 1307

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Half points for w:sz. */
export const halfPoints = (pt: number): number => pt * 2;
