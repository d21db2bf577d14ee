/**
 * The deputy roster as an Excel workbook: the columns, the template, the export, and reading an
 * uploaded sheet into parsed rows with every problem of every cell. No database here; the import
 * job (deputies.import.ts) resolves names against the town and writes.
 */
import ExcelJS from 'exceljs';
import { sheetText, unquoteSheetText } from '../../lib/sheet-text.ts';
import { refuseZipBomb } from '../../lib/zip-guard.ts';
import type { DeputyStatus, Gender } from '../../db/schema.ts';
import { isValidDate } from '../../lib/time.ts';
import {
  DEFAULT_ETHNICITY,
  ETHNICITIES,
  type Ethnicity,
  GENDER_LABELS,
  LEVEL_LABELS,
  type Level,
  OCCUPATIONS,
  type Occupation,
  PARTIES,
  type Party,
  STATUS_LABELS,
  STATUSES,
  idNumberProblem,
  levelFlags,
  levelOf,
  normalizeIdNumber,
  normalizePhone,
  parseTermNumber,
  phoneProblem,
  termName,
} from './deputy.rules.ts';

/** The columns of the template and the export, in the order of the API contract. */
export const COLUMNS = [
  { key: 'code', header: '编码', width: 10 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'ethnicity', header: '民族', width: 8 },
  { key: 'party', header: '政治面貌', width: 12 },
  { key: 'level', header: '代表层级', width: 10 },
  { key: 'termId', header: '届次', width: 6 },
  { key: 'constituencyId', header: '选区', width: 14 },
  { key: 'stationId', header: '联络站', width: 16 },
  { key: 'occupation', header: '职业类别', width: 14 },
  { key: 'workplace', header: '工作单位', width: 22 },
  { key: 'title', header: '职务', width: 14 },
  { key: 'phone', header: '联系电话', width: 15 },
  { key: 'idNumber', header: '身份证号', width: 21 },
  { key: 'status', header: '状态', width: 6 },
  { key: 'hardship', header: '困难代表', width: 8 },
  { key: 'notes', header: '备注', width: 24 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const HEADER_OF = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

export const SHEET_NAME = '代表名册';
export const GUIDE_SHEET = '填写说明';
const LISTS_SHEET = '选项';
/** The template's example row carries this code; the import skips it, so leaving it in does no harm. */
export const EXAMPLE_CODE = '示例';
/** Rows of the template that get the dropdowns. */
const TEMPLATE_ROWS = 2000;

/** One problem of an uploaded file; `row` is the Excel row number, `column` the Chinese header. */
export type ImportIssue = { row: number | null; column: string | null; field: string; message: string };

// ---------------------------------------------------------------------------------------------
// Writing

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const TEXT_COLUMNS: ColumnKey[] = ['code', 'birthDate', 'phone', 'idNumber'];

function rosterSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  // Text format keeps Excel from turning ID numbers into 4.30102E+17 and dropping their last digits.
  for (const k of TEXT_COLUMNS) ws.getColumn(k).numFmt = '@';
  return ws;
}

export type ExportRow = Record<ColumnKey, string | number>;

/** The row of one deputy as it appears in the workbook (phone and ID number already masked by the caller). */
export function exportRow(d: {
  code: string;
  name: string;
  gender: Gender;
  birthDate: string | null;
  ethnicity: string;
  party: string;
  isTownLevel: number;
  isCountyLevel: number;
  termNumber: number;
  constituencyName: string | null;
  stationName: string | null;
  occupation: string;
  workplace: string;
  title: string;
  phone: string | null;
  idNumber: string | null;
  status: DeputyStatus;
  hardship: number;
  notes: string;
}): ExportRow {
  return {
    code: d.code,
    name: d.name,
    gender: GENDER_LABELS[d.gender],
    birthDate: d.birthDate ?? '',
    ethnicity: d.ethnicity,
    party: d.party,
    level: LEVEL_LABELS[levelOf(d.isTownLevel === 1, d.isCountyLevel === 1)],
    termId: d.termNumber,
    constituencyId: d.constituencyName ?? '',
    stationId: d.stationName ?? '',
    occupation: d.occupation,
    workplace: d.workplace,
    title: d.title,
    phone: d.phone ?? '',
    idNumber: d.idNumber ?? '',
    status: STATUS_LABELS[d.status],
    hardship: d.hardship === 1 ? '是' : '否',
    notes: d.notes,
  };
}

export function buildExportWorkbook(rows: ExportRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '人大工作台';
  const ws = rosterSheet(wb);
  // Every text through the shared sheet helper: a name like "=HYPERLINK(…)" is written quoted, as text.
  for (const r of rows) ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? sheetText(v) : v])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return wb;
}

