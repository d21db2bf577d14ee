import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/kysely.ts';
import type { Role } from '../../src/server/db/schema.ts';
import { ROUTE_TABLES, type RouteEntry } from '../../src/server/http/access.plugin.ts';
import { seedDemo } from '../../src/server/modules/demo/demo.seed.ts';
import { type Client, anon, login } from '../app.ts';
import { freshDatabase } from '../db.ts';
import { makeCounty, makeDeputy, makeStation, makeTerm, makeTown, makeUnit, makeUser } from '../factories.ts';
import { type TownSnapshot, addMissingTownRecords, fingerprint, snapshot, townTables } from './cross-town-fixtures.ts';
import { ID_FIELDS, PATH_PARAMS, type ParamSource, type TableName } from './route-params.ts';

/*
 * The cross-town access matrix. Town A (青石镇 of the demo county: records in every area) is read and
 * written by every role of town B (白沙镇, same county) and of a town in another county (with that
 * county's county_admin), on every API route their roles may call, with town A's real ids in the path,
 * in list filters and in request bodies. Nothing of town A may come back, and nothing of town A may
 * change (fingerprint of every town_id table, audit events included). Routes come from the route table,
 * so a new route is covered the moment it is registered; its path parameters must be declared in
 * route-params.ts, or this test fails.
 */

type Principal = { label: string; role: Role; client: Client };

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// They act on the caller's own session only (no ids) and would end it; covered by the auth tests.
const OWN_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);
const MAX_IDS = 3;
const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;
const PHONE_OR_ID = /(?<!\d)(1[3-9]\d{9}|\d{17}[\dXx])(?!\d)/g;

let database: Database;
let app: FastifyInstance;
let filesDir: string;
let routes: RouteEntry[];
let townA: string;
let tables: TableName[];
let before: TownSnapshot;
let principals: Principal[];
let openapi: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
/** Every id of every town-A row, and distinctive texts (names, titles, phone and ID numbers) found nowhere else. */
const leakIds = new Set<string>();
const leakTexts = new Set<string>();
const secretNumbers = new Set<string>();
let textPattern: RegExp;

const stats = { routes: new Set<string>(), calls: 0, principals: 0, statuses: new Map<string, number>() };
const leaks: string[] = [];
const serverErrors: string[] = [];
const undeclared = new Set<string>();

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
};

const rowsOf = (t: TableName) => before.get(t) ?? [];
/** Up to MAX_IDS rows of a town-A table, spread over it (first, middle, last). */
function pick(t: TableName): Record<string, unknown>[] {
  const rows = [...rowsOf(t)].sort((a, b) => String(a.id ?? JSON.stringify(a)).localeCompare(String(b.id ?? JSON.stringify(b))));
  if (rows.length <= MAX_IDS) return rows;
  return [rows[0], rows[Math.floor(rows.length / 2)], rows[rows.length - 1]];
}
const idsOf = (t: TableName | null) => (t ? pick(t).map((r) => String(r.id)) : []);

/** The declared source of a route's path parameter, most specific key first; undefined when undeclared. */
function sourceOf(url: string, param: string): ParamSource | undefined {
  const bare = url.replace(/^\/api\/v1/, '');
  const at = bare.indexOf(`:${param}`);
  const prefix = bare.slice(0, at);
  const full = PATH_PARAMS[`${prefix}:${param}`];
  if (full) return full;
  const key = prefix.endsWith('/') ? `${prefix.slice(0, -1).split('/').pop()}/:${param}` : `${prefix.split('/').pop()}:${param}`;
  return PATH_PARAMS[key];
}

