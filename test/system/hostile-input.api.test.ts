import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Insertable, type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/kysely.ts';
import type { DB, Role } from '../../src/server/db/schema.ts';
import { ROUTE_TABLES, type RouteEntry, SESSION_COOKIE, hashToken } from '../../src/server/http/access.plugin.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/demo.seed.ts';
import { type Client, anon, login } from '../app.ts';
import { freshDatabase, ownTables } from '../db.ts';
import { makeUser } from '../factories.ts';
import { type Hints, type HostileBody, type JsonSchema, fixedCases, hostileBody } from './hostile.arbitraries.ts';

/*
 * Hostile input on every write route, generated from the route table. The database is the demo county
 * (real records of every kind, so URLs carry real ids of the caller's town); each route is called as a role
 * its policy allows with the fixed hostile cases of hostile.arbitraries.ts plus generated ones.
 * Properties: never a 5xx; a refused request (4xx) changes nothing (row count of every table, audit events
 * included, and the rows the URL names); every answer with a body is JSON.
 * HOSTILE_RUNS=N multiplies the generated cases (scripts/hostile-long.sh); HOSTILE_SEED replays a run.
 */
const RUNS = Math.max(1, Number(process.env.HOSTILE_RUNS ?? 1));
const GENERATED_PER_ROUTE = 10 * RUNS;
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes not covered, each with its reason. Empty on purpose: every write route is called. A route whose
 * URL cannot be given a real id (no such record in the demo) is still called, with a random ULID.
 */
const SKIPPED: Record<string, string> = {};

/**
 * Tables a refused request may legitimately change, per route: a failed login is counted against the
 * name and address (login_throttle) so guessing is slowed — that write is the point of the refusal.
 */
const MAY_CHANGE_WHEN_REFUSED: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['login_throttle'],
  'POST /api/v1/auth/password': ['login_throttle'],
};

/** Where a URL parameter's value comes from: `table` row (scoped to the town), its `col`, the parent link `fk`. */
type Source = { table: string; col?: string; fk?: string; where?: 'townB' | 'target-user' | 'not-an-account' };
const PARAM_SOURCES: Record<string, Source> = {
  'units/:id': { table: 'handling_unit', where: 'not-an-account' },
  // Changing the actors' own town could lock them out; the county admin edits the other town.
  'towns/:id': { table: 'town', where: 'townB' },
  'towns/:townCode': { table: 'town', col: 'code' },
  'villages/:id': { table: 'village' },
  'terms/:id': { table: 'term' },
  'constituencies/:id': { table: 'constituency' },
  'users/:id': { table: 'app_user', where: 'target-user' },
  'stations/:id': { table: 'station', where: 'not-an-account' },
  'groups/:id': { table: 'deputy_group' },
  'members/:id': { table: 'presidium_member' },
  'presidium-meetings/:id': { table: 'presidium_meeting' },
  'presidium-decisions/:id': { table: 'presidium_decision' },
  'deputies/:id': { table: 'deputy', where: 'not-an-account' },
  'activity-kinds/:id': { table: 'activity_kind' },
  'activities/:id': { table: 'activity' },
  'invitations/:deputyId': { table: 'activity_invitation', col: 'deputy_id', fk: 'activity_id' },
  'files/:fileId': { table: 'activity_file', col: 'file_id', fk: 'activity_id' },
  'activity-series/:id': { table: 'activity_series' },
  'research-topics/:id': { table: 'research_topic' },
  'documents/:id': { table: 'document' },
  'receptions/:id': { table: 'reception' },
  'portal-submissions/:id': { table: 'portal_submission' },
  'suggestions/:id': { table: 'suggestion' },
  'notifications/:id': { table: 'notification' },
  'sessions/:id': { table: 'congress_session' },
  'roll/:deputyId': { table: 'session_attendee', col: 'deputy_id', fk: 'session_id' },
  'items/:itemId': { table: 'session_item', fk: 'session_id' },
  'elections/:electionId': { table: 'election', fk: 'session_id' },
  'nominations/:nominationId': { table: 'election_nomination', fk: 'election_id' },
  'candidates/:candidateId': { table: 'election_candidate', fk: 'election_id' },
  'rounds/:roundId': { table: 'election_round', fk: 'election_id' },
  'motions/:motionId': { table: 'motion', fk: 'session_id' },
  'votes/:voteId': { table: 'session_vote', fk: 'item_id' },
  'polls/:id': { table: 'poll' },
  'p/:townCode': { table: 'town', col: 'code' },
  'polls/:pollId': { table: 'poll', fk: 'town_id' },
  'appraisals/:id': { table: 'appraisal' },
  'issues/:issueId': { table: 'appraisal_issue', fk: 'appraisal_id' },
  'duty-reports/:id': { table: 'duty_report' },
  'reviews/:id': { table: 'deputy_review' },
  'findings/:id': { table: 'finding' },
  'schemes/:id': { table: 'points_scheme' },
  'adjustments/:adjId': { table: 'points_adjustment', fk: 'scheme_id' },
  'reports/:id': { table: 'work_report' },
  'report-templates/:id': { table: 'report_template' },
  'achievements/:id': { table: 'achievement' },
};
const LITERAL_PARAMS: Record<string, string> = { 'holidays/:year': '2026', 'months/:month': '2026-01' };
const RANDOM_ULID = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
const DEMO_USER: Record<Role, string> = { county_admin: 'county', town_admin: 'admin', liaison: 'liaison', deputy: 'deputy', handler: 'handler' };
const clients = new Map<string, Client>();
let cases = 0;
const sentTo = new Map<string, number>();
const statuses = new Map<string, number[]>();
const unresolved: string[] = []; // routes called with a random ULID for want of a record (they answer 4xx)

