import ExcelJS from 'exceljs';
import { ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { sheetText } from '../../lib/sheet-text.ts';
import { publishedSums, yearScores } from './points.board.ts';
import { periodMonths } from './points.catalogue.ts';
import { boardDeputies, liveMonth, mustScheme } from './points.repo.ts';
import { type RecordsScore, round2 } from './points.rules.ts';

/*
 * The score sheet (积分表): one row per deputy — station, name, one column per item (points), the
 * adjustments, the records total; for the year also peer, voter, presidium, score, grade and rank. A
 * quarter or a year sums the published months (as the rankings do); one month is its publication, or the
 * live figures while it has none. Like the ledgers (search/ledger.xlsx.ts), cells are only strings or
 * numbers, never formulas, and text cells are formatted as text (@) and pass through sheetText (formula-like text quoted) — so a name
 * typed as "=HYPERLINK(…)", "+cmd", "-1" or "@SUM" stays text in Excel, even after the cell is edited.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TEXT_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'middle' }, numFmt: '@' };
const NUMBER_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { vertical: 'middle', horizontal: 'right' } };

type Acc = { items: Map<string, number>; adjustments: number; total: number };

function addScore(acc: Acc, s: RecordsScore) {
  for (const l of s.lines) acc.items.set(l.key, round2((acc.items.get(l.key) ?? 0) + l.points));
  acc.adjustments = round2(acc.adjustments + s.adjustmentsTotal);
  acc.total = round2(acc.total + s.total);
}

export async function scoreSheet(ctx: Ctx, id: string, period: string): Promise<{ fileName: string; asciiName: string; bytes: Buffer }> {
  const townId = townOf(ctx);
  const s = await mustScheme(ctx.db, townId, id);
  const p = periodMonths(period);
  if (!p || p.year !== s.year) throw ValidationError.field('querystring.period', `期间须在方案年度 ${s.year} 年内`);

  const acc = new Map<string, Acc>();
  const accOf = (deputyId: string) => {
    let a = acc.get(deputyId);
    if (!a) acc.set(deputyId, (a = { items: new Map(), adjustments: 0, total: 0 }));
    return a;
  };
  const pub = await publishedSums(ctx.db, townId, s.id, p.months);
  let note = `已公布月份：${pub.used.join('、') || '无'}`;
  if (p.months.length === 1 && pub.used.length === 0) {
    const live = await liveMonth(ctx.db, townId, s, p.months[0]);
    for (const d of live.deputies) {
      const sc = live.scores.get(d.id);
      if (sc) addScore(accOf(d.id), sc);
    }
    note = `${p.months[0]} 尚未公布，以下为实时计算`;
  } else {
    for (const r of pub.rows) addScore(accOf(r.deputyId), r.breakdown);
  }
  const isYear = p.months.length === 12;
  const year = isYear ? await yearScores(ctx.db, townId, s) : null;
  const yearBy = new Map((year?.rows ?? []).map((r) => [r.deputyId, r]));
  const deputies = await boardDeputies(ctx.db, townId, [...acc.keys(), ...yearBy.keys()]);

  const columns: { header: string; width: number; text?: boolean }[] = [
    { header: '联络站', width: 22, text: true },
    { header: '姓名', width: 12, text: true },
    ...s.items.map((i) => ({ header: i.label, width: Math.max(10, [...i.label].length * 2) })),
    { header: '加减分', width: 10 },
    { header: '履职积分', width: 12 },
    ...(isYear
      ? [
          { header: '积分折算', width: 10 },
          { header: '互评', width: 10 },
          { header: '比评', width: 10 },
          { header: '主席团评价', width: 12 },
          { header: '综合得分', width: 10 },
          { header: '等次', width: 10, text: true },
          { header: '名次', width: 8 },
        ]
      : []),
  ];

  const wb = new ExcelJS.Workbook();
  wb.creator = '人大工作台';
  const ws = wb.addWorksheet('积分表', {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const title = ws.getRow(1);
  title.getCell(1).value = sheetText(`${s.year} 年${s.name} 积分表（${period}）`);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).numFmt = '@';
  ws.mergeCells(1, 1, 1, columns.length);
  const sub = ws.getRow(2);
  sub.getCell(1).value = sheetText(note);
  sub.getCell(1).numFmt = '@';
  ws.mergeCells(2, 1, 2, columns.length);
  const header = ws.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = sheetText(c.header);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.numFmt = '@';
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });

  const ordered = [...deputies].sort((a, b) => {
    const ra = yearBy.get(a.id)?.rank ?? null;
    const rb = yearBy.get(b.id)?.rank ?? null;
    if (isYear && ra !== rb) return ra === null ? 1 : rb === null ? -1 : ra - rb;
    return accOf(b.id).total - accOf(a.id).total || a.code.localeCompare(b.code);
  });
  ordered.forEach((d, i) => {
    const a = accOf(d.id);
    const y = yearBy.get(d.id);
    const values: (string | number | null)[] = [
      d.stationName ?? '',
      d.name,
      ...s.items.map((it) => a.items.get(it.key) ?? 0),
      a.adjustments,
      a.total,
      ...(isYear
        ? [y?.recordsPercent ?? null, y?.peer ?? null, y?.voter ?? null, y?.presidium ?? null, y?.score ?? null, y?.grade ?? '', y?.rank ?? null]
        : []),
    ];
    const row = ws.getRow(4 + i);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      const text = columns[j].text;
      cell.value = text ? sheetText(String(v ?? '')) || null : v;
      // A fresh style object per cell (ExcelJS shares one within a row otherwise).
      cell.style = text ? { ...TEXT_STYLE } : { ...NUMBER_STYLE };
    });
  });

  return {
    fileName: `履职积分-${s.year}-${period}.xlsx`,
    asciiName: `points-${period}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
