import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeWorld } from '../../../../test/app.ts';
import { freshDatabase } from '../../../../test/db.ts';
import { docxBomb, xlsxBomb } from '../../../../test/zip-bomb.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';

/*
 * Hostile uploads against every route that takes a file: POST /files (every attachment: activities,
 * documents, suggestions, research…), POST /deputies/import (Excel roster), PUT /deputies/:id/photo.
 * A file whose bytes are not what its name and Content-Type say, a zip bomb dressed as .xlsx/.docx, and
 * file names that try to leave FILES_DIR or break the download header.
 */

const MB = 1024 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);
const PLAIN_ZIP = Buffer.from('504b0506000000000000000000000000000000000000', 'hex'); // an empty zip: no Office parts

/** A multipart body whose part header is written raw, so a test controls filename and filename* exactly. */
function rawMultipart(bytes: Buffer, disposition: string, contentType = 'application/octet-stream') {
  const boundary = '----renda-hostile-7f3a';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8');
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const named = (bytes: Buffer, name: string, type?: string) => rawMultipart(bytes, `filename="${name}"`, type);

/** Every file under a folder, as paths relative to it. */
function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

let app: FastifyInstance;
let db: Kysely<DB>;
let close: () => Promise<void>;
let world: Awaited<ReturnType<typeof makeWorld>>;
let admin: Client;
let root: string;
let filesDir: string;

beforeAll(async () => {
  const database = await freshDatabase();
  db = database.db;
  world = await makeWorld(db);
  // FILES_DIR sits inside a folder of its own, so a file escaping it would land next to it and be seen.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-hostile-'));
  filesDir = path.join(root, 'a', 'b', 'files');
  const config = { ...loadConfig({}), webDist: '/nonexistent', filesDir };
  app = await buildApp({ db, engine: database.engine, config });
  admin = await login(app, world.users.town_admin.username);
  close = async () => {
    await app.close();
    await database.close();
    fs.rmSync(root, { recursive: true, force: true });
  };
});
afterAll(() => close());

const countRows = async (table: 'storedFile' | 'importJob') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function expectRefusedOnFile(res: { statusCode: number; json(): { message: string; details?: { issues?: { field: string; message: string }[] } } }) {
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.details?.issues?.[0]?.field).toBe('file');
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('POST /files: content decides, not the name', () => {
  it.each([
    ['HTML renamed .pdf', HTML, '报告.pdf', 'application/pdf'],
    ['HTML renamed .jpg', HTML, '现场.jpg', 'image/jpeg'],
    ['EXE renamed .pdf', EXE, '纪要.pdf', 'application/pdf'],
    ['EXE renamed .xlsx', EXE, '名册.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['plain zip renamed .docx', PLAIN_ZIP, '通知.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('%s is refused with a Chinese message on "file", nothing stored', async (_label, bytes, name, type) => {
    const rows = await countRows('storedFile');
    const files = walk(root).length;
    const res = await admin.request({ method: 'POST', url: '/api/v1/files', ...named(bytes, name, type) });
    expectRefusedOnFile(res);
    expect(res.json().message).toMatch(/文件类型不符/);
    expect(await countRows('storedFile')).toBe(rows);
    expect(walk(root).length).toBe(files);
  });
});

describe('zip bombs', () => {
  // 150 MB of zeros deflated to ~150 KB; one declares its size honestly, one lies (declares 1 KB).
  const bombs = [
    ['.xlsx', () => xlsxBomb(150 * MB), '台账.xlsx'],
    ['.xlsx (lying about its size)', () => xlsxBomb(150 * MB, 1024), '台账.xlsx'],
    ['.docx (lying about its size)', () => docxBomb(150 * MB, 1024), '纪要.docx'],
  ] as const;

  it.each(bombs)('POST /files refuses a %s bomb quickly with bounded memory, nothing stored', async (_label, make, name) => {
    const bomb = make();
    expect(bomb.length).toBeLessThan(MB);
    const rows = await countRows('storedFile');
    const rss0 = process.memoryUsage().rss;
    const t0 = Date.now();
    const res = await admin.request({ method: 'POST', url: '/api/v1/files', ...named(bomb, name) });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(150 * MB);
    expectRefusedOnFile(res);
    expect(res.json().message).toMatch(/压缩炸弹/);
    expect(await countRows('storedFile')).toBe(rows);
    expect(walk(root)).toEqual([]);
  });

  it('POST /deputies/import refuses an .xlsx bomb before ExcelJS unpacks it; no job is started', async () => {
    const jobs = await countRows('importJob');
    const rss0 = process.memoryUsage().rss;
    const t0 = Date.now();
    const res = await admin.request({ method: 'POST', url: '/api/v1/deputies/import', ...named(xlsxBomb(150 * MB, 1024), '名册.xlsx') });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(150 * MB);
    expectRefusedOnFile(res);
    expect(res.json().message).toMatch(/压缩炸弹/);
    expect(await countRows('importJob')).toBe(jobs);
  });

  it('POST /deputies/import refuses HTML or an EXE named .xlsx; no job is started', async () => {
    const jobs = await countRows('importJob');
    for (const bytes of [HTML, EXE, PLAIN_ZIP]) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/deputies/import',
        ...named(bytes, '名册.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      });
      expectRefusedOnFile(res);
    }
    expect(await countRows('importJob')).toBe(jobs);
  });
});

describe('PUT /deputies/:id/photo', () => {
  it('refuses HTML or a PDF named .jpg/.png and keeps the old photo; a real PNG is served as image/png, nosniff', async () => {
    const url = `/api/v1/deputies/${world.deputyA.id}/photo`;
    for (const [bytes, name] of [
      [HTML, 'photo.jpg'],
      [PDF, 'photo.png'],
      [EXE, 'photo.jpeg'],
    ] as const) {
      const res = await admin.request({ method: 'PUT', url, ...named(bytes, name, 'image/jpeg') });
      expectRefusedOnFile(res);
    }
    expect((await admin.get(url)).statusCode).toBe(404);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d5a0f90000000049454e44ae426082',
      'hex',
    );
    expect((await admin.request({ method: 'PUT', url, ...named(png, '../../etc/passwd') })).statusCode).toBe(200);
    const got = await admin.get(url);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    // The photo lives in the database row, never as a file named by the client.
    expect(walk(root)).toEqual([]);
  });
});

describe('file names', () => {
  const hostile: [string, string][] = [
    ['unix traversal', 'filename="../../etc/passwd.pdf"'],
    ['windows traversal', 'filename="..\\\\..\\\\x.pdf"'],
    ['absolute path', 'filename="/etc/cron.d/evil.pdf"'],
    ['windows absolute path', 'filename="C:\\\\Windows\\\\system32\\\\evil.pdf"'],
    ['NUL inside', "filename*=UTF-8''a%00b.pdf"],
    ['quotes and semicolons', `filename*=UTF-8''a%22%3B%20filename%3D%22evil.html`],
    ['very long', `filename="${'长'.repeat(3000)}.pdf"`],
    ['only dots', 'filename="...."'],
  ];

  it.each(hostile)('%s: stored under a generated key inside FILES_DIR, the name kept as clean metadata, safe download header', async (_label, disposition) => {
    const before = new Set(walk(root));
    const res = await admin.request({ method: 'POST', url: '/api/v1/files', ...rawMultipart(PDF, disposition, 'application/pdf') });
    expect(res.statusCode, res.body).toBe(201);
    const meta = res.json();
    const row = await db.selectFrom('storedFile').selectAll().where('id', '=', meta.id).executeTakeFirstOrThrow();

    // The bytes: exactly one new file, under FILES_DIR, named by the generated key and nothing else.
    const added = walk(root).filter((f) => !before.has(f));
    expect(added).toHaveLength(1);
    const abs = path.resolve(root, added[0]);
    expect(abs.startsWith(filesDir + path.sep)).toBe(true);
    expect(path.basename(abs)).toBe(row.storageKey);
    expect(row.storageKey).toMatch(/^[0-9A-Z]{26}$/);
    expect(fs.readFileSync(abs).equals(PDF)).toBe(true);

    // The name: metadata only — no path separators, no control characters, bounded, the real extension.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that none are there
    expect(row.name).not.toMatch(/[\\/\u0000-\u001f\u007f"]/);
    expect(row.name.length).toBeLessThanOrEqual(120);
    expect(row.name).toMatch(/\.pdf$/);
    expect(row.name).not.toMatch(/^\./);

    // The download header: one line, an ASCII fallback, the real name only percent-encoded.
    const dl = await admin.get(`/api/v1/files/${meta.id}`);
    expect(dl.statusCode).toBe(200);
    const cd = String(dl.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="file\.pdf"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodeURIComponent(cd.split("''")[1])).toBe(row.name);
    expect(dl.headers['set-cookie']).toBeUndefined();
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
  });

  it('a name carrying CR LF (RFC 2231 encoded) never becomes a file part: 400 on "file", nothing stored', async () => {
    // Busboy drops such a part; were it ever accepted, cleanFileName strips control characters and
    // contentDisposition percent-encodes the rest (content-disposition.test.ts covers the header itself).
    const rows = await countRows('storedFile');
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/files',
      ...rawMultipart(PDF, "filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1%0D%0A.pdf", 'application/pdf'),
    });
    expectRefusedOnFile(res);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await countRows('storedFile')).toBe(rows);
  });

  it('nothing was ever written outside FILES_DIR', () => {
    for (const f of walk(root)) expect(path.resolve(root, f).startsWith(filesDir + path.sep), f).toBe(true);
  });
});
