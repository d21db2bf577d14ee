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

/** The principal of a session token, or null when the session is unknown, expired or the user is disabled. */
export async function loadPrincipalForToken(token: string | undefined, deps: Deps): Promise<Principal | null> {
  if (!token) return null;
  const id = hashToken(token);
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
  const now = nowIso();
  const idleLimit = addMinutes(row.lastSeenAt, deps.config.sessionIdleMinutes);
  if (row.expiresAt <= now || idleLimit <= now) {
    await deps.db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  if (Date.parse(now) - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await deps.db.updateTable('session').set({ lastSeenAt: now }).where('id', '=', id).execute();
  }
  return {
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
  };
}

/**
 * Sessions, CSRF and role checks for every route, before the body is parsed or validated
 * (so an anonymous caller gets 401, not a validation error). Routes under /api must declare
 * `config.access`; a route without it stops the server from starting.
 */
export const accessPlugin = fp(async (app: FastifyInstance, deps: Deps) => {
  app.decorateRequest('principal', null);

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
    req.principal = await loadPrincipalForToken(req.cookies[SESSION_COOKIE], deps);
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