/** Up to MAX_IDS sets of path values from town A, a child always under its own parent. */
function pathCombos(r: RouteEntry): Record<string, string>[] | null {
  const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (params.length === 0) return [{}];
  const sources = params.map((p) => sourceOf(r.url, p));
  let missing = false;
  params.forEach((p, i) => {
    if (!sources[i]) {
      undeclared.add(`${r.method} ${r.url} → :${p}`);
      missing = true;
    }
  });
  if (missing) return null;
  const combos: Record<string, string>[] = [];
  for (let i = 0; i < MAX_IDS; i++) {
    const values: Record<string, string> = {};
    for (let k = params.length - 1; k >= 0; k--) {
      const p = params[k];
      const s = sources[k] as ParamSource;
      if ('literal' in s) {
        values[p] ??= s.literal[i % s.literal.length];
        continue;
      }
      const col = s.column ?? 'id';
      let row: Record<string, unknown> | undefined;
      if (values[p] !== undefined) row = rowsOf(s.table).find((x) => String(x[col]) === values[p]);
      else {
        const rows = pick(s.table);
        row = rows[i % Math.max(rows.length, 1)];
        if (row) values[p] = String(row[col]);
      }
      if (row && s.parent && values[s.parent.param] === undefined) values[s.parent.param] = String(row[s.parent.column]);
    }
    if (params.some((p) => values[p] === undefined)) continue;
    combos.push(values);
  }
  // No town-A row of that kind: one call with a well-formed unknown id still proves the route answers.
  if (combos.length === 0) combos.push(Object.fromEntries(params.map((p) => [p, '01ZZZZZZZZZZZZZZZZZZZZZZZZ'])));
  const seen = new Set<string>();
  return combos.filter((c) => {
    const k = JSON.stringify(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const fill = (url: string, values: Record<string, string>) => url.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(values[p]));
const opOf = (r: RouteEntry) => openapi.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];

/** The id table of a query or body field (`fooIds` takes foo's), or undefined when it takes no ids. */
function idTable(name: string, where: string): TableName | null | undefined {
  if (!/Ids?$/.test(name)) return undefined;
  const single = name.replace(/Ids$/, 'Id');
  if (!(single in ID_FIELDS)) {
    undeclared.add(`${where} → field ${name}`);
    return null;
  }
  return ID_FIELDS[single];
}

/** The current version of the town-A record a write aims at: a stale one would stop it before the town check does. */
let targetVersion = 1;
// Codes and names are unique in a town: each write gets its own, so one write's record cannot block the next.
let seq = 0;
const rowById = new Map<string, Record<string, unknown>>();

/** Values of fields whose format the schema's pattern alone does not tell (checked by zod refinements). */
const PLAUSIBLE: Record<string, string | number | (() => string)> = {
  code: () => `X${++seq}`,
  startTime: '09:00',
  endTime: '11:00',
  startAt: '2026-03-02T09:00:00+08:00',
  endAt: '2026-03-02T11:00:00+08:00',
  month: '2026-03',
  period: '2026-03',
  phone: '13900001111',
  username: 'x_cross_town',
  newPassword: 'Cross-town-123',
  key: 'k1',
  category: '其他',
  year: 2026,
};

/** A plausible body from the route's JSON schema, with town A's ids in every id field. */
function bodyFrom(s: JsonSchema | undefined, name: string, where: string, i: number): unknown {
  if (!s) return undefined;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return bodyFrom(alt.find((x) => x.type !== 'null') ?? alt[0], name, where, i);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => bodyFrom(x, name, where, i)));
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'array') {
    const n = Math.max(s.minItems ?? 1, 1);
    return Array.from({ length: n }, (_, k) => bodyFrom(s.items, name.replace(/s$/, ''), where, i + k + 1));
  }
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = bodyFrom(v, k, where, i);
    return out;
  }
  const plausible = PLAUSIBLE[name];
  if (plausible !== undefined && (typeof plausible === 'number' ? type === 'integer' || type === 'number' : type === 'string')) {
    return typeof plausible === 'function' ? plausible() : plausible;
  }
  const t = idTable(name, where);
  if (t !== undefined && (type === 'string' || type === undefined)) {
    const ids = idsOf(t);
    return ids.length ? ids[i % ids.length] : '01ZZZZZZZZZZZZZZZZZZZZZZZZ';
  }
  if (type === 'integer' || type === 'number') return name === 'version' ? targetVersion : Math.max(s.minimum ?? 1, 1);
  if (type === 'boolean') return true;
  if (type === 'string') {
    if (s.format === 'date' || /\\d\{4\}-\\d\{2\}-\\d\{2\}\$/.test(s.pattern ?? '')) return '2026-03-02';
    if (s.format === 'date-time') return '2026-03-02T01:00:00.000Z';
    const text = `测试${++seq}`.padEnd(s.minLength ?? 1, '测');
    return text.slice(0, s.maxLength ?? text.length);
  }
  return null;
}

