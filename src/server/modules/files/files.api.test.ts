import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { multipartFile } from '../../../../test/factories.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% test\n');
const countFiles = async () => Number((await t.db.selectFrom('storedFile').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /files and GET /files/:id', () => {
  it('401 without a session; deputies and handlers upload only for suggestions and never read /files/:id', async () => {
    expect((await anon(t.app).request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, 'a.pdf') })).statusCode).toBe(401);
    expect((await anon(t.app).request({ method: 'POST', url: '/api/v1/files?use=suggestion', ...multipartFile(PDF, 'a.pdf') })).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      const before = await countFiles();
      // Other uses (photos of activities, anything) stay with staff; nothing is stored.
      for (const use of ['', '?use=any', '?use=image'])
        expect((await c.request({ method: 'POST', url: `/api/v1/files${use}`, ...multipartFile(PDF, 'a.pdf') })).statusCode, `${role} ${use}`).toBe(403);
      expect(await countFiles()).toBe(before);
      const doc = await c.request({ method: 'POST', url: '/api/v1/files?use=document', ...multipartFile(PDF, '答复函.pdf') });
      expect(doc.statusCode, role).toBe(201);
      const photo = await c.request({ method: 'POST', url: '/api/v1/files?use=suggestion', ...multipartFile(PNG, '现场.png') });
      expect(photo.statusCode, role).toBe(201);
      expect(photo.json()).toMatchObject({ kind: 'png' });
      expect(await countFiles()).toBe(before + 2);
      // Reading goes through the suggestion that uses the file, not here.
      expect((await c.get(`/api/v1/files/${doc.json().id}`)).statusCode, role).toBe(403);
    }
  });

  it('stores a file by its real type, audits it, and gives the same bytes back to staff', async () => {
    const admin = await t.as('town_admin');
    const before = await countFiles();
    const res = await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, '../纪要.docx') });
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({ name: '纪要.pdf', kind: 'pdf', mime: 'application/pdf', size: PDF.length });
    expect(await countFiles()).toBe(before + 1);
    const audit = await t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'file').where('entityId', '=', meta.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['upload']);

    // A liaison reads only their own uploads here; another's file is read through the record that uses it.
    const liaison = await t.as('liaison');
    expect((await liaison.get(`/api/v1/files/${meta.id}`)).statusCode).toBe(404);
    const own = (await liaison.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, '联络站.pdf') })).json();
    expect((await liaison.get(`/api/v1/files/${own.id}`)).statusCode).toBe(200);
    const got = await admin.get(`/api/v1/files/${meta.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(String(got.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('纪要.pdf')}`);
    expect(got.rawPayload.equals(PDF)).toBe(true);
  });

  it('400 naming the field for a wrong type, an empty file or a photo-only upload of a PDF; nothing stored', async () => {
    const admin = await t.as('town_admin');
    const before = await countFiles();
    const exe = await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(Buffer.from('MZ\x90\x00rest'), 'a.pdf') });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details.issues[0].field).toBe('file');
    expect((await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(Buffer.alloc(0), 'a.pdf') })).statusCode).toBe(400);
    const photoOnly = await admin.request({ method: 'POST', url: '/api/v1/files?use=image', ...multipartFile(PDF, 'a.pdf') });
    expect(photoOnly.statusCode).toBe(400);
    expect(photoOnly.json().message).toContain('JPEG');
    expect((await admin.request({ method: 'POST', url: '/api/v1/files?use=image', ...multipartFile(PNG, 'a.png') })).statusCode).toBe(201);
    expect(await countFiles()).toBe(before + 1);
  });

  it('413 for a file over 10 MB', async () => {
    const admin = await t.as('town_admin');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(big, 'big.pdf') });
    expect(res.statusCode).toBe(413);
  });

  it("404 for another town's file", async () => {
    const adminB = await t.as('admin_b');
    const res = await adminB.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, 'b.pdf') });
    expect(res.statusCode).toBe(201);
    const admin = await t.as('town_admin');
    expect((await admin.get(`/api/v1/files/${res.json().id}`)).statusCode).toBe(404);
  });
});