// Set up at import (top-level await) so the route table is known when the tests are collected: one
// named test per route.
const database: Database = await freshDatabase();
const db: Kysely<DB> = database.db;
await seedDemo(db);
const demoAdmin = await db.selectFrom('appUser').select(['townId', 'countyId']).where('username', '=', 'admin').executeTakeFirstOrThrow();
const townA = demoAdmin.townId as string;
const townB = (await db.selectFrom('appUser').select('townId').where('username', '=', 'admin2').executeTakeFirstOrThrow()).townId as string;
// An account of the town for /users/:id, so editing or resetting it never touches a caller.
await makeUser(db, { countyId: demoAdmin.countyId, townId: townA, role: 'liaison', username: 'hostile_target' });
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-hostile-'));
const app: FastifyInstance = await buildApp({ db, engine: database.engine, config: { ...loadConfig({}), webDist: '/nonexistent', filesDir } });
await app.ready();
const routes: RouteEntry[] = ROUTE_TABLES.get(app) ?? [];
const openapi = app.swagger() as unknown as OpenApi;
const tables = (await ownTables(db)).map((t) => ({ name: t.name, columns: new Set(t.columns.map((c) => c.name)) }));
const ONLY = process.env.HOSTILE_ONLY; // a substring of "METHOD /url": hammer just those routes
const ROUTE_KEYS = routes
  .filter((r) => WRITE.has(r.method))
  .map((r) => `${r.method} ${r.url}`)
  .filter((k) => !ONLY || k.includes(ONLY));
const FIXED_COUNT = fixedCases(undefined).length;
const timeByKind = new Map<string, number>();

afterAll(async () => {
  await app.close();
  await database.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
  if (process.env.HOSTILE_PROFILE) {
    for (const [k, list] of statuses) {
      const by = new Map<number, number>();
      for (const st of list) by.set(st, (by.get(st) ?? 0) + 1);
      console.info(`${k}: ${[...by].map(([st, n]) => `${st}×${n}`).join(' ')}`);
    }
  }
  if (process.env.HOSTILE_PROFILE)
    console.info(
      [...timeByKind]
        .sort((a, b) => b[1] - a[1])
        .map(([k, ms]) => `${k} ${Math.round(ms)}ms`)
        .join('\n'),
    );
  console.info(`hostile input: ${cases} cases on ${sentTo.size} of ${writeRoutes().length} write routes (engine ${database.engine}, runs ×${RUNS})`);
  if (unresolved.length) console.info(`called with a random id (no such record in the demo): ${unresolved.join(', ')}`);
});

