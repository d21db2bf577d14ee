import ExcelJS from 'exceljs';
import { type Ctx, townOf } from '../../http/principal.ts';
import { RATING_LABEL } from '../polls/polls.rules.ts';
import { sheetText } from '../../lib/sheet-text.ts';
import { appraisalResults } from './appraisals.service.ts';

/*
 * The appraisal results as Excel (评议结果): one row per office and question with the counts, the rating by
 * the published rule, the approval share and the office's rank. Like the ledgers (search/ledger.xlsx.ts),
 * cells are only strings or numbers, never formulas, and text cells are formatted as text (@) and pass
 * through sheetText (formula-like text quoted) — an office named "=HYPERLINK(…)", "+cmd", "-1" or "@SUM" stays text in Excel.
 * Never anything about codes or voters: the counters are all there is.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const RESULTS_COLUMNS = [
  { key: 'rank', header: '排名', width: 7, text: false },
  { key: 'unit', header: '被评议单位', width: 24, text: true },
  { key: 'question', header: '评议项目', width: 12, text: true },
  { key: 'satisfied', header: '满意', width: 8, text: false },
  { key: 'basic', header: '基本满意', width: 10, text: false },
  { key: 'dissatisfied', header: '不满意', width: 8, text: false },
  { key: 'valid', header: '有效票', width: 8, text: false },
  { key: 'rating', header: '评议结果', width: 10, text: true },
  { key: 'approval', header: '满意率（含基本满意）', width: 14, text: false },
] as const;

export async function appraisalResultsWorkbook(ctx: Ctx, id: string): Promise<{ fileName: string; asciiName: string; bytes: Buffer }> {
  const townId = townOf(ctx);
  const r = await appraisalResults(ctx, id);
  const a = await ctx.db.selectFrom('appraisal').select(['code', 'title']).where('townId', '=', townId).where('id', '=', id).executeTakeFirstOrThrow();

  const wb = new ExcelJS.Workbook();
  wb.creator = '人大工作台';
  const ws = wb.addWorksheet('评议结果', {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = RESULTS_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const title = ws.getRow(1);
  title.getCell(1).value = sheetText(`${a.title}评议结果`);
  title.getCell(1).numFmt = '@';
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, RESULTS_COLUMNS.length);
  const sub = ws.getRow(2);
  sub.getCell(1).value = `有效票 ${r.ballots} 张（投票码 ${r.codesUsed}，纸质票 ${r.paperBallots}）`;
  ws.mergeCells(2, 1, 2, RESULTS_COLUMNS.length);
  const head = ws.getRow(3);
  RESULTS_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  for (const u of r.units) {
    const lines = [{ label: '总体评价', line: u.overall }, ...u.dimensions.map((d) => ({ label: d.label, line: d }))];
    for (const { label, line } of lines) {
      const row = ws.addRow({
        rank: u.rank ?? '',
        unit: sheetText(u.name),
        question: sheetText(label),
        satisfied: line.counts.satisfied,
        basic: line.counts.basic,
        dissatisfied: line.counts.dissatisfied,
        valid: line.valid,
        rating: line.rating ? RATING_LABEL[line.rating] : '无有效票',
        approval: line.approvalShare === null ? '' : Math.round(line.approvalShare * 10000) / 10000,
      });
      RESULTS_COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.border = BORDER;
        if (c.text) cell.numFmt = '@';
        if (c.key === 'approval') cell.numFmt = '0.0%';
      });
    }
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${a.code}-评议结果.xlsx`, asciiName: `${a.code}-results.xlsx`, bytes };
}
