import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeInvitation, multipartFile } from '../../../../test/factories.ts';
import { buildZip } from '../../../../test/zip-bomb.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';

/*
 * Photos and attachments of an activity. The world: a station activity (the liaison of station A may
 * manage it; deputy A is invited), a town activity (the liaison may only read it; deputy A is not
 * invited), and an activity of town B.
 */
let t: TestCtx;
let admin: Client;
let liaison: Client;
let deputy: Client;
const acts = {} as Record<'station' | 'town' | 'other', { id: string }>;
const files = {} as Record<'png' | 'jpeg' | 'pdf' | 'pdf2' | 'docx' | 'other', { id: string; name: string }>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3)]);
const PDF = Buffer.from('%PDF-1.4\n% minutes\n');
// A real (tiny) zip: uploads of Office files are unpacked once by the zip-bomb guard, so a fake header no longer passes.
const DOCX = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
const hour = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const base = (a: { id: string }) => `/api/v1/activities/${a.id}/files`;

async function upload(c: Client, bytes: Buffer, name: string) {
  const res = await c.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(bytes, name) });
  expect(res.statusCode, name).toBe(201);
  return res.json() as { id: string; name: string };
}

const linkCount = async () => Number((await t.db.selectFrom('activityFile').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const auditOf = (activityId: string, action: string) =>
  t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'activity').where('entityId', '=', activityId).where('action', '=', action).execute();

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, stationA, deputyA } = t.world;
  const kindA = await makeActivityKind(t.db, townA.id, 'K01', '培训学习');
  const kindB = await makeActivityKind(t.db, townB.id, 'K01', '培训学习');
  acts.station = await makeActivity(t.db, townA.id, kindA.id, { title: '联络站接待日', organiserType: 'station', stationId: stationA.id, startAt: hour(-3), endAt: hour(-1) });
  acts.town = await makeActivity(t.db, townA.id, kindA.id, { title: '全镇代表培训', startAt: hour(-3), endAt: hour(-1) });
  acts.other = await makeActivity(t.db, townB.id, kindB.id, { title: '乙镇活动', startAt: hour(-3), endAt: hour(-1) });
  await makeInvitation(t.db, townA.id, acts.station.id, deputyA.id);
  admin = await t.as('town_admin');
  liaison = await t.as('liaison');
  deputy = await t.as('deputy');
  files.png = await upload(admin, PNG, '座谈会.png');
  files.jpeg = await upload(admin, JPEG, '合影.jpg');
  files.pdf = await upload(admin, PDF, '会议纪要.pdf');
  files.pdf2 = await upload(admin, PDF, '签到表.pdf');
  files.docx = await upload(admin, DOCX, '讲稿.docx');
  files.other = await upload(await t.as('admin_b'), PNG, '乙镇.png');
});
afterAll(async () => t.close());

