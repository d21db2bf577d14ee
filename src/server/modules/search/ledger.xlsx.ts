import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetText } from '../../lib/sheet-text.ts';
import { type Cell, type Column, NUMBER_COLUMNS } from './ledger.rules.ts';

/*
 * Writing a ledger as .xlsx while its rows are read: the ExcelJS streaming writer commits each row to
 * the zip as it goes, so memory holds a batch (and the shared-strings table), not the sheet. Layout:
 * a title row (town and period) across all columns, the Chinese header row, both frozen, column widths,
 * text columns formatted as text (@). Cells are only ever strings or numbers — never formulas.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

const TEXT_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'top', wrapText: true }, numFmt: '@' };
const NUMBER_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'top' } };

export type LedgerSpec<K extends string> = {
  sheetName: string;
  title: string;
  columns: readonly Column<K>[];
  rows: AsyncIterable<Record<K, Cell>[]>;
};

/** Column letter of a 1-based index (1 → A, 27 → AA). */
function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

async function write<K extends string>(out: PassThrough, spec: LedgerSpec<K>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '人大工作台';
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  const n = spec.columns.length;
  ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width }));

  const title = ws.addRow([sheetText(spec.title)]);
  title.height = 28;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
  ws.mergeCells(1, 1, 1, n);
  title.commit();

  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.commit();

  for await (const batch of spec.rows) {
    for (const r of batch) {
      // Every text through the one sheet helper: formula-like text is quoted (lib/sheet-text.ts).
      const row = ws.addRow(spec.columns.map((c) => (typeof r[c.key] === 'string' ? sheetText(r[c.key] as string) : r[c.key])));
      for (let i = 0; i < n; i++) {
        // A fresh style object per cell: ExcelJS shares one between the cells of a row, and setting a
        // property on it (cell.numFmt = …) would format the number cells as text too.
        // Text format: Excel keeps "=…" typed text as text even after the cell is edited.
        row.getCell(i + 1).style = NUMBER_COLUMNS.has(spec.columns[i].key) ? NUMBER_STYLE : TEXT_STYLE;
      }
      row.commit();
    }
  }
  ws.autoFilter = `A2:${letter(n)}2`;
  ws.commit();
  await wb.commit();
}

/**
 * The workbook as a stream to send. Writing starts at once and runs beside the response; a failure
 * part-way destroys the stream (the client sees a broken download, never a half file presented as whole).
 */
export function ledgerStream<K extends string>(spec: LedgerSpec<K>, onError: (err: unknown) => void): Readable {
  const out = new PassThrough();
  write(out, spec).catch((err) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
