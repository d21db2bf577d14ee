import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeStation, makeUser, makeVillage } from '../../../../test/factories.ts';
import { makeReception, makeSponsor, makeSuggestion, makeSuggestionUnit } from '../../../../test/search-factories.ts';
import { RECEPTION_COLUMNS, SUGGESTION_COLUMNS } from './ledger.rules.ts';

/*
 * The two .xlsx ledgers read back with ExcelJS, on both engines: title and header rows, frozen panes,
 * widths, and every cell a string or a number — text that looks like a formula arrives as text.
 */
let t: TestCtx;
const FORMULA = '=HYPERLINK("http://x","y")';
/** How the workbook holds it: quoted by the shared sheet helper (lib/sheet-text.ts), as text. */
const QUOTED = `'${FORMULA}`;
let stationA2: { id: string };

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, termA, stationA, stationB, unitA, deputyA, county } = t.world;
  const A = townA.id;
  stationA2 = await makeStation(t.db, A, 'S02', '甲镇第二联络站');
  await makeUser(t.db, { countyId: county.id, townId: A, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  const village = await makeVillage(t.db, A, 'V01', '平安村');
  const co = await makeDeputy(t.db, A, termA.id, { code: 'D002', name: '张秀英' });

  const s1 = await makeSuggestion(t.db, A, {
    code: '2026-001',
    title: FORMULA,
    content: '内容',
    category: '交通',
    villageId: village.id,
    state: 'replied',
    assignedOn: '2026-03-01',
    dueDate: '2026-06-01',
    repliedOn: '2026-05-20',
    grade: 'B',
  });
  await makeSponsor(t.db, A, s1.id, co.id, 'co');
  await makeSponsor(t.db, A, s1.id, deputyA.id, 'lead');
  await makeSuggestionUnit(t.db, A, s1.id, unitA.id);
  await makeSuggestion(t.db, A, { code: '2026-002', title: `+cmd|' /C calc'!A0`, state: 'submitted', sourceType: 'portal' });
  await makeSuggestion(t.db, A, { code: '2026-010', title: '第十件', state: 'closed', rating: 'satisfied', closedAt: '2026-07-01T01:00:00.000Z' });
  await makeSuggestion(t.db, A, { code: '2025-001', year: 2025, title: '去年的', submittedAt: '2025-05-01T00:00:00.000Z' });
  await makeSuggestion(t.db, townB.id, { code: '2026-001', title: '乙镇的' });

  await makeReception(
    t.db,
    A,
    stationA.id,
    { date: '2026-03-09', startTime: '09:00', endTime: '11:00' },
    [
      {
        content: FORMULA,
        visitorName: '王小明',
        visitorPhone: '13812345678',
        visitorCount: 2,
        villageId: village.id,
        category: '交通',
        routing: 'village',
        routingNote: '@SUM(1)',
      },
      { content: '第二件事', category: '其他', routing: 'not_accepted', routingNote: '属诉讼事项' },
    ],
    [deputyA.id, co.id],
  );
  await makeReception(t.db, A, stationA2.id, { date: '2026-03-19' }, []);
  await makeReception(t.db, A, stationA.id, { date: '2025-12-31' }, [{ content: '去年' }]);
  await makeReception(t.db, townB.id, stationB.id, { date: '2026-03-09' }, [{ content: '乙镇' }]);
});
afterAll(async () => t.close());

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  return { wb, ws, rows: rowsOf(ws) };
}

function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value);
    out.push(cells);
  });
  return out;
}

/** Every cell of the data rows is a plain string or number, never a formula or a link. */
function assertPlainCells(ws: ExcelJS.Worksheet) {
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      // The title row is merged across the columns; the cells it covers point at A1.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Number], `${cell.address} ${JSON.stringify(cell.value)}`).toContain(cell.type);
      expect(cell.formula).toBeFalsy();
    });
  });
}

