import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makeInvitation } from '../../../../test/factories.ts';
import { cellsWith, dataRows, headerOf, makeFinding, makeNotice, readBook } from '../../../../test/ledgers-factories.ts';
import { makeReception, makeReply, makeSponsor, makeSuggestion, makeSuggestionUnit } from '../../../../test/search-factories.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';

/*
 * The ledgers over HTTP on both engines: who may read them, the period named query.from / query.to, another
 * town's rows never in, and every area's workbook read back with ExcelJS — header, frozen first row,
 * autofilter, the row counts of GET /ledgers, and formula-like text ("=1+1", "+86…", "@SUM", "-…", a tab)
 * coming back as quoted text, never as a formula.
 */

let t: TestCtx;
const Y = 'from=2026-01-01&to=2026-12-31';
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();

beforeAll(async () => {
  t = await setupApi();
  const A = t.world.townA.id;
  const B = t.world.townB.id;
  const d2 = await makeDeputy(t.db, A, t.world.termA.id, { code: 'D002', name: '张秀英', stationId: t.world.stationA.id });
  const d3 = await makeDeputy(t.db, A, t.world.termA.id, { code: 'D003', name: '王五', stationId: t.world.stationA.id });
  const kind = await makeActivityKind(t.db, A, 'K1', '视察', 'inspection');
  const a1 = await makeActivity(t.db, A, kind.id, { code: 'A00001', title: '=1+1', status: 'held', startAt: at('2026-03-10', 9), endAt: at('2026-03-10', 11) });
  await makeInvitation(t.db, A, a1.id, t.world.deputyA.id, { attendance: 'present' });
  await makeInvitation(t.db, A, a1.id, d2.id, { leaveStatus: 'approved' });
  await makeInvitation(t.db, A, a1.id, d3.id);
  const a2 = await makeActivity(t.db, A, kind.id, {
    code: 'A00002',
    title: '代表培训',
    status: 'held',
    startAt: at('2026-06-01', 9),
    endAt: at('2026-06-01', 11),
  });
  await makeInvitation(t.db, A, a2.id, t.world.deputyA.id, { attendance: 'late' });
  // Not in the ledger: cancelled, last year, another town.
  await makeActivity(t.db, A, kind.id, { code: 'A00003', status: 'cancelled', startAt: at('2026-04-10', 9), endAt: at('2026-04-10', 11) });
  await makeActivity(t.db, A, kind.id, { code: 'A00004', startAt: at('2025-04-10', 9), endAt: at('2025-04-10', 11) });
  const kindB = await makeActivityKind(t.db, B, 'K1', '视察', 'inspection');
  await makeActivity(t.db, B, kindB.id, { code: 'A00001', title: '乙镇活动', startAt: at('2026-03-10', 9), endAt: at('2026-03-10', 11) });

  await makeReception(t.db, A, t.world.stationA.id, { date: '2026-03-09', place: '-2楼' }, [
    { content: '+8613800001111 反映道路', visitorName: '@SUM(A1)', visitorPhone: '13800001111' },
    { content: '路灯不亮' },
  ]);
  await makeReception(t.db, A, t.world.stationA.id, { date: '2025-12-31' }, [{ content: '去年' }]);
  await makeReception(t.db, B, t.world.stationB.id, { date: '2026-03-09' }, [{ content: '乙镇' }]);

  const s1 = await makeSuggestion(t.db, A, { title: '@SUM(1,2) 修路', submittedAt: at('2026-02-01', 9) });
  await makeSponsor(t.db, A, s1.id, t.world.deputyA.id, 'lead');
  await makeSuggestionUnit(t.db, A, s1.id, t.world.unitA.id, 'lead');
  await makeReply(t.db, A, s1.id, t.world.unitA.id, { repliedOn: '2026-03-01', dueDate: '2026-05-01' });
  await makeSuggestion(t.db, A, { title: '草稿', state: 'draft' });
  await makeSuggestion(t.db, B, { title: '乙镇建议', submittedAt: at('2026-02-01', 9) });

  const f1 = await makeFinding(t.db, A, a1.id, { description: '=HYPERLINK("http://x","y")', foundOn: '2026-03-10' });
  await makeFinding(t.db, A, a1.id, { description: '去年的问题', foundOn: '2025-03-10' });
  await makeNotice(t.db, A, [f1.id], { addressee: '\t甲镇城建办' });

  const ts = nowIso();
  const appraisalId = newId();
  await t.db
    .insertInto('appraisal')
    .values({
      id: appraisalId,
      townId: A,
      code: 'P2026-01',
      title: '2026年度工作评议',
      year: 2026,
      hearingDate: '2026-05-01',
      dimensions: '["policy","duty"]',
      createdAt: ts,
      updatedAt: ts,
    })
    .execute();
  await t.db.insertInto('appraisalUnit').values({ appraisalId, unitId: t.world.unitA.id, townId: A }).execute();
  await t.db
    .insertInto('appraisalIssue')
    .values({ id: newId(), townId: A, appraisalId, unitId: t.world.unitA.id, description: '-办事拖拉', createdAt: ts, updatedAt: ts })
    .execute();
});
afterAll(async () => t?.close());

