import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MotionStatus, RollStatus } from '../../db/tables/sessions.ts';
import { COUNTS_PRESENT, sessionName, sessionShortName } from './sessions.rules.ts';

/** A session (人代会) the deputy was on the roll of, dated by its start. */
export type SessionDutyEntry = {
  source: 'session';
  id: string;
  code: string;
  date: string;
  /** 第十八届人民代表大会第二次会议 */
  title: string;
  shortName: string;
  startDate: string;
  endDate: string;
  /** The roll mark: `expected` while the session has not marked the deputy yet. */
  status: RollStatus;
  leaveReason: string;
};

/** A motion (议案) the deputy sponsored, as lead (领衔) or co-sponsor (附议), dated by its submission. */
export type MotionDutyEntry = {
  source: 'motion';
  id: string;
  /** The session's code and the motion's number: S001-3. */
  code: string;
  date: string;
  title: string;
  number: number;
  role: 'lead' | 'co';
  status: MotionStatus;
  session: { id: string; shortName: string };
};

/**
 * For a deputy's duty record (履职档案): the sessions of the China calendar year `year` (by start date)
 * whose roll has the deputy, and the motions the deputy sponsored that were submitted in the year. Two
 * queries; the duty-record module decides how to show them.
 */
export async function sessionDutyEntries(
  db: Kysely<DB>,
  townId: string,
  deputyId: string,
  year: number,
): Promise<{ sessions: SessionDutyEntry[]; motions: MotionDutyEntry[] }> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [rolls, sponsored] = await Promise.all([
    db
      .selectFrom('sessionAttendee as a')
      .innerJoin('congressSession as s', 's.id', 'a.sessionId')
      .innerJoin('term', 'term.id', 's.termId')
      .innerJoin('town', 'town.id', 's.townId')
      .select(['s.id', 's.code', 's.number', 'term.number as termNumber', 'town.name as townName', 's.startDate', 's.endDate', 'a.status', 'a.leaveReason'])
      .where('a.townId', '=', townId)
      .where('s.townId', '=', townId)
      .where('a.deputyId', '=', deputyId)
      .where('s.startDate', '>=', from)
      .where('s.startDate', '<=', to)
      .orderBy('s.startDate')
      .execute(),
    db
      .selectFrom('motionSponsor as ms')
      .innerJoin('motion as m', 'm.id', 'ms.motionId')
      .innerJoin('congressSession as s', 's.id', 'm.sessionId')
      .innerJoin('term', 'term.id', 's.termId')
      .select([
        'm.id',
        'm.number',
        'm.subject',
        'm.submittedOn',
        'm.status',
        'ms.role',
        's.id as sessionId',
        's.code as sessionCode',
        's.number as sessionNumber',
        'term.number as termNumber',
      ])
      .where('ms.townId', '=', townId)
      .where('m.townId', '=', townId)
      .where('ms.deputyId', '=', deputyId)
      .where('m.submittedOn', '>=', from)
      .where('m.submittedOn', '<=', to)
      .orderBy('m.submittedOn')
      .orderBy('m.number')
      .execute(),
  ]);
  return {
    sessions: rolls.map((r) => ({
      source: 'session' as const,
      id: r.id,
      code: r.code,
      date: r.startDate,
      title: sessionName(r.termNumber, r.number, r.townName),
      shortName: sessionShortName(r.termNumber, r.number),
      startDate: r.startDate,
      endDate: r.endDate,
      status: r.status,
      leaveReason: r.leaveReason,
    })),
    motions: sponsored.map((r) => ({
      source: 'motion' as const,
      id: r.id,
      code: `${r.sessionCode}-${r.number}`,
      date: r.submittedOn,
      title: r.subject,
      number: Number(r.number),
      role: r.role,
      status: r.status,
      session: { id: r.sessionId, shortName: sessionShortName(r.termNumber, r.sessionNumber) },
    })),
  };
}

/** The year's totals: sessions attended (present or late), on leave, absent; motions led and joined. */
export function sessionDutyTotals(e: { sessions: readonly SessionDutyEntry[]; motions: readonly MotionDutyEntry[] }) {
  return {
    sessions: {
      attended: e.sessions.filter((s) => COUNTS_PRESENT.includes(s.status)).length,
      onLeave: e.sessions.filter((s) => s.status === 'on_leave').length,
      absent: e.sessions.filter((s) => s.status === 'absent').length,
    },
    motions: { lead: e.motions.filter((m) => m.role === 'lead').length, co: e.motions.filter((m) => m.role === 'co').length },
  };
}
