import { type Kysely, PostgresAdapter } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RollStatus } from '../../db/tables/sessions.ts';
import { ConflictError, InvalidTransitionError, NotFoundError } from '../../http/errors.ts';
import { type Quorum, type RollCounts, quorum, rollCounts, sessionName, sessionShortName } from './sessions.rules.ts';

/*
 * The session as the other parts of the sessions area need it (motions, votes, elections): loaded in
 * the caller's town, with its live roll counts and quorum. Shared here so that every write that depends
 * on the quorum reads it the same way, inside the caller's transaction.
 */

export type SessionHead = {
  id: string;
  code: string;
  termId: string;
  termNumber: number;
  number: number;
  name: string;
  shortName: string;
  status: 'preparing' | 'open' | 'closed';
  startDate: string;
  endDate: string;
  rollTakenAt: string | null;
  version: number;
};

/** The session in the town, or 404 (another town's session does not exist for the caller). */
export async function loadSession(db: Kysely<DB>, townId: string, sessionId: string): Promise<SessionHead> {
  const r = await db
    .selectFrom('congressSession as s')
    .innerJoin('term', 'term.id', 's.termId')
    .innerJoin('town', 'town.id', 's.townId')
    .select([
      's.id',
      's.code',
      's.termId',
      'term.number as termNumber',
      's.number',
      's.status',
      's.startDate',
      's.endDate',
      's.rollTakenAt',
      's.version',
      'town.name as townName',
    ])
    .where('s.townId', '=', townId)
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!r) throw new NotFoundError('会议');
  return {
    id: r.id,
    code: r.code,
    termId: r.termId,
    termNumber: r.termNumber,
    number: r.number,
    name: sessionName(r.termNumber, r.number, r.townName),
    shortName: sessionShortName(r.termNumber, r.number),
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate,
    rollTakenAt: r.rollTakenAt,
    version: r.version,
  };
}

/**
 * Inside a write transaction: lock the session row, then load it — so its status (and everything read
 * after) is as of the lock, and every write under one session runs one at a time. Every write below a
 * session (roll, agenda, motions, votes, elections, open, close) calls this first in its transaction
 * (after lockTownCodes where that is taken, never before it), then checks the status it answers.
 * PostgreSQL: `select … for no key update` — it serialises these writers like FOR UPDATE but does not
 * block other areas inserting rows that merely reference the session (a suggestion raised at it).
 * SQLite runs one write transaction at a time already: a plain load.
 */
export async function lockSession(trx: Kysely<DB>, townId: string, sessionId: string): Promise<SessionHead> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom('congressSession').select('id').where('townId', '=', townId).where('id', '=', sessionId).forNoKeyUpdate().execute();
  }
  return loadSession(trx, townId, sessionId);
}

/** A closed session's record is final: every write below a session calls this first. */
export function assertNotClosed(s: SessionHead): void {
  if (s.status === 'closed') throw new InvalidTransitionError('会议已闭幕，不能再修改');
}

/** The roll's counts and the quorum against all deputies on it (one grouped query). */
export async function rollState(db: Kysely<DB>, townId: string, sessionId: string): Promise<{ counts: RollCounts; quorum: Quorum }> {
  const rows = await db
    .selectFrom('sessionAttendee')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('sessionId', '=', sessionId)
    .groupBy('status')
    .execute();
  const statuses: RollStatus[] = rows.flatMap((r) => Array<RollStatus>(Number(r.n)).fill(r.status));
  const counts = rollCounts(statuses);
  return { counts, quorum: quorum(counts.all, counts.present + counts.late) };
}

/**
 * Votes and election rounds are recorded only in an open session with a quorum present. Answers the
 * figures the record keeps (all deputies, present) or 409 QUORUM with what is missing.
 */
export async function requireQuorum(db: Kysely<DB>, townId: string, s: SessionHead): Promise<{ all: number; present: number }> {
  if (s.status !== 'open') throw new InvalidTransitionError('会议尚未开幕或已闭幕，不能表决或选举');
  const { quorum: q } = await rollState(db, townId, s.id);
  if (!q.reached) {
    throw new ConflictError(`出席代表 ${q.present} 名，未超过全体代表 ${q.all} 名的三分之二（须至少 ${q.needed} 名），不能表决或选举`, {
      reason: 'QUORUM_NOT_REACHED',
      quorum: q,
    });
  }
  return { all: q.all, present: q.present };
}