describe('attaching files to an activity', () => {
  it('401 without a session on every route', async () => {
    const a = anon(t.app);
    const url = base(acts.station);
    expect((await a.get(url)).statusCode).toBe(401);
    expect((await a.post(url, { role: 'photo', files: [{ fileId: files.png.id }] })).statusCode).toBe(401);
    expect((await a.put(`${url}/order`, { role: 'photo', fileIds: [] })).statusCode).toBe(401);
    expect((await a.get(`${url}/${files.png.id}`)).statusCode).toBe(401);
    expect((await a.patch(`${url}/${files.png.id}`, { caption: 'x', version: 1 })).statusCode).toBe(401);
    expect((await a.delete(`${url}/${files.png.id}`)).statusCode).toBe(401);
  });

  it('400 names the field and changes nothing: wrong kind for the role, unknown or foreign file, none, twice, long caption', async () => {
    const before = await linkCount();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ role: 'photo', files: [{ fileId: files.png.id }, { fileId: files.pdf.id }] }, 'body.files', '须为 JPEG 或 PNG 文件'],
      [{ role: 'attachment', files: [{ fileId: files.jpeg.id }] }, 'body.files', '类型不符'],
      [{ role: 'photo', files: [{ fileId: 'nope' }] }, 'body.files', '文件不存在'],
      [{ role: 'photo', files: [{ fileId: files.other.id }] }, 'body.files', '文件不存在'],
      [{ role: 'photo', files: [] }, 'body.files'],
      [{ role: 'photo', files: [{ fileId: files.png.id }, { fileId: files.png.id }] }, 'body.files', '两次'],
      [{ role: 'video', files: [{ fileId: files.png.id }] }, 'body.role'],
      [{ role: 'photo', files: [{ fileId: files.png.id, caption: '长'.repeat(201) }] }, 'body.files.0.caption'],
    ];
    for (const [body, field, text] of cases) {
      const res = await admin.post(base(acts.station), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(body)).toBe(field);
      if (text) expect(res.json().message).toContain(text);
    }
    expect(await linkCount()).toBe(before);
    expect(await auditOf(acts.station.id, 'add_photos')).toHaveLength(0);
  });

  it('403 for a deputy or handler attaching, and for a liaison on an activity not of their station', async () => {
    const body = { role: 'photo', files: [{ fileId: files.png.id }] };
    expect((await deputy.post(base(acts.station), body)).statusCode).toBe(403);
    expect((await (await t.as('handler')).post(base(acts.station), body)).statusCode).toBe(403);
    expect((await (await t.as('handler')).get(base(acts.station))).statusCode).toBe(403);
    expect((await liaison.post(base(acts.town), body)).statusCode).toBe(403);
    expect(await linkCount()).toBe(0);
  });

  it("404 for another town's activity", async () => {
    const body = { role: 'photo', files: [{ fileId: files.png.id }] };
    expect((await admin.post(base(acts.other), body)).statusCode).toBe(404);
    expect((await admin.get(base(acts.other))).statusCode).toBe(404);
    expect((await admin.get(`${base(acts.other)}/${files.other.id}`)).statusCode).toBe(404);
  });

  it('links photos and attachments in order, with captions, and audits each call', async () => {
    const res = await admin.post(base(acts.station), {
      role: 'photo',
      files: [
        { fileId: files.png.id, caption: '  代表座谈  ' },
        { fileId: files.jpeg.id },
      ],
    });
    expect(res.statusCode).toBe(201);
    // The liaison of the organising station adds the papers.
    const docs = await liaison.post(base(acts.station), { role: 'attachment', files: [{ fileId: files.pdf.id, caption: '纪要' }, { fileId: files.docx.id }] });
    expect(docs.statusCode).toBe(201);
    const list = docs.json();
    expect(list.canEdit).toBe(true);
    expect(list.limits).toEqual({ photo: 30, attachment: 20 });
    expect(list.items.map((i: { name: string; role: string; caption: string; sortOrder: number }) => [i.name, i.role, i.caption, i.sortOrder])).toEqual([
      ['座谈会.png', 'photo', '代表座谈', 0],
      ['合影.jpg', 'photo', '', 1],
      ['会议纪要.pdf', 'attachment', '纪要', 0],
      ['讲稿.docx', 'attachment', '', 1],
    ]);
    expect(list.items[0]).toMatchObject({ kind: 'png', mime: 'image/png', size: PNG.length, version: 1, addedByName: expect.any(String) });
    const photos = await auditOf(acts.station.id, 'add_photos');
    expect(photos).toHaveLength(1);
    expect(photos[0].summary).toBe('为活动 联络站接待日 添加照片 2 个');
    expect(photos[0].changes).toContain('座谈会.png');
    expect(await auditOf(acts.station.id, 'add_attachments')).toHaveLength(1);
    // A file already on the activity is refused, and says which.
    const again = await admin.post(base(acts.station), { role: 'photo', files: [{ fileId: files.png.id }] });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain('座谈会.png 已在本活动中');
  });

  it('refuses photos beyond 30 per activity and says how many still fit', async () => {
    // Filler photos straight in the tables: the limit counts links, not bytes.
    const { townA } = t.world;
    const ids = Array.from({ length: 28 }, () => newId());
    await t.db
      .insertInto('storedFile')
      .values(ids.map((id, i) => ({ id, townId: townA.id, name: `p${i}.png`, kind: 'png' as const, mime: 'image/png', size: 1, sha256: 'x', storageKey: id, uploadedBy: null, uploadedAt: nowIso() })))
      .execute();
    const first = await admin.post(base(acts.station), { role: 'photo', files: ids.slice(0, 26).map((fileId) => ({ fileId })) });
    expect(first.statusCode).toBe(201);
    const over = await admin.post(base(acts.station), { role: 'photo', files: [ids[26], files.pdf2.id].map((fileId) => ({ fileId })) });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('类型不符');
    // pdf2 is refused for its kind before the count is looked at; with a photo only the count speaks.
    const extra = await upload(admin, PNG, '第31张.png');
    const full = await admin.post(base(acts.station), { role: 'photo', files: [ids[26], ids[27], extra.id].map((fileId) => ({ fileId })) });
    expect(full.statusCode).toBe(400);
    expect(full.json().details.issues[0].field).toBe('body.files');
    expect(full.json().message).toContain('已有 28 张，本次最多再添加 2 张');
    expect((await admin.get(base(acts.station))).json().items.filter((i: { role: string }) => i.role === 'photo')).toHaveLength(28);
    // Clean up the fillers so later tests see the two real photos only.
    await t.db.deleteFrom('activityFile').where('fileId', 'in', ids).execute();
  });
});

