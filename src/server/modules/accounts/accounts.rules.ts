/** Pure rules for accounts: login names, which link each role needs, what an admin may do to whom. */
import type { Role } from '../../db/schema.ts';

/** A mainland China mobile number (11 digits, 13x–19x). Accounts may log in with it. */
export function isMainlandMobile(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s);
}

/**
 * A username is 3–32 of [A-Za-z0-9_.-], or a mainland mobile number (which the pattern already admits:
 * many staff want to log in with their phone number as their name).
 */
export function isValidUsername(s: string): boolean {
  return /^[A-Za-z0-9_.-]{3,32}$/.test(s) || isMainlandMobile(s);
}

export type LinkField = 'deputyId' | 'unitId' | 'stationId';
export type Links = Record<LinkField, string | null>;

/** The record each role acts for: a deputy is a deputy, a handler works in a unit, a liaison in a station. */
export const LINK_OF_ROLE: Record<Role, LinkField | null> = {
  county_admin: null,
  town_admin: null,
  liaison: 'stationId',
  deputy: 'deputyId',
  handler: 'unitId',
};

/**
 * The links a user of `role` keeps: the one the role needs (which must be given) and no other,
 * so that a handler turned liaison does not keep seeing the unit's suggestions.
 */
export function linksForRole(role: Role, links: Links): { ok: true; links: Links } | { ok: false; missing: LinkField } {
  const need = LINK_OF_ROLE[role];
  const out: Links = { deputyId: null, unitId: null, stationId: null };
  if (need) {
    const v = links[need];
    if (!v) return { ok: false, missing: need };
    out[need] = v;
  }
  return { ok: true, links: out };
}

/** Only a county_admin creates or grants county_admin; a town_admin manages town roles only. */
export function mayGrantRole(actor: Role, target: Role): boolean {
  if (actor === 'county_admin') return true;
  return actor === 'town_admin' && target !== 'county_admin';
}

export type SelfChangeProblem = { field: 'body.role' | 'body.active'; message: string } | null;

/**
 * An admin editing their own account may not lock themself out: no deactivation and no change of role
 * (for an admin every other role is a demotion, and the town would be left without its admin by accident).
 */
export function selfChangeProblem(isSelf: boolean, change: { role?: Role; active?: boolean }, current: { role: Role }): SelfChangeProblem {
  if (!isSelf) return null;
  if (change.active === false) return { field: 'body.active', message: '不能停用本人账号' };
  if (change.role !== undefined && change.role !== current.role) return { field: 'body.role', message: '不能修改本人的角色' };
  return null;
}
