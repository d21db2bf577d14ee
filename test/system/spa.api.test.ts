import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/kysely.ts';
import { freshDatabase } from '../db.ts';

// With a built web app present (as after `npm start`), client routes get index.html and unknown API
// paths still get the JSON error envelope. This once crashed at start: two not-found handlers.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-web-'));
let database: Database;
beforeAll(async () => {
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>人大工作台</title>');
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('serves index.html for client routes and the envelope for unknown API paths', async () => {
  const app = await buildApp({ db: database.db, engine: database.engine, config: { ...loadConfig({}), webDist: dir } });
  const page = await app.inject({ method: 'GET', url: '/deputies/01ABC' });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('人大工作台');
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  expect(api.statusCode).toBe(404);
  expect(api.json().code).toBe('NOT_FOUND');
  await app.close();
});