describe('reading the files', () => {
  it('staff get the bytes: photos inline, attachments as downloads', async () => {
    const photo = await liaison.get(`${base(acts.station)}/${files.png.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(String(photo.headers['content-disposition'])).toMatch(/^inline;/);
    expect(photo.rawPayload.equals(PNG)).toBe(true);
    const pdf = await admin.get(`${base(acts.station)}/${files.pdf.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(pdf.headers['content-disposition'])).toContain(encodeURIComponent('会议纪要.pdf'));
  });

  it('an invited deputy sees the list and the photos, without edit rights', async () => {
    const list = await deputy.get(base(acts.station));
    expect(list.statusCode).toBe(200);
    expect(list.json().canEdit).toBe(false);
    expect(list.json().items).toHaveLength(4);
    const photo = await deputy.get(`${base(acts.station)}/${files.jpeg.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(JPEG)).toBe(true);
  });

  it('a deputy not invited cannot list or fetch, and no file is reachable through an activity it is not on', async () => {
    await admin.post(base(acts.town), { role: 'photo', files: [{ fileId: files.png.id }] });
    expect((await deputy.get(base(acts.town))).statusCode).toBe(404);
    expect((await deputy.get(`${base(acts.town)}/${files.png.id}`)).statusCode).toBe(404);
    // pdf2 is a file of the town but not on the station activity: asking for it there is 404.
    expect((await deputy.get(`${base(acts.station)}/${files.pdf2.id}`)).statusCode).toBe(404);
    expect((await admin.get(`${base(acts.station)}/${files.pdf2.id}`)).statusCode).toBe(404);
    // A liaison may read an activity of another organiser (as GET /activities/:id), but not change it.
    const read = await liaison.get(base(acts.town));
    expect(read.statusCode).toBe(200);
    expect(read.json().canEdit).toBe(false);
  });
});

describe('caption, order and removal', () => {
  it('changes a caption under the version lock, with an audit event; 409 for a stale version', async () => {
    const url = `${base(acts.station)}/${files.jpeg.id}`;
    expect((await deputy.patch(url, { caption: '合影留念', version: 1 })).statusCode).toBe(403);
    expect((await liaison.patch(`${base(acts.town)}/${files.png.id}`, { caption: 'x', version: 1 })).statusCode).toBe(403);
    const long = await admin.patch(url, { caption: '长'.repeat(201), version: 1 });
    expect(long.statusCode).toBe(400);
    expect(long.json().details.issues[0].field).toBe('body.caption');
    const ok = await liaison.patch(url, { caption: '合影留念', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ fileId: files.jpeg.id, caption: '合影留念', version: 2 });
    expect((await admin.patch(url, { caption: '别的', version: 1 })).statusCode).toBe(409);
    const ev = await auditOf(acts.station.id, 'caption_file');
    expect(ev).toHaveLength(1);
    expect(ev[0].changes).toContain('合影留念');
    expect((await admin.patch(`${base(acts.station)}/${files.pdf2.id}`, { caption: 'x', version: 1 })).statusCode).toBe(404);
  });

  it('reorders the files of one role; a list that misses a file is refused whole', async () => {
    const url = `${base(acts.station)}/order`;
    const stale = await admin.put(url, { role: 'photo', fileIds: [files.jpeg.id] });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().details.issues[0].field).toBe('body.fileIds');
    expect((await deputy.put(url, { role: 'photo', fileIds: [files.jpeg.id, files.png.id] })).statusCode).toBe(403);
    const ok = await admin.put(url, { role: 'photo', fileIds: [files.jpeg.id, files.png.id] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((i: { name: string }) => i.name)).toEqual(['合影.jpg', '座谈会.png', '会议纪要.pdf', '讲稿.docx']);
    expect(await auditOf(acts.station.id, 'reorder_files')).toHaveLength(1);
    // The same order again changes nothing and writes no event.
    await admin.put(url, { role: 'photo', fileIds: [files.jpeg.id, files.png.id] });
    expect(await auditOf(acts.station.id, 'reorder_files')).toHaveLength(1);
  });

  it('removes the link (audited); the stored file stays, and the same file can be added again', async () => {
    const url = `${base(acts.station)}/${files.docx.id}`;
    expect((await deputy.delete(url)).statusCode).toBe(403);
    expect((await (await t.as('admin_b')).delete(url)).statusCode).toBe(404);
    const res = await admin.delete(url);
    expect(res.statusCode).toBe(200);
    expect((await admin.get(url)).statusCode).toBe(404);
    expect((await admin.delete(url)).statusCode).toBe(404);
    const ev = await auditOf(acts.station.id, 'remove_attachment');
    expect(ev.map((e) => e.summary)).toEqual(['从活动 联络站接待日 移除附件 讲稿.docx']);
    expect((await admin.get(`/api/v1/files/${files.docx.id}`)).statusCode).toBe(200);
    expect((await admin.post(base(acts.station), { role: 'attachment', files: [{ fileId: files.docx.id }] })).statusCode).toBe(201);
  });
});

describe('an occurrence with photos outlives a series edit', () => {
  it('a new rule that drops the photographed day keeps that occurrence (with its photo) and removes the bare ones', async () => {
    const kind = await makeActivityKind(t.db, t.world.townA.id, 'K09', '固定活动日', 'fixed_day');
    const created = await admin.post('/api/v1/activity-series', {
      title: '固定活动日',
      kindId: kind.id,
      organiserType: 'station',
      organiserId: t.world.stationA.id,
      // June 2030: Saturdays 1, 8, 15, 22, 29.
      rule: { type: 'weekly', weekdays: [6] },
      startTime: '09:00',
      durationMinutes: 120,
      fromDate: '2030-06-01',
      untilDate: '2030-06-30',
    });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    const occ = (await admin.get(`/api/v1/activities?seriesId=${s.id}`)).json().items as { id: string; startAt: string }[];
    const photo = await upload(admin, PNG, '布展.png');
    expect((await admin.post(`/api/v1/activities/${occ[3].id}/files`, { role: 'photo', files: [{ fileId: photo.id }] })).statusCode).toBe(201);

    const upd = await admin.patch(`/api/v1/activity-series/${s.id}`, { rule: { type: 'monthly_days', days: [1] }, version: s.version });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().regenerated).toMatchObject({ removed: 3, kept: 1 });
    const left = (await admin.get(`/api/v1/activities?seriesId=${s.id}`)).json().items as { id: string }[];
    expect(left.map((a) => a.id)).toEqual([occ[0].id, occ[3].id]);
    expect((await admin.get(`/api/v1/activities/${occ[3].id}/files`)).json().items.map((i: { name: string }) => i.name)).toEqual(['布展.png']);
  });
});