function writeRoutes(): RouteEntry[] {
  return routes.filter((r) => WRITE.has(r.method));
}

/**
 * A logged-in client for the role. After an accepted write every client is checked again: the route under
 * test may have ended its session (logout, switching town). A lost session row is put back as it was
 * (logging in again costs a deliberately slow password hash, and logout is hammered with dozens of cases).
 */
const needsCheck = new Set<string>();
const sessionRows = new Map<string, Insertable<DB['session']>>();
async function clientAs(role: Role): Promise<Client> {
  const username = DEMO_USER[role];
  const c = clients.get(username);
  if (c && !needsCheck.has(username)) return c;
  needsCheck.delete(username);
  if (c && (await c.get('/api/v1/auth/me')).statusCode === 200) return c;
  const saved = sessionRows.get(username);
  if (c && saved) {
    await db.deleteFrom('session').where('id', '=', saved.id).execute();
    await db.insertInto('session').values(saved).execute();
    if ((await c.get('/api/v1/auth/me')).statusCode === 200) return c;
  }
  const fresh = await login(app, username, DEMO_PASSWORD);
  clients.set(username, fresh);
  const token = fresh.cookie.replace(`${SESSION_COOKIE}=`, '');
  sessionRows.set(username, await db.selectFrom('session').selectAll().where('id', '=', hashToken(token)).executeTakeFirstOrThrow());
  return fresh;
}

const q = (name: string) => sql.raw(`"${name.replace(/"/g, '')}"`);
const hasTable = (name: string) => tables.find((t) => t.name === name);

async function pickRow(src: Source, fkValue?: unknown): Promise<Record<string, unknown> | undefined> {
  const t = hasTable(src.table);
  if (!t) return undefined;
  const conds = [sql`1 = 1`];
  if (src.where === 'townB') conds.push(sql`id = ${townB}`);
  else if (src.table === 'town') conds.push(sql`id = ${townA}`);
  else if (t.columns.has('town_id')) conds.push(sql`town_id = ${townA}`);
  if (src.where === 'target-user') conds.push(sql`username = 'hostile_target'`);
  if (src.where === 'not-an-account') {
    const col = { deputy: 'deputy_id', handling_unit: 'unit_id', station: 'station_id' }[src.table] as string;
    conds.push(sql`id not in (select ${q(col)} from app_user where ${q(col)} is not null)`);
  }
  if (src.fk) conds.push(fkValue === undefined ? sql`${q(src.fk)} is not null` : sql`${q(src.fk)} = ${fkValue}`);
  const r = await sql<Record<string, unknown>>`select * from ${q(src.table)} where ${sql.join(conds, sql` and `)} order by 1 limit 1`.execute(db);
  return r.rows[0];
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const field = (row: Record<string, unknown>, col: string) => row[col] ?? row[col.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())];

/** Real ids for a URL's parameters, walking from the last parameter up through its parent links. */
async function resolveUrl(url: string): Promise<{ url: string; rows: { table: string; id: string }[]; resolved: boolean; version?: number }> {
  const parts = url.split('/');
  const params: { index: number; key: string }[] = [];
  parts.forEach((p, i) => {
    if (p.startsWith(':')) params.push({ index: i, key: `${parts[i - 1]}/${p}` });
  });
  const values = new Map<number, string>();
  const rows: { table: string; id: string }[] = [];
  let resolved = true;
  let pending: { fk: string; value: unknown } | undefined;
  let version: number | undefined; // of the record the URL names (its last parameter), for PATCH bodies
  for (const { index, key } of [...params].reverse()) {
    if (LITERAL_PARAMS[key]) {
      values.set(index, LITERAL_PARAMS[key]);
      continue;
    }
    const src = PARAM_SOURCES[key];
    let row: Record<string, unknown> | undefined;
    if (src && pending) {
      const parent = await sql<Record<string, unknown>>`select * from ${q(src.table)} where id = ${pending.value}`.execute(db);
      row = parent.rows[0];
    } else if (src) row = await pickRow(src);
    if (!src || !row) {
      resolved = false;
      values.set(index, RANDOM_ULID);
      pending = undefined;
      continue;
    }
    values.set(index, String(field(row, src.col ?? 'id')));
    if (version === undefined && typeof field(row, 'version') === 'number') version = field(row, 'version') as number;
    if (field(row, 'id')) rows.push({ table: src.table, id: String(field(row, 'id')) });
    pending = src.fk ? { fk: src.fk, value: field(row, snake(src.fk)) } : undefined;
  }
  return { url: parts.map((p, i) => values.get(i) ?? p).join('/'), rows, resolved, version };
}

