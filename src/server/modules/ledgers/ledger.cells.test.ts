import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MAX_WIDTH, MIN_WIDTH, columnWidth, dateCell, safeText, textWidth } from './ledger.cells.ts';
import { after } from './ledger.keyset.ts';
import { cellOf, columnLetter } from './ledger.writer.ts';
import { questionsOfAppraisal, resultLines } from './areas/appraisals.rows.ts';

describe('safeText', () => {
  it('quotes text that starts like a formula, and only that', () => {
    for (const s of ['=1+1', '+8613800001111', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) expect(safeText(s)).toBe(`'${s}`);
    for (const s of ['1+1', '李明华', 'a=b', ' =1', "'already"]) expect(safeText(s)).toBe(s);
    expect(safeText(null)).toBe('');
    expect(safeText('')).toBe('');
  });
  it('drops what XML cannot carry before deciding', () => {
    expect(safeText('\u0001=1')).toBe("'=1");
  });
});

describe('dateCell', () => {
  it('a YYYY-MM-DD date (or the date part of an ISO time) at UTC midnight; null for nothing', () => {
    expect(dateCell('2026-03-10')?.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(dateCell('2026-03-10T01:00:00.000Z')?.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(dateCell('')).toBeNull();
    expect(dateCell('soon')).toBeNull();
  });
});

describe('widths', () => {
  it('CJK counts 2, the rest 1, the longest line of a multi-line text', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('代表')).toBe(4);
    expect(textWidth('（领衔）')).toBe(8);
    expect(textWidth('a\n代表大会')).toBe(8);
    expect(textWidth('𠀀')).toBe(2);
  });
  it('the widest of header and values plus a margin, between the floor and the cap', () => {
    expect(columnWidth('编号', [])).toBe(MIN_WIDTH);
    expect(columnWidth('活动名称', ['代表法专题培训会'])).toBe(18);
    expect(columnWidth('x', [new Date()])).toBe(12);
    expect(columnWidth('内容', ['字'.repeat(500)])).toBe(MAX_WIDTH);
    expect(columnWidth('内容', [null, undefined, 12345])).toBe(MIN_WIDTH + 1);
  });
});

describe('cellOf and columnLetter', () => {
  it('text is quoted, numbers stay numbers, dates become dates, empty is null', () => {
    expect(cellOf('text', '=1+1')).toBe("'=1+1");
    expect(cellOf('number', 3)).toBe(3);
    expect(cellOf('number', '4')).toBe(4);
    expect(cellOf('number', '=4')).toBe("'=4");
    expect(cellOf('date', '2026-01-02')).toBeInstanceOf(Date);
    expect(cellOf('text', '')).toBeNull();
    expect(cellOf('date', null)).toBeNull();
  });
  it('spreadsheet column letters', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('keyset after()', () => {
  const db = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  it('continues after the last row: one key at a time, every value a parameter', () => {
    const c = after([
      { expr: sql.ref('a.date'), value: '2026-03-10' },
      { expr: sql.ref('a.code'), value: 'R01' },
    ]).compile(db);
    expect(c.sql).toBe('("a"."date" > ? or ("a"."date" = ? and "a"."code" > ?))');
    expect(c.parameters).toEqual(['2026-03-10', '2026-03-10', 'R01']);
  });
});

describe('appraisal result lines', () => {
  const head = { id: 'a', code: 'P1', title: '评议', dimensions: '["policy"]', questionnaire: null };
  it('the chosen dimensions without a poll, the poll questionnaire with one', () => {
    expect(questionsOfAppraisal(head).map((q) => q.label)).toEqual(['总体评价', '政策法规']);
    expect(questionsOfAppraisal({ ...head, questionnaire: JSON.stringify({ dimensions: [{ key: 'x', label: 'X' }], scale: [] }) }).map((q) => q.key)).toEqual([
      'overall',
      'x',
    ]);
  });
  it('one line per office and question, ranked by approval, rating by the published rule', () => {
    const counts = [
      { subjectId: 'u1', question: 'overall', answer: 'satisfied', count: 1 },
      { subjectId: 'u1', question: 'overall', answer: 'dissatisfied', count: 3 },
      { subjectId: 'u2', question: 'overall', answer: 'satisfied', count: 4 },
    ];
    const lines = resultLines(
      head,
      [
        { id: 'u1', name: '甲办' },
        { id: 'u2', name: '乙办' },
      ],
      counts,
    );
    expect(lines.map((l) => [l.unit, l.question, l.rank, l.valid, l.rating, l.approval])).toEqual([
      ['乙办', '总体评价', 1, 4, 'satisfied', 1],
      ['乙办', '政策法规', 1, 0, null, null],
      ['甲办', '总体评价', 2, 4, 'dissatisfied', 0.25],
      ['甲办', '政策法规', 2, 0, null, null],
    ]);
  });
});