describe('GET /suggestions/ledger.xlsx', () => {
  const URL = '/api/v1/suggestions/ledger.xlsx';

  it('401 without a session; 403 for a deputy or a handler; 400 for a bad period', async () => {
    expect((await anon(t.app).get(URL)).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) expect((await (await t.as(role)).get(URL)).statusCode, role).toBe(403);
    const bad = await (await t.as('town_admin')).get(`${URL}?from=2026-05-01&to=2026-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('结束日期');
  });

  it('is a workbook with a title, a frozen Chinese header, widths, and the year’s items in code order', async () => {
    const res = await (await t.as('town_admin')).get(`${URL}?year=2026`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('建议办理台账-2026.xlsx');
    const { ws, rows } = await workbookOf(res.rawPayload);
    expect(ws.name).toBe('建议办理台账');
    expect(rows[0][0]).toBe('甲镇代表建议办理台账（2026年）');
    expect(rows[1]).toEqual(SUGGESTION_COLUMNS.map((c) => c.header));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(3).width).toBe(36);
    expect(rows.slice(2).map((r) => r[0])).toEqual(['2026-001', '2026-002', '2026-010']);
    expect(rows[2]).toEqual([
      '2026-001',
      '建议',
      QUOTED,
      '李明华（领衔）、张秀英',
      '代表提出',
      '交通',
      '平安村',
      '已答复',
      '甲镇民政办',
      '',
      '2026-03-01',
      '2026-06-01',
      '2026-05-20',
      'B 正在解决或列入规划',
      '',
      '',
    ]);
    expect(rows[4].slice(14)).toEqual(['满意', '2026-07-01']);
    assertPlainCells(ws);
    const title = ws.getCell('C3');
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe(QUOTED);
    expect(title.numFmt).toBe('@');
  });

  it('a liaison exports the town’s ledger too; another town sees only its own', async () => {
    const mine = await workbookOf((await (await t.as('liaison')).get(`${URL}?from=2026-01-01&to=2026-12-31`)).rawPayload);
    expect(mine.rows.length).toBe(5);
    const b = await workbookOf((await (await t.as('admin_b')).get(URL)).rawPayload);
    expect(b.rows.slice(2).map((r) => r[2])).toEqual(['乙镇的']);
  });
});

describe('GET /receptions/ledger.xlsx', () => {
  const URL = '/api/v1/receptions/ledger.xlsx';

  it('401 without a session; 403 for a deputy; 400 for a bad period; 404 for another town’s station', async () => {
    expect((await anon(t.app).get(URL)).statusCode).toBe(401);
    expect((await (await t.as('deputy')).get(URL)).statusCode).toBe(403);
    expect((await (await t.as('town_admin')).get(`${URL}?from=2026-05-01&to=2026-01-01`)).statusCode).toBe(400);
    expect((await (await t.as('town_admin')).get(`${URL}?stationId=${t.world.stationB.id}`)).statusCode).toBe(404);
  });

  it('403 for a liaison asking for another station', async () => {
    expect((await (await t.as('liaison')).get(`${URL}?stationId=${stationA2.id}`)).statusCode).toBe(403);
  });

  it('an admin gets every station, one row per matter, visitors in full, formula text as text', async () => {
    const res = await (await t.as('town_admin')).get(`${URL}?from=2026-01-01&to=2026-12-31`);
    expect(res.statusCode).toBe(200);
    const { ws, rows } = await workbookOf(res.rawPayload);
    expect(rows[0][0]).toBe('甲镇代表联络站接待台账（2026-01-01 至 2026-12-31）');
    expect(rows[1]).toEqual(RECEPTION_COLUMNS.map((c) => c.header));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(rows.length).toBe(2 + 3);
    expect(rows[2]).toEqual([
      '2026-03-09 09:00–11:00',
      expect.stringMatching(/^R\d{4}$/),
      '甲镇代表联络站',
      '李明华、张秀英',
      1,
      '王小明 13812345678',
      2,
      '平安村',
      '交通',
      QUOTED,
      '转村(居)委会办理',
      "'@SUM(1)",
    ]);
    expect(rows[3].slice(4)).toEqual([2, '', 1, '', '其他', '第二件事', '不予受理', '属诉讼事项']);
    expect(rows[4].slice(0, 10)).toEqual(['2026-03-19', expect.any(String), '甲镇第二联络站', '', '', '', 0, '', '', '（无来访群众）']);
    assertPlainCells(ws);
    const content = ws.getCell('J3');
    expect(content.type).toBe(ExcelJS.ValueType.String);
    expect(content.value).toBe(QUOTED);
    expect(content.numFmt).toBe('@');
    // Counts stay numbers, not text-formatted.
    expect(ws.getCell('G3').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('G3').numFmt).not.toBe('@');
  });

  it('a liaison gets their own station (visitors in full), by default the current year', async () => {
    const res = await (await t.as('liaison')).get(`${URL}?from=2026-01-01`);
    expect(res.statusCode).toBe(200);
    const { rows } = await workbookOf(res.rawPayload);
    expect(rows[0][0]).toBe('甲镇 甲镇代表联络站接待台账（2026-01-01 至 2026-12-31）');
    expect(rows.slice(2).map((r) => r[5])).toEqual(['王小明 13812345678', '']);
    const other = await login(t.app, 'liaison_a2');
    const r2 = await workbookOf((await other.get(`${URL}?from=2026-01-01&to=2026-12-31`)).rawPayload);
    expect(r2.rows.slice(2).map((r) => r[2])).toEqual(['甲镇第二联络站']);
  });
});
