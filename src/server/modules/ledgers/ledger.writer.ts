import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnWidth, dateCell, safeText } from './ledger.cells.ts';

/*
 * The one writer of every ledger (台账): sheets described by column specs, written with the ExcelJS
 * streaming WorkbookWriter straight into the reply. Each sheet reads its rows a batch at a time (the areas
 * keyset-paginate their queries, 1000 rows a batch) and commits every row as it goes, so memory holds a
 * batch and the shared-strings table, never the period.
 *
 * Layout: row 1 is the header (bold, filled, frozen), autofilter over it; text columns formatted as text
 * (@) and passed through safeText (formula-like text quoted, see ledger.cells.ts); dates are real dates
 * (yyyy-mm-dd); counts are numbers. Column widths: the spec's width, else the widest of the header and the
 * FIRST batch, CJK counting 2, capped — ExcelJS writes <cols> before the first row, so a streamed sheet
 * cannot wait for its last row to size a column.
 */

export type CellValue = string | number | null | undefined;
export type ColumnKind = 'text' | 'number' | 'date';

export type LedgerColumn<R> = {
  header: string;
  /** Fixed width in characters; left out: fitted to the header and the first batch. */
  width?: number;
  /** text (default), number, or date (the value is `YYYY-MM-DD`, or an ISO time whose date part is used). */
  kind?: ColumnKind;
  value: (row: R) => CellValue;
};

export type LedgerSheet<R> = {
  name: string;
  columns: readonly LedgerColumn<R>[];
  /** The rows a batch at a time; called once, when the sheet's turn comes. */
  batches: () => AsyncIterable<readonly R[]>;
};

// Sheets of different row types live in one book.
export type AnySheet = LedgerSheet<any>;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const LINE = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: LINE, left: LINE, bottom: LINE, right: LINE };
const STYLE: Record<ColumnKind, Partial<ExcelJS.Style>> = {
  text: { border: BORDER, alignment: { vertical: 'top', wrapText: true }, numFmt: '@' },
  number: { border: BORDER, alignment: { vertical: 'top' } },
  date: { border: BORDER, alignment: { vertical: 'top' }, numFmt: 'yyyy-mm-dd' },
};

/** Column letter of a 1-based index (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A value as the cell gets it: quoted text, a Date, or a number (null for an empty cell). */
export function cellOf(kind: ColumnKind, v: CellValue): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'date') return dateCell(String(v));
  if (kind === 'number') return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : safeText(String(v));
  return safeText(String(v)) || null;
}

async function writeSheet<R>(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: LedgerSheet<R>): Promise<void> {
  const cols = spec.columns.map((c) => ({ ...c, kind: c.kind ?? 'text' }));
  const it = spec.batches()[Symbol.asyncIterator]();
  const first = await it.next();
  const firstRows: readonly R[] = first.done ? [] : first.value;
  const firstCells = firstRows.map((r) => cols.map((c) => cellOf(c.kind, c.value(r))));

  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c, i) => {
    const w =
      c.width ??
      columnWidth(
        c.header,
        firstCells.map((r) => r[i]),
      );
    // ExcelJS leaves a width of exactly 9 (its default) out of <cols>, and Excel then uses 8.43.
    return { width: w === 9 ? 9.5 : w };
  });
  ws.autoFilter = `A1:${columnLetter(cols.length)}1`;

  const header = ws.addRow(cols.map((c) => safeText(c.header)));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.commit();

  const put = (cells: (string | number | Date | null)[]) => {
    const row = ws.addRow(cells);
    // A fresh style object per cell: ExcelJS shares one within a row, so setting numFmt on one cell would
    // change its neighbours.
    for (let i = 0; i < cols.length; i++) row.getCell(i + 1).style = { ...STYLE[cols[i].kind] };
    row.commit();
  };
  for (const cells of firstCells) put(cells);
  if (!first.done) {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      for (const r of next.value) put(cols.map((c) => cellOf(c.kind, c.value(r))));
    }
  }
  ws.commit();
}

async function writeBook(out: PassThrough, sheets: readonly AnySheet[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '人大工作台';
  for (const s of sheets) await writeSheet(wb, s);
  await wb.commit();
}

/**
 * The workbook as a stream to send. Writing starts at once and runs beside the reply; a failure part-way
 * destroys the stream (the client sees a broken download, never a short file presented as whole).
 */
export function ledgerStream(sheets: readonly AnySheet[], onError: (err: unknown) => void): Readable {
  const out = new PassThrough();
  writeBook(out, sheets).catch((err) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