type Fingerprint = { counts: Record<string, number>; rows: Record<string, string> };

/** Row count of every table (audit_event among them) and a hash of each row the URL names. */
async function fingerprint(rows: { table: string; id: string }[]): Promise<Fingerprint> {
  const union = sql.join(
    tables.map((t) => sql`select ${t.name} as t, count(*) as n from ${q(t.name)}`),
    sql` union all `,
  );
  const res = await sql<{ t: string; n: number | string }>`${union}`.execute(db);
  const counts = Object.fromEntries(res.rows.map((r) => [r.t, Number(r.n)]));
  const hashes: Record<string, string> = {};
  for (const r of rows) {
    const got = await sql<Record<string, unknown>>`select * from ${q(r.table)} where id = ${r.id}`.execute(db);
    hashes[`${r.table}:${r.id}`] = createHash('sha1')
      .update(JSON.stringify(got.rows[0] ?? null))
      .digest('hex');
  }
  return { counts, rows: hashes };
}

function diff(a: Fingerprint, b: Fingerprint, allowed: string[]): string[] {
  const out: string[] = [];
  for (const [t, n] of Object.entries(a.counts)) if (b.counts[t] !== n && !allowed.includes(t)) out.push(`${t}: ${n} -> ${b.counts[t]}`);
  for (const [k, h] of Object.entries(a.rows)) if (b.rows[k] !== h) out.push(`row ${k} changed`);
  return out;
}

const excerpt = (p: HostileBody['payload']) => {
  if (p === undefined) return '(none)';
  const s = typeof p === 'string' ? p : `<${p.length} bytes>`;
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
};

/** What is wrong with one answer (empty when nothing). */
function problemsOf(res: LightMyRequestResponse, changed: string[] | null): string[] {
  const out: string[] = [];
  if (res.statusCode >= 500) out.push(`answered ${res.statusCode}`);
  if (res.statusCode < 200 || (res.statusCode >= 300 && res.statusCode < 400)) out.push(`unexpected status ${res.statusCode}`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.body.length > 0 && !type.startsWith('application/json')) out.push(`answered ${type || 'no content type'}, not JSON`);
  if (res.body.length > 0 && type.startsWith('application/json')) {
    try {
      JSON.parse(res.body);
    } catch {
      out.push('body is not valid JSON');
    }
  }
  if (changed?.length) out.push(`refused (${res.statusCode}) but changed: ${changed.join('; ')}`);
  return out;
}

