import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeStation, makeTerm, makeUser } from '../../../../test/factories.ts';
import { makeRoll, makeSession } from '../../../../test/session-factories.ts';
import { newId } from '../../lib/ids.ts';

/*
 * The sign-in sheet export (GET /sessions/:id/roll.xlsx) and the notifications of a session scheduled
 * and opened, over HTTP on SQLite and PostgreSQL.
 */
let t: TestCtx;
let admin: Client;

const S = '/api/v1/sessions';

beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
});

afterAll(async () => {
  await t?.close();
});

async function readBook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb;
}

describe('sign-in sheet (roll.xlsx)', () => {
  let sessionId: string;
  let bare: string;

  beforeAll(async () => {
    const { db, world } = t;
    const town = world.townA.id;
    // A term of its own so the roll is exactly these five.
    const term = await makeTerm(db, town, 17);
    const formulaStation = await makeStation(db, town, 'ST9', '+联络站');
    const d1 = await makeDeputy(db, town, term.id, { code: 'D101', name: '张三', stationId: world.stationA.id });
    const d2 = await makeDeputy(db, town, term.id, { code: 'D102', name: '=HYPERLINK("http://x","y")', stationId: formulaStation.id });
    const d3 = await makeDeputy(db, town, term.id, { code: 'D103', name: '李四' });
    const d4 = await makeDeputy(db, town, term.id, { code: 'D104', name: '@王五' });
    const d5 = await makeDeputy(db, town, term.id, { code: 'D105', name: '-赵六' });
    const s = await makeSession(db, town, term.id, {
      status: 'preparing',
      openedAt: null,
      place: '镇人大礼堂',
      startDate: '2026-03-10',
      endDate: '2026-03-11',
    });
    sessionId = s.id;
    await makeRoll(db, town, s.id, [d1.id, d2.id, d3.id, d4.id, d5.id], ['present', 'on_leave', 'absent', 'late', 'expected']);
    await db
      .updateTable('sessionAttendee')
      .set({ arrivedAt: '2026-03-10T00:05:00.000Z' })
      .where('sessionId', '=', s.id)
      .where('deputyId', '=', d1.id)
      .execute();
    await db
      .updateTable('sessionAttendee')
      .set({ arrivedAt: '2026-03-10T01:30:00.000Z' })
      .where('sessionId', '=', s.id)
      .where('deputyId', '=', d4.id)
      .execute();
    await db.updateTable('sessionAttendee').set({ leaveReason: '=1+2' }).where('sessionId', '=', s.id).where('deputyId', '=', d2.id).execute();
    bare = (await makeSession(db, town, term.id, { status: 'preparing', openedAt: null, rollTakenAt: null })).id;
  });

  it('401 without a login, 403 for a handler or a deputy, 404 in another town, 409 before the roll', async () => {
    expect((await anon(t.app).get(`${S}/${sessionId}/roll.xlsx`)).statusCode).toBe(401);
    expect((await (await t.as('handler')).get(`${S}/${sessionId}/roll.xlsx`)).statusCode).toBe(403);
    expect((await (await t.as('deputy')).get(`${S}/${sessionId}/roll.xlsx`)).statusCode).toBe(403);
    expect((await (await t.as('admin_b')).get(`${S}/${sessionId}/roll.xlsx`)).statusCode).toBe(404);
    expect((await admin.get(`${S}/${newId()}/roll.xlsx`)).statusCode).toBe(404);
    const notTaken = await admin.get(`${S}/${bare}/roll.xlsx`);
    expect(notTaken.statusCode).toBe(409);
    expect(notTaken.json().message).toContain('尚未点名');
  });

  it('200: the header, the figures and one row per deputy, formulas kept as text', async () => {
    const res = await admin.get(`${S}/${sessionId}/roll.xlsx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('签到表-十七届'));
    const ws = (await readBook(res.rawPayload)).getWorksheet('签到表');
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('A1').value).toMatch(/第十七届人民代表大会第\S+次会议签到表$/);
    expect(ws.getCell('A2').value).toBe('会议时间：2026年3月10日至11日　地点：镇人大礼堂');
    expect(ws.getCell('A3').value).toBe('应到 5 名　实到 2 名　请假 1 名　缺席 1 名　未签到 1 名');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['序号', '编码', '姓名', '联络站', '状态', '请假事由', '到会时间', '签名']);
    // Empty cells (no reason, no arrival, the signature) carry no value, only their border.
    const rows = [5, 6, 7, 8, 9].map((r) => Array.from({ length: 8 }, (_, i) => ws.getRow(r).getCell(i + 1).value ?? ''));
    expect(rows).toEqual([
      [1, 'D101', '张三', '甲镇代表联络站', '出席', '', '3月10日 08:05', ''],
      [2, 'D102', '\'=HYPERLINK("http://x","y")', '\'+联络站', '请假', '\'=1+2', '', ''], // formula-like text quoted (lib/sheet-text.ts)
      [3, 'D103', '李四', '', '缺席', '', '', ''],
      [4, 'D104', '\'@王五', '', '迟到', '', '3月10日 09:30', ''],
      [5, 'D105', "'-赵六", '', '未签到', '', '', ''],
    ]);
    for (const ref of ['C6', 'D6', 'F6', 'C8', 'C9']) {
      const cell = ws.getCell(ref);
      expect(cell.type, ref).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, ref).toBeUndefined();
      expect(cell.numFmt, ref).toBe('@');
    }
    expect(ws.getCell('A5').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.rowCount).toBe(9);
  });

  it('a liaison may export too', async () => {
    expect((await (await t.as('liaison')).get(`${S}/${sessionId}/roll.xlsx`)).statusCode).toBe(200);
  });
});

describe('notifications of a session', () => {
  it('creating notifies the deputies of the term with an account; opening notifies those on the roll', async () => {
    const { db, world } = t;
    const town = world.townA.id;
    const term = await makeTerm(db, town, 16);
    const withAccount = await makeDeputy(db, town, term.id, { code: 'N01', name: '周一' });
    const noAccount = await makeDeputy(db, town, term.id, { code: 'N02', name: '周二' });
    const inactive = await makeDeputy(db, town, term.id, { code: 'N03', name: '周三' });
    const resigned = await makeDeputy(db, town, term.id, { code: 'N04', name: '周四', status: 'resigned', statusDate: '2026-01-01' });
    const c = world.county.id;
    const u1 = await makeUser(db, { countyId: c, townId: town, role: 'deputy', username: 'n01', deputyId: withAccount.id });
    await makeUser(db, { countyId: c, townId: town, role: 'deputy', username: 'n03', deputyId: inactive.id, active: 0 });
    const u4 = await makeUser(db, { countyId: c, townId: town, role: 'deputy', username: 'n04', deputyId: resigned.id });

    const created = await admin.post(S, { termId: term.id, kind: 'ordinary', startDate: '2026-04-08', endDate: '2026-04-09', place: '镇政府会议室' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const notes = () => db.selectFrom('notification').selectAll().where('entityId', '=', id).orderBy('kind').execute();
    let rows = await notes();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      townId: town,
      userId: u1.id,
      kind: 'session.scheduled',
      title: '第十六届人民代表大会第一次会议定于 4月8日 召开',
      body: '地点：镇政府会议室',
      link: `/sessions/${id}`,
      entity: 'congress_session',
      readAt: null,
    });
    expect(rows.some((r) => r.userId === u4.id)).toBe(false);

    // Roll: N01–N03 (N04 left before the opening day); all present, then open.
    const roll = await admin.post(`${S}/${id}/roll`);
    expect(roll.json().counts.all).toBe(3);
    expect((await admin.post(`${S}/${id}/roll/bulk`, { deputyIds: [withAccount.id, noAccount.id, inactive.id], status: 'present' })).statusCode).toBe(200);
    const opened = await admin.post(`${S}/${id}/open`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    rows = await notes();
    const open = rows.filter((r) => r.kind === 'session.opened');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ userId: u1.id, title: '第十六届人民代表大会第一次会议已开幕', link: `/sessions/${id}` });

    // The deputy sees both in their notifications.
    const me = await login(t.app, 'n01');
    const mine = (await me.get('/api/v1/notifications')).json().items as { title: string; link: string }[];
    expect(mine.map((n) => n.title)).toEqual(
      expect.arrayContaining(['第十六届人民代表大会第一次会议已开幕', '第十六届人民代表大会第一次会议定于 4月8日 召开']),
    );
  });

  it('a failed open writes no notification', async () => {
    const { db, world } = t;
    const term = await makeTerm(db, world.townA.id, 15);
    const d = await makeDeputy(db, world.townA.id, term.id, { code: 'Q01', name: '吴一' });
    await makeUser(db, { countyId: world.county.id, townId: world.townA.id, role: 'deputy', username: 'q01', deputyId: d.id });
    const created = (await admin.post(S, { termId: term.id, kind: 'ordinary', startDate: '2026-05-08', endDate: '2026-05-08' })).json();
    await admin.post(`${S}/${created.id}/roll`);
    const res = await admin.post(`${S}/${created.id}/open`, {});
    expect(res.statusCode).toBe(409);
    const rows = await db.selectFrom('notification').select('kind').where('entityId', '=', created.id).execute();
    expect(rows.map((r) => r.kind)).toEqual(['session.scheduled']);
  });
});
