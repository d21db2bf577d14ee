import ExcelJS from 'exceljs';
import { type Ctx, townOf } from '../../http/principal.ts';
import { ConflictError } from '../../http/errors.ts';
import { sheetText } from '../../lib/sheet-text.ts';
import { loadSession, rollState } from './session-state.ts';
import { ROLL_SHEET_COLUMNS, rollSheetFiguresText, rollSheetRow, sessionDatesText } from './roll.sheet.ts';
import { rollEntries } from './sessions.repo.ts';

/*
 * The roll as an Excel sign-in sheet (签到表), A4 portrait: the session's name, dates and place, the
 * figures (应到/实到/请假/缺席), then one row per deputy with an empty 签名 cell for the pen. Like the
 * ledgers (search/ledger.xlsx.ts), cells are only ever strings or numbers, never formulas, and the text
 * cells are formatted as text (@) and pass through sheetText (formula-like text quoted) — so a name or a reason typed as
 * "=HYPERLINK(…)", "+cmd", "-1" or "@SUM" stays text in Excel, even after the cell is edited.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TEXT_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'middle', wrapText: true }, numFmt: '@' };
const NUMBER_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'middle', horizontal: 'center' } };

/** Rows above the table: title, dates and place, figures; then the header row. */
export const ROLL_SHEET_HEADER_ROW = 4;

export async function rollWorkbook(ctx: Ctx, sessionId: string): Promise<{ fileName: string; asciiName: string; bytes: Buffer }> {
  const townId = townOf(ctx);
  const s = await loadSession(ctx.db, townId, sessionId);
  if (!s.rollTakenAt) throw new ConflictError('尚未点名，请先生成点名表', { reason: 'ROLL_NOT_TAKEN' });
  const [entries, state, extra] = await Promise.all([
    rollEntries(ctx.db, townId, sessionId),
    rollState(ctx.db, townId, sessionId),
    ctx.db.selectFrom('congressSession').select('place').where('townId', '=', townId).where('id', '=', sessionId).executeTakeFirstOrThrow(),
  ]);

  const wb = new ExcelJS.Workbook();
  wb.creator = '人大工作台';
  const ws = wb.addWorksheet('签到表', {
    views: [{ state: 'frozen', ySplit: ROLL_SHEET_HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${ROLL_SHEET_HEADER_ROW}:${ROLL_SHEET_HEADER_ROW}`,
    },
  });
  const n = ROLL_SHEET_COLUMNS.length;
  ws.columns = ROLL_SHEET_COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  const lines = [
    { text: sheetText(`${s.name}签到表`), font: { bold: true, size: 16 }, height: 30 },
    {
      text: sheetText([`会议时间：${sessionDatesText(s.startDate, s.endDate)}`, extra.place ? `地点：${extra.place}` : ''].filter(Boolean).join('　')),
      font: {},
      height: 20,
    },
    { text: rollSheetFiguresText(state.counts), font: { bold: true }, height: 20 },
  ];
  lines.forEach((l, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = l.text;
    row.getCell(1).font = l.font;
    row.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
    row.getCell(1).numFmt = '@';
    row.height = l.height;
    ws.mergeCells(i + 1, 1, i + 1, n);
  });

  const header = ws.getRow(ROLL_SHEET_HEADER_ROW);
  ROLL_SHEET_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  header.height = 22;

  entries.forEach((e, i) => {
    const values = rollSheetRow(e, i + 1);
    const row = ws.getRow(ROLL_SHEET_HEADER_ROW + 1 + i);
    ROLL_SHEET_COLUMNS.forEach((c, j) => {
      const v = values[c.key];
      const cell = row.getCell(j + 1);
      cell.value = typeof v === 'number' ? v : sheetText(v) || null;
      // A fresh style object per cell (ExcelJS shares one within a row otherwise).
      cell.style = typeof v === 'number' ? { ...NUMBER_STYLE } : { ...TEXT_STYLE };
    });
    // Room for a handwritten signature.
    row.height = 26;
  });

  const stem = s.shortName;
  return {
    fileName: `签到表-${stem}.xlsx`,
    asciiName: `session-roll-${s.code}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
