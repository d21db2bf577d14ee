import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MotionTable } from '../../db/tables/sessions.ts';
import { ConflictError } from '../../http/errors.ts';

/* Queries of motions (议案); `townId` is a required argument of every function. */

export type MotionRow = Selectable<MotionTable>;
export type SponsorRow = { motionId: string; deputyId: string; code: string; name: string; role: 'lead' | 'co' };
export type PoolDeputy = { deputyId: string; code: string; name: string };

export async function listMotionRows(db: Kysely<DB>, townId: string, sessionId: string): Promise<MotionRow[]> {
  return db.selectFrom('motion').selectAll().where('townId', '=', townId).where('sessionId', '=', sessionId).orderBy('number').execute();
}

export async function findMotion(db: Kysely<DB>, townId: string, sessionId: string, id: string): Promise<MotionRow | undefined> {
  return db.selectFrom('motion').selectAll().where('townId', '=', townId).where('sessionId', '=', sessionId).where('id', '=', id).executeTakeFirst();
}

/** Sponsors of the motions, lead first, then by code. */
export async function sponsorsOf(db: Kysely<DB>, townId: string, motionIds: readonly string[]): Promise<Map<string, SponsorRow[]>> {
  const out = new Map<string, SponsorRow[]>();
  if (motionIds.length === 0) return out;
  const rows = await db
    .selectFrom('motionSponsor as ms')
    .innerJoin('deputy as d', 'd.id', 'ms.deputyId')
    .select(['ms.motionId', 'ms.deputyId', 'd.code', 'd.name', 'ms.role'])
    .where('ms.townId', '=', townId)
    .where('ms.motionId', 'in', [...motionIds])
    .orderBy('ms.motionId')
    .orderBy('d.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.motionId) ?? [];
    if (r.role === 'lead') list.unshift(r);
    else list.push(r);
    out.set(r.motionId, list);
  }
  return out;
}

export async function itemsOf(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; seq: number }>();
  const rows = await db
    .selectFrom('sessionItem')
    .select(['id', 'seq'])
    .where('townId', '=', townId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function suggestionsOf(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; code: string; state: string }>();
  const rows = await db
    .selectFrom('suggestion')
    .select(['id', 'code', 'state'])
    .where('townId', '=', townId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Who may sponsor a motion: the deputies on the session's roll; before the roll is taken, the deputies of
 * the session's term in office on its start date (town level, serving or leaving after that day).
 */
export async function sponsorPool(db: Kysely<DB>, townId: string, session: { id: string; termId: string; startDate: string }): Promise<PoolDeputy[]> {
  const roll = await db
    .selectFrom('sessionAttendee as a')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .select(['a.deputyId', 'd.code', 'd.name'])
    .where('a.townId', '=', townId)
    .where('a.sessionId', '=', session.id)
    .orderBy('d.code')
    .execute();
  if (roll.length > 0) return roll;
  return db
    .selectFrom('deputy')
    .select(['id as deputyId', 'code', 'name'])
    .where('townId', '=', townId)
    .where('termId', '=', session.termId)
    .where('isTownLevel', '=', 1)
    .where((eb) => eb.or([eb('status', '=', 'serving'), eb('statusDate', '>', session.startDate)]))
    .orderBy('code')
    .execute();
}

/** The next motion number of the session: numbers are never reused (motions are not deleted). */
export async function nextMotionNumber(db: Kysely<DB>, townId: string, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('motion')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function nextItemSeq(db: Kysely<DB>, townId: string, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('sessionItem')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function replaceMotionSponsors(db: Kysely<DB>, townId: string, motionId: string, sponsors: readonly { deputyId: string; role: 'lead' | 'co' }[]) {
  await db.deleteFrom('motionSponsor').where('townId', '=', townId).where('motionId', '=', motionId).execute();
  if (sponsors.length)
    await db
      .insertInto('motionSponsor')
      .values(sponsors.map((s) => ({ motionId, townId, deputyId: s.deputyId, role: s.role })))
      .execute();
}

/** UPDATE the motion at the version read; 409 when someone changed it meanwhile. */
export async function updateMotionRow(
  db: Kysely<DB>,
  townId: string,
  id: string,
  version: number,
  patch: Partial<Omit<MotionRow, 'id' | 'townId' | 'sessionId' | 'version'>>,
): Promise<void> {
  const res = await db
    .updateTable('motion')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('该议案已被他人修改，请刷新后再操作', { currentVersion: null });
}
