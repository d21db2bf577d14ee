import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { type TestCtx, setupApi } from '../app.ts';
import { TEST_ENGINE, ownTables } from '../db.ts';
import { HTML_STRINGS, SQL_STRINGS } from './hostile.arbitraries.ts';

/*
 * Injection strings accepted into free-text fields are stored as text, not interpreted: they come back
 * from the API byte for byte, and saving them touches no table but the record's own (and its audit).
 * The property tests of hostile-input.api.test.ts prove "no 5xx, refusals change nothing"; this file
 * proves what happens when such text is accepted.
 */
let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t?.close());

const INJECTIONS = [...SQL_STRINGS, ...HTML_STRINGS, 'Robert\'); DROP TABLE "app_user";--', '<b>粗体</b> & &amp; &lt;', '\u202E反转\u200F ‮'];

async function counts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await ownTables(db);
  const union = sql.join(
    tables.map((x) => sql`select ${x.name} as t, count(*) as n from ${sql.raw(`"${x.name}"`)}`),
    sql` union all `,
  );
  const res = await sql<{ t: string; n: number | string }>`${union}`.execute(db);
  return Object.fromEntries(res.rows.map((r) => [r.t, Number(r.n)]));
}

function changedTables(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) out[k] = (b[k] ?? -1) - (a[k] ?? -1);
  return out;
}

// The full-text index (search_doc, and SQLite's search_fts shadow tables) is written beside a searchable record.
const SEARCH = (k: string) => k === 'search_doc' || k.startsWith('search_fts');

describe('injection strings accepted as text', () => {
  it('unit name, contact and address come back byte-identical; only the unit and its audit are written', async () => {
    const admin = await t.as('town_admin');
    const before = await counts(t.db);
    const ids: string[] = [];
    for (const [i, s] of INJECTIONS.entries()) {
      // Cut to each field's length, and trimmed: the API trims surrounding blanks on purpose.
      const body = { code: `INJ${i}`, name: s.slice(0, 100).trim(), kind: 'other', contactName: s.slice(0, 50).trim(), address: s.slice(0, 200).trim() };
      const res = await admin.post('/api/v1/units', body);
      expect(res.statusCode, `${s}: ${res.body}`).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      ids.push(res.json().id);
      const got = (await admin.get(`/api/v1/units/${res.json().id}`)).json();
      expect([got.name, got.contactName, got.address]).toEqual([body.name, body.contactName, body.address]);
    }
    const changed = changedTables(before, await counts(t.db));
    const others = Object.keys(changed).filter((k) => k !== 'handling_unit' && k !== 'audit_event' && !SEARCH(k));
    expect(others).toEqual([]);
    expect(changed.handling_unit).toBe(INJECTIONS.length);
    expect(changed.audit_event).toBe(INJECTIONS.length);
    // The rows are there, with the very text: the database stored it as a value.
    const rows = await t.db.selectFrom('handlingUnit').select(['id', 'name']).where('id', 'in', ids).execute();
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(INJECTIONS.map((s) => s.slice(0, 100).trim())));
  });

  it('a suggestion title and content come back byte-identical; only the suggestion and its own rows are written', async () => {
    const deputy = await t.as('deputy');
    const before = await counts(t.db);
    for (const s of INJECTIONS) {
      const body = { kind: 'suggestion', title: s.slice(0, 100), content: `${s}\n${s}`, category: '其他', sourceType: 'deputy' };
      const res = await deputy.post('/api/v1/suggestions', body);
      expect(res.statusCode, `${s}: ${res.body}`).toBe(201);
      const id = res.json().id;
      const got = (await deputy.get(`/api/v1/suggestions/${id}`)).json();
      expect([got.title, got.content]).toEqual([body.title, body.content]);
    }
    const changed = changedTables(before, await counts(t.db));
    // Saving a suggestion writes the suggestion, its sponsor and history, its audit event and its search entry.
    const mine = new Set(['suggestion', 'suggestion_sponsor', 'suggestion_event', 'audit_event']);
    expect(Object.keys(changed).filter((k) => !mine.has(k) && !SEARCH(k))).toEqual([]);
    expect(changed.suggestion).toBe(INJECTIONS.length);
    // Every table of the schema is still there and the other records are untouched.
    expect(Object.keys(await counts(t.db)).sort()).toEqual(Object.keys(before).sort());
    expect(changed.deputy ?? 0).toBe(0);
    expect(changed.app_user ?? 0).toBe(0);
  });

  // Regressions found by hostile-input.api.test.ts (each answered 500 before its fix).
  it('NUL in a text field: PostgreSQL cannot store it and answers 400 naming the body; SQLite keeps it as sent', async () => {
    const admin = await t.as('town_admin');
    const before = await counts(t.db);
    const res = await admin.post('/api/v1/units', { name: 'a\u0000b', kind: 'other' });
    if (TEST_ENGINE === 'postgres') {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { issues: [{ field: 'body' }] } });
      expect(changedTables(before, await counts(t.db))).toEqual({});
    } else {
      expect(res.statusCode, res.body).toBe(201);
      expect((await admin.get(`/api/v1/units/${res.json().id}`)).json().name).toBe('a\u0000b');
    }
  });

  it('a multipart upload with no boundary (or cut short) answers 400 naming the file, not 500', async () => {
    const admin = await t.as('town_admin');
    for (const [contentType, payload] of [
      ['multipart/form-data', '{}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF'],
    ]) {
      for (const url of ['/api/v1/files', `/api/v1/deputies/${t.world.deputyA.id}/photo`, '/api/v1/deputies/import']) {
        const method = url.endsWith('/photo') ? 'PUT' : 'POST';
        const res = await admin.request({ method, url, payload, headers: { 'content-type': contentType } });
        expect(res.statusCode, `${method} ${url} ${contentType}: ${res.body}`).toBe(400);
        expect(res.json().details.issues[0].field).toBe('file');
      }
    }
  });
});
