import { type Kysely, type Selectable, sql } from 'kysely';
import type { AppUserTable, DB, Role } from '../../db/schema.ts';
import { containsCi } from '../../db/sql-helpers.ts';

export type UserRow = Selectable<AppUserTable>;

/**
 * Which accounts a caller may see: the users of one town, plus (for a county_admin) the county's
 * own county_admin accounts, which belong to no town. `townId` null with `withCountyAdmins` lists
 * only the county admins.
 */
export type UserScope = { countyId: string; townId: string | null; withCountyAdmins: boolean };

function scoped(db: Kysely<DB>, scope: UserScope) {
  return db
    .selectFrom('appUser as u')
    .where('u.countyId', '=', scope.countyId)
    .where((eb) => {
      const inTown = scope.townId === null ? null : eb('u.townId', '=', scope.townId);
      const county = scope.withCountyAdmins ? eb.and([eb('u.townId', 'is', null), eb('u.role', '=', 'county_admin')]) : null;
      const parts = [inTown, county].filter((p) => p !== null);
      return parts.length ? eb.or(parts) : eb.val(false);
    });
}

/** The account with the names of what it is linked to (deputy, unit, station of the same town). */
function withNames(db: Kysely<DB>, scope: UserScope) {
  return scoped(db, scope)
    .leftJoin('deputy as d', (j) => j.onRef('d.id', '=', 'u.deputyId').onRef('d.townId', '=', 'u.townId'))
    .leftJoin('handlingUnit as hu', (j) => j.onRef('hu.id', '=', 'u.unitId').onRef('hu.townId', '=', 'u.townId'))
    .leftJoin('station as s', (j) => j.onRef('s.id', '=', 'u.stationId').onRef('s.townId', '=', 'u.townId'))
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.phone',
      'u.role',
      'u.townId',
      'u.deputyId',
      'd.name as deputyName',
      'u.unitId',
      'hu.name as unitName',
      'u.stationId',
      's.name as stationName',
      'u.active',
      'u.mustChangePassword',
      'u.lastLoginAt',
      'u.version',
    ]);
}

export type UserView = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

export function findUser(db: Kysely<DB>, scope: UserScope, id: string): Promise<UserRow | undefined> {
  return scoped(db, scope).selectAll('u').where('u.id', '=', id).executeTakeFirst();
}

export function findUserView(db: Kysely<DB>, scope: UserScope, id: string): Promise<UserView | undefined> {
  return withNames(db, scope).where('u.id', '=', id).executeTakeFirst();
}

export async function listUsers(
  db: Kysely<DB>,
  scope: UserScope,
  f: { q?: string; role?: Role; limit: number; offset: number },
): Promise<{ rows: UserView[]; total: number }> {
  let base = withNames(db, scope);
  if (f.q) {
    const q = f.q;
    base = base.where((eb) => eb.or([containsCi('u.username', q), containsCi('u.display_name', q), containsCi('u.phone', q)]));
  }
  if (f.role) base = base.where('u.role', '=', f.role);
  // The joins are to-one, so counting the joined rows counts the accounts.
  const [c, rows] = await Promise.all([
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base.orderBy('u.role').orderBy('u.username').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

/**
 * Someone already logs in with this name: as a username (compared without case, so that "Li" and
 * "li" cannot be two people) or as a phone number (login accepts either).
 */
export function loginNameTaken(db: Kysely<DB>, value: string, exceptUserId?: string): Promise<{ id: string } | undefined> {
  let q = db
    .selectFrom('appUser')
    .select('id')
    .where((eb) => eb.or([eb(sql`lower(username)`, '=', value.toLowerCase()), eb('phone', '=', value)]));
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return q.executeTakeFirst();
}

/** An account by its exact username, in any town: the operator's CLI names accounts this way. */
export async function userByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst();
}

export function deputyInTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('deputy').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function unitInTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('handlingUnit').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function stationInTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** Another account already acting for this deputy (a deputy has one account). */
export function accountOfDeputy(db: Kysely<DB>, townId: string, deputyId: string, exceptUserId?: string) {
  let q = db.selectFrom('appUser').select(['id', 'username']).where('townId', '=', townId).where('deputyId', '=', deputyId);
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return q.executeTakeFirst();
}

export async function endSessionsOf(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('session').where('userId', '=', userId).execute();
}
