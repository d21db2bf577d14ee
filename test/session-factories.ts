import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import type { CongressSessionTable, ItemKind, RollStatus } from '../src/server/db/tables/sessions.ts';
import { newId } from '../src/server/lib/ids.ts';
import { nowIso } from '../src/server/lib/time.ts';

/*
 * Congress sessions straight into the tables, so that the motions, votes, elections, statistics and
 * workbook tests do not depend on the session service: a session, its roll (one row per deputy with a
 * status) and agenda items.
 */

let seq = 0;

export async function makeSession(db: Kysely<DB>, townId: string, termId: string, over: Partial<Insertable<CongressSessionTable>> = {}) {
  const ts = nowIso();
  seq++;
  const row: Insertable<CongressSessionTable> = {
    id: newId(),
    townId,
    termId,
    code: `S${String(seq).padStart(3, '0')}`,
    number: seq,
    kind: 'ordinary',
    startDate: '2026-03-10',
    endDate: '2026-03-11',
    status: 'open',
    rollTakenAt: ts,
    openedAt: ts,
    createdAt: ts,
    updatedAt: ts,
    ...over,
  };
  await db.insertInto('congressSession').values(row).execute();
  return { ...row, id: row.id as string };
}

/** The roll: `statuses[i]` for `deputyIds[i]`, or `status` for all. */
export async function makeRoll(
  db: Kysely<DB>,
  townId: string,
  sessionId: string,
  deputyIds: readonly string[],
  status: RollStatus | readonly RollStatus[] = 'present',
) {
  if (deputyIds.length === 0) return;
  const ts = nowIso();
  await db
    .insertInto('sessionAttendee')
    .values(
      deputyIds.map((deputyId, i) => {
        const s = typeof status === 'string' ? status : status[i];
        return { sessionId, deputyId, townId, status: s, markedAt: s === 'expected' ? null : ts, leaveReason: s === 'on_leave' ? '公务' : '' };
      }),
    )
    .execute();
}

export async function makeItem(db: Kysely<DB>, townId: string, sessionId: string, kind: ItemKind, title: string, seqNo = 1) {
  const ts = nowIso();
  const row = { id: newId(), townId, sessionId, seq: seqNo, kind, title, createdAt: ts, updatedAt: ts };
  await db.insertInto('sessionItem').values(row).execute();
  return row;
}
