import type { Kysely } from 'kysely';
import type { DB, PresidiumPosition } from '../../db/schema.ts';

export type MemberRow = {
  id: string;
  termId: string;
  deputyId: string;
  deputyName: string;
  position: PresidiumPosition;
  startDate: string;
  endDate: string | null;
  sortOrder: number;
};

export function findTerm(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('term').select(['id', 'number']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

function members(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('presidiumMember')
    .innerJoin('deputy', 'deputy.id', 'presidiumMember.deputyId')
    .select([
      'presidiumMember.id',
      'presidiumMember.termId',
      'presidiumMember.deputyId',
      'deputy.name as deputyName',
      'presidiumMember.position',
      'presidiumMember.startDate',
      'presidiumMember.endDate',
      'presidiumMember.sortOrder',
    ])
    .where('presidiumMember.townId', '=', townId)
    .where('deputy.townId', '=', townId);
}

/** Every query takes the town: no member is read across towns. */
export function findMember(db: Kysely<DB>, townId: string, id: string): Promise<MemberRow | undefined> {
  return members(db, townId).where('presidiumMember.id', '=', id).executeTakeFirst();
}

export function membersOfTerm(db: Kysely<DB>, townId: string, termId: string): Promise<MemberRow[]> {
  return members(db, townId).where('presidiumMember.termId', '=', termId).execute();
}

/** The term's current chair (no end date), other than `exceptId`. */
export function currentChair(db: Kysely<DB>, townId: string, termId: string, exceptId?: string): Promise<MemberRow | undefined> {
  let q = members(db, townId)
    .where('presidiumMember.termId', '=', termId)
    .where('presidiumMember.position', '=', 'chair')
    .where('presidiumMember.endDate', 'is', null);
  if (exceptId) q = q.where('presidiumMember.id', '!=', exceptId);
  return q.executeTakeFirst();
}

export function memberOfDeputy(db: Kysely<DB>, townId: string, termId: string, deputyId: string) {
  return db
    .selectFrom('presidiumMember')
    .select('id')
    .where('townId', '=', townId)
    .where('termId', '=', termId)
    .where('deputyId', '=', deputyId)
    .executeTakeFirst();
}

/** The deputies each of the given members keeps in touch with (包联), in one query. */
export async function liaisonsOf(db: Kysely<DB>, townId: string, memberIds: string[]): Promise<Map<string, { id: string; name: string; code: string }[]>> {
  const out = new Map<string, { id: string; name: string; code: string }[]>();
  if (!memberIds.length) return out;
  const rows = await db
    .selectFrom('presidiumLiaison')
    .innerJoin('deputy', 'deputy.id', 'presidiumLiaison.deputyId')
    .select(['presidiumLiaison.presidiumMemberId', 'deputy.id', 'deputy.name', 'deputy.code'])
    .where('presidiumLiaison.townId', '=', townId)
    .where('deputy.townId', '=', townId)
    .where('presidiumLiaison.presidiumMemberId', 'in', memberIds)
    .orderBy('deputy.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.presidiumMemberId) ?? [];
    list.push({ id: r.id, name: r.name, code: r.code });
    out.set(r.presidiumMemberId, list);
  }
  return out;
}

/** Of the given deputies, those another member of the same term already keeps in touch with. */
export function liaisonsTakenElsewhere(db: Kysely<DB>, townId: string, termId: string, memberId: string, deputyIds: string[]) {
  if (!deputyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('presidiumLiaison')
    .innerJoin('presidiumMember', 'presidiumMember.id', 'presidiumLiaison.presidiumMemberId')
    .innerJoin('deputy as kept', 'kept.id', 'presidiumLiaison.deputyId')
    .innerJoin('deputy as keeper', 'keeper.id', 'presidiumMember.deputyId')
    .select(['kept.id as deputyId', 'kept.name as deputyName', 'keeper.name as memberName'])
    .where('presidiumLiaison.townId', '=', townId)
    .where('presidiumMember.townId', '=', townId)
    .where('presidiumMember.termId', '=', termId)
    .where('presidiumMember.id', '!=', memberId)
    .where('presidiumLiaison.deputyId', 'in', deputyIds)
    .orderBy('kept.code')
    .execute();
}

export async function replaceLiaisons(db: Kysely<DB>, townId: string, memberId: string, deputyIds: string[]): Promise<void> {
  await db.deleteFrom('presidiumLiaison').where('townId', '=', townId).where('presidiumMemberId', '=', memberId).execute();
  if (deputyIds.length) {
    await db
      .insertInto('presidiumLiaison')
      .values(deputyIds.map((deputyId) => ({ presidiumMemberId: memberId, deputyId, townId })))
      .execute();
  }
}

export function deputiesIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'code', 'name', 'termId']).where('townId', '=', townId).where('id', 'in', ids).execute();
}
