import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type World, anon, login, makeWorld } from '../../../../test/app.ts';
import { freshDatabase } from '../../../../test/db.ts';
import { makeDeputy, makeStation, makeUser, makeVillage } from '../../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { renderCaptchaSvg } from './captcha.ts';
import { updateSubmission } from './portal.repo.ts';
import { CODE_ALPHABET, LIMITS } from './portal.rules.ts';

/*
 * The public portal through the API, on SQLite and (TEST_DB=postgres) PostgreSQL: what the public
 * reads, the captcha, rate limits, safe retries, hostile input, and the staff inbox.
 * The app is built with a captcha maker whose answer the test knows (AppDeps.portal) — the only way to
 * pass the captcha, and one that exists only where a test builds the app.
 */
const ANSWER = 'HXK7';
let app: FastifyInstance;
let db: Kysely<DB>;
let world: World;
let closeDb: () => Promise<void>;
let filesDir: string;
let admin: Client;
let liaison: Client;
let liaison2: Client;
let stationA2: { id: string; name: string };
let deputyA2: { id: string };
let villageA: { id: string };
let villageB: { id: string };
let privateDeputy: { id: string };

const BASE = '/api/v1/public';
let ipSeq = 0;
const nextIp = () => `10.77.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  const database = await freshDatabase();
  db = database.db;
  closeDb = database.close;
  world = await makeWorld(db);
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-files-'));
  const config = { ...loadConfig({}), webDist: '/nonexistent', filesDir };
  app = await buildApp({ db, engine: database.engine, config, portal: { makeCaptcha: () => ({ answer: ANSWER, svg: renderCaptchaSvg(ANSWER) }) } });
  const { townA, townB, termA, stationA, county } = world;
  await db
    .updateTable('station')
    .set({ address: '甲镇人民路 1 号', phone: '0731-84561234', scheduleRule: JSON.stringify({ type: 'monthly_days', days: [9, 19] }) })
    .where('id', '=', stationA.id)
    .execute();
  await db
    .updateTable('deputy')
    .set({ phone: '13912345678', idNumber: '430102197503021234', notes: '内部备注：不宜公开', workplace: '甲镇中心小学', title: '校长', isCountyLevel: 1 })
    .where('id', '=', world.deputyA.id)
    .execute();
  privateDeputy = world.deputyA;
  stationA2 = await makeStation(db, townA.id, 'S02', '甲镇第二联络站');
  deputyA2 = await makeDeputy(db, townA.id, termA.id, { code: 'D002', name: '张秀英', gender: 'female', stationId: stationA2.id });
  await makeDeputy(db, townA.id, termA.id, { code: 'D009', name: '钱已辞', status: 'resigned', stationId: stationA.id });
  villageA = await makeVillage(db, townA.id, 'V01', '东村');
  villageB = await makeVillage(db, townB.id, 'V01', '西村');
  await makeUser(db, { countyId: county.id, townId: townA.id, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  admin = await login(app, 'admin_a');
  liaison = await login(app, 'liaison_a');
  liaison2 = await login(app, 'liaison_a2');
});
afterAll(async () => {
  await app.close();
  await closeDb();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function newCaptcha(ip = nextIp()): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `${BASE}/captcha`, remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

const opinion = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `key-${newId()}`,
  targetType: 'station',
  stationId: world.stationA.id,
  category: '交通',
  content: '村口路灯坏了三个月，晚上出行不便。',
  ...over,
});

async function submit(body: Record<string, unknown>, opts: { ip?: string; town?: string } = {}) {
  const captchaId = body.captchaId ?? (await newCaptcha());
  return app.inject({
    method: 'POST',
    url: `${BASE}/towns/${opts.town ?? 'T01'}/opinions`,
    payload: { captchaAnswer: ANSWER, ...body, captchaId },
    remoteAddress: opts.ip ?? nextIp(),
  });
}

const rows = () => db.selectFrom('portalSubmission').selectAll().execute();
const countRows = async () => (await rows()).length;

describe('public reads', () => {
  it('lists towns and one town’s stations with reception days, categories (defaults) and villages', async () => {
    const towns = await app.inject({ method: 'GET', url: `${BASE}/towns` });
    expect(towns.statusCode).toBe(200);
    expect(towns.json()).toEqual([
      { code: 'T01', name: '甲镇' },
      { code: 'T02', name: '乙镇' },
    ]);
    const res = await app.inject({ method: 'GET', url: `${BASE}/towns/T01` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.town).toEqual({ code: 'T01', name: '甲镇' });
    const s = body.stations.find((x: { id: string }) => x.id === world.stationA.id);
    expect(s).toMatchObject({ name: '甲镇代表联络站', address: '甲镇人民路 1 号', phone: '0731-84561234', schedule: '每月9日、19日' });
    expect(s.nextDays).toHaveLength(3);
    for (const d of s.nextDays) expect(d.slice(8)).toMatch(/^(09|19)$/);
    expect(body.stations.map((x: { name: string }) => x.name)).toEqual(['甲镇代表联络站', '甲镇第二联络站']);
    expect(body.categories).toEqual(['交通', '卫生', '城建', '民政', '国土', '教育', '环保', '农业农村', '安全生产', '社会保障', '其他']);
    expect(body.villages).toEqual([{ id: villageA.id, name: '东村' }]);
    expect((await app.inject({ method: 'GET', url: `${BASE}/towns/NOPE` })).statusCode).toBe(404);
  });

  it('a town’s own categories replace the defaults', async () => {
    await db
      .insertInto('suggestionSettings')
      .values({
        townId: world.townB.id,
        categories: JSON.stringify(['饮水', '道路']),
        grades: '[]',
        replyMonths: 3,
        returnWorkingDays: 7,
        rehandleDays: 30,
        dueSoonDays: 14,
        updatedAt: nowIso(),
      })
      .execute();
    expect((await app.inject({ method: 'GET', url: `${BASE}/towns/T02` })).json().categories).toEqual(['饮水', '道路']);
  });

  it('deputies: only the published fields, serving ones of the town; never phone, ID number, birth date or notes', async () => {
    const res = await app.inject({ method: 'GET', url: `${BASE}/towns/T01/deputies` });
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.map((d: { name: string }) => d.name)).toEqual(['李明华', '张秀英']);
    const d = list[0];
    expect(Object.keys(d).sort()).toEqual(['constituency', 'gender', 'id', 'level', 'name', 'party', 'station', 'stationId', 'title', 'workplace']);
    expect(d).toMatchObject({
      id: privateDeputy.id,
      gender: 'male',
      party: '中共党员',
      level: 'both',
      station: '甲镇代表联络站',
      workplace: '甲镇中心小学',
      title: '校长',
    });
    for (const secret of ['13912345678', '430102197503021234', '1975-03-02', '内部备注']) expect(res.body).not.toContain(secret);
    expect((await app.inject({ method: 'GET', url: `${BASE}/towns/NOPE/deputies` })).statusCode).toBe(404);
  });
});

describe('captcha', () => {
  it('is an SVG of strokes; only a keyed hash of the answer is stored, with a 10-minute expiry', async () => {
    const res = await app.inject({ method: 'GET', url: `${BASE}/captcha`, remoteAddress: nextIp() });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.svg).toMatch(/^<svg /);
    expect(c.svg).not.toContain(ANSWER);
    expect(res.headers['cache-control']).toBe('no-store');
    const row = await db.selectFrom('portalCaptcha').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.answerHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(ANSWER);
    expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBe(10 * 60_000);
    expect(row.usedAt).toBeNull();
  });

  it('issuance is limited per client: 429 in Chinese with Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < LIMITS.captchaPerClient.max; i++) await newCaptcha(ip);
    const res = await app.inject({ method: 'GET', url: `${BASE}/captcha`, remoteAddress: ip });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('TOO_MANY_REQUESTS');
    expect(res.json().message).toMatch(/^获取验证码过于频繁，请 \d+ 分钟后再试$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    await newCaptcha();
  });
});

describe('submitting an opinion', () => {
  it('happy path: 201 with a tracking code; stored as text; audited as 公众; staff notified; the code tracks it', async () => {
    const ip = nextIp();
    const body = opinion({ name: '王大妈', phone: '138 1234 5678', villageId: villageA.id });
    const res = await submit(body, { ip });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    expect(trackingCode).toMatch(new RegExp(`^[${CODE_ALPHABET}]{10}$`));
    const row = await db.selectFrom('portalSubmission').selectAll().where('trackingCode', '=', trackingCode).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      townId: world.townA.id,
      status: 'received',
      targetType: 'station',
      stationId: world.stationA.id,
      deputyId: null,
      name: '王大妈',
      phone: '13812345678',
      villageId: villageA.id,
      category: '交通',
      content: body.content,
    });
    // The address is kept only as a keyed hash.
    expect(row.clientHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain(ip);
    const ev = await db.selectFrom('auditEvent').selectAll().where('entity', '=', 'portal_submission').where('entityId', '=', row.id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'create', actorName: '公众', actorRole: 'public', actorUserId: null, townId: world.townA.id });
    expect(ev.ip).not.toContain(ip);
    expect(ev.changes).not.toContain('13812345678');
    expect(ev.changes).toContain('138****5678');
    const notes = await db.selectFrom('notification').select(['userId', 'link']).where('entityId', '=', row.id).execute();
    expect(notes.map((n) => n.userId).sort()).toEqual([world.users.town_admin.id, world.users.liaison.id].sort());

    const tr = await app.inject({ method: 'GET', url: `${BASE}/track/${trackingCode.toLowerCase().slice(0, 5)}-${trackingCode.slice(5)}` });
    expect(tr.statusCode).toBe(200);
    const t = tr.json();
    expect(t).toMatchObject({
      trackingCode,
      town: { code: 'T01', name: '甲镇' },
      target: { type: 'station', name: '甲镇代表联络站' },
      status: 'received',
      stage: 'received',
      stageLabel: '已收到',
      answer: null,
      declineReason: null,
      content: body.content,
    });
    expect(t.steps).toHaveLength(1);
    // No personal data of the resident on the public page.
    expect(tr.body).not.toContain('王大妈');
    expect(tr.body).not.toContain('13812345678');
  });

  it('to a deputy: their station’s liaison is told; the answer is case-insensitive', async () => {
    const res = await submit(opinion({ targetType: 'deputy', stationId: undefined, deputyId: deputyA2.id, captchaAnswer: ANSWER.toLowerCase() }));
    expect(res.statusCode, res.body).toBe(201);
    const row = await db.selectFrom('portalSubmission').selectAll().where('trackingCode', '=', res.json().trackingCode).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ targetType: 'deputy', deputyId: deputyA2.id, stationId: null });
    const notes = await db.selectFrom('notification').select('userId').where('entityId', '=', row.id).execute();
    const liaison2Id = (await db.selectFrom('appUser').select('id').where('username', '=', 'liaison_a2').executeTakeFirstOrThrow()).id;
    expect(notes.map((n) => n.userId)).toContain(liaison2Id);
  });

  it('a wrong captcha answer: 400 naming captchaAnswer, nothing written, and that captcha is used up', async () => {
    const before = await countRows();
    const captchaId = await newCaptcha();
    const wrong = await submit(opinion({ captchaId, captchaAnswer: 'AAAA' }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0].field).toBe('body.captchaAnswer');
    expect(wrong.json().message).toContain('验证码不正确');
    const reused = await submit(opinion({ captchaId }));
    expect(reused.statusCode).toBe(400);
    expect(reused.json().details.issues[0].field).toBe('body.captchaAnswer');
    expect(reused.json().message).toContain('已使用');
    expect(await countRows()).toBe(before);
  });

  it('an expired, unknown or already used captcha: 400 captchaAnswer', async () => {
    const before = await countRows();
    const expired = await newCaptcha();
    await db
      .updateTable('portalCaptcha')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expired)
      .execute();
    const e = await submit(opinion({ captchaId: expired }));
    expect(e.statusCode).toBe(400);
    expect(e.json().details.issues[0].field).toBe('body.captchaAnswer');
    expect(e.json().message).toContain('过期');
    const u = await submit(opinion({ captchaId: 'no-such-captcha' }));
    expect(u.statusCode).toBe(400);
    expect(u.json().details.issues[0].field).toBe('body.captchaAnswer');
    const missing = await submit(opinion({ captchaAnswer: '' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].field).toBe('body.captchaAnswer');
    expect(await countRows()).toBe(before);

    const used = await newCaptcha();
    expect((await submit(opinion({ captchaId: used }))).statusCode).toBe(201);
    const again = await submit(opinion({ captchaId: used }));
    expect(again.statusCode).toBe(400);
    expect(again.json().details.issues[0].field).toBe('body.captchaAnswer');
  });

  it('bad fields: 400 naming the field, nothing written (and the captcha still usable)', async () => {
    const before = await countRows();
    const captchaId = await newCaptcha();
    const cases: [Record<string, unknown>, string][] = [
      [{ content: '太短了' }, 'body.content'],
      [{ content: '长'.repeat(2001) }, 'body.content'],
      [{ name: '名'.repeat(21) }, 'body.name'],
      [{ phone: '12345' }, 'body.phone'],
      [{ category: '不存在的类别' }, 'body.category'],
      [{ category: '饮水' }, 'body.category'], // town B's category, not town A's
      [{ stationId: world.stationB.id }, 'body.stationId'],
      [{ stationId: undefined }, 'body.stationId'],
      [{ targetType: 'deputy', deputyId: world.deputyB.id }, 'body.deputyId'],
      [{ targetType: 'deputy' }, 'body.deputyId'],
      [{ targetType: 'county' }, 'body.targetType'],
      [{ villageId: villageB.id }, 'body.villageId'],
      [{ idempotencyKey: 'short' }, 'body.idempotencyKey'],
      [{ idempotencyKey: 'has spaces in it' }, 'body.idempotencyKey'],
    ];
    for (const [over, field] of cases) {
      const res = await submit(opinion({ ...over, captchaId }));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
      expect(res.json().message).toMatch(/：/);
    }
    const category = await submit(opinion({ category: '不存在的类别', captchaId }));
    expect(category.json().message).toBe('类别：请从列表中选择类别');
    expect(await countRows()).toBe(before);
    expect((await submit(opinion({ captchaId }))).statusCode).toBe(201);
    expect((await submit(opinion(), { town: 'NOPE' })).statusCode).toBe(404);
  });

  it('a retry with the same idempotency key answers the first code (200) and writes nothing', async () => {
    const body = opinion();
    const first = await submit(body);
    expect(first.statusCode).toBe(201);
    const n = await countRows();
    const audits = await db.selectFrom('auditEvent').select('id').where('entity', '=', 'portal_submission').execute();
    // The same request again (its captcha already used), and with a new captcha.
    const again = await app.inject({
      method: 'POST',
      url: `${BASE}/towns/T01/opinions`,
      payload: { ...body, captchaId: 'used-or-not', captchaAnswer: ANSWER },
      remoteAddress: nextIp(),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const third = await submit(body);
    expect(third.statusCode).toBe(200);
    expect(third.json().trackingCode).toBe(first.json().trackingCode);
    expect(await countRows()).toBe(n);
    expect((await db.selectFrom('auditEvent').select('id').where('entity', '=', 'portal_submission').execute()).length).toBe(audits.length);
    // The same key in another town is another submission.
    const other = await submit(opinion({ idempotencyKey: body.idempotencyKey, stationId: world.stationB.id, category: '道路' }), { town: 'T02' });
    expect(other.statusCode).toBe(201);
    expect(other.json().trackingCode).not.toBe(first.json().trackingCode);
  });

  it('concurrent duplicates (a double tap) make one row, and every answer carries its code', async () => {
    const body = opinion();
    const captchaId = await newCaptcha();
    const ip = nextIp();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit({ ...body, captchaId }, { ip })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().trackingCode)).size).toBe(1);
    expect((await rows()).filter((r) => r.idempotencyKey === body.idempotencyKey && r.townId === world.townA.id)).toHaveLength(1);
  });

  it('100 rapid submissions from one client: the first 5 are accepted, the rest 429, nothing half-written', async () => {
    // Captchas fetched from many addresses (issuance has its own limit); the opinions all come from one.
    const captchas = [];
    for (let i = 0; i < 100; i++) captchas.push(await newCaptcha());
    const ip = nextIp();
    const before = await countRows();
    const auditsBefore = (await db.selectFrom('auditEvent').select('id').where('entity', '=', 'portal_submission').execute()).length;
    const results = await Promise.all(captchas.map((captchaId, i) => submit(opinion({ captchaId, content: `第 ${i} 条意见：路灯不亮` }), { ip })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(LIMITS.perClient.max);
    expect(codes.filter((c) => c === 429)).toHaveLength(100 - LIMITS.perClient.max);
    const refused = results.find((r) => r.statusCode === 429)!;
    expect(refused.json().code).toBe('TOO_MANY_REQUESTS');
    expect(refused.json().message).toMatch(/^提交过于频繁，请 \d+ 分钟后再试$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await countRows()) - before).toBe(LIMITS.perClient.max);
    const audits = (await db.selectFrom('auditEvent').select('id').where('entity', '=', 'portal_submission').execute()).length;
    expect(audits - auditsBefore).toBe(LIMITS.perClient.max);
    // Every accepted one is whole: its code tracks it.
    for (const r of results.filter((x) => x.statusCode === 201)) {
      expect((await app.inject({ method: 'GET', url: `${BASE}/track/${r.json().trackingCode}` })).statusCode).toBe(200);
    }
    // Refused requests did not use up their captchas.
    const used = await db.selectFrom('portalCaptcha').select('id').where('id', 'in', captchas).where('usedAt', 'is not', null).execute();
    expect(used).toHaveLength(LIMITS.perClient.max);
    // Another client still gets through.
    expect((await submit(opinion())).statusCode).toBe(201);
  });

  it('a town that receives too many in the hour refuses more, whoever sends them', async () => {
    const at = nowIso();
    const values = Array.from({ length: LIMITS.perTown.max }, (_, i) => ({
      id: newId(),
      townId: world.townB.id,
      trackingCode: `F${String(i).padStart(9, '0')}`,
      idempotencyKey: `flood-${i}`,
      targetType: 'station' as const,
      stationId: world.stationB.id,
      category: '道路',
      content: '批量意见',
      clientHash: `c${i}`,
      createdAt: at,
      updatedAt: at,
    }));
    await db.insertInto('portalSubmission').values(values).execute();
    const res = await submit(opinion({ stationId: world.stationB.id, category: '道路' }), { town: 'T02' });
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toMatch(/^本镇当前收到的意见较多，请 \d+ 分钟后再试$/);
  });

  it('a 1 MB text is refused cleanly (413) and the server goes on answering', async () => {
    const res = await submit(opinion({ content: '很'.repeat(1024 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    const ascii = await submit(opinion({ content: 'x'.repeat(1024 * 1024) }));
    expect(ascii.statusCode).toBe(413);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect((await submit(opinion())).statusCode).toBe(201);
  });

  it('script tags and formula text in every free-text field are stored and returned verbatim as text', async () => {
    const script = '<script>alert(1)</script>';
    const formula = '=HYPERLINK("http://x","y")';
    const content = `${script} ${formula} @SUM(1+1) +cmd|' /C calc'!A0`;
    const res = await submit(opinion({ name: '<script>x</script>', content }));
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().trackingCode;
    const row = await db.selectFrom('portalSubmission').selectAll().where('trackingCode', '=', code).executeTakeFirstOrThrow();
    expect(row.name).toBe('<script>x</script>');
    expect(row.content).toBe(content);
    const named = await submit(opinion({ name: '=HYPERLINK("x","y")' }));
    expect(named.statusCode).toBe(201);

    const tr = await app.inject({ method: 'GET', url: `${BASE}/track/${code}` });
    expect(tr.headers['content-type']).toContain('application/json');
    expect(tr.json().content).toBe(content);

    const list = (await admin.get('/api/v1/portal-submissions?pageSize=200')).json();
    const item = list.items.find((x: { trackingCode: string }) => x.trackingCode === code);
    expect(item.content).toBe(content);
    expect(item.name).toBe('<script>x</script>');
    expect(list.items.some((x: { name: string }) => x.name === '=HYPERLINK("x","y")')).toBe(true);

    const answered = await admin.post(`/api/v1/portal-submissions/${item.id}/answer`, { publicReply: `${script}${formula}`, version: item.version });
    expect(answered.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `${BASE}/track/${code}` })).json().answer).toBe(`${script}${formula}`);
  });
});

describe('tracking', () => {
  it('404 for an unknown or malformed code', async () => {
    for (const c of ['ABCDEFGHJK', 'short', "ABCDE'OR'1"]) {
      const res = await app.inject({ method: 'GET', url: `${BASE}/track/${encodeURIComponent(c)}` });
      expect(res.statusCode, c).toBe(404);
      expect(res.json().message).toBe('查询码不存在');
    }
  });

  it('follows a linked suggestion in public words, with its published answer', async () => {
    const res = await submit(opinion());
    const code = res.json().trackingCode;
    const sid = newId();
    const at = nowIso();
    await db
      .insertInto('suggestion')
      .values({
        id: sid,
        townId: world.townA.id,
        code: '2026-900',
        year: 2026,
        kind: 'opinion',
        title: '修复村口路灯',
        sourceType: 'portal',
        category: '交通',
        state: 'handling',
        assignedOn: '2026-03-05',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db.updateTable('portalSubmission').set({ suggestionId: sid, status: 'accepted', handledAt: at }).where('trackingCode', '=', code).execute();
    let t = (await app.inject({ method: 'GET', url: `${BASE}/track/${code}` })).json();
    expect(t).toMatchObject({ status: 'accepted', stage: 'handling', stageLabel: '办理中', answer: null });
    expect(t.steps.map((s: { stage: string }) => s.stage)).toEqual(['received', 'accepted', 'handling']);
    expect(JSON.stringify(t)).not.toMatch(/handling_unit|unitId|deputyId|leadUnit/);

    await db
      .updateTable('suggestion')
      .set({ state: 'closed', repliedOn: '2026-04-01', grade: 'A', closedAt: at, publicAnswer: '已更换路灯' })
      .where('id', '=', sid)
      .execute();
    t = (await app.inject({ method: 'GET', url: `${BASE}/track/${code}` })).json();
    expect(t).toMatchObject({ stage: 'closed', stageLabel: '已办结', answer: null });
    await db.updateTable('suggestion').set({ published: 1 }).where('id', '=', sid).execute();
    t = (await app.inject({ method: 'GET', url: `${BASE}/track/${code}` })).json();
    expect(t.answer).toBe('已更换路灯');
    // Linked to a suggestion, it can no longer be declined.
    const item = (await admin.get('/api/v1/portal-submissions?status=accepted&pageSize=200'))
      .json()
      .items.find((x: { trackingCode: string }) => x.trackingCode === code);
    expect(item.suggestion).toEqual({ id: sid, code: '2026-900', state: 'closed' });
    expect((await admin.post(`/api/v1/portal-submissions/${item.id}/decline`, { reason: '重复', version: item.version })).statusCode).toBe(409);
  });
});

describe('published results', () => {
  it('lists the town’s published suggestions with the grade label and public answer, newest first', async () => {
    const at = nowIso();
    const mk = (townId: string, code: string, published: number, closedAt: string | null) => ({
      id: newId(),
      townId,
      code,
      year: 2026,
      kind: 'suggestion' as const,
      title: `建议 ${code}`,
      sourceType: 'deputy' as const,
      category: '城建',
      state: 'closed' as const,
      grade: 'B',
      repliedOn: '2026-05-01',
      closedAt,
      published,
      publicAnswer: `答复 ${code}`,
      createdAt: at,
      updatedAt: at,
    });
    await db
      .insertInto('suggestion')
      .values([
        mk(world.townA.id, '2026-001', 1, '2026-05-10T02:00:00.000Z'),
        mk(world.townA.id, '2026-002', 1, '2026-06-10T02:00:00.000Z'),
        mk(world.townA.id, '2026-003', 0, at),
        mk(world.townB.id, '2026-001', 1, at),
      ])
      .execute();
    const res = await app.inject({ method: 'GET', url: `${BASE}/towns/T01/results?page=1&pageSize=10` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // 2026-900 was published by the tracking test above (closed today, so it comes first).
    expect(body.total).toBe(3);
    expect(body.items.map((x: { code: string }) => x.code)).toEqual(['2026-900', '2026-002', '2026-001']);
    expect(body.items[1]).toEqual({
      code: '2026-002',
      title: '建议 2026-002',
      category: '城建',
      grade: 'B',
      gradeLabel: '正在解决或列入规划',
      publicAnswer: '答复 2026-002',
      repliedOn: '2026-05-01',
      closedDate: '2026-06-10',
    });
    expect((await app.inject({ method: 'GET', url: `${BASE}/towns/T01/results?pageSize=500` })).statusCode).toBe(400);
  });

  it('an item sent back to re-handling leaves the list (and its answer the tracking page) until it is replied again', async () => {
    const res = await submit(opinion());
    const code = res.json().trackingCode;
    const sid = newId();
    const at = nowIso();
    await db
      .insertInto('suggestion')
      .values({
        id: sid,
        townId: world.townA.id,
        code: '2026-950',
        year: 2026,
        kind: 'opinion',
        title: '重新办理的建议',
        sourceType: 'portal',
        category: '交通',
        state: 'replied',
        grade: 'A',
        repliedOn: '2026-07-01',
        published: 1,
        publicAnswer: '已答复，待评价',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db.updateTable('portalSubmission').set({ suggestionId: sid, status: 'accepted', handledAt: at }).where('trackingCode', '=', code).execute();
    const listed = async () =>
      ((await app.inject({ method: 'GET', url: `${BASE}/towns/T01/results?pageSize=100` })).json().items as { code: string }[]).map((x) => x.code);
    const answer = async () => (await app.inject({ method: 'GET', url: `${BASE}/track/${code}` })).json().answer;
    expect(await listed()).toContain('2026-950');
    expect(await answer()).toBe('已答复，待评价');
    // A dissatisfied rating: rehandling, the published flag still set.
    await db.updateTable('suggestion').set({ state: 'rehandling' }).where('id', '=', sid).execute();
    expect(await listed()).not.toContain('2026-950');
    expect(await answer()).toBeNull();
    for (const state of ['following', 'closed'] as const) {
      await db.updateTable('suggestion').set({ state }).where('id', '=', sid).execute();
      expect(await listed(), state).toContain('2026-950');
    }
  });
});

describe('staff inbox', () => {
  let toStationA: { trackingCode: string };
  let toStationA2: { trackingCode: string };
  let toDeputyA2: { trackingCode: string };
  const find = async (c: Client, code: string) =>
    (await c.get('/api/v1/portal-submissions?pageSize=200')).json().items.find((x: { trackingCode: string }) => x.trackingCode === code);

  beforeAll(async () => {
    toStationA = (await submit(opinion({ name: '李四', phone: '13900001111' }))).json();
    toStationA2 = (await submit(opinion({ stationId: stationA2.id, phone: '13900002222' }))).json();
    toDeputyA2 = (await submit(opinion({ targetType: 'deputy', stationId: undefined, deputyId: deputyA2.id }))).json();
  });

  it('401 without a session; 403 for deputies and handlers', async () => {
    expect((await anon(app).get('/api/v1/portal-submissions')).statusCode).toBe(401);
    for (const u of ['deputy_a', 'handler_a']) {
      const c = await login(app, u);
      expect((await c.get('/api/v1/portal-submissions')).statusCode, u).toBe(403);
    }
  });

  it('admins see the whole town with phones; a liaison what came to their station or its deputies', async () => {
    const all = (await admin.get('/api/v1/portal-submissions?pageSize=200')).json();
    const codes = all.items.map((x: { trackingCode: string }) => x.trackingCode);
    for (const s of [toStationA, toStationA2, toDeputyA2]) expect(codes).toContain(s.trackingCode);
    const a = all.items.find((x: { trackingCode: string }) => x.trackingCode === toStationA.trackingCode);
    expect(a).toMatchObject({
      status: 'received',
      name: '李四',
      phone: '13900001111',
      station: { id: world.stationA.id, name: '甲镇代表联络站' },
      deputy: null,
      suggestion: null,
    });

    const mine = (await liaison.get('/api/v1/portal-submissions?pageSize=200')).json().items.map((x: { trackingCode: string }) => x.trackingCode);
    expect(mine).toContain(toStationA.trackingCode);
    expect(mine).not.toContain(toStationA2.trackingCode);
    expect(mine).not.toContain(toDeputyA2.trackingCode);
    const theirs = (await liaison2.get('/api/v1/portal-submissions?pageSize=200')).json();
    const byCode = new Map(theirs.items.map((x: { trackingCode: string }) => [x.trackingCode, x]));
    expect([...byCode.keys()]).toEqual(expect.arrayContaining([toStationA2.trackingCode, toDeputyA2.trackingCode]));
    expect(theirs.items.every((x: { station: { id: string } }) => x.station.id === stationA2.id)).toBe(true);
    expect(byCode.get(toStationA2.trackingCode)).toMatchObject({ phone: '13900002222' });
    expect(byCode.get(toDeputyA2.trackingCode)).toMatchObject({ deputy: { id: deputyA2.id, name: '张秀英' }, station: { id: stationA2.id } });

    // Another town's admin sees none of them; the status filter works; bad filters are 400.
    const b = (await (await login(app, 'admin_b')).get('/api/v1/portal-submissions?pageSize=200')).json();
    expect(b.items.map((x: { trackingCode: string }) => x.trackingCode)).not.toContain(toStationA.trackingCode);
    const received = (await admin.get('/api/v1/portal-submissions?status=received&pageSize=200')).json();
    expect(received.items.every((x: { status: string }) => x.status === 'received')).toBe(true);
    const bad = await admin.get('/api/v1/portal-submissions?status=open');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.status');
  });

  it('one submission: admins and its station’s liaison; 403 for another station’s, 404 for another town', async () => {
    const item = await find(admin, toStationA2.trackingCode);
    const url = `/api/v1/portal-submissions/${item.id}`;
    expect((await admin.get(url)).json()).toEqual(item);
    expect((await liaison2.get(url)).statusCode).toBe(200);
    expect((await liaison.get(url)).statusCode).toBe(403);
    expect((await (await login(app, 'admin_b')).get(url)).statusCode).toBe(404);
    expect((await anon(app).get(url)).statusCode).toBe(401);
  });

  it('decline: 400 without a reason, 404 for another town, 403 for another station’s liaison, 409 stale or twice, then 200', async () => {
    const item = await find(admin, toStationA.trackingCode);
    const url = `/api/v1/portal-submissions/${item.id}/decline`;
    const noReason = await admin.post(url, { reason: '  ', version: item.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    expect((await (await login(app, 'admin_b')).post(url, { reason: '不属于本镇', version: item.version })).statusCode).toBe(404);
    expect((await liaison2.post(url, { reason: '不属于本站', version: item.version })).statusCode).toBe(403);
    expect((await admin.post('/api/v1/portal-submissions/01ZZZZZZZZZZZZZZZZZZZZZZZZ/decline', { reason: 'x', version: 1 })).statusCode).toBe(404);
    const stale = await admin.post(url, { reason: '属于诉讼事项', version: item.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');

    const ok = await liaison.post(url, { reason: '属于诉讼事项，请通过司法途径解决', version: item.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'declined',
      declineReason: '属于诉讼事项，请通过司法途径解决',
      handledByName: 'liaison_a',
      version: item.version + 1,
    });
    const ev = await db.selectFrom('auditEvent').selectAll().where('entityId', '=', item.id).where('action', '=', 'decline').executeTakeFirstOrThrow();
    expect(ev.actorUserId).toBe(world.users.liaison.id);

    const twice = await admin.post(url, { reason: '再次', version: item.version + 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('INVALID_TRANSITION');
    const answerDeclined = await admin.post(`/api/v1/portal-submissions/${item.id}/answer`, { publicReply: '答复', version: item.version + 1 });
    expect(answerDeclined.statusCode).toBe(409);

    const t = (await app.inject({ method: 'GET', url: `${BASE}/track/${toStationA.trackingCode}` })).json();
    expect(t).toMatchObject({ status: 'declined', stage: 'declined', stageLabel: '未予受理', declineReason: '属于诉讼事项，请通过司法途径解决' });
    expect(t.steps.map((s: { stage: string }) => s.stage)).toEqual(['received', 'declined']);
    expect(JSON.stringify(t)).not.toContain('liaison_a');
  });

  it('a decision whose starting status changed after it was loaded changes nothing (conditional UPDATE)', async () => {
    // Sequential stand-in for the race with 转为建议 / another decision: the status moves on while the
    // version stays as read (a writer that does not bump it), so only the status condition stops the write.
    const code = (await submit(opinion())).json().trackingCode;
    const row = await db.selectFrom('portalSubmission').selectAll().where('trackingCode', '=', code).executeTakeFirstOrThrow();
    const at = nowIso();
    const decline = { status: 'declined' as const, declineReason: '重复', handledBy: world.users.town_admin.id, handledAt: at, updatedAt: at };
    const answer = { status: 'accepted' as const, publicReply: '已处理', handledBy: world.users.town_admin.id, handledAt: at, updatedAt: at };
    const sid = newId();
    await db
      .insertInto('suggestion')
      .values({ id: sid, townId: world.townA.id, code: '2026-960', year: 2026, kind: 'opinion', title: '转为建议', sourceType: 'portal', category: '交通', createdAt: at, updatedAt: at })
      .execute();
    await db.updateTable('portalSubmission').set({ status: 'accepted', suggestionId: sid }).where('id', '=', row.id).execute();
    expect(await updateSubmission(db, world.townA.id, row.id, row.version, decline, { statuses: ['received'], unlinked: true })).toBe(false);
    // Received again but still linked: a decline still changes nothing.
    await db.updateTable('portalSubmission').set({ status: 'received' }).where('id', '=', row.id).execute();
    expect(await updateSubmission(db, world.townA.id, row.id, row.version, decline, { statuses: ['received'], unlinked: true })).toBe(false);
    // Declined meanwhile: an answer does not overwrite the decline.
    await db.updateTable('portalSubmission').set({ status: 'declined', suggestionId: null }).where('id', '=', row.id).execute();
    expect(await updateSubmission(db, world.townA.id, row.id, row.version, answer, { statuses: ['received', 'accepted'] })).toBe(false);
    const after = await db.selectFrom('portalSubmission').select(['status', 'version', 'publicReply']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'declined', version: row.version, publicReply: '' });
    // From the status it expects, the same call writes.
    await db.updateTable('portalSubmission').set({ status: 'received' }).where('id', '=', row.id).execute();
    expect(await updateSubmission(db, world.townA.id, row.id, row.version, decline, { statuses: ['received'], unlinked: true })).toBe(true);
  });

  it('answer: the resident reads it by the code; the station’s liaison may answer what came to its deputy', async () => {
    const item = await find(liaison2, toDeputyA2.trackingCode);
    const url = `/api/v1/portal-submissions/${item.id}/answer`;
    expect((await liaison.post(url, { publicReply: '已转交', version: item.version })).statusCode).toBe(403);
    const empty = await liaison2.post(url, { publicReply: '', version: item.version });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toBe('body.publicReply');
    const ok = await liaison2.post(url, { publicReply: '张秀英代表已联系村委会，本周内修复。', version: item.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', publicReply: '张秀英代表已联系村委会，本周内修复。' });
    const t = (await app.inject({ method: 'GET', url: `${BASE}/track/${toDeputyA2.trackingCode}` })).json();
    expect(t).toMatchObject({
      status: 'accepted',
      stage: 'answered',
      stageLabel: '已答复',
      answer: '张秀英代表已联系村委会，本周内修复。',
      target: { type: 'deputy', name: '张秀英' },
    });
    // An answer may be corrected (the version moves on).
    const again = await admin.post(url, { publicReply: '已修复。', version: ok.json().version });
    expect(again.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `${BASE}/track/${toDeputyA2.trackingCode}` })).json().answer).toBe('已修复。');
  });
});
