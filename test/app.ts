import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { DB, Role } from '../src/server/db/schema.ts';
import { freshDatabase } from './db.ts';
import { TEST_PASSWORD, makeCounty, makeStation, makeTerm, makeTown, makeUnit, makeUser, makeDeputy } from './factories.ts';

/**
 * The standard world for API tests: one county with towns A (home) and B (the "other town"),
 * a user of every role in town A, a town_admin in B, and a county_admin.
 */
export async function makeWorld(db: Kysely<DB>) {
  const county = await makeCounty(db);
  const townA = await makeTown(db, county.id, 'T01', '甲镇');
  const townB = await makeTown(db, county.id, 'T02', '乙镇');
  const termA = await makeTerm(db, townA.id);
  const termB = await makeTerm(db, townB.id);
  const stationA = await makeStation(db, townA.id, 'S01', '甲镇代表联络站');
  const stationB = await makeStation(db, townB.id, 'S01', '乙镇代表联络站');
  const unitA = await makeUnit(db, townA.id, 'U001', '甲镇民政办');
  const unitB = await makeUnit(db, townB.id, 'U001', '乙镇民政办');
  const deputyA = await makeDeputy(db, townA.id, termA.id, { code: 'D001', name: '李明华', stationId: stationA.id });
  const deputyB = await makeDeputy(db, townB.id, termB.id, { code: 'D001', name: '王建国', stationId: stationB.id });
  const c = county.id;
  const users = {
    county_admin: await makeUser(db, { countyId: c, role: 'county_admin', username: 'county' }),
    town_admin: await makeUser(db, { countyId: c, townId: townA.id, role: 'town_admin', username: 'admin_a' }),
    liaison: await makeUser(db, { countyId: c, townId: townA.id, role: 'liaison', username: 'liaison_a', stationId: stationA.id }),
    deputy: await makeUser(db, { countyId: c, townId: townA.id, role: 'deputy', username: 'deputy_a', deputyId: deputyA.id }),
    handler: await makeUser(db, { countyId: c, townId: townA.id, role: 'handler', username: 'handler_a', unitId: unitA.id }),
    admin_b: await makeUser(db, { countyId: c, townId: townB.id, role: 'town_admin', username: 'admin_b' }),
  };
  return { county, townA, townB, termA, termB, stationA, stationB, unitA, unitB, deputyA, deputyB, users };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;

/** A logged-in client: carries the session cookie and sends the CSRF token on writes. */
export type Client = {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  csrf: string;
  cookie: string;
};

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
    csrf,
    cookie,
  };
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'renda_sid');
  if (!set) throw new Error('no session cookie');
  return clientFor(app, `renda_sid=${set.value}`, res.json().csrfToken);
}

/** An anonymous caller. */
export function anon(app: FastifyInstance): Client {
  return clientFor(app, '', '');
}

export type TestCtx = {
  app: FastifyInstance;
  db: Kysely<DB>;
  world: World;
  as(role: Role | 'admin_b'): Promise<Client>;
  close(): Promise<void>;
};

/** Build the app on a fresh database with the standard world; clients are logged in lazily and cached. */
export async function setupApi(): Promise<TestCtx> {
  const database = await freshDatabase();
  const world = await makeWorld(database.db);
  const config = { ...loadConfig({}), webDist: '/nonexistent', filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'renda-files-')) };
  const app = await buildApp({ db: database.db, engine: database.engine, config });
  const cache = new Map<string, Client>();
  return {
    app,
    db: database.db,
    world,
    async as(role) {
      const username = world.users[role].username;
      let c = cache.get(username);
      if (!c) {
        c = await login(app, username);
        cache.set(username, c);
      }
      return c;
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(config.filesDir, { recursive: true, force: true });
    },
  };
}