/** The import template: header, one example row, dropdowns, and a sheet of instructions. */
export function buildTemplateWorkbook(town: { termNumbers: number[]; stationNames: string[]; constituencyNames: string[] }): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '人大工作台';
  const ws = rosterSheet(wb);
  const term = town.termNumbers.length ? Math.max(...town.termNumbers) : 18;
  const example = ws.addRow({
    code: EXAMPLE_CODE,
    name: '张三',
    gender: '男',
    birthDate: '1980-05-12',
    ethnicity: '汉族',
    party: '中共党员',
    level: '镇级',
    termId: term,
    constituencyId: sheetText(town.constituencyNames[0]),
    stationId: sheetText(town.stationNames[0]),
    occupation: '农民',
    workplace: '某某村',
    title: '村民',
    phone: '13800001111',
    idNumber: '',
    status: '在任',
    hardship: '否',
    notes: '示例行（编码为“示例”），导入时自动跳过，可删除',
  } satisfies ExportRow);
  example.font = { italic: true, color: { argb: 'FF808080' } };

  // Dropdown lists live on a hidden sheet: an inline list is limited to 255 characters (56 ethnicities are more).
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const listColumns: { key: ColumnKey; values: readonly string[] }[] = [
    { key: 'gender', values: ['男', '女'] },
    { key: 'ethnicity', values: ETHNICITIES },
    { key: 'party', values: PARTIES },
    { key: 'level', values: Object.values(LEVEL_LABELS) },
    { key: 'occupation', values: OCCUPATIONS },
    { key: 'status', values: STATUSES.map((s) => STATUS_LABELS[s]) },
    { key: 'hardship', values: ['是', '否'] },
  ];
  if (town.stationNames.length) listColumns.push({ key: 'stationId', values: town.stationNames });
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  listColumns.forEach((lc, i) => {
    const col = i + 1;
    lc.values.forEach((v, r) => {
      // Station names are the town's own text: quoted like every stored text (the import unquotes).
      lists.getCell(r + 1, col).value = sheetText(v);
    });
    const letter = lists.getColumn(col).letter;
    const target = ws.getColumn(lc.key).letter;
    dv.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${letter}$1:$${letter}$${lc.values.length}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: `请从下拉列表中选择${HEADER_OF[lc.key]}`,
    });
  });

  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: '列名', key: 'col', width: 12 },
    { header: '是否必填', key: 'req', width: 10 },
    { header: '填写说明', key: 'how', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  const how: Record<ColumnKey, [string, string]> = {
    code: ['否', '代表编码，本镇唯一，只能包含字母、数字、-、_。已有编码的行更新该代表；留空则按身份证号匹配已有代表，仍无匹配时新增并自动编码（D001、D002…）'],
    name: ['是', '姓名，不超过 50 个字'],
    gender: ['是', '男 / 女；填写了身份证号时可留空，按身份证号确定'],
    birthDate: ['否', '格式 YYYY-MM-DD，如 1975-03-02；填写了身份证号时可留空，须与身份证号一致'],
    ethnicity: ['否', '56 个民族之一，如 汉族、土家族；留空按汉族'],
    party: ['是', PARTIES.join('、')],
    level: ['是', '镇级 / 县级 / 县镇两级'],
    termId: ['是', `届次数字，如 ${term}（${termName(term)}），须是本镇已建立的届次`],
    constituencyId: ['否', '选区名称或编码，须是该届次已建立的选区'],
    stationId: ['否', '联络站名称或编码，须是本镇已建立的联络站'],
    occupation: ['是', OCCUPATIONS.join('、')],
    workplace: ['否', '工作单位，不超过 200 个字'],
    title: ['否', '职务，不超过 100 个字'],
    phone: ['否', '11 位手机号或带区号的固定电话，如 13800001111、0731-12345678'],
    idNumber: ['否', '18 位身份证号（最后一位可为 X），系统校验校验位；本镇内不得重复；请保持单元格为文本格式'],
    status: ['否', '在任 / 辞职 / 罢免 / 终止 / 调离；留空时新代表为在任、已有代表不变。离任须在系统中办理（需填写日期和原因），导入不能把代表改为离任状态'],
    hardship: ['否', '是 / 否，留空为否'],
    notes: ['否', '备注，不超过 1000 个字'],
  };
  for (const c of COLUMNS) guide.addRow({ col: c.header, req: how[c.key][0], how: how[c.key][1] });
  guide.addRow({});
  for (const line of [
    '1. 第一行为表头，请勿修改列名；列的顺序可以调整，可增加“序号”列。',
    '2. 第 2 行为示例，导入时自动跳过，可删除。',
    '3. 导入时逐行检查全部数据：只要有一处错误，整个文件都不导入，并列出每个错误所在的行和列；改正后重新导入即可。',
    '4. 同一文件可重复导入：编码相同的代表按文件内容更新，内容没有变化的代表不会被修改。',
    '5. 文件须为 .xlsx 格式，不超过 10 MB。',
  ]) {
    guide.addRow({ col: line });
  }
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading

/** An .xlsx file is a zip archive: it starts with the local file header "PK\x03\x04". */
export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** Load an uploaded workbook; null when it is not a readable .xlsx. */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook | null> {
  if (!looksLikeZip(buf)) return null;
  // ExcelJS unpacks every part into memory: a zip bomb is refused before it gets there.
  if (!(await refuseZipBomb(buf, 'file'))) return null;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    return null;
  }
  // A zip without a workbook part (a .docx, a plain .zip) loads as a workbook with no sheets.
  return wb.worksheets.length ? wb : null;
}

