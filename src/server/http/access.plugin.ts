import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { addMinutes, nowIso } from '../lib/time.ts';
import { CsrfError, ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { Access, Ctx, Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user must still change a reset password (me, change password, logout). */
    beforePasswordChange?: true;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** One API route and who may call it: the access table that security tests walk. */
export type RouteEntry = { method: string; url: string; access: Access };

/** Filled as routes register; read by tests after `app.ready()`. */
export const ROUTE_TABLES = new WeakMap<FastifyInstance, RouteEntry[]>();

export const SESSION_COOKIE = 'renda_sid';
export const CSRF_HEADER = 'x-csrf-token';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Touch last_seen_at at most once a minute: idle expiry needs no finer grain, and reads stay reads.
const TOUCH_EVERY_MS = 60_000;

type Deps = { db: Kysely<DB>; config: Config };

/** A session as read from the database: who it is, and the two times that end it. */
type LoadedSession = { principal: Principal; lastSeenAt: string; expiresAt: string };

/** The principal of a session token, or null when the session is unknown, expired or the user is disabled. */
export async function loadPrincipalForToken(token: string | undefined, deps: Deps): Promise<Principal | null> {
  if (!token) return null;
  const id = hashToken(token);
  const s = await readSession(id, deps);
  return s ? checkSession(id, s, deps) : null;
}

/** The session row with its user, straight from the database (no expiry check), or null when unknown or disabled. */
async function readSession(id: string, deps: Deps): Promise<LoadedSession | null> {
  const row = await deps.db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select([
      'session.id as sessionId',
      'session.townId as sessionTownId',
      'session.csrfToken',
      'session.lastSeenAt',
      'session.expiresAt',
      'appUser.id as userId',
      'appUser.username',
      'appUser.displayName',
      'appUser.role',
      'appUser.countyId',
      'appUser.townId as userTownId',
      'appUser.deputyId',
      'appUser.unitId',
      'appUser.stationId',
      'appUser.active',
      'appUser.mustChangePassword',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row?.active) return null;
  return {
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    principal: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      countyId: row.countyId,
      // Town users are pinned to their own town whatever the session row says.
      townId: row.role === 'county_admin' ? row.sessionTownId : row.userTownId,
      deputyId: row.deputyId,
      unitId: row.unitId,
      stationId: row.stationId,
      sessionId: row.sessionId,
      csrfToken: row.csrfToken,
      mustChangePassword: row.mustChangePassword === 1,
    },
  };
}

/**
 * The expiry checks, on every request (cached or not): an expired or idle session is deleted and
 * refused; an active one has last_seen_at moved on at most once a minute (`s` is updated with it).
 */
function isOver(s: LoadedSession, now: string, deps: Deps): boolean {
  return s.expiresAt <= now || addMinutes(s.lastSeenAt, deps.config.sessionIdleMinutes) <= now;
}

async function checkSession(id: string, s: LoadedSession, deps: Deps): Promise<Principal | null> {
  const now = nowIso();
  if (isOver(s, now, deps)) {
    await deps.db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  if (Date.parse(now) - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) {
    await deps.db.updateTable('session').set({ lastSeenAt: now }).where('id', '=', id).execute();
    s.lastSeenAt = now;
  }
  // A copy per request: nothing a request does to its principal reaches the cache.
  return { ...s.principal };
}

/**
 * How long this process trusts a session it has read, without asking the database again. Every API
 * request needs its session, and reading it (a join of session and app_user) was a large share of the
 * cheap reads' cost. The price: a change made by ANOTHER process (logout, password change, an admin
 * disabling an account or changing its role, the `renda user` CLI) reaches this process's cached copy
 * only when it lapses, so a revoked session may still work here for up to this long. Changes made
 * through THIS process take effect at once: any write request empties the cache (see the plugin).
 * docs/deploy.md says so under "Sessions".
 */
export const SESSION_CACHE_MS = 5_000;
// Sessions seen within one TTL; beyond this the expired entries are swept (and, if that is not enough, all).
const SESSION_CACHE_MAX = 10_000;

/**
 * Sessions read in the last SESSION_CACHE_MS, by hashed id. `generation` moves on every clear, so a read
 * that started before a write's clear cannot put its (possibly stale) row back afterwards.
 */
export class SessionCache {
  private entries = new Map<string, { s: LoadedSession; until: number }>();
  private generation = 0;

  constructor(
    private readonly deps: Deps,
    private readonly ttlMs = SESSION_CACHE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  async principalFor(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const id = hashToken(token);
    const t = this.clock();
    const hit = this.entries.get(id);
    let s: LoadedSession | null;
    // A cached copy that looks over is read again: another process may have seen the user since.
    if (hit && hit.until > t && !isOver(hit.s, nowIso(), this.deps)) {
      s = hit.s;
    } else {
      const gen = this.generation;
      s = await readSession(id, this.deps);
      if (!s) this.entries.delete(id);
      else if (gen === this.generation) this.put(id, s, t);
    }
    if (!s) return null;
    const p = await checkSession(id, s, this.deps);
    if (!p) this.entries.delete(id);
    return p;
  }

  /** Forget every session: called after any write request, so this process sees the write's effect at once. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private put(id: string, s: LoadedSession, t: number): void {
    if (this.entries.size >= SESSION_CACHE_MAX) {
      for (const [k, e] of this.entries) if (e.until <= t) this.entries.delete(k);
      if (this.entries.size >= SESSION_CACHE_MAX) this.entries.clear();
    }
    this.entries.set(id, { s, until: t + this.ttlMs });
  }
}

/** Each app's session cache: tests reach it to stand in for the TTL passing. */
export const SESSION_CACHES = new WeakMap<FastifyInstance, SessionCache>();

/**
 * Sessions, CSRF and role checks for every route, before the body is parsed or validated
 * (so an anonymous caller gets 401, not a validation error). Routes under /api must declare
 * `config.access`; a route without it stops the server from starting.
 */
export const accessPlugin = fp(async (app: FastifyInstance, deps: Deps) => {
  app.decorateRequest('principal', null);
  const sessions = new SessionCache(deps);
  SESSION_CACHES.set(app, sessions);
  // Any write request (login, logout, password, switching town, an admin changing or disabling an account,
  // a workbook import of users, ...) may change a session or a user: empty the cache before the answer
  // goes out, so the next request in this process reads the database. Coarse on purpose: it needs no list
  // of the places that touch sessions and users (a new one cannot be missed), and writes are rare beside reads.
  // onSend covers every answer, errors included; onResponse also covers a client that went away.
  const clearAfterWrite = async (req: FastifyRequest) => {
    if (!SAFE_METHODS.has(req.method)) sessions.clear();
  };
  app.addHook('onSend', clearAfterWrite);
  app.addHook('onResponse', clearAfterWrite);

  const table: RouteEntry[] = [];
  ROUTE_TABLES.set(app, table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access policy`);
    for (const m of [route.method].flat()) if (m !== 'HEAD') table.push({ method: m, url: route.url, access });
  });

  app.addHook('onRequest', async (req, _reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    req.principal = await sessions.principalFor(req.cookies[SESSION_COOKIE]);
    if ('public' in access) return;
    const p = req.principal;
    if (!p) throw new UnauthenticatedError();
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== p.csrfToken) throw new CsrfError();
    }
    if (!access.roles.includes(p.role)) throw new ForbiddenError();
    // A password set by an admin (new account, reset) is known to two people: nothing else works
    // until the user has chosen their own.
    if (p.mustChangePassword && !req.routeOptions.config?.beforePasswordChange) {
      throw new ForbiddenError('请先修改初始密码');
    }
  });
});

/** Build the use-case context of an authenticated request. */
export function ctxOf(req: FastifyRequest, db: Kysely<DB>): Ctx {
  if (!req.principal) throw new UnauthenticatedError();
  return { db, principal: req.principal, requestId: req.id, ip: req.ip };
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    maxAge: config.sessionAbsoluteMinutes * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
