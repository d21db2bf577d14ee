import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SessionItemTable, SessionVoteTable, VoteChoice } from '../../db/tables/sessions.ts';
import { COUNTS_PRESENT } from './sessions.rules.ts';

/* Queries of votes on agenda items (表决); `townId` is a required argument of every function. */

export type VoteRow = Selectable<SessionVoteTable>;
export type ItemRow = Selectable<SessionItemTable>;
export type BallotRow = { voteId: string; deputyId: string; code: string; name: string; choice: VoteChoice };

export async function findItem(db: Kysely<DB>, townId: string, sessionId: string, itemId: string): Promise<ItemRow | undefined> {
  return db.selectFrom('sessionItem').selectAll().where('townId', '=', townId).where('sessionId', '=', sessionId).where('id', '=', itemId).executeTakeFirst();
}

export async function votesOfItem(db: Kysely<DB>, townId: string, itemId: string): Promise<VoteRow[]> {
  return db.selectFrom('sessionVote').selectAll().where('townId', '=', townId).where('itemId', '=', itemId).orderBy('round').execute();
}

export async function ballotsOf(db: Kysely<DB>, townId: string, voteIds: readonly string[]): Promise<Map<string, BallotRow[]>> {
  const out = new Map<string, BallotRow[]>();
  if (voteIds.length === 0) return out;
  const rows = await db
    .selectFrom('sessionVoteBallot as b')
    .innerJoin('deputy as d', 'd.id', 'b.deputyId')
    .select(['b.voteId', 'b.deputyId', 'd.code', 'd.name', 'b.choice'])
    .where('b.townId', '=', townId)
    .where('b.voteId', 'in', [...voteIds])
    .orderBy('d.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.voteId) ?? [];
    list.push(r);
    out.set(r.voteId, list);
  }
  return out;
}

/** The deputies counted present on the roll (present or late). */
export async function presentDeputies(db: Kysely<DB>, townId: string, sessionId: string) {
  return db
    .selectFrom('sessionAttendee as a')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .select(['a.deputyId', 'd.code', 'd.name'])
    .where('a.townId', '=', townId)
    .where('a.sessionId', '=', sessionId)
    .where('a.status', 'in', [...COUNTS_PRESENT])
    .orderBy('d.code')
    .execute();
}

/** The motion put on the agenda as this item, if any. */
export async function motionOfItem(db: Kysely<DB>, townId: string, itemId: string) {
  return db.selectFrom('motion').selectAll().where('townId', '=', townId).where('itemId', '=', itemId).executeTakeFirst();
}

export async function setItemStatus(db: Kysely<DB>, townId: string, itemId: string, status: ItemRow['status'], at: string) {
  await db
    .updateTable('sessionItem')
    .set((eb) => ({ status, updatedAt: at, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', itemId)
    .execute();
}
