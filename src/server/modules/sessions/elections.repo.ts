import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/* Queries of the elections of a session; `townId` scopes every one. */

export type ElectionRow = Awaited<ReturnType<typeof electionRows>>[number];

export async function electionRows(db: Kysely<DB>, townId: string, sessionId: string, electionId?: string) {
  let q = db
    .selectFrom('election as e')
    .innerJoin('sessionItem as i', 'i.id', 'e.itemId')
    .select([
      'e.id',
      'e.sessionId',
      'e.itemId',
      'e.post',
      'e.postName',
      'e.seats',
      'e.status',
      'e.version',
      'i.seq as itemSeq',
      'i.title as itemTitle',
      'i.status as itemStatus',
    ])
    .where('e.townId', '=', townId)
    .where('e.sessionId', '=', sessionId);
  if (electionId) q = q.where('e.id', '=', electionId);
  return q.orderBy('i.seq').orderBy('e.id').execute();
}

export async function candidatesOf(db: Kysely<DB>, townId: string, electionIds: readonly string[]) {
  if (electionIds.length === 0) return [];
  return db.selectFrom('electionCandidate').selectAll().where('townId', '=', townId).where('electionId', 'in', electionIds).orderBy('sortOrder').execute();
}

export async function nominationsOf(db: Kysely<DB>, townId: string, electionIds: readonly string[]) {
  if (electionIds.length === 0) return { nominations: [], links: [], signers: [] };
  const nominations = await db
    .selectFrom('electionNomination')
    .selectAll()
    .where('townId', '=', townId)
    .where('electionId', 'in', electionIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const ids = nominations.map((n) => n.id);
  if (ids.length === 0) return { nominations, links: [], signers: [] };
  const [links, signers] = await Promise.all([
    db
      .selectFrom('electionNominationCandidate')
      .select(['nominationId', 'candidateId'])
      .where('townId', '=', townId)
      .where('nominationId', 'in', ids)
      .execute(),
    db
      .selectFrom('electionNominationSigner as s')
      .innerJoin('deputy as d', 'd.id', 's.deputyId')
      .select(['s.nominationId', 's.deputyId', 'd.name', 'd.code'])
      .where('s.townId', '=', townId)
      .where('s.nominationId', 'in', ids)
      .orderBy('d.code')
      .execute(),
  ]);
  return { nominations, links, signers };
}

export async function roundsOf(db: Kysely<DB>, townId: string, electionIds: readonly string[]) {
  if (electionIds.length === 0) return { rounds: [], tallies: [] };
  const rounds = await db
    .selectFrom('electionRound')
    .selectAll()
    .where('townId', '=', townId)
    .where('electionId', 'in', electionIds)
    .orderBy('round')
    .execute();
  const ids = rounds.map((r) => r.id);
  if (ids.length === 0) return { rounds, tallies: [] };
  const tallies = await db.selectFrom('electionTally').selectAll().where('townId', '=', townId).where('roundId', 'in', ids).execute();
  return { rounds, tallies };
}

export async function lastItemSeq(db: Kysely<DB>, townId: string, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('sessionItem')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** The deputies of `ids` that are on the session's roll. */
export async function onRoll(db: Kysely<DB>, townId: string, sessionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('sessionAttendee as a')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .select(['a.deputyId', 'd.name'])
    .where('a.townId', '=', townId)
    .where('a.sessionId', '=', sessionId)
    .where('a.deputyId', 'in', ids)
    .execute();
}

export async function deputiesOfTown(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('deputy').select(['id', 'name', 'gender', 'birthDate', 'party', 'title']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

/** Move the election's version on; 409 (by the caller) when it moved since it was read. */
export async function bumpElection(
  db: Kysely<DB>,
  townId: string,
  id: string,
  version: number,
  patch: { status?: 'nominating' | 'voting' | 'done'; postName?: string; seats?: number },
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('election')
    .set((eb) => ({ ...patch, updatedAt: now, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
