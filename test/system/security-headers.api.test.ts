import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type TestCtx, setupApi } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

/*
 * The headers every answer carries (docs/security.md): a strict Content-Security-Policy (no inline or
 * foreign script, no framing), no MIME sniffing, no cross-origin embedding, no-store on the API, and HSTS
 * only where the request really came over HTTPS.
 */

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

const csp = (h: unknown) =>
  Object.fromEntries(
    String(h)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  ) as Record<string, string[]>;

describe('security headers', () => {
  it('an API answer: strict CSP, nosniff, DENY framing, same-origin isolation, no-store, no HSTS over HTTP', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.get('/api/v1/units');
    expect(res.statusCode).toBe(200);
    const h = res.headers;
    const policy = csp(h['content-security-policy']);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'self'"]);
    expect(policy['form-action']).toEqual(["'self'"]);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('same-origin');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['cross-origin-resource-policy']).toBe('same-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['cache-control']).toBe('no-store');
    expect(h['strict-transport-security']).toBeUndefined();
  });

  it('errors carry the same headers (a 404 and a 401)', async () => {
    for (const res of [await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), await t.app.inject({ method: 'GET', url: '/api/v1/units' })]) {
      expect([401, 404]).toContain(res.statusCode);
      expect(csp(res.headers['content-security-policy'])['script-src']).toEqual(["'self'"]);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('HSTS when a trusted proxy says the request came over HTTPS, and not when an untrusted client claims it', async () => {
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-hsts-'));
    const behindProxy = await buildApp({
      db: t.db,
      engine: TEST_ENGINE,
      config: { ...loadConfig({}), webDist: '/nonexistent', filesDir: files, trustProxy: '127.0.0.1' },
    });
    try {
      const res = await behindProxy.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' });
      expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
      const spoofed = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy.close();
      fs.rmSync(files, { recursive: true, force: true });
    }
  });
});
