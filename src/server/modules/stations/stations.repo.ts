import type { Kysely, Selectable } from 'kysely';
import type { DB, StationTable } from '../../db/schema.ts';
import { codeCounter } from '../../lib/auto-code.ts';

export type StationRow = Selectable<StationTable>;
export type StationWithHead = StationRow & { headDeputyName: string | null };

/** Every query takes the town: no station is read across towns. */
export function findStation(db: Kysely<DB>, townId: string, id: string): Promise<StationRow | undefined> {
  return db.selectFrom('station').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** Stations with the head deputy's name; all of the town, or one. */
export function listStationsWithHead(db: Kysely<DB>, townId: string, id?: string): Promise<StationWithHead[]> {
  let q = db
    .selectFrom('station')
    .leftJoin('deputy', (j) => j.onRef('deputy.id', '=', 'station.headDeputyId').onRef('deputy.townId', '=', 'station.townId'))
    .selectAll('station')
    .select('deputy.name as headDeputyName')
    .where('station.townId', '=', townId);
  if (id) q = q.where('station.id', '=', id);
  return q.orderBy('station.code').execute();
}

export type StationCounts = { villages: number; deputies: number; liaisons: number };

/**
 * Village, serving-deputy and active-liaison counts per station: three grouped queries whatever the
 * number of stations.
 */
export async function countsByStation(db: Kysely<DB>, townId: string, id?: string): Promise<Map<string, StationCounts>> {
  let villages = db
    .selectFrom('stationVillage')
    .select(['stationId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .groupBy('stationId');
  let deputies = db
    .selectFrom('deputy')
    .select(['stationId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('status', '=', 'serving')
    .where('stationId', 'is not', null)
    .groupBy('stationId');
  let liaisons = db
    .selectFrom('appUser')
    .select(['stationId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('role', '=', 'liaison')
    .where('active', '=', 1)
    .where('stationId', 'is not', null)
    .groupBy('stationId');
  if (id) {
    villages = villages.where('stationId', '=', id);
    deputies = deputies.where('stationId', '=', id);
    liaisons = liaisons.where('stationId', '=', id);
  }
  const [v, d, l] = await Promise.all([villages.execute(), deputies.execute(), liaisons.execute()]);
  const out = new Map<string, StationCounts>();
  const at = (sid: string) => {
    let c = out.get(sid);
    if (!c) out.set(sid, (c = { villages: 0, deputies: 0, liaisons: 0 }));
    return c;
  };
  for (const r of v) at(r.stationId).villages = Number(r.n);
  for (const r of d) if (r.stationId) at(r.stationId).deputies = Number(r.n);
  for (const r of l) if (r.stationId) at(r.stationId).liaisons = Number(r.n);
  return out;
}

export function stationVillages(db: Kysely<DB>, townId: string, stationId: string) {
  return db
    .selectFrom('stationVillage')
    .innerJoin('village', 'village.id', 'stationVillage.villageId')
    .select(['village.id', 'village.code', 'village.name'])
    .where('stationVillage.townId', '=', townId)
    .where('village.townId', '=', townId)
    .where('stationVillage.stationId', '=', stationId)
    .orderBy('village.sortOrder')
    .orderBy('village.code')
    .execute();
}

export function stationDeputies(db: Kysely<DB>, townId: string, stationId: string) {
  return db
    .selectFrom('deputy')
    .select(['id', 'code', 'name', 'isTownLevel', 'isCountyLevel', 'status'])
    .where('townId', '=', townId)
    .where('stationId', '=', stationId)
    .orderBy('code')
    .execute();
}

export function stationLiaisons(db: Kysely<DB>, townId: string, stationId: string) {
  return db
    .selectFrom('appUser')
    .select(['id', 'displayName', 'phone'])
    .where('townId', '=', townId)
    .where('role', '=', 'liaison')
    .where('active', '=', 1)
    .where('stationId', '=', stationId)
    .orderBy('displayName')
    .execute();
}

/** The next free S01, S02 … code: one read of the town's codes, then the number after the highest. */
export async function nextStationCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('station').select('code').where('townId', '=', townId).execute();
  return codeCounter('S', 2, rows.map((r) => r.code))();
}

/** Deputies of the town among the ids (for checking references in a request). */
export function deputiesIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'code', 'name', 'stationId', 'termId']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function villagesIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('village').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

/** Of the given villages, those already covered by another station, with that station's name. */
export function villagesCoveredElsewhere(db: Kysely<DB>, townId: string, stationId: string, villageIds: string[]) {
  if (!villageIds.length) return Promise.resolve([]);
  return db
    .selectFrom('stationVillage')
    .innerJoin('station', 'station.id', 'stationVillage.stationId')
    .innerJoin('village', 'village.id', 'stationVillage.villageId')
    .select(['village.id as villageId', 'village.name as villageName', 'station.name as stationName'])
    .where('stationVillage.townId', '=', townId)
    .where('stationVillage.villageId', 'in', villageIds)
    .where('stationVillage.stationId', '!=', stationId)
    .orderBy('village.code')
    .execute();
}

export async function replaceStationVillages(db: Kysely<DB>, townId: string, stationId: string, villageIds: string[]): Promise<void> {
  await db.deleteFrom('stationVillage').where('townId', '=', townId).where('stationId', '=', stationId).execute();
  if (villageIds.length) {
    await db
      .insertInto('stationVillage')
      .values(villageIds.map((villageId) => ({ stationId, villageId, townId })))
      .execute();
  }
}

/**
 * Point the listed deputies at a station (or at none). The deputy's version moves too: the station is part
 * of the deputy record, and a form opened before this change must not write the old station back.
 */
/**
 * Move the version of stations whose deputy list changed as a side effect (a deputy moved away from
 * them): an editor holding one of those lists must reload it rather than overwrite the move.
 */
export async function touchStations(db: Kysely<DB>, townId: string, stationIds: readonly (string | null)[], at: string): Promise<void> {
  const ids = [...new Set(stationIds.filter((s): s is string => s !== null))];
  if (!ids.length) return;
  await db
    .updateTable('station')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: at }))
    .where('townId', '=', townId)
    .where('id', 'in', ids)
    .execute();
}

export async function setDeputiesStation(db: Kysely<DB>, townId: string, deputyIds: string[], stationId: string | null, at: string): Promise<void> {
  if (!deputyIds.length) return;
  await db
    .updateTable('deputy')
    .set((eb) => ({ stationId, version: eb('version', '+', 1), updatedAt: at }))
    .where('townId', '=', townId)
    .where('id', 'in', deputyIds)
    .execute();
}
