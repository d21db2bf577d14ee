import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeUnit } from '../../../../test/factories.ts';

let t: TestCtx;
let evil: { id: string };
beforeAll(async () => {
  t = await setupApi();
  evil = await makeUnit(t.db, t.world.townA.id, 'U009', '=HYPERLINK("http://x","所")');
});
afterAll(async () => t.close());

describe('appraisal results Excel', () => {
  it('401, 403, 404 other town; one row per office and question, formulas stay text', async () => {
    const admin = await t.as('town_admin');
    const created = (
      await admin.post('/api/v1/appraisals', { title: '年度评议', year: 2026, unitIds: [t.world.unitA.id, evil.id], dimensions: ['policy'] })
    ).json();
    const opened = (await admin.post(`/api/v1/appraisals/${created.id}/open`, { version: created.version })).json();
    await admin.post(`/api/v1/appraisals/${created.id}/paper-ballots`, {
      ballots: 2,
      counts: [
        { unitId: t.world.unitA.id, question: 'overall', satisfied: 2, basic: 0, dissatisfied: 0 },
        { unitId: evil.id, question: 'overall', satisfied: 0, basic: 1, dissatisfied: 1 },
      ],
    });
    const url = `/api/v1/appraisals/${opened.id}/results.xlsx`;
    expect((await anon(t.app).get(url)).statusCode).toBe(401);
    expect((await (await t.as('deputy')).get(url)).statusCode).toBe(403);
    expect((await (await t.as('admin_b')).get(url)).statusCode).toBe(404);
    const res = await (await t.as('liaison')).get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push((row.values as unknown[]).slice(1));
    });
    // 2 offices × (overall + 1 dimension).
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([1, '甲镇民政办', '总体评价', 2, 0, 0, 2, '满意', 1]);
    const bad = ws.getRow(6).getCell(2);
    // Quoted by the shared sheet helper (lib/sheet-text.ts): text, never a formula.
    expect(bad.value).toBe('\'=HYPERLINK("http://x","所")');
    expect(bad.type).toBe(ExcelJS.ValueType.String);
    expect(bad.numFmt).toBe('@');
    // 1 of 2 approve is exactly half, not more than half: 不满意.
    expect(rows[2][7]).toBe('不满意');
  });
});