/** Anything of town A in a response: its ids, its distinctive texts, its phone and ID numbers. */
function leaksIn(body: string, sent = ''): string[] {
  const found = new Set<string>();
  // An id the caller sent and the answer repeats (a filter echoed back, "文件 X 不存在") tells them nothing.
  for (const m of body.matchAll(ULID)) if (leakIds.has(m[0]) && !sent.includes(m[0])) found.add(`id ${m[0]}`);
  for (const m of body.matchAll(PHONE_OR_ID)) if (secretNumbers.has(m[1])) found.add(`number ${m[1]}`);
  for (const m of body.matchAll(textPattern)) found.add(`text ${m[0]}`);
  return [...found];
}

/** The server's own source (not the demo's invented records): texts written there are labels, not town A's data. */
function serverSource(dir = fileURLToPath(new URL('../../src/server', import.meta.url))): string {
  let out = '';
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) out += e.name === 'demo' ? '' : serverSource(f);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out += fs.readFileSync(f, 'utf8');
  }
  return out;
}

async function call(p: Principal, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  stats.calls++;
  const res = await p.client.request({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const key = `${method === 'GET' ? 'read' : 'write'} ${res.statusCode}`;
  stats.statuses.set(key, (stats.statuses.get(key) ?? 0) + 1);
  if (process.env.CROSS_TOWN_DEBUG && res.statusCode === 400) fs.appendFileSync(process.env.CROSS_TOWN_DEBUG, `${p.label} ${method} ${url} ${res.body.slice(0, 200)}\n`);
  if (res.statusCode >= 500) serverErrors.push(`${p.label} ${method} ${url} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
  const found = leaksIn(res.body, url + (payload === undefined ? '' : JSON.stringify(payload)));
  if (found.length) leaks.push(`${p.label} ${method} ${url} -> ${res.statusCode}: ${found.slice(0, 4).join(', ')}`);
  return res;
}

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await seedDemo(db, new Date());
  const towns = await db.selectFrom('town').select(['id', 'code', 'countyId']).orderBy('code').execute();
  const a = towns.find((t) => t.code === 'DEMO01');
  const b = towns.find((t) => t.code === 'DEMO02');
  if (!a || !b) throw new Error('demo towns missing');
  townA = a.id;
  await addMissingTownRecords(db, townA);

  // Town B (same county): one user of every town-level role, on its own station, unit and deputy.
  const stationB = await db.selectFrom('station').select('id').where('townId', '=', b.id).executeTakeFirstOrThrow();
  const unitB = await db.selectFrom('handlingUnit').select('id').where('townId', '=', b.id).executeTakeFirstOrThrow();
  const deputyB = await db.selectFrom('deputy').select('id').where('townId', '=', b.id).executeTakeFirstOrThrow();
  const cb = b.countyId;
  await makeUser(db, { countyId: cb, townId: b.id, role: 'town_admin', username: 'xb_admin' });
  await makeUser(db, { countyId: cb, townId: b.id, role: 'liaison', username: 'xb_liaison', stationId: stationB.id });
  await makeUser(db, { countyId: cb, townId: b.id, role: 'deputy', username: 'xb_deputy', deputyId: deputyB.id });
  await makeUser(db, { countyId: cb, townId: b.id, role: 'handler', username: 'xb_handler', unitId: unitB.id });
  // Town C in another county: every role, the county_admin included.
  const county = await makeCounty(db, 'XC99', '外县');
  const townC = await makeTown(db, county.id, 'XC9901', '外县丙镇');
  const termC = await makeTerm(db, townC.id);
  const stationC = await makeStation(db, townC.id, 'S01', '丙镇联络站');
  const unitC = await makeUnit(db, townC.id, 'U001', '丙镇民政办');
  const deputyC = await makeDeputy(db, townC.id, termC.id, { code: 'D001', name: '丙镇代表' });
  const cc = county.id;
  await makeUser(db, { countyId: cc, role: 'county_admin', username: 'xc_county' });
  await makeUser(db, { countyId: cc, townId: townC.id, role: 'town_admin', username: 'xc_admin' });
  await makeUser(db, { countyId: cc, townId: townC.id, role: 'liaison', username: 'xc_liaison', stationId: stationC.id });
  await makeUser(db, { countyId: cc, townId: townC.id, role: 'deputy', username: 'xc_deputy', deputyId: deputyC.id });
  await makeUser(db, { countyId: cc, townId: townC.id, role: 'handler', username: 'xc_handler', unitId: unitC.id });

  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-files-'));
  app = await buildApp({ db, engine: database.engine, config: { ...loadConfig({}), webDist: '/nonexistent', filesDir } });
  await app.ready();
  routes = ROUTE_TABLES.get(app) ?? [];
  openapi = (await app.inject({ url: '/api/v1/openapi.json' })).json();

  principals = [];
  for (const [label, username, role] of [
    ['B town_admin', 'xb_admin', 'town_admin'],
    ['B liaison', 'xb_liaison', 'liaison'],
    ['B deputy', 'xb_deputy', 'deputy'],
    ['B handler', 'xb_handler', 'handler'],
    ['C county_admin', 'xc_county', 'county_admin'],
    ['C town_admin', 'xc_admin', 'town_admin'],
    ['C liaison', 'xc_liaison', 'liaison'],
    ['C deputy', 'xc_deputy', 'deputy'],
    ['C handler', 'xc_handler', 'handler'],
  ] as const) {
    principals.push({ label, role, client: await login(app, username) });
  }
  // The other county's county_admin works in its own town (it may not pick town A: asserted below).
  const countyAdmin = principals[4].client;
  const sw = await countyAdmin.post('/api/v1/auth/switch-town', { townId: townC.id });
  if (sw.statusCode !== 200) throw new Error(`switch-town: ${sw.statusCode} ${sw.body}`);

  // What town A has: ids of every row, and texts and numbers found in no other town's rows.
  tables = await townTables(db);
  const snap = await snapshot(db, tables, townA);
  before = snap.mine;
  const corpus = JSON.stringify([...snap.others.values()]) + JSON.stringify(openapi) + serverSource();
  for (const [, rows] of before) {
    for (const r of rows) {
      if (typeof r.id === 'string') rowById.set(r.id, r);
      for (const [k, v] of Object.entries(r)) {
        if (typeof v !== 'string') continue;
        if (/^[0-9A-HJKMNP-TV-Z]{26}$/.test(v) && (k === 'id' || k.endsWith('Id'))) {
          // A foreign key may point outside town A (the county, a shared user): only ids of A's own rows count.
          if (k === 'id') leakIds.add(v);
        } else if (/^(1[3-9]\d{9}|\d{17}[\dXx])$/.test(v)) {
          secretNumbers.add(v);
        } else if (/^(name|title|subject|displayName)$/.test(k) && v.length >= 3 && /[\u4e00-\u9fff]/.test(v) && !corpus.includes(v)) {
          leakTexts.add(v);
        }
      }
    }
  }
  leakIds.add(townA);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  textPattern = new RegExp([...leakTexts].sort((x, y) => y.length - x.length).map(esc).join('|') || '(?!)', 'g');
  stats.principals = principals.length;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('cross-town access matrix', () => {
  it('has a town A full of records to aim at', () => {
    for (const t of ['deputy', 'suggestion', 'activity', 'reception', 'document', 'congressSession', 'finding', 'poll', 'storedFile'] as TableName[]) {
      expect(rowsOf(t).length, t).toBeGreaterThan(0);
    }
    expect(leakIds.size).toBeGreaterThan(1000);
    expect(secretNumbers.size).toBeGreaterThan(50);
    expect(leakTexts.size).toBeGreaterThan(50);
  });

  it('lets no county_admin of another county switch into town A', async () => {
    const c = principals.find((p) => p.label === 'C county_admin') as Principal;
    const res = await call(c, 'POST', '/api/v1/auth/switch-town', { townId: townA });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    const me = await c.client.get('/api/v1/auth/me');
    expect(me.body).not.toContain(townA);
  });

  it('declares the path parameters of every route (route-params.ts)', () => {
    for (const r of routes) pathCombos(r);
    expect(
      [...undeclared],
      'Declare these in test/system/route-params.ts (PATH_PARAMS for a path parameter, ID_FIELDS for an id field), so the cross-town matrix can aim real ids at them',
    ).toEqual([]);
  });

  it('shows town B and another county nothing of town A, on every route they may read', async () => {
    leaks.length = 0;
    for (const r of routes) {
      if ('public' in r.access || r.method !== 'GET') continue;
      const combos = pathCombos(r) ?? [];
      const op = opOf(r);
      const filters = (op?.parameters ?? []).filter((q) => q.in === 'query' && idTable(q.name, `${r.method} ${r.url} ?`) != null);
      for (const p of principals) {
        if (!r.access.roles.includes(p.role)) continue;
        stats.routes.add(`${r.method} ${r.url}`);
        for (const values of combos) await call(p, 'GET', fill(r.url, values));
        if (combos.length === 1 && Object.keys(combos[0]).length === 0) {
          for (const q of filters) {
            for (const id of idsOf(idTable(q.name, '') ?? null).slice(0, 2)) await call(p, 'GET', `${fill(r.url, combos[0])}?${q.name}=${id}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 600_000);

  it('lets town B and another county change nothing of town A, on every route they may write', async () => {
    leaks.length = 0;
    const auditBefore = rowsOf('auditEvent').length;
    for (const r of routes) {
      if ('public' in r.access || !WRITE.has(r.method) || OWN_SESSION.has(`${r.method} ${r.url}`)) continue;
      const combos = pathCombos(r) ?? [];
      const schema = opOf(r)?.requestBody?.content?.['application/json']?.schema;
      for (const p of principals) {
        if (!r.access.roles.includes(p.role)) continue;
        stats.routes.add(`${r.method} ${r.url}`);
        for (const [i, values] of combos.entries()) {
          const target = Object.values(values).map((v) => rowById.get(v)).find((row) => typeof row?.version === 'number');
          targetVersion = (target?.version as number | undefined) ?? 1;
          await call(p, r.method, fill(r.url, values), r.method === 'DELETE' && !schema ? undefined : (bodyFrom(schema, 'body', `${r.method} ${r.url}`, i) ?? {}));
        }
      }
    }
    const after = (await snapshot(database.db, tables, townA)).mine;
    const changed = [...fingerprint(before)].filter(([t, h]) => fingerprint(after).get(t) !== h).map(([t]) => t);
    expect(changed, 'town A tables changed by another town').toEqual([]);
    expect(after.get('auditEvent')?.length, 'audit events written against town A').toBe(auditBefore);
    expect(leaks).toEqual([]);
  }, 600_000);

  it('shows no phone or ID number of town A on any public route', async () => {
    leaks.length = 0;
    const nobody: Principal = { label: 'anonymous', role: 'deputy', client: anon(app) };
    for (const r of routes) {
      if (!('public' in r.access) || r.method !== 'GET') continue;
      stats.routes.add(`${r.method} ${r.url}`);
      for (const values of pathCombos(r) ?? []) {
        stats.calls++;
        const res = await nobody.client.get(fill(r.url, values));
        for (const m of res.body.matchAll(PHONE_OR_ID)) if (secretNumbers.has(m[1])) leaks.push(`public GET ${r.url} -> ${m[1]}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('had no server errors, and reports what it ran', () => {
    console.log(
      `cross-town matrix: ${stats.routes.size} routes, ${stats.principals} principals, ${stats.calls} calls; ` +
        `town A: ${leakIds.size} ids, ${leakTexts.size} texts, ${secretNumbers.size} phone/ID numbers; answers: ${[...stats.statuses].sort().map(([k, n]) => `${k}×${n}`).join(', ')}`,
    );
    expect(serverErrors).toEqual([]);
  });
});
