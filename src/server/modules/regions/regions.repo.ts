import type { Kysely, Selectable } from 'kysely';
import type { ConstituencyTable, DB, TermTable, TownTable, VillageTable } from '../../db/schema.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { type VillageClaim, currentTermId } from './regions.rules.ts';

export type TownRow = Selectable<TownTable>;
export type VillageRow = Selectable<VillageTable>;
export type TermRow = Selectable<TermTable>;
export type ConstituencyRow = Selectable<ConstituencyTable>;

type Counts = Map<string, number>;

function toMap(rows: { k: string | null; n: number | string }[]): Counts {
  return new Map(rows.filter((r) => r.k !== null).map((r) => [r.k as string, Number(r.n)]));
}

// ---- towns: a town belongs to a county, which is the tenant boundary for these queries.

export function listTowns(db: Kysely<DB>, countyId: string, onlyTownId?: string): Promise<TownRow[]> {
  let q = db.selectFrom('town').selectAll().where('countyId', '=', countyId);
  if (onlyTownId !== undefined) q = q.where('id', '=', onlyTownId);
  return q.orderBy('code').execute();
}

export function findTown(db: Kysely<DB>, countyId: string, id: string): Promise<TownRow | undefined> {
  return db.selectFrom('town').selectAll().where('countyId', '=', countyId).where('id', '=', id).executeTakeFirst();
}

/** Town codes are unique across the whole database (they name the tenant in imports and the CLI). */
export function townByCode(db: Kysely<DB>, code: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('town').select('id').where('code', '=', code).executeTakeFirst();
}

export function townByName(db: Kysely<DB>, countyId: string, name: string, exceptId?: string): Promise<{ id: string } | undefined> {
  let q = db.selectFrom('town').select('id').where('countyId', '=', countyId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/**
 * Serving deputies per town, counting only each town's current term: the deputies of a term that
 * has ended may still be marked serving, and would otherwise be counted twice.
 */
export async function servingDeputiesByTown(db: Kysely<DB>, townIds: string[], today: string): Promise<Counts> {
  if (!townIds.length) return new Map();
  const terms = await db.selectFrom('term').select(['id', 'townId', 'number', 'startDate']).where('townId', 'in', townIds).execute();
  const currentIds = townIds.map((t) => currentTermId(terms.filter((x) => x.townId === t), today)).filter((id): id is string => id !== null);
  if (!currentIds.length) return new Map();
  const rows = await db
    .selectFrom('deputy')
    .select(['townId as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', 'in', townIds)
    .where('termId', 'in', currentIds)
    .where('status', '=', 'serving')
    .groupBy('townId')
    .execute();
  return toMap(rows);
}

export async function villagesByTown(db: Kysely<DB>, townIds: string[]): Promise<Counts> {
  if (!townIds.length) return new Map();
  const rows = await db
    .selectFrom('village')
    .select(['townId as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', 'in', townIds)
    .groupBy('townId')
    .execute();
  return toMap(rows);
}

// ---- villages

export function findVillage(db: Kysely<DB>, townId: string, id: string): Promise<VillageRow | undefined> {
  return db.selectFrom('village').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function listVillages(
  db: Kysely<DB>,
  townId: string,
  f: { q?: string; limit: number; offset: number },
): Promise<{ rows: VillageRow[]; total: number }> {
  let base = db.selectFrom('village').where('townId', '=', townId);
  if (f.q) base = base.where((eb) => eb.or([containsCi('name', f.q as string), containsCi('code', f.q as string)]));
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('sortOrder').orderBy('code').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

export function villagesByIds(db: Kysely<DB>, townId: string, ids: string[]): Promise<VillageRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('village').selectAll().where('townId', '=', townId).where('id', 'in', ids).execute();
}

// ---- terms

export function listTerms(db: Kysely<DB>, townId: string): Promise<TermRow[]> {
  return db.selectFrom('term').selectAll().where('townId', '=', townId).orderBy('number', 'desc').execute();
}

export function findTerm(db: Kysely<DB>, townId: string, id: string): Promise<TermRow | undefined> {
  return db.selectFrom('term').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function termByNumber(db: Kysely<DB>, townId: string, number: number, exceptId?: string): Promise<{ id: string } | undefined> {
  let q = db.selectFrom('term').select('id').where('townId', '=', townId).where('number', '=', number);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function servingDeputiesByTerm(db: Kysely<DB>, townId: string): Promise<Counts> {
  const rows = await db
    .selectFrom('deputy')
    .select(['termId as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('status', '=', 'serving')
    .groupBy('termId')
    .execute();
  return toMap(rows);
}

// ---- constituencies

export function listConstituencies(db: Kysely<DB>, townId: string, termId: string): Promise<ConstituencyRow[]> {
  return db.selectFrom('constituency').selectAll().where('townId', '=', townId).where('termId', '=', termId).orderBy('code').execute();
}

export function findConstituency(db: Kysely<DB>, townId: string, id: string): Promise<ConstituencyRow | undefined> {
  return db.selectFrom('constituency').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function constituencyByCode(db: Kysely<DB>, townId: string, termId: string, code: string, exceptId?: string): Promise<{ id: string } | undefined> {
  let q = db.selectFrom('constituency').select('id').where('townId', '=', townId).where('termId', '=', termId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export type ConstituencyVillage = { constituencyId: string; villageId: string; villageName: string };

/** The villages of several constituencies at once, in the villages' display order. */
export function villagesOfConstituencies(db: Kysely<DB>, townId: string, constituencyIds: string[]): Promise<ConstituencyVillage[]> {
  if (!constituencyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('constituencyVillage as cv')
    .innerJoin('village as v', 'v.id', 'cv.villageId')
    .select(['cv.constituencyId', 'cv.villageId', 'v.name as villageName'])
    .where('cv.townId', '=', townId)
    .where('cv.constituencyId', 'in', constituencyIds)
    .orderBy('v.sortOrder')
    .orderBy('v.code')
    .execute();
}

export async function servingDeputiesByConstituency(db: Kysely<DB>, townId: string, constituencyIds: string[]): Promise<Counts> {
  if (!constituencyIds.length) return new Map();
  const rows = await db
    .selectFrom('deputy')
    .select(['constituencyId as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('constituencyId', 'in', constituencyIds)
    .where('status', '=', 'serving')
    .groupBy('constituencyId')
    .execute();
  return toMap(rows);
}

/** Which constituencies of a term already hold any of these villages. */
export function villageClaimsInTerm(db: Kysely<DB>, townId: string, termId: string, villageIds: string[]): Promise<VillageClaim[]> {
  if (!villageIds.length) return Promise.resolve([]);
  return db
    .selectFrom('constituencyVillage as cv')
    .innerJoin('constituency as c', 'c.id', 'cv.constituencyId')
    .innerJoin('village as v', 'v.id', 'cv.villageId')
    .select(['cv.villageId', 'v.name as villageName', 'c.id as constituencyId', 'c.name as constituencyName'])
    .where('cv.townId', '=', townId)
    .where('c.termId', '=', termId)
    .where('cv.villageId', 'in', villageIds)
    .execute();
}

export async function replaceConstituencyVillages(db: Kysely<DB>, townId: string, constituencyId: string, villageIds: string[]): Promise<void> {
  await db.deleteFrom('constituencyVillage').where('townId', '=', townId).where('constituencyId', '=', constituencyId).execute();
  if (!villageIds.length) return;
  await db
    .insertInto('constituencyVillage')
    .values(villageIds.map((villageId) => ({ constituencyId, villageId, townId })))
    .execute();
}