const issue = (res: { json(): { details: { issues: { field: string }[] } } }) => res.json().details.issues[0].field;

describe('ledgers API access', () => {
  it('401 without a session; 403 for deputies and handling offices', async () => {
    expect((await anon(t.app).get(`/api/v1/ledgers?${Y}`)).statusCode).toBe(401);
    expect((await anon(t.app).get(`/api/v1/ledgers/activities.xlsx?${Y}`)).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get(`/api/v1/ledgers?${Y}`)).statusCode, role).toBe(403);
      expect((await c.get(`/api/v1/ledgers/activities.xlsx?${Y}`)).statusCode, role).toBe(403);
    }
  });

  it('400 names query.from / query.to', async () => {
    const admin = await t.as('town_admin');
    const cases: [string, string][] = [
      ['/api/v1/ledgers?to=2026-12-31', 'query.from'],
      ['/api/v1/ledgers?from=2026-13-01&to=2026-12-31', 'query.from'],
      ['/api/v1/ledgers?from=2026-01-01', 'query.to'],
      ['/api/v1/ledgers/suggestions.xlsx?from=2026-06-01&to=2026-05-31', 'query.to'],
      ['/api/v1/ledgers/findings.xlsx?from=2026-01-01&to=2026-02-30', 'query.to'],
    ];
    for (const [url, field] of cases) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(issue(res), url).toBe(field);
      expect(res.json().message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('404 for an area that is not a ledger, without .xlsx, and for points without a scheme', async () => {
    const admin = await t.as('town_admin');
    for (const url of ['/api/v1/ledgers/nothing.xlsx', '/api/v1/ledgers/activities', '/api/v1/ledgers/points.xlsx']) {
      expect((await admin.get(`${url}?${Y}`)).statusCode, url).toBe(404);
    }
  });

  it("lists the areas with the town's counts (another town's rows never count)", async () => {
    const expected = { activities: [2, 4], receptions: [1, 2], suggestions: [1, 1], findings: [1, 1], appraisals: [3, 1], points: [0] };
    for (const role of ['town_admin', 'liaison'] as const) {
      const res = await (await t.as(role)).get(`/api/v1/ledgers?${Y}`);
      expect(res.statusCode, role).toBe(200);
      const items = res.json() as { area: keyof typeof expected; rows: number; sheets: { rows: number }[]; available: boolean }[];
      expect(items.map((i) => i.area)).toEqual(Object.keys(expected));
      for (const i of items)
        expect(
          i.sheets.map((s) => s.rows),
          i.area,
        ).toEqual(expected[i.area]);
      expect(items.find((i) => i.area === 'points')?.available).toBe(false);
    }
    const b = (await (await t.as('admin_b')).get(`/api/v1/ledgers?${Y}`)).json() as { area: string; sheets: { rows: number }[] }[];
    expect(b.find((i) => i.area === 'activities')?.sheets.map((s) => s.rows)).toEqual([1, 0]);
    expect(b.find((i) => i.area === 'suggestions')?.sheets.map((s) => s.rows)).toEqual([1, 0]);
  });
});

describe('ledger workbooks round-trip through ExcelJS', () => {
  const HEADERS: Record<string, string[][]> = {
    activities: [
      ['编号', '日期', '类型', '活动名称', '组织者', '地点', '应到', '出席', '迟到', '请假', '缺席'],
      ['活动编号', '代表编码', '代表姓名', '联络站', '出席情况'],
    ],
    receptions: [
      ['编号', '接待日期', '时间', '联络站', '地点', '接待代表', '事项数', '来访人数'],
      ['接待编号', '接待日期', '序号', '来访人及电话', '人数', '村（社区）', '类别', '反映事项', '处理方式', '办理情况及说明', '转建议编号'],
    ],
    suggestions: [
      ['编号', '案由', '类别', '来源', '分类', '会议', '领衔代表', '主办单位', '协办单位', '办理状态', '答复期限', '答复日期', '答复类别', '代表满意度'],
      ['建议编号', '轮次', '答复单位', '答复类别', '答复日期', '答复期限', '按期', '答复内容'],
    ],
    findings: [
      ['编号', '发现日期', '活动编号', '活动名称', '问题描述', '地点', '责任类型', '责任主体', '严重程度', '状态', '销号日期', '整改通知书'],
      ['文号', '发出日期', '整改期限', '送达单位', '涉及问题', '整改要求'],
    ],
    appraisals: [
      ['评议编号', '评议名称', '排名', '被评议单位', '评议项目', '满意', '基本满意', '不满意', '有效票', '评议结果', '满意率（含基本满意）'],
      ['评议编号', '单位', '问题', '整改期限', '状态', '完成日期', '备注'],
    ],
  };
  const books = new Map<string, ExcelJS.Workbook>();
  let counts: Map<string, number[]>;

  beforeAll(async () => {
    const admin = await t.as('town_admin');
    const list = (await admin.get(`/api/v1/ledgers?${Y}`)).json() as { area: string; sheets: { rows: number }[] }[];
    counts = new Map(list.map((i) => [i.area, i.sheets.map((s) => s.rows)]));
    for (const area of Object.keys(HEADERS)) {
      const res = await admin.get(`/api/v1/ledgers/${area}.xlsx?${Y}`);
      expect(res.statusCode, area).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`ledger-${area}-20260101-20261231.xlsx`);
      books.set(area, await readBook(res.rawPayload));
    }
  });

  it.each(Object.keys(HEADERS))('%s: headers, frozen header row, autofilter, row counts', (area) => {
    const wb = books.get(area) as ExcelJS.Workbook;
    expect(wb.worksheets).toHaveLength(HEADERS[area].length);
    wb.worksheets.forEach((ws, i) => {
      expect(headerOf(ws), `${area}/${ws.name}`).toEqual(HEADERS[area][i]);
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(dataRows(ws).length, `${area}/${ws.name}`).toBe(counts.get(area)?.[i]);
      // Widths fit the Chinese header at least (CJK counted as 2), and are capped.
      ws.columns.forEach((c, j) => {
        expect(c.width ?? 0, `${area}/${ws.name}/${j} ${JSON.stringify(ws.columns.map((x) => x.width))}`).toBeGreaterThanOrEqual(
          Math.min(60, [...HEADERS[area][i][j]].length * 2),
        );
        expect(c.width ?? 0).toBeLessThanOrEqual(60);
      });
    });
  });

  it('formula-like text comes back as quoted text, never a formula', () => {
    const checks: [string, number, string][] = [
      ['activities', 0, '=1+1'],
      ['receptions', 1, '+8613800001111'],
      ['receptions', 1, '@SUM(A1)'],
      ['receptions', 0, '-2楼'],
      ['suggestions', 0, '@SUM(1,2)'],
      ['findings', 0, '=HYPERLINK'],
      ['findings', 1, '\t甲镇城建办'],
      ['appraisals', 1, '-办事拖拉'],
    ];
    for (const [area, sheet, text] of checks) {
      const ws = (books.get(area) as ExcelJS.Workbook).worksheets[sheet];
      const found = cellsWith(ws, text);
      expect(found.length, `${area}: ${text}`).toBeGreaterThan(0);
      for (const c of found) {
        expect(c.formula, text).toBeUndefined();
        expect(c.type, text).toBe(ExcelJS.ValueType.String);
        expect(String(c.value).startsWith(`'${text}`) || String(c.value).startsWith("'"), text).toBe(true);
      }
    }
    // The "=1+1" title exactly, as text.
    const title = (books.get('activities') as ExcelJS.Workbook).worksheets[0].getRow(2).getCell(4);
    expect(title.value).toBe("'=1+1");
    expect(title.numFmt).toBe('@');
  });

  it('dates are dates, counts are numbers, attendance follows the FINAL rule', () => {
    const ws = (books.get('activities') as ExcelJS.Workbook).worksheets[0];
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBeInstanceOf(Date);
    expect((row.getCell(2).value as Date).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect([7, 8, 9, 10, 11].map((c) => row.getCell(c).value)).toEqual([3, 1, 0, 1, 1]);
    const att = (books.get('activities') as ExcelJS.Workbook).worksheets[1];
    expect(dataRows(att).map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(5).value])).toEqual([
      ['A00001', 'D001', '出席'],
      ['A00001', 'D002', '请假'],
      ['A00001', 'D003', '缺席'],
      ['A00002', 'D001', '迟到'],
    ]);
  });

  it("another town's admin gets only its own rows", async () => {
    const res = await (await t.as('admin_b')).get(`/api/v1/ledgers/activities.xlsx?${Y}`);
    const wb = await readBook(res.rawPayload);
    const rows = dataRows(wb.worksheets[0]);
    expect(rows.map((r) => r.getCell(4).value)).toEqual(['乙镇活动']);
  });
});
