import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makeStation, multipartFile } from '../../../../test/factories.ts';
import { documentDutyEntries, documentsLinkedToActivity } from './documents.duty.ts';

/*
 * Documents and read receipts over HTTP, on both engines. Town A has the world's station (deputy
 * 李明华 with the deputy login, and 赵小红) and a second station (钱大伟); 孙county is a county-level
 * deputy without a station. Town B has its own admin and document.
 */

let t: TestCtx;
let admin: Client;
let liaison: Client;
let deputy: Client;
let handler: Client;
let adminB: Client;
let pdfId: string;
let pdfBId: string;
let other: { stationId: string; deputyId: string };
let zhao: { id: string };
let sun: { id: string };

const PDF = Buffer.from('%PDF-1.4\n% 主席团文件\n');
const url = (id: string, rest = '') => `/api/v1/documents/${id}${rest}`;

async function upload(c: Client, name = '通知.pdf') {
  const res = await c.request({ method: 'POST', url: '/api/v1/files?use=document', ...multipartFile(PDF, name) });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function create(c: Client, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/documents', { title: '关于开展代表集中学习的通知', category: 'presidium', fileId: pdfId, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function auditOf(entityId: string, action?: string) {
  let q = t.db.selectFrom('auditEvent').select(['action', 'summary', 'entity']).where('entityId', '=', entityId);
  if (action) q = q.where('action', '=', action);
  return q.execute();
}

beforeAll(async () => {
  t = await setupApi();
  const w = t.world;
  const s2 = await makeStation(t.db, w.townA.id, 'S02', '乙片联络站');
  zhao = await makeDeputy(t.db, w.townA.id, w.termA.id, { code: 'D002', name: '赵小红', stationId: w.stationA.id, phone: '13800001111' });
  const qian = await makeDeputy(t.db, w.townA.id, w.termA.id, { code: 'D003', name: '钱大伟', stationId: s2.id });
  sun = await makeDeputy(t.db, w.townA.id, w.termA.id, { code: 'D004', name: '孙县代', stationId: null, isCountyLevel: 1 });
  other = { stationId: s2.id, deputyId: qian.id };
  [admin, liaison, deputy, handler, adminB] = await Promise.all([t.as('town_admin'), t.as('liaison'), t.as('deputy'), t.as('handler'), t.as('admin_b')]);
  pdfId = await upload(admin);
  pdfBId = await upload(adminB);
});
afterAll(async () => t.close());

describe('POST /documents and PATCH /documents/:id', () => {
  it('401 anonymous; 403 for liaison, deputy and handler', async () => {
    expect((await anon(t.app).post('/api/v1/documents', { title: 'x', category: 'other' })).statusCode).toBe(401);
    for (const c of [liaison, deputy, handler]) expect((await c.post('/api/v1/documents', { title: 'x', category: 'other' })).statusCode).toBe(403);
  });

  it('400 naming the field, and nothing is stored', async () => {
    const count = async () => Number((await t.db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const noTitle = await admin.post('/api/v1/documents', { title: ' ', category: 'presidium' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().details.issues[0].field).toContain('title');
    const badCategory = await admin.post('/api/v1/documents', { title: '通知', category: 'secret' });
    expect(badCategory.json().details.issues[0].field).toContain('category');
    const otherTownFile = await admin.post('/api/v1/documents', { title: '通知', category: 'notice', fileId: pdfBId });
    expect(otherTownFile.statusCode).toBe(400);
    expect(otherTownFile.json().details.issues[0].field).toBe('body.fileId');
    const noActivity = await admin.post('/api/v1/documents', { title: '通知', category: 'notice', activityId: '01ZZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(noActivity.statusCode).toBe(400);
    expect(noActivity.json().message).toContain('关联活动');
    const badDate = await admin.post('/api/v1/documents', { title: '通知', category: 'notice', issueDate: '2026-02-30' });
    expect(badDate.json().details.issues[0].field).toContain('issueDate');
    expect(await count()).toBe(before);
  });

  it('creates a draft with the next code F0001…, its file and activity, audited', async () => {
    const kind = await makeActivityKind(t.db, t.world.townA.id, 'K01', '培训学习', 'training');
    const act = await makeActivity(t.db, t.world.townA.id, kind.id, { code: 'A00001', title: '宪法学习会', startAt: '2026-11-20T01:00:00.000Z', endAt: '2026-11-20T03:00:00.000Z' });
    const d = await create(admin, { docNumber: '某人主〔2026〕3号', issueDate: '2026-11-18', summary: '请各位代表认真学习。', activityId: act.id });
    expect(d).toMatchObject({
      code: expect.stringMatching(/^F\d{4}$/),
      status: 'draft',
      sentAt: null,
      docNumber: '某人主〔2026〕3号',
      file: { id: pdfId, name: '通知.pdf', kind: 'pdf' },
      activity: { id: act.id, code: 'A00001', title: '宪法学习会' },
      counts: { recipients: 0, read: 0, reminded: 0, rate: null },
      viewer: 'admin',
      myReceipt: null,
      version: 1,
    });
    const next = await create(admin, { title: '第二份' });
    expect(Number(next.code.slice(1))).toBe(Number(d.code.slice(1)) + 1);
    expect((await auditOf(d.id)).map((a) => a.action)).toEqual(['create']);
    expect(await documentsLinkedToActivity(t.db, t.world.townA.id, act.id)).toEqual([
      { id: d.id, code: d.code, title: d.title, category: 'presidium', status: 'draft', sentAt: null, fileName: '通知.pdf' },
    ]);
    const listed = (await admin.get(`/api/v1/documents?activityId=${act.id}`)).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
  });

  it('edits with the version: 409 when stale, 404 for another town, audited', async () => {
    const d = await create(admin);
    const ok = await admin.patch(url(d.id), { title: '改过的标题', version: d.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '改过的标题', version: 2 });
    expect((await admin.patch(url(d.id), { title: '再改', version: 1 })).statusCode).toBe(409);
    expect((await adminB.patch(url(d.id), { title: '别镇', version: 2 })).statusCode).toBe(404);
    expect((await liaison.patch(url(d.id), { title: '联络员', version: 2 })).statusCode).toBe(403);
    expect((await auditOf(d.id, 'update')).length).toBe(1);
  });
});

describe('POST /documents/:id/send', () => {
  it('400 for an empty or foreign selection, naming the field; 404 for another town; 403 for a liaison', async () => {
    const d = await create(admin);
    const empty = await admin.post(url(d.id, '/send'), {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toBe('body');
    const foreign = await admin.post(url(d.id, '/send'), { stationIds: [t.world.stationB.id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.stationIds[0]');
    expect((await adminB.post(url(d.id, '/send'), { stationIds: [t.world.stationB.id] })).statusCode).toBe(404);
    expect((await liaison.post(url(d.id, '/send'), { stationIds: [t.world.stationA.id] })).statusCode).toBe(403);
    expect((await admin.get(url(d.id))).json()).toMatchObject({ status: 'draft', counts: { recipients: 0 } });
  });

  it('409 for a document with neither a file nor text', async () => {
    const d = await create(admin, { fileId: null });
    const res = await admin.post(url(d.id, '/send'), { stationIds: [t.world.stationA.id] });
    expect(res.statusCode).toBe(409);
  });

  it('sends to a station, then adds more deputies on a second sending; the first makes it sent, audited', async () => {
    const d = await create(admin);
    const first = await admin.post(url(d.id, '/send'), { stationIds: [t.world.stationA.id] });
    expect(first.json()).toEqual({ added: 2, alreadySent: 0, recipientCount: 2 });
    const again = await admin.post(url(d.id, '/send'), { stationIds: [t.world.stationA.id], levels: ['county'] });
    expect(again.json()).toEqual({ added: 1, alreadySent: 2, recipientCount: 3 });
    const got = (await admin.get(url(d.id))).json();
    expect(got).toMatchObject({ status: 'sent', sentAt: expect.any(String), version: 2, counts: { recipients: 3, read: 0, rate: 0 } });
    expect((await auditOf(d.id, 'send')).length).toBe(2);
    // A sent document keeps what deputies read; its category may still change.
    const retitle = await admin.patch(url(d.id), { title: '偷偷改标题', version: got.version });
    expect(retitle.statusCode).toBe(409);
    expect((await admin.patch(url(d.id), { category: 'study', version: got.version })).statusCode).toBe(200);
  });
});

describe('reading: GET /documents/:id and /file as a deputy', () => {
  let doc: { id: string; code: string };
  beforeAll(async () => {
    doc = await create(admin, { title: '学习材料：代表法' });
    await admin.post(url(doc.id, '/send'), { deputyIds: [t.world.deputyA.id, zhao.id] });
  });

  it('404 for a deputy it was not sent to, a draft, or another town; 403 for a handler', async () => {
    const notMine = await create(admin, { title: '只发给钱大伟' });
    await admin.post(url(notMine.id, '/send'), { deputyIds: [other.deputyId] });
    expect((await deputy.get(url(notMine.id))).statusCode).toBe(404);
    expect((await deputy.get(url(notMine.id, '/file'))).statusCode).toBe(404);
    const draft = await create(admin);
    expect((await deputy.get(url(draft.id))).statusCode).toBe(404);
    expect((await adminB.get(url(doc.id))).statusCode).toBe(404);
    expect((await handler.get(url(doc.id))).statusCode).toBe(403);
    expect((await anon(t.app).get(url(doc.id))).statusCode).toBe(401);
  });

  it('records the first opening once; later openings count without moving it; one audit event', async () => {
    const one = await deputy.get(url(doc.id));
    expect(one.statusCode).toBe(200);
    const r1 = one.json().myReceipt;
    expect(one.json()).toMatchObject({ viewer: 'recipient', summary: '', counts: { recipients: 0 } });
    expect(r1).toMatchObject({ firstReadAt: expect.any(String), readCount: 1 });
    await new Promise((r) => setTimeout(r, 5));
    const r2 = (await deputy.get(url(doc.id))).json().myReceipt;
    expect(r2.firstReadAt).toBe(r1.firstReadAt);
    expect(r2.readCount).toBe(2);
    expect(r2.lastReadAt > r1.firstReadAt).toBe(true);
    const reads = await t.db.selectFrom('auditEvent').select('action').where('entity', '=', 'document_recipient').where('action', '=', 'read').where('summary', 'like', `%${doc.code}%`).execute();
    expect(reads.length).toBe(1);
    // Staff opening it is not a receipt.
    expect((await admin.get(url(doc.id))).json().counts).toMatchObject({ recipients: 2, read: 1, rate: 0.5 });
  });

  it('downloading the file gives the bytes and counts as reading', async () => {
    const res = await deputy.get(url(doc.id, '/file'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const r = await t.db.selectFrom('documentRecipient').select('readCount').where('documentId', '=', doc.id).where('deputyId', '=', t.world.deputyA.id).executeTakeFirstOrThrow();
    expect(r.readCount).toBe(3);
    expect((await liaison.get(url(doc.id, '/file'))).statusCode).toBe(200);
  });

  it('the duty record hook lists the documents read in the range', async () => {
    const all = await documentDutyEntries(t.db, t.world.townA.id, t.world.deputyA.id, { start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z' });
    const mine = all.find((e) => e.id === doc.id);
    expect(mine).toMatchObject({ source: 'document', code: doc.code, title: '学习材料：代表法', category: 'presidium', sentAt: expect.any(String), readAt: expect.any(String) });
    const none = await documentDutyEntries(t.db, t.world.townA.id, t.world.deputyA.id, { start: '2000-01-01T00:00:00.000Z', end: '2000-02-01T00:00:00.000Z' });
    expect(none).toEqual([]);
    expect(await documentDutyEntries(t.db, t.world.townA.id, zhao.id, { start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z' })).toEqual([]);
  });
});

describe('staff views: list, recipients, remind', () => {
  let doc: { id: string; code: string };
  beforeAll(async () => {
    doc = await create(admin, { title: '会议材料：年度工作报告' });
    // 李明华 and 赵小红 (station A), 钱大伟 (station S02), 孙县代 (no station).
    await admin.post(url(doc.id, '/send'), { stationIds: [t.world.stationA.id, other.stationId], deputyIds: [sun.id] });
    await deputy.get(url(doc.id));
  });

  it('lists documents with read counts; a liaison sees sent ones of their station with their station’s counts only', async () => {
    const all = (await admin.get('/api/v1/documents?pageSize=100')).json();
    const row = all.items.find((x: { id: string }) => x.id === doc.id);
    expect(row.counts).toEqual({ recipients: 4, read: 1, reminded: 0, rate: 0.25 });
    expect(all.items.some((x: { status: string }) => x.status === 'draft')).toBe(true);
    const mine = (await liaison.get('/api/v1/documents?pageSize=100')).json();
    expect(mine.items.every((x: { status: string }) => x.status === 'sent')).toBe(true);
    expect(mine.items.find((x: { id: string }) => x.id === doc.id).counts).toEqual({ recipients: 2, read: 1, reminded: 0, rate: 0.5 });
    expect((await liaison.get(url(doc.id))).json()).toMatchObject({ viewer: 'liaison', counts: { recipients: 2 } });
    expect((await deputy.get('/api/v1/documents')).statusCode).toBe(403);
    const filtered = (await admin.get('/api/v1/documents?status=draft&pageSize=100')).json();
    expect(filtered.items.every((x: { status: string }) => x.status === 'draft')).toBe(true);
    expect((await admin.get('/api/v1/documents?status=gone')).statusCode).toBe(400);
  });

  it('lists recipients read and unread; a liaison only those of their station', async () => {
    const unread = (await admin.get(url(doc.id, '/recipients?read=unread'))).json();
    expect(unread.items.map((r: { deputyCode: string }) => r.deputyCode)).toEqual(['D002', 'D003', 'D004']);
    expect(unread.items[0]).toMatchObject({ deputyName: '赵小红', phone: '13800001111', firstReadAt: null, readCount: 0 });
    const read = (await admin.get(url(doc.id, '/recipients?read=read'))).json();
    expect(read.items.map((r: { deputyName: string }) => r.deputyName)).toEqual(['李明华']);
    const byLiaison = (await liaison.get(url(doc.id, '/recipients'))).json();
    expect(byLiaison.total).toBe(2);
    expect((await adminB.get(url(doc.id, '/recipients'))).statusCode).toBe(404);
    expect((await deputy.get(url(doc.id, '/recipients'))).statusCode).toBe(403);
  });

  it('reminds only the unread; a chosen reader is skipped; a non-recipient is a 400; audited', async () => {
    const bad = await admin.post(url(doc.id, '/remind'), { deputyIds: [zhao.id, t.world.deputyB.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.deputyIds[1]');
    const chosen = (await admin.post(url(doc.id, '/remind'), { deputyIds: [t.world.deputyA.id, zhao.id] })).json();
    expect(chosen).toEqual({ reminded: 1, alreadyRead: 1 });
    const all = (await admin.post(url(doc.id, '/remind'), {})).json();
    expect(all).toEqual({ reminded: 3, alreadyRead: 1 });
    const rows = await t.db.selectFrom('documentRecipient').select(['deputyId', 'remindedCount', 'lastRemindedAt']).where('documentId', '=', doc.id).execute();
    const by = new Map(rows.map((r) => [r.deputyId, r]));
    expect(by.get(t.world.deputyA.id)?.remindedCount).toBe(0);
    expect(by.get(zhao.id)?.remindedCount).toBe(2);
    expect(by.get(sun.id)?.remindedCount).toBe(1);
    expect(by.get(sun.id)?.lastRemindedAt).toEqual(expect.any(String));
    expect((await auditOf(doc.id, 'remind')).length).toBe(2);
    expect((await admin.get(url(doc.id))).json().counts).toMatchObject({ reminded: 3 });
  });

  it('a liaison reminds their station’s unread deputies only; another station’s deputy is 403', async () => {
    expect((await liaison.post(url(doc.id, '/remind'), { deputyIds: [other.deputyId] })).statusCode).toBe(403);
    expect((await liaison.post(url(doc.id, '/remind'), {})).json()).toEqual({ reminded: 1, alreadyRead: 1 });
    const qian = await t.db.selectFrom('documentRecipient').select('remindedCount').where('documentId', '=', doc.id).where('deputyId', '=', other.deputyId).executeTakeFirstOrThrow();
    expect(qian.remindedCount).toBe(1);
    expect((await handler.post(url(doc.id, '/remind'), {})).statusCode).toBe(403);
    expect((await adminB.post(url(doc.id, '/remind'), {})).statusCode).toBe(404);
  });

  it('409 for reminding about a draft; 400 for an empty choice', async () => {
    const draft = await create(admin);
    expect((await admin.post(url(draft.id, '/remind'), {})).statusCode).toBe(409);
    const empty = await admin.post(url(doc.id, '/remind'), { deputyIds: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toContain('deputyIds');
  });

  it('the unread list groups unread documents by deputy; a liaison gets their station', async () => {
    const all = (await admin.get('/api/v1/documents/unread-calls?pageSize=200')).json();
    const zhaoRow = all.items.find((x: { deputyId: string }) => x.deputyId === zhao.id);
    expect(zhaoRow).toMatchObject({ deputyName: '赵小红', phone: '13800001111', stationName: '甲镇代表联络站' });
    expect(zhaoRow.documents.some((x: { id: string; remindedCount: number }) => x.id === doc.id && x.remindedCount === 3)).toBe(true);
    expect(all.items.some((x: { deputyId: string }) => x.deputyId === sun.id)).toBe(true);
    const byLiaison = (await liaison.get('/api/v1/documents/unread-calls')).json();
    expect(byLiaison.items.map((x: { deputyCode: string }) => x.deputyCode)).toEqual(expect.arrayContaining(['D002']));
    expect(byLiaison.items.every((x: { stationName: string }) => x.stationName === '甲镇代表联络站')).toBe(true);
    expect((await deputy.get('/api/v1/documents/unread-calls')).statusCode).toBe(403);
  });
});

describe('GET /documents/mine', () => {
  it('lists the deputy’s documents, unread (reminded first) before read, with the badge counts', async () => {
    const a = await create(admin, { title: '未读未催' });
    const b = await create(admin, { title: '未读已催' });
    for (const d of [a, b]) await admin.post(url(d.id, '/send'), { deputyIds: [t.world.deputyA.id] });
    await admin.post(url(b.id, '/remind'), {});
    const res = await deputy.get('/api/v1/documents/mine?pageSize=100');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const titles = body.items.map((x: { title: string }) => x.title);
    expect(titles.indexOf('未读已催')).toBe(0);
    expect(titles.indexOf('未读未催')).toBe(1);
    expect(body.items[0]).toMatchObject({ file: { name: '通知.pdf' }, receipt: { firstReadAt: null, remindedCount: 1 } });
    const firstRead = body.items.findIndex((x: { receipt: { firstReadAt: string | null } }) => x.receipt.firstReadAt !== null);
    expect(firstRead).toBeGreaterThan(1);
    expect(body.counts).toEqual({ total: body.items.length, unread: firstRead, reminded: 1 });
    const unread = (await deputy.get('/api/v1/documents/mine?unread=1')).json();
    expect(unread.total).toBe(firstRead);
    expect(unread.counts).toEqual(body.counts);
    expect((await deputy.get('/api/v1/documents/mine?unread=yes')).statusCode).toBe(400);
    expect((await liaison.get('/api/v1/documents/mine')).statusCode).toBe(403);

    // Once read, a reminded document takes its place among the read ones, newest sent first.
    await deputy.get(url(b.id));
    // A later document, sent and read after it: it must come before the reminded one.
    const c = await create(admin, { title: '后发已读' });
    await admin.post(url(c.id, '/send'), { deputyIds: [t.world.deputyA.id] });
    await deputy.get(url(c.id));
    const after = (await deputy.get('/api/v1/documents/mine?pageSize=100')).json().items as { title: string; receipt: { sentAt: string; firstReadAt: string | null } }[];
    expect(after[0].title).toBe('未读未催');
    const sent = after.filter((x) => x.receipt.firstReadAt !== null).map((x) => x.receipt.sentAt);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((x) => typeof x === 'string')).toBe(true);
    expect(sent).toEqual([...sent].sort().reverse());
  });
});

describe('DELETE /documents/:id', () => {
  it('deletes a draft (audited); 409 for a sent one; 404 for another town; 403 for a liaison', async () => {
    const d = await create(admin);
    expect((await liaison.delete(url(d.id))).statusCode).toBe(403);
    expect((await adminB.delete(url(d.id))).statusCode).toBe(404);
    expect((await admin.delete(url(d.id))).statusCode).toBe(200);
    expect((await admin.get(url(d.id))).statusCode).toBe(404);
    expect((await auditOf(d.id, 'delete')).length).toBe(1);
    const s = await create(admin);
    await admin.post(url(s.id, '/send'), { deputyIds: [zhao.id] });
    expect((await admin.delete(url(s.id))).statusCode).toBe(409);
  });
});