/** Header text as people vary it: "姓名*", "性别(男/女)", "出生日期（YYYY-MM-DD）", stray spaces. */
export function normalizeHeader(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊]/g, '');
}

const KEY_BY_HEADER = new Map<string, ColumnKey>(COLUMNS.map((c) => [c.header, c.key]));
/** Columns people add for their own use; ignored. */
const IGNORED_HEADERS = new Set(['序号', '序']);

/** The text of a cell, whatever Excel stored (rich text, hyperlink, formula result, date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // The export quoted formula-like text (sheetText); reading it back gives the stored text again.
  if (typeof v === 'string') return unquoteSheetText(v.trim());
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  return '';
}

const DATE_FORMAT_PROBLEM = '应为 YYYY-MM-DD 格式的有效日期，如 1975-03-02';

/** A date cell: a real Excel date, an Excel serial number, or text such as 1975-03-02, 1975/3/2, 1975年3月2日, 19750302. */
export function cellDate(v: ExcelJS.CellValue): { date: string | null } | { problem: string } {
  if (v === null || v === undefined || v === '') return { date: null };
  let s: string | null = null;
  if (v instanceof Date) {
    s = Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  } else if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) s = `${String(v).slice(0, 4)}-${String(v).slice(4, 6)}-${String(v).slice(6, 8)}`;
    // Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
    else if (v > 0 && v < 80000) s = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000).toISOString().slice(0, 10);
  } else {
    const t = cellText(v);
    if (t === '') return { date: null };
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
    if (m) s = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  }
  if (!s || !isValidDate(s)) return { problem: DATE_FORMAT_PROBLEM };
  return { date: s };
}

export type RawRow = { row: number; cells: Record<ColumnKey, ExcelJS.CellValue> };

export type SheetRead =
  | { ok: true; headerRow: number; rows: RawRow[] }
  | { ok: false; issue: ImportIssue };

/**
 * Find the roster sheet, its header row (the first of the top five rows that names 姓名, so a
 * title row above it is fine), check the columns, and collect the non-empty data rows.
 */
