import ExcelJS from 'exceljs';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import type { FindingTable, RectificationNoticeTable } from '../src/server/db/tables/findings.ts';
import { newId } from '../src/server/lib/ids.ts';
import { nowIso } from '../src/server/lib/time.ts';

/* Builders and readers for the ledger tests (src/server/modules/ledgers). */

export async function makeFinding(db: Kysely<DB>, townId: string, activityId: string, over: Partial<Insertable<FindingTable>> = {}) {
  const ts = nowIso();
  const row = {
    id: newId(),
    townId,
    code: `F${newId().slice(-6)}`,
    activityId,
    foundOn: '2026-03-10',
    description: '测试问题',
    responsibleType: 'other' as const,
    responsibleName: '某单位',
    severity: 'general' as const,
    createdAt: ts,
    updatedAt: ts,
    ...over,
  };
  await db.insertInto('finding').values(row).execute();
  return row;
}

export async function makeNotice(db: Kysely<DB>, townId: string, findingIds: string[], over: Partial<Insertable<RectificationNoticeTable>> = {}) {
  const row = {
    id: newId(),
    townId,
    number: `整改〔2026〕${newId().slice(-4)}号`,
    issuedOn: '2026-03-12',
    deadline: '2026-04-12',
    addressee: '某单位',
    createdAt: nowIso(),
    ...over,
  };
  await db.insertInto('rectificationNotice').values(row).execute();
  if (findingIds.length)
    await db
      .insertInto('noticeFinding')
      .values(findingIds.map((findingId) => ({ noticeId: row.id, findingId, townId })))
      .execute();
  return row;
}

/** A downloaded workbook read back with ExcelJS. */
export async function readBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** The header texts of row 1. */
export function headerOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c) => {
    out.push(String(c.value ?? ''));
  });
  return out;
}

/** Data rows (below the header) that have any value. */
export function dataRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(row);
  });
  return rows;
}

/** Every cell of the sheet whose text includes `needle`, with its type and formula (if any). */
export function cellsWith(ws: ExcelJS.Worksheet, needle: string): { value: unknown; type: ExcelJS.ValueType; formula: string | undefined }[] {
  const found: { value: unknown; type: ExcelJS.ValueType; formula: string | undefined }[] = [];
  ws.eachRow((row) => {
    row.eachCell((c) => {
      if (String(c.value ?? '').includes(needle) || (c.formula ?? '').includes(needle)) found.push({ value: c.value, type: c.type, formula: c.formula });
    });
  });
  return found;
}
