import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/db/schema.ts';
import { ROUTE_TABLES, type RouteEntry } from '../../src/server/http/access.plugin.ts';
import { ALL_ROLES } from '../../src/server/http/principal.ts';
import { type TestCtx, anon, setupApi } from '../app.ts';

/*
 * Generated from the route table: every API route, called by every role, must answer as its declared
 * policy says — before any handler runs. A new route is covered the moment it is registered.
 */
let t: TestCtx;
let routes: RouteEntry[];
beforeAll(async () => {
  t = await setupApi();
  await t.app.ready();
  routes = ROUTE_TABLES.get(t.app) ?? [];
});
afterAll(async () => t.close());

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const urlOf = (r: RouteEntry) => r.url.replace(/:(\w+)/g, '01ZZZZZZZZZZZZZZZZZZZZZZZZ');

describe('access matrix', () => {
  it('has routes to check, and every one declares a policy', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if ('public' in r.access) continue;
      const res = await anon(t.app).request({ method: r.method as 'GET', url: urlOf(r) });
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} -> ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every write without the CSRF token, for a role that may otherwise call it', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if ('public' in r.access || !WRITE.has(r.method)) continue;
      const role = r.access.roles[0] as Role;
      const c = await t.as(role);
      const res = await c.request({ method: r.method as 'POST', url: urlOf(r), headers: { 'x-csrf-token': 'forged' } });
      if (res.statusCode !== 403 || res.json().code !== 'CSRF') wrong.push(`${r.method} ${r.url} -> ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every role outside a route’s policy', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if ('public' in r.access) continue;
      const allowed = r.access.roles;
      for (const role of ALL_ROLES.filter((x) => !allowed.includes(x))) {
        const c = await t.as(role);
        const res = await c.request({ method: r.method as 'GET', url: urlOf(r) });
        if (res.statusCode !== 403) wrong.push(`${role} ${r.method} ${r.url} -> ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
