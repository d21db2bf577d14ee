import type { Kysely, Selectable } from 'kysely';
import type { DB, DeputyGroupTable, GroupRole } from '../../db/schema.ts';
import { codeCounter } from '../../lib/auto-code.ts';

export type GroupRow = Selectable<DeputyGroupTable>;
export type GroupWithStation = GroupRow & { stationName: string | null };

/** Every query takes the town: no group is read across towns. */
export function findGroup(db: Kysely<DB>, townId: string, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('deputyGroup').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** Groups with their station's name; all of the town, or one. */
export function listGroupsWithStation(db: Kysely<DB>, townId: string, id?: string): Promise<GroupWithStation[]> {
  let q = db
    .selectFrom('deputyGroup')
    .leftJoin('station', (j) => j.onRef('station.id', '=', 'deputyGroup.stationId').onRef('station.townId', '=', 'deputyGroup.townId'))
    .selectAll('deputyGroup')
    .select('station.name as stationName')
    .where('deputyGroup.townId', '=', townId);
  if (id) q = q.where('deputyGroup.id', '=', id);
  return q.orderBy('deputyGroup.code').execute();
}

/** Member count and leader name per group: two grouped/batched queries whatever the number of groups. */
export async function memberStats(db: Kysely<DB>, townId: string, id?: string): Promise<Map<string, { count: number; leaderName: string | null }>> {
  let counts = db
    .selectFrom('groupMember')
    .select(['groupId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .groupBy('groupId');
  let leaders = db
    .selectFrom('groupMember')
    .innerJoin('deputy', 'deputy.id', 'groupMember.deputyId')
    .select(['groupMember.groupId', 'deputy.name'])
    .where('groupMember.townId', '=', townId)
    .where('deputy.townId', '=', townId)
    .where('groupMember.role', '=', 'leader');
  if (id) {
    counts = counts.where('groupId', '=', id);
    leaders = leaders.where('groupMember.groupId', '=', id);
  }
  const [c, l] = await Promise.all([counts.execute(), leaders.execute()]);
  const out = new Map<string, { count: number; leaderName: string | null }>();
  for (const r of c) out.set(r.groupId, { count: Number(r.n), leaderName: null });
  for (const r of l) {
    const s = out.get(r.groupId);
    if (s) s.leaderName = r.name;
  }
  return out;
}

export function groupMembers(db: Kysely<DB>, townId: string, groupId: string) {
  return db
    .selectFrom('groupMember')
    .innerJoin('deputy', 'deputy.id', 'groupMember.deputyId')
    .select(['groupMember.deputyId', 'groupMember.role', 'deputy.name', 'deputy.code'])
    .where('groupMember.townId', '=', townId)
    .where('deputy.townId', '=', townId)
    .where('groupMember.groupId', '=', groupId)
    .execute();
}

export async function replaceGroupMembers(db: Kysely<DB>, townId: string, groupId: string, members: { deputyId: string; role: GroupRole }[]): Promise<void> {
  await db.deleteFrom('groupMember').where('townId', '=', townId).where('groupId', '=', groupId).execute();
  if (members.length) {
    await db
      .insertInto('groupMember')
      .values(members.map((m) => ({ groupId, deputyId: m.deputyId, role: m.role, townId })))
      .execute();
  }
}

export function stationOfTown(db: Kysely<DB>, townId: string, stationId: string) {
  return db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', stationId).executeTakeFirst();
}

export function deputiesIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

/** The next free G01, G02 … code: one read of the town's codes, then the number after the highest. */
export async function nextGroupCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('deputyGroup').select('code').where('townId', '=', townId).execute();
  return codeCounter('G', 2, rows.map((r) => r.code))();
}