export function readRosterSheet(wb: ExcelJS.Workbook): SheetRead {
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? wb.worksheets[0];
  if (!ws || ws.actualRowCount === 0) return { ok: false, issue: { row: null, column: null, field: 'file', message: '工作表是空的，没有表头和数据' } };

  let headerRow = 1;
  for (let r = 1; r <= Math.min(5, ws.rowCount); r++) {
    const texts: string[] = [];
    ws.getRow(r).eachCell((c) => {
      texts.push(normalizeHeader(cellText(c.value)));
    });
    if (texts.includes('姓名')) {
      headerRow = r;
      break;
    }
  }
  const colOf = new Map<ColumnKey, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  ws.getRow(headerRow).eachCell((cell, col) => {
    const raw = cellText(cell.value);
    const h = normalizeHeader(raw);
    if (!h || IGNORED_HEADERS.has(h)) return;
    const key = KEY_BY_HEADER.get(h);
    if (!key) unknown.push(raw);
    else if (colOf.has(key)) repeated.push(h);
    else colOf.set(key, col);
  });
  const missing = COLUMNS.filter((c) => !colOf.has(c.key)).map((c) => c.header);
  if (missing.length || repeated.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(`缺少列：${missing.join('、')}`);
    if (repeated.length) parts.push(`重复的列：${repeated.join('、')}`);
    if (unknown.length) parts.push(`无法识别的列：${unknown.join('、')}`);
    return {
      ok: false,
      issue: { row: headerRow, column: null, field: 'header', message: `表头不符合模板（${parts.join('；')}）。请下载导入模板，按模板的列名填写` },
    };
  }

  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells = {} as Record<ColumnKey, ExcelJS.CellValue>;
    let empty = true;
    for (const [key, col] of colOf) {
      const v = row.getCell(col).value;
      cells[key] = v;
      if (cellText(v) !== '') empty = false;
    }
    if (empty || cellText(cells.code) === EXAMPLE_CODE) return;
    rows.push({ row: rowNumber, cells });
  });
  if (!rows.length) return { ok: false, issue: { row: null, column: null, field: 'file', message: '工作表中没有代表数据（表头下方没有填写任何行）' } };
  return { ok: true, headerRow, rows };
}

/** A row with every cell parsed on its own; names (届次、选区、联络站) are resolved by the import job. */
export type ParsedRow = {
  row: number;
  code: string | null;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  ethnicity: Ethnicity;
  party: Party;
  isTownLevel: boolean;
  isCountyLevel: boolean;
  termNumber: number;
  constituency: string | null;
  station: string | null;
  occupation: Occupation;
  workplace: string;
  title: string;
  /** A phone or ID number that contains * is a masked value from an export: it means "keep what is stored". */
  phone: string | null;
  phoneMasked: string | null;
  idNumber: string | null;
  idNumberMasked: string | null;
  status: DeputyStatus | null;
  hardship: boolean;
  notes: string;
};

const LEVEL_BY_LABEL = new Map<string, Level>([
  ['镇级', 'town'],
  ['镇', 'town'],
  ['县级', 'county'],
  ['县', 'county'],
  ['县镇两级', 'both'],
  ['镇县两级', 'both'],
  ['县、镇两级', 'both'],
  ['两级', 'both'],
]);
const STATUS_BY_LABEL = new Map<string, DeputyStatus>(STATUSES.map((s) => [STATUS_LABELS[s], s]));

