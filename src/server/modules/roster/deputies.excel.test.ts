import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, type ColumnKey, type RawRow, cellDate, cellText, normalizeHeader, parseRow, readRosterSheet } from './deputies.excel.ts';

const TODAY = '2026-11-28';

function raw(over: Partial<Record<ColumnKey, ExcelJS.CellValue>>, row = 2): RawRow {
  const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, null])) as Record<ColumnKey, ExcelJS.CellValue>;
  Object.assign(cells, { name: '赵强', gender: '男', party: '群众', level: '镇级', termId: 18, occupation: '农民' }, over);
  return { row, cells };
}

describe('cells', () => {
  it('reads dates however Excel or people wrote them', () => {
    expect(cellDate(new Date(Date.UTC(1975, 2, 2)))).toEqual({ date: '1975-03-02' });
    expect(cellDate(27455)).toEqual({ date: '1975-03-02' }); // Excel serial
    expect(cellDate(19750302)).toEqual({ date: '1975-03-02' });
    for (const s of ['1975-03-02', '1975/3/2', '1975.03.02', '1975年3月2日', '19750302']) expect(cellDate(s), s).toEqual({ date: '1975-03-02' });
    expect(cellDate(null)).toEqual({ date: null });
    expect(cellDate('')).toEqual({ date: null });
    for (const s of ['1975-02-30', '75-3-2', '三月', '1975-13-01']) expect('problem' in cellDate(s), s).toBe(true);
  });

  it('reads text out of rich text, hyperlinks and formulas', () => {
    expect(cellText({ richText: [{ text: '李' }, { text: '明华 ' }] })).toBe('李明华');
    expect(cellText({ text: '13800001111', hyperlink: 'tel:13800001111' })).toBe('13800001111');
    expect(cellText({ formula: 'A1', result: 18 } as ExcelJS.CellValue)).toBe('18');
    expect(cellText(13800001111)).toBe('13800001111');
  });

  it('accepts the usual decorations of a header', () => {
    expect(normalizeHeader(' 性别(男/女) ')).toBe('性别');
    expect(normalizeHeader('出生日期（YYYY-MM-DD）')).toBe('出生日期');
    expect(normalizeHeader('姓名*')).toBe('姓名');
  });
});

describe('parseRow', () => {
  it('parses a good row, with defaults for empty optional cells', () => {
    const { value, issues } = parseRow(raw({ level: '县镇两级', termId: '第十八届', ethnicity: '土家', hardship: '是' }), TODAY);
    expect(issues).toEqual([]);
    expect(value).toMatchObject({ name: '赵强', gender: 'male', ethnicity: '土家族', isTownLevel: true, isCountyLevel: true, termNumber: 18, hardship: true, status: null });
  });

  it('keeps masked numbers apart, to be matched with the stored ones', () => {
    const { value } = parseRow(raw({ phone: '138****5678', idNumber: '4301**************' }), TODAY);
    expect(value).toMatchObject({ phone: null, phoneMasked: '138****5678', idNumber: null, idNumberMasked: '4301**************' });
  });

  it('reports every bad cell of a row with its Chinese column', () => {
    const { value, issues } = parseRow(raw({ code: '编码1', name: '', gender: '?', party: '', termId: '本届', phone: '123', status: '退休' }), TODAY);
    expect(value).toBeNull();
    expect(issues.map((i) => i.column)).toEqual(['编码', '姓名', '性别', '政治面貌', '届次', '联系电话', '状态']);
    expect(issues.every((i) => i.row === 2)).toBe(true);
  });
});

describe('readRosterSheet', () => {
  it('names missing and repeated columns in one issue', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['姓名', '姓名', '性别']);
    const r = readRosterSheet(wb);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.field).toBe('header');
      expect(r.issue.message).toContain('缺少列：编码、出生日期');
      expect(r.issue.message).toContain('重复的列：姓名');
    }
  });
});
