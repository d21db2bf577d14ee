import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, cellText, namesOf, receptionLedgerRows, suggestionLedgerRow, visitorText } from './ledger.rules.ts';

describe('cellText', () => {
  it('keeps formula-looking text exactly as text', () => {
    for (const v of ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '<script>alert(1)</script>']) expect(cellText(v)).toBe(v);
  });

  it('drops characters XML cannot carry, keeps tabs, new lines and astral characters', () => {
    expect(cellText('a\u0000b\u0007c\u001fd\ufffe')).toBe('abcd');
    expect(cellText('一\t二\n三\r\n四')).toBe('一\t二\n三\r\n四');
    expect(cellText('𠀀x\ud800y\udc00z')).toBe('𠀀xyz');
  });

  it('cuts a text longer than a cell holds, with a mark, never inside a surrogate pair', () => {
    const big = '字'.repeat(1_000_000);
    const c = cellText(big);
    expect(c.length).toBeLessThan(32_767);
    expect(c.endsWith('（超长，已截断）')).toBe(true);
    const astral = `${'a'.repeat(MAX_CELL_CHARS - 1)}𠀀tail`;
    const cut = cellText(astral);
    expect(cut.startsWith('a'.repeat(MAX_CELL_CHARS - 1))).toBe(true);
    expect(cut.includes('\ud840')).toBe(false);
  });

  it('is empty for nothing', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });
});

describe('suggestion rows', () => {
  it('marks the lead sponsor and splits lead and co offices', () => {
    expect(
      namesOf([
        { name: '张三', role: 'co' },
        { name: '李明华', role: 'lead' },
      ]),
    ).toBe('李明华（领衔）、张三');
    const row = suggestionLedgerRow(
      {
        code: '2026-001',
        kind: 'criticism',
        title: '=1+1',
        sourceType: 'reception',
        category: '交通',
        villageName: null,
        state: 'following',
        assignedOn: '2026-03-01',
        dueDate: '2026-06-01',
        repliedOn: '2026-05-20',
        grade: 'B',
        rating: 'basically',
        closedAt: null,
      },
      [{ name: '李明华', role: 'lead' }],
      [
        { name: '交通办', role: 'lead' },
        { name: '财政所', role: 'co' },
        { name: '派出所', role: 'co' },
      ],
      (c) => (c === 'B' ? '正在解决或列入规划' : ''),
    );
    expect(row).toEqual({
      code: '2026-001',
      kind: '批评',
      title: '=1+1',
      sponsors: '李明华（领衔）',
      source: '接待群众',
      category: '交通',
      village: '',
      state: '跟踪落实',
      leadUnit: '交通办',
      coUnits: '财政所、派出所',
      assignedOn: '2026-03-01',
      dueDate: '2026-06-01',
      repliedOn: '2026-05-20',
      grade: 'B 正在解决或列入规划',
      rating: '基本满意',
      closedOn: '',
    });
  });

  it('gives the China day of closing', () => {
    const row = suggestionLedgerRow(
      {
        code: 'x',
        kind: 'suggestion',
        title: 't',
        sourceType: 'deputy',
        category: 'c',
        villageName: '平安村',
        state: 'closed',
        assignedOn: null,
        dueDate: null,
        repliedOn: null,
        grade: null,
        rating: null,
        closedAt: '2026-06-30T17:00:00.000Z',
      },
      [],
      [],
      () => '',
    );
    expect(row.closedOn).toBe('2026-07-01');
    expect(row.village).toBe('平安村');
  });
});

describe('reception rows', () => {
  const r = { date: '2026-03-09', code: 'R0001', stationName: '一站', startTime: '09:00', endTime: '11:30' };
  const matter = {
    seq: 1,
    visitorName: '王小明',
    visitorPhone: '13812345678',
    visitorCount: 3,
    villageName: '平安村',
    category: '交通',
    content: '修路',
    routing: 'village' as const,
    routingNote: '已转村委',
  };

  it('masks the visitor unless the viewer may see them', () => {
    expect(visitorText(matter, true)).toBe('王小明 13812345678');
    expect(visitorText(matter, false)).toBe('王*明 138****5678');
    expect(visitorText({ visitorName: '', visitorPhone: null }, false)).toBe('');
  });

  it('one row per matter, in order; a reception without visitors still has its row', () => {
    const rows = receptionLedgerRows(r, ['李明华', '张三'], [{ ...matter, seq: 2 }, matter], false);
    expect(rows.map((x) => x.seq)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({
      date: '2026-03-09 09:00–11:30',
      code: 'R0001',
      station: '一站',
      deputies: '李明华、张三',
      visitor: '王*明 138****5678',
      visitors: 3,
      routing: '转村(居)委会办理',
      note: '已转村委',
    });
    const empty = receptionLedgerRows({ ...r, startTime: null }, [], [], true);
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ date: '2026-03-09', content: '（无来访群众）', visitors: 0 });
  });
});