/** Parse the cells of one row; every problem is reported, not just the first. */
export function parseRow(raw: RawRow, today: string): { value: ParsedRow | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const bad = (key: ColumnKey, message: string) => issues.push({ row: raw.row, column: HEADER_OF[key], field: key, message });
  const text = (key: ColumnKey, max: number): string => {
    const t = cellText(raw.cells[key]);
    if (t.length > max) bad(key, `不能超过 ${max} 个字`);
    return t;
  };
  const oneOf = <T extends string>(key: ColumnKey, allowed: readonly T[], required: boolean): T | null => {
    const t = cellText(raw.cells[key]).replace(/（/g, '(').replace(/）/g, ')');
    if (t === '') {
      if (required) bad(key, '必填');
      return null;
    }
    if ((allowed as readonly string[]).includes(t)) return t as T;
    bad(key, `“${t}”不是有效的${HEADER_OF[key]}，应为：${allowed.join('、')}`);
    return null;
  };

  const code = text('code', 32) || null;
  if (code && !/^[A-Za-z0-9_-]+$/.test(code)) bad('code', '只能包含字母、数字、-、_');
  const name = text('name', 50);
  if (!name) bad('name', '必填');

  const g = cellText(raw.cells.gender);
  let gender: Gender | null = null;
  if (g === '男' || g === 'male') gender = 'male';
  else if (g === '女' || g === 'female') gender = 'female';
  else if (g !== '') bad('gender', `“${g}”无效，应为 男 或 女`);

  const bd = cellDate(raw.cells.birthDate);
  let birthDate: string | null = null;
  if ('problem' in bd) bad('birthDate', bd.problem);
  else birthDate = bd.date;

  const e = cellText(raw.cells.ethnicity);
  let ethnicity: Ethnicity = DEFAULT_ETHNICITY;
  if (e !== '') {
    const found = ETHNICITIES.find((x) => x === e || x === `${e}族`);
    if (found) ethnicity = found;
    else bad('ethnicity', `“${e}”不是有效的民族名称（如 汉族、土家族）`);
  }

  const party = oneOf('party', PARTIES, true);
  const occupation = oneOf('occupation', OCCUPATIONS, true);

  const lv = cellText(raw.cells.level).replace(/代表$/, '');
  let level: Level | null = null;
  if (lv === '') bad('level', '必填');
  else {
    level = LEVEL_BY_LABEL.get(lv) ?? null;
    if (!level) bad('level', `“${lv}”无效，应为：镇级、县级、县镇两级`);
  }

  const t = cellText(raw.cells.termId);
  const termNumber = t === '' ? null : parseTermNumber(t);
  if (t === '') bad('termId', '必填');
  else if (termNumber === null) bad('termId', `“${t}”无效，应为届次数字，如 18`);

  const phoneText = normalizePhone(cellText(raw.cells.phone));
  let phone: string | null = null;
  let phoneMasked: string | null = null;
  if (phoneText.includes('*')) phoneMasked = phoneText;
  else if (phoneText !== '') {
    const p = phoneProblem(phoneText);
    if (p) bad('phone', p);
    else phone = phoneText;
  }

  let idNumber: string | null = null;
  let idNumberMasked: string | null = null;
  const idCell = raw.cells.idNumber;
  if (typeof idCell === 'number') {
    bad('idNumber', '单元格为数字格式，末尾几位已丢失；请将该列设为文本格式后重新填写');
  } else {
    const id = normalizeIdNumber(cellText(idCell));
    if (id.includes('*')) idNumberMasked = id;
    else if (id !== '') {
      const p = idNumberProblem(id, today);
      if (p) bad('idNumber', p);
      else idNumber = id;
    }
  }

  const st = cellText(raw.cells.status);
  let status: DeputyStatus | null = null;
  if (st !== '') {
    status = STATUS_BY_LABEL.get(st) ?? null;
    if (!status) bad('status', `“${st}”无效，应为：${STATUSES.map((s) => STATUS_LABELS[s]).join('、')}`);
  }

  const h = cellText(raw.cells.hardship);
  if (h !== '' && h !== '是' && h !== '否') bad('hardship', `“${h}”无效，应为 是 或 否`);

  const workplace = text('workplace', 200);
  const title = text('title', 100);
  const notes = text('notes', 1000);
  const constituency = text('constituencyId', 100) || null;
  const station = text('stationId', 100) || null;

  if (issues.length || !party || !occupation || !level || termNumber === null) return { value: null, issues };
  return {
    value: {
      row: raw.row,
      code,
      name,
      gender,
      birthDate,
      ethnicity,
      party,
      ...levelFlags(level),
      termNumber,
      constituency,
      station,
      occupation,
      workplace,
      title,
      phone,
      phoneMasked,
      idNumber,
      idNumberMasked,
      status,
      hardship: h === '是',
      notes,
    },
    issues,
  };
}
