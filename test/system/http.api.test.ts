import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_TABLES } from '../../src/server/http/access.plugin.ts';
import { type TestCtx, anon, setupApi } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

describe('HTTP basics', () => {
  it('health names the engine and version', async () => {
    const res = await anon(t.app).get('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: TEST_ENGINE, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves an OpenAPI 3 document with an operationId for every API route', async () => {
    const res = await anon(t.app).get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const ops: string[] = [];
    for (const [p, methods] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        expect(op.operationId, `${m} ${p}`).toBeTruthy();
        ops.push(op.operationId as string);
      }
    }
    expect(new Set(ops).size).toBe(ops.length);
    // Every route except the document itself is described.
    const table = ROUTE_TABLES.get(t.app) ?? [];
    expect(ops.length).toBe(table.filter((r) => r.url !== '/api/v1/openapi.json').length);
  });

  it('serves the browsable API page at /docs', async () => {
    const res = await anon(t.app).get('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with the error envelope', async () => {
    const res = await anon(t.app).get('/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers malformed JSON with 400 VALIDATION, not 500', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.request({ method: 'POST', url: '/api/v1/units', payload: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });

  it('answers an oversized JSON body with 413', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/units',
      payload: JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024), kind: 'town_office' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('names the field in Chinese when a value has the wrong type', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/units', { name: '财政所', kind: 'palace' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.details.issues[0].field).toBe('body.kind');
    expect(body.message).toMatch(/^类型：/);
  });
});
