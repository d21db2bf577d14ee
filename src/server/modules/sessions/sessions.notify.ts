import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deputyUserIds, notifyUsers } from '../notifications/notify.ts';
import { deputiesInOffice } from './sessions.repo.ts';

/*
 * In-app notifications of the sessions area, written inside the transaction of the write that causes
 * them (notifications/notify.ts): a session scheduled, to the deputies of its term in office on the
 * opening day (those the roll will hold); a session opened, to each deputy on its roll. Only deputies
 * with an active account of the town get one; a dedupe key keeps each to one per session.
 */

/** `2026-03-10` → `3月10日`. */
export function monthDay(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

export async function notifySessionScheduled(
  trx: Kysely<DB>,
  townId: string,
  s: { id: string; name: string; termId: string; startDate: string; place: string },
): Promise<number> {
  const deputyIds = await deputiesInOffice(trx, townId, s.termId, s.startDate);
  return notifyUsers(trx, townId, await deputyUserIds(trx, townId, deputyIds), {
    kind: 'session.scheduled',
    title: `${s.name}定于 ${monthDay(s.startDate)} 召开`,
    body: s.place ? `地点：${s.place}` : undefined,
    link: `/sessions/${s.id}`,
    entity: 'congress_session',
    entityId: s.id,
    dedupeKey: `session-scheduled:${s.id}`,
  });
}

export async function notifySessionOpened(trx: Kysely<DB>, townId: string, s: { id: string; name: string }): Promise<number> {
  const rows = await trx.selectFrom('sessionAttendee').select('deputyId').where('townId', '=', townId).where('sessionId', '=', s.id).execute();
  return notifyUsers(
    trx,
    townId,
    await deputyUserIds(
      trx,
      townId,
      rows.map((r) => r.deputyId),
    ),
    {
      kind: 'session.opened',
      title: `${s.name}已开幕`,
      link: `/sessions/${s.id}`,
      entity: 'congress_session',
      entityId: s.id,
      dedupeKey: `session-opened:${s.id}`,
    },
  );
}
