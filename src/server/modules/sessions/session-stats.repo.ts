import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ElectionPost, ItemKind, ItemStatus, MotionStatus, RollStatus, SessionStatus } from '../../db/tables/sessions.ts';
import type { SuggestionState } from '../suggestions/suggestion.machine.ts';

/*
 * Queries of the sessions' statistics and of the links other areas make to a session (suggestions raised
 * at it, pickers). Every function takes the town; every figure is one grouped query over a set of
 * sessions given as a sub-select, never a query per session.
 */

export type HeldRange = { from: string; to: string };

/** Closed sessions of the town whose start date is in [from, to] (inclusive dates). */
function heldIds(db: Kysely<DB>, townId: string, r: HeldRange) {
  return db
    .selectFrom('congressSession')
    .select('id')
    .where('townId', '=', townId)
    .where('status', '=', 'closed')
    .where('startDate', '>=', r.from)
    .where('startDate', '<=', r.to);
}

export type SessionRow = {
  id: string;
  code: string;
  termNumber: number;
  number: number;
  kind: 'ordinary' | 'extraordinary';
  startDate: string;
  endDate: string;
  status: SessionStatus;
  townName: string;
};

function sessionsQuery(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('congressSession as s')
    .innerJoin('term', 'term.id', 's.termId')
    .innerJoin('town', 'town.id', 's.townId')
    .select(['s.id', 's.code', 'term.number as termNumber', 's.number', 's.kind', 's.startDate', 's.endDate', 's.status', 'town.name as townName'])
    .where('s.townId', '=', townId);
}

export function heldSessions(db: Kysely<DB>, townId: string, r: HeldRange): Promise<SessionRow[]> {
  return sessionsQuery(db, townId)
    .where('s.status', '=', 'closed')
    .where('s.startDate', '>=', r.from)
    .where('s.startDate', '<=', r.to)
    .orderBy('s.startDate')
    .orderBy('s.code')
    .execute();
}

/** The town's sessions for a picker, latest first (a town holds one or two a year). */
export function sessionOptions(db: Kysely<DB>, townId: string, limit: number): Promise<SessionRow[]> {
  return sessionsQuery(db, townId).orderBy('s.startDate', 'desc').orderBy('s.code', 'desc').limit(limit).execute();
}

/** One session of the town (for the suggestion check), or undefined. */
export function sessionOfTown(db: Kysely<DB>, townId: string, sessionId: string): Promise<SessionRow | undefined> {
  return sessionsQuery(db, townId).where('s.id', '=', sessionId).executeTakeFirst();
}

/** Sessions of the town among `ids`, for presenting a page of suggestions. */
export function sessionsIn(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return sessionsQuery(db, townId)
    .where('s.id', 'in', [...ids])
    .execute();
}

export async function rollByStatus(db: Kysely<DB>, townId: string, r: HeldRange) {
  const rows = await db
    .selectFrom('sessionAttendee')
    .select(['sessionId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('sessionId', 'in', heldIds(db, townId, r))
    .groupBy(['sessionId', 'status'])
    .execute();
  return rows.map((x) => ({ sessionId: x.sessionId, status: x.status as RollStatus, n: Number(x.n) }));
}

export async function itemsByKind(db: Kysely<DB>, townId: string, r: HeldRange) {
  const rows = await db
    .selectFrom('sessionItem')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('sessionId', 'in', heldIds(db, townId, r))
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((x) => ({ kind: x.kind as ItemKind, status: x.status as ItemStatus, n: Number(x.n) }));
}

export async function motionsByStatus(db: Kysely<DB>, townId: string, r: HeldRange) {
  const rows = await db
    .selectFrom('motion')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('townId', '=', townId)
    .where('sessionId', 'in', heldIds(db, townId, r))
    .groupBy('status')
    .execute();
  return rows.map((x) => ({ status: x.status as MotionStatus, n: Number(x.n) }));
}

/** Everyone elected in the sessions: a tally line marked elected, with its election and round. */
export function electedPeople(db: Kysely<DB>, townId: string, r: HeldRange) {
  return db
    .selectFrom('electionTally as t')
    .innerJoin('electionRound as r', 'r.id', 't.roundId')
    .innerJoin('election as e', 'e.id', 'r.electionId')
    .innerJoin('sessionItem as i', 'i.id', 'e.itemId')
    .leftJoin('electionCandidate as c', 'c.id', 't.candidateId')
    .select([
      'e.sessionId',
      'e.id as electionId',
      'e.post',
      'e.postName',
      'r.round',
      'c.deputyId',
      'c.name as candidateName',
      't.writeInName',
      't.forVotes',
      'i.seq',
    ])
    .where('t.townId', '=', townId)
    .where('t.elected', '=', 1)
    .where('e.sessionId', 'in', heldIds(db, townId, r))
    .orderBy('i.seq')
    .orderBy('r.round')
    .orderBy('t.forVotes', 'desc')
    .execute()
    .then((rows) => rows.map((x) => ({ ...x, post: x.post as ElectionPost, forVotes: Number(x.forVotes), round: Number(x.round), seq: Number(x.seq) })));
}

/** Suggestion states that were never raised (a draft) or taken back: not counted as raised at a session. */
export const NOT_RAISED: readonly SuggestionState[] = ['draft', 'withdrawn'];

export type SessionSuggestionCounts = { total: number; replied: number; closed: number };

/**
 * Suggestions raised at each of the given sessions — `total` (drafts and withdrawn ones left out),
 * `replied` (an office's reply on record) and `closed` (办结) — in one grouped query. Sessions with none
 * are absent from the map. The sessions area may use it for SessionDetail.suggestions.
 */
export async function suggestionCountsBySession(
  db: Kysely<DB>,
  townId: string,
  sessions: readonly string[] | HeldRange,
): Promise<Map<string, SessionSuggestionCounts>> {
  if (Array.isArray(sessions) && sessions.length === 0) return new Map();
  const rows = await db
    .selectFrom('suggestion')
    .select([
      'sessionId',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('repliedOn').as('replied'),
      (eb) => eb.fn.sum<number>(eb.case().when('state', '=', 'closed').then(1).else(0).end()).as('closed'),
    ])
    .where('townId', '=', townId)
    .where('state', 'not in', [...NOT_RAISED])
    .where('sessionId', 'in', Array.isArray(sessions) ? [...(sessions as readonly string[])] : heldIds(db, townId, sessions as HeldRange))
    .groupBy('sessionId')
    .execute();
  return new Map(
    rows
      .filter((x) => x.sessionId !== null)
      .map((x) => [x.sessionId as string, { total: Number(x.n), replied: Number(x.replied), closed: Number(x.closed ?? 0) }]),
  );
}
