import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';
import { AppError } from './errors.ts';

/** Who is calling, from the server-side session. The town always comes from here, never from a request. */
export type Principal = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  countyId: string;
  /** The town the session works in: fixed for town users, chosen by a county_admin. */
  townId: string | null;
  deputyId: string | null;
  unitId: string | null;
  stationId: string | null;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
};

/** What every service use case receives. */
export type Ctx = {
  db: Kysely<DB>;
  principal: Principal;
  requestId: string;
  ip: string;
};

/** The town a use case works in; a county_admin who has not picked one gets a clear 400. */
export function townOf(ctx: Ctx): string {
  const t = ctx.principal.townId;
  if (!t) throw new AppError('VALIDATION', 400, '请先选择要查看的乡镇', { issues: [{ field: 'townId', message: '未选择乡镇' }] });
  return t;
}

/**
 * Who may call a route. Every /api route declares one of these (the server refuses to start
 * otherwise), so the route table is also the access table that the security tests walk.
 */
export type Access = { public: true } | { roles: readonly Role[] };

export const ADMINS: readonly Role[] = ['county_admin', 'town_admin'];
export const STAFF: readonly Role[] = ['county_admin', 'town_admin', 'liaison'];
export const ALL_ROLES: readonly Role[] = ['county_admin', 'town_admin', 'liaison', 'deputy', 'handler'];
