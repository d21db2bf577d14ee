import { type Expression, type SqlBool, sql } from 'kysely';
import type { AnyEb } from '../../db/sql-helpers.ts';
import type { SponsorRole } from '../../db/tables/suggestions.ts';
import type { Principal } from '../../http/principal.ts';

/*
 * Row-level scope: which of the town's suggestions a caller may see at all. Everything outside it
 * answers 404 (never 403), in the list and in every route that names one item, because both go through
 * this one filter on `suggestion as s`.
 *
 * - admins and liaisons: the whole town (a liaison registers what comes in at any station's door).
 * - deputy: the items they sponsor, as lead or co-sponsor.
 * - handler: the items their office holds now (lead or co), or that it replied to (a returned or
 *   re-assigned item keeps its answer visible to the office that wrote it).
 */

const NOTHING = sql<SqlBool>`1 = 0`;

export function sponsoredBy(eb: AnyEb, townId: string, deputyId: string, role?: SponsorRole): Expression<SqlBool> {
  let sub = eb
    .selectFrom('suggestionSponsor as sp')
    .select('sp.suggestionId')
    .whereRef('sp.suggestionId', '=', 's.id')
    .where('sp.townId', '=', townId)
    .where('sp.deputyId', '=', deputyId);
  if (role) sub = sub.where('sp.role', '=', role);
  return eb.exists(sub);
}

export function heldByUnit(eb: AnyEb, townId: string, unitId: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('suggestionUnit as su')
      .select('su.suggestionId')
      .whereRef('su.suggestionId', '=', 's.id')
      .where('su.townId', '=', townId)
      .where('su.unitId', '=', unitId),
  );
}

function repliedByUnit(eb: AnyEb, townId: string, unitId: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('suggestionReply as sr')
      .select('sr.id')
      .whereRef('sr.suggestionId', '=', 's.id')
      .where('sr.townId', '=', townId)
      .where('sr.unitId', '=', unitId),
  );
}

/** The scope of `p` as a condition on `s`, or null when the caller sees the whole town. */
export function scopeOf(p: Pick<Principal, 'role' | 'deputyId' | 'unitId'>, townId: string): ((eb: AnyEb) => Expression<SqlBool>) | null {
  switch (p.role) {
    case 'county_admin':
    case 'town_admin':
    case 'liaison':
      return null;
    case 'deputy': {
      const deputyId = p.deputyId;
      return (eb) => (deputyId ? sponsoredBy(eb, townId, deputyId) : NOTHING);
    }
    case 'handler': {
      const unitId = p.unitId;
      return (eb) => (unitId ? eb.or([heldByUnit(eb, townId, unitId), repliedByUnit(eb, townId, unitId)]) : NOTHING);
    }
    default:
      return () => NOTHING;
  }
}

/**
 * `mine=true`: the caller's own items. A deputy's and a handler's scope is theirs already; for staff it
 * is what they entered themselves.
 */
export function mineOf(p: Pick<Principal, 'role' | 'userId'>): ((eb: AnyEb) => Expression<SqlBool>) | null {
  if (p.role === 'deputy' || p.role === 'handler') return null;
  return (eb) => eb('s.createdBy', '=', p.userId);
}