function schemaOf(r: RouteEntry): JsonSchema | undefined {
  const p = r.url.replace(/:(\w+)/g, '{$1}');
  return openapi.paths[p]?.[r.method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
}

/** The table a body field named `<...>Word` + `Id`/`Ids` points at, by its last word. */
const ID_FIELD_TABLES: Record<string, string> = {
  Deputy: 'deputy',
  Unit: 'handling_unit',
  Station: 'station',
  Village: 'village',
  Term: 'term',
  Kind: 'activity_kind',
  Activity: 'activity',
  Suggestion: 'suggestion',
  Session: 'congress_session',
  Group: 'deputy_group',
  Constituency: 'constituency',
  Template: 'report_template',
  Scheme: 'points_scheme',
  Meeting: 'presidium_meeting',
  Item: 'session_item',
  Topic: 'research_topic',
  Series: 'activity_series',
  Poll: 'poll',
  Town: 'town',
  User: 'app_user',
  File: 'stored_file',
  Member: 'presidium_member',
  Decision: 'presidium_decision',
  Election: 'election',
  Candidate: 'election_candidate',
  Motion: 'motion',
  Reception: 'reception',
  Finding: 'finding',
  Notice: 'rectification_notice',
  Document: 'document',
  Source: 'reception',
};
const firstIds = new Map<string, string | undefined>();
async function idForField(fieldName: string): Promise<string | undefined> {
  const word = /([A-Z][a-z]+|^[a-z]+)Id$/.exec(fieldName)?.[1];
  const table = word && ID_FIELD_TABLES[word[0].toUpperCase() + word.slice(1)];
  if (!table) return undefined;
  if (!firstIds.has(table)) {
    const where = table === 'town' ? sql`id = ${townA}` : hasTable(table)?.columns.has('town_id') ? sql`town_id = ${townA}` : sql`1 = 1`;
    const r = await sql<{ id: string }>`select id from ${q(table)} where ${where} order by id limit 1`.execute(db);
    firstIds.set(table, r.rows[0]?.id);
  }
  return firstIds.get(table);
}

/** Hints for plausible bodies of a route: real ids for the id fields its schema names, the record's version. */
async function hintsFor(schema: JsonSchema | undefined, version: number | undefined): Promise<Hints> {
  const names = new Set<string>();
  const walk = (x: JsonSchema | undefined, depth: number) => {
    if (!x || depth > 8) return;
    for (const [k, v] of Object.entries(x.properties ?? {})) {
      names.add(k.replace(/s$/, ''));
      walk(v, depth + 1);
    }
    walk(x.items, depth + 1);
    for (const a of [...(x.anyOf ?? []), ...(x.oneOf ?? []), ...(x.allOf ?? [])]) walk(a, depth + 1);
  };
  walk(schema, 0);
  const ids = new Map<string, string>();
  for (const n of names) {
    const id = await idForField(n);
    if (id) ids.set(n, id);
  }
  return { idFor: (f) => ids.get(f), version };
}

/** Every id of the caller's town in a few tables: plausible values for id-like fields of nearly valid bodies. */
async function townIds(): Promise<string[]> {
  const out: string[] = [];
  for (const t of ['deputy', 'handling_unit', 'station', 'village', 'activity', 'suggestion', 'stored_file', 'congress_session']) {
    const r = await sql<{ id: string }>`select id from ${q(t)} where town_id = ${townA} order by id limit 3`.execute(db);
    out.push(...r.rows.map((x) => x.id));
  }
  return out;
}

describe('hostile input on every write route', () => {
  it('covers every write route (none skipped silently)', () => {
    const all = writeRoutes();
    expect(all.length).toBeGreaterThan(150);
    for (const key of Object.keys(SKIPPED))
      expect(
        all.some((r) => `${r.method} ${r.url}` === key),
        `stale skip ${key}`,
      ).toBe(true);
  });

  it('its checks catch a 5xx, a non-JSON answer, a changed count and a changed row', async () => {
    const fake = (statusCode: number, type: string, body: string) =>
      ({ statusCode, headers: { 'content-type': type }, body }) as unknown as LightMyRequestResponse;
    expect(problemsOf(fake(500, 'application/json', '{}'), null)).toEqual(['answered 500']);
    expect(problemsOf(fake(200, 'text/html', '<script>'), null)).toEqual(['answered text/html, not JSON']);
    expect(problemsOf(fake(400, 'application/json', '{"code":"VALIDATION"}'), [])).toEqual([]);
    const row = await resolveUrl('/api/v1/villages/:id');
    expect(row.resolved).toBe(true);
    const a = await fingerprint(row.rows);
    await makeUser(db, { countyId: demoAdmin.countyId, townId: townA, role: 'liaison', username: 'hostile_probe' });
    await db.updateTable('village').set({ name: '改过的村' }).where('id', '=', row.rows[0].id).execute();
    const b = await fingerprint(row.rows);
    expect(diff(a, b, [])).toEqual(['app_user: 7 -> 8', `row village:${row.rows[0].id} changed`]);
    expect(diff(a, b, ['app_user'])).toHaveLength(1);
  });

  // One test per route, so each failure is named.
  it.each(ROUTE_KEYS)(
    '%s',
    async (key) => {
      const r = writeRoutes().find((x) => `${x.method} ${x.url}` === key);
      expect(r, `route ${key} is registered`).toBeTruthy();
      if (!r || SKIPPED[key]) return;
      await hammer(r);
    },
    120_000 * RUNS,
  );

  it('sent every case to every write route above', () => {
    const short = ROUTE_KEYS.filter((k) => !SKIPPED[k] && (sentTo.get(k) ?? 0) < FIXED_COUNT + GENERATED_PER_ROUTE);
    expect(short).toEqual([]);
  });
});

async function hammer(r: RouteEntry): Promise<void> {
  const key = `${r.method} ${r.url}`;
  const role: Role | null = 'public' in r.access ? null : r.access.roles.includes('town_admin') ? 'town_admin' : (r.access.roles[0] as Role);
  const schema = schemaOf(r);
  const target = await resolveUrl(r.url);
  if (!target.resolved) unresolved.push(key);
  const ids = await townIds();
  const hints = await hintsFor(schema, target.version);
  const allowed = MAY_CHANGE_WHEN_REFUSED[key] ?? [];
  const failures: string[] = [];
  let before: Fingerprint | null = null;

  const send = async (body: HostileBody): Promise<string[]> => {
    cases++;
    sentTo.set(key, (sentTo.get(key) ?? 0) + 1);
    const client = role ? await clientAs(role) : anon(app);
    const f0 = performance.now();
    before ??= await fingerprint(target.rows);
    timeByKind.set('(fingerprint)', (timeByKind.get('(fingerprint)') ?? 0) + performance.now() - f0);
    const headers: Record<string, string> = {};
    if (body.contentType) headers['content-type'] = body.contentType;
    const t0 = performance.now();
    const res = await client.request({ method: r.method as 'POST', url: target.url, payload: body.payload, headers });
    const kind = body.kind.startsWith('huge') ? body.kind : body.kind.replace(/ .*/, '');
    timeByKind.set(kind, (timeByKind.get(kind) ?? 0) + performance.now() - t0);
    let changed: string[] | null = null;
    if (res.statusCode >= 400 && res.statusCode < 500) {
      const after = await fingerprint(target.rows);
      changed = diff(before, after, allowed);
      before = after;
    } else {
      // Accepted (or broken): it may have changed things, sessions included; measure again next time.
      before = null;
      for (const u of clients.keys()) needsCheck.add(u);
    }
    const problems = problemsOf(res, changed);
    statuses.set(key, [...(statuses.get(key) ?? []), res.statusCode]);
    // The caller was chosen by the route's policy: a 401 or a CSRF refusal means the case tested nothing.
    if (role && (res.statusCode === 401 || res.body.includes('"code":"CSRF"'))) problems.push('caller was not let in (401/CSRF): the case tested nothing');
    return problems.map(
      (p) => `${key} as ${role ?? 'anonymous'} on ${target.url} [${body.kind}] body=${excerpt(body.payload)} -> ${p}; response=${res.body.slice(0, 300)}`,
    );
  };

  for (const body of fixedCases(schema, hints)) failures.push(...(await send(body)));
  await fc.assert(
    fc.asyncProperty(hostileBody(schema, hints, ids), async (body) => {
      const found = await send(body);
      failures.push(...found);
      return true; // collected, not thrown: shrinking would replay requests on a database that has moved on
    }),
    { numRuns: GENERATED_PER_ROUTE, seed: SEED },
  );
  expect(failures.slice(0, 20), `${failures.length} problems`).toEqual([]);
}
