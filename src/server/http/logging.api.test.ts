import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeWorld } from '../../../test/app.ts';
import { freshDatabase } from '../../../test/db.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { newId } from '../lib/ids.ts';
import { renderCaptchaSvg } from '../modules/portal/captcha.ts';
import { logUrl, loggerOptions, scrubPersonalNumbers } from './logging.ts';

/*
 * Residents' phone and ID numbers never reach the log. The app is built with the server's own logger
 * options (loggerOptions, as main.ts uses them) at level trace, writing into memory; requests carry a
 * phone and an ID number in bodies, in a search query, in a refused body and in a 500's error.
 */

const PHONE = '13912345678';
const ID_NUMBER = '43010219750302123X';
const LANDLINE = '0731-84561234';
const ANSWER = 'HXK7';

let app: FastifyInstance;
let admin: Client;
let close: () => Promise<void>;
let world: Awaited<ReturnType<typeof makeWorld>>;
const lines: string[] = [];
const logText = () => lines.join('');

beforeAll(async () => {
  const database = await freshDatabase();
  world = await makeWorld(database.db);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-log-'));
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const config = { ...loadConfig({}), webDist: '/nonexistent', filesDir };
  app = await buildApp(
    { db: database.db, engine: database.engine, config, portal: { makeCaptcha: () => ({ answer: ANSWER, svg: renderCaptchaSvg(ANSWER) }) } },
    { logger: loggerOptions('trace', sink) },
  );
  // A route that fails the way a database driver does: the value in the message and in `detail`.
  app.post('/api/v1/__test/boom', { config: { access: { public: true } } }, async () => {
    throw Object.assign(new Error(`invalid input syntax for type integer: "${PHONE}"`), {
      detail: `Key (id_number)=(${ID_NUMBER}) already exists.`,
      parameters: [PHONE, ID_NUMBER],
    });
  });
  admin = await login(app, world.users.town_admin.username);
  close = async () => {
    await app.close();
    await database.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  };
});
afterAll(() => close());

describe('the log', () => {
  it('holds no phone or ID number after requests that carry them', async () => {
    const reception = await admin.post('/api/v1/receptions', {
      stationId: world.stationA.id,
      date: '2026-03-02',
      deputyIds: [world.deputyA.id],
      matters: [
        { visitorName: '王大爷', visitorPhone: PHONE, category: '民政', content: `身份证 ${ID_NUMBER}，电话 ${LANDLINE}，申请低保`, routing: 'on_spot' },
      ],
    });
    expect(reception.statusCode, reception.body).toBe(201);

    const captcha = (await app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json().id;
    const opinion = await app.inject({
      method: 'POST',
      url: '/api/v1/public/towns/T01/opinions',
      payload: {
        captchaId: captcha,
        captchaAnswer: ANSWER,
        idempotencyKey: `key-${newId()}`,
        targetType: 'station',
        stationId: world.stationA.id,
        category: '交通',
        content: `我的身份证 ${ID_NUMBER}`,
        name: '赵六',
        phone: PHONE,
      },
    });
    expect(opinion.statusCode, opinion.body).toBe(201);

    // Refused bodies: the schema's 400 and a service's 400.
    const bad = await admin.post('/api/v1/deputies', { name: '测试', phone: PHONE, idNumber: ID_NUMBER });
    expect(bad.statusCode).toBe(400);
    const badMatter = await admin.post('/api/v1/receptions', {
      stationId: world.stationA.id,
      date: '2026-03-02',
      deputyIds: [world.deputyA.id],
      matters: [{ visitorPhone: `电话${PHONE}`, category: '民政', content: ID_NUMBER, routing: 'on_spot' }],
    });
    expect(badMatter.statusCode).toBe(400);

    // Searches put the number in the URL.
    expect((await admin.get(`/api/v1/deputies?q=${PHONE}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/receptions?q=${encodeURIComponent(ID_NUMBER)}&page=1`)).statusCode).toBe(200);

    // A 500 whose error carries the values.
    const boom = await app.inject({ method: 'POST', url: '/api/v1/__test/boom', payload: { phone: PHONE, idNumber: ID_NUMBER } });
    expect(boom.statusCode).toBe(500);

    const text = logText();
    // The log did record these requests (so the test can fail): the lines and the 500 are there.
    expect(text).toContain('/api/v1/receptions');
    expect(text).toContain('/api/v1/public/towns/T01/opinions');
    expect(text).toContain('unhandled error');
    expect(text).toContain('invalid input syntax for type integer');
    expect(text).toContain('/api/v1/deputies?q=~');
    expect(text).toContain('page=1');

    for (const secret of [PHONE, ID_NUMBER, ID_NUMBER.slice(0, 17), '84561234', 'already exists']) expect(text, secret).not.toContain(secret);
    // Every line is still JSON (the scrub never breaks a number field).
    for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('scrubPersonalNumbers / logUrl', () => {
  it('hides mobiles (with +86), landlines, 18- and 15-digit ID numbers, not times or ids', () => {
    expect(scrubPersonalNumbers(`a ${PHONE} b +86 13800001111 c ${LANDLINE} d ${ID_NUMBER} e 430102750302123`)).toBe(
      'a [号码已隐去] b [号码已隐去] c [号码已隐去] d [号码已隐去] e [号码已隐去]',
    );
    const line = '{"level":30,"time":1765100000000,"responseTime":0.13912345678,"reqId":"01JEXAMPLE0000000000000000"}';
    expect(scrubPersonalNumbers(line)).toBe(line);
  });

  it('keeps plain query values and hides free text and long digit runs', () => {
    expect(logUrl('/api/v1/x?page=2&from=2026-01-01&stationId=01JEXAMPLE')).toBe('/api/v1/x?page=2&from=2026-01-01&stationId=01JEXAMPLE');
    expect(logUrl(`/api/v1/x?q=${PHONE}&name=${encodeURIComponent('王大爷')}&n=123456`)).toBe('/api/v1/x?q=~&name=~&n=~');
    expect(logUrl('/api/v1/x')).toBe('/api/v1/x');
  });
});
