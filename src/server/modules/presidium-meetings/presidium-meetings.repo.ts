import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DecisionOwnerType, DecisionStatus, MeetingStatus, PresidiumDecisionTable, PresidiumMeetingTable } from '../../db/tables/presidium-meetings.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { codeCounter } from '../../lib/auto-code.ts';

/* Kysely queries of presidium meetings; `townId` is a required argument of every one. */

export type MeetingRow = Selectable<PresidiumMeetingTable> & { termNumber: number };
export type DecisionRow = Selectable<PresidiumDecisionTable>;
export type DecisionView = DecisionRow & {
  meetingCode: string;
  meetingTitle: string;
  meetingDate: string;
  deputyName: string | null;
  unitName: string | null;
};

function meetings(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('presidiumMeeting as m')
    .innerJoin('term as t', 't.id', 'm.termId')
    .selectAll('m')
    .select('t.number as termNumber')
    .where('m.townId', '=', townId);
}

export function findMeeting(db: Kysely<DB>, townId: string, id: string): Promise<MeetingRow | undefined> {
  return meetings(db, townId).where('m.id', '=', id).executeTakeFirst();
}

export type MeetingFilter = { termId?: string; status?: MeetingStatus; year?: number; q?: string; limit: number; offset: number };

/** Newest first: the page opens on the latest meetings. */
export async function listMeetings(db: Kysely<DB>, townId: string, f: MeetingFilter): Promise<{ rows: MeetingRow[]; total: number }> {
  let q = meetings(db, townId);
  if (f.termId) q = q.where('m.termId', '=', f.termId);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.year) q = q.where('m.date', '>=', `${f.year}-01-01`).where('m.date', '<=', `${f.year}-12-31`);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([containsCi('m.title', term), containsCi('m.code', term)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('m.date', 'desc').orderBy('m.code', 'desc').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type MeetingCounts = { agenda: number; decisions: number; open: number; overdue: number };

/** Agenda and decision counts of many meetings in two queries. */
export async function meetingCounts(db: Kysely<DB>, townId: string, ids: readonly string[], today: string): Promise<Map<string, MeetingCounts>> {
  const out = new Map<string, MeetingCounts>(ids.map((id) => [id, { agenda: 0, decisions: 0, open: 0, overdue: 0 }]));
  if (!ids.length) return out;
  const [agenda, decisions] = await Promise.all([
    db
      .selectFrom('presidiumAgendaItem')
      .select(['meetingId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('townId', '=', townId)
      .where('meetingId', 'in', ids)
      .groupBy('meetingId')
      .execute(),
    db
      .selectFrom('presidiumDecision')
      .select(['meetingId', 'status', 'dueDate'])
      .where('townId', '=', townId)
      .where('meetingId', 'in', ids)
      .execute(),
  ]);
  for (const a of agenda) (out.get(a.meetingId) as MeetingCounts).agenda = Number(a.n);
  for (const d of decisions) {
    const c = out.get(d.meetingId) as MeetingCounts;
    c.decisions++;
    if (d.status === 'open' || d.status === 'in_progress') {
      c.open++;
      if (d.dueDate < today) c.overdue++;
    }
  }
  return out;
}

export function agendaOf(db: Kysely<DB>, townId: string, meetingId: string) {
  return db
    .selectFrom('presidiumAgendaItem')
    .select(['id', 'title', 'presenter', 'notes'])
    .where('townId', '=', townId)
    .where('meetingId', '=', meetingId)
    .orderBy('sortOrder')
    .execute();
}

export async function replaceAgenda(
  trx: Kysely<DB>,
  townId: string,
  meetingId: string,
  items: readonly { id: string; title: string; presenter: string; notes: string }[],
): Promise<void> {
  await trx.deleteFrom('presidiumAgendaItem').where('townId', '=', townId).where('meetingId', '=', meetingId).execute();
  if (items.length) {
    await trx
      .insertInto('presidiumAgendaItem')
      .values(items.map((it, i) => ({ ...it, townId, meetingId, sortOrder: i + 1 })))
      .execute();
  }
}

/** The town's meeting codes in use, for the next M001…; and the numbers taken in a term. */
export async function nextMeetingCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('presidiumMeeting').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'M',
    3,
    rows.map((r) => r.code),
  )();
}

export async function ordinalsInTerm(db: Kysely<DB>, townId: string, termId: string): Promise<number[]> {
  const rows = await db.selectFrom('presidiumMeeting').select('number').where('townId', '=', townId).where('termId', '=', termId).execute();
  return rows.map((r) => r.number);
}

export function meetingOfActivity(db: Kysely<DB>, townId: string, activityId: string) {
  return db.selectFrom('presidiumMeeting').select(['id', 'code']).where('townId', '=', townId).where('activityId', '=', activityId).executeTakeFirst();
}

export function findTerm(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('term').select(['id', 'number']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

// ---- Decisions ----

function decisions(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('presidiumDecision as d')
    .innerJoin('presidiumMeeting as m', 'm.id', 'd.meetingId')
    .leftJoin('deputy as dep', 'dep.id', 'd.ownerDeputyId')
    .leftJoin('handlingUnit as u', 'u.id', 'd.ownerUnitId')
    .selectAll('d')
    .select(['m.code as meetingCode', 'm.title as meetingTitle', 'm.date as meetingDate', 'dep.name as deputyName', 'u.name as unitName'])
    .where('d.townId', '=', townId)
    .where('m.townId', '=', townId);
}

export function findDecision(db: Kysely<DB>, townId: string, id: string): Promise<DecisionView | undefined> {
  return decisions(db, townId).where('d.id', '=', id).executeTakeFirst();
}

export function decisionsOfMeeting(db: Kysely<DB>, townId: string, meetingId: string): Promise<DecisionView[]> {
  return decisions(db, townId).where('d.meetingId', '=', meetingId).orderBy('d.seq').execute();
}

export type DecisionFilter = {
  status?: DecisionStatus | 'active';
  overdue?: boolean;
  meetingId?: string;
  ownerType?: DecisionOwnerType;
  ownerId?: string;
  owner?: string;
  today: string;
};

const ACTIVE: DecisionStatus[] = ['open', 'in_progress'];

function filtered(db: Kysely<DB>, townId: string, f: DecisionFilter) {
  let q = decisions(db, townId);
  if (f.status === 'active') q = q.where('d.status', 'in', ACTIVE);
  else if (f.status) q = q.where('d.status', '=', f.status);
  if (f.overdue === true) q = q.where('d.status', 'in', ACTIVE).where('d.dueDate', '<', f.today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('d.status', 'not in', ACTIVE), eb('d.dueDate', '>=', f.today)]));
  if (f.meetingId) q = q.where('d.meetingId', '=', f.meetingId);
  if (f.ownerType) q = q.where('d.ownerType', '=', f.ownerType);
  if (f.ownerId) {
    const id = f.ownerId;
    q = q.where((eb) => eb.or([eb('d.ownerDeputyId', '=', id), eb('d.ownerUnitId', '=', id)]));
  }
  if (f.owner) {
    const term = f.owner;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('d.ownerType', '=', 'deputy'), containsCi('dep.name', term)]),
        eb.and([eb('d.ownerType', '=', 'unit'), containsCi('u.name', term)]),
        eb.and([eb('d.ownerType', '=', 'other'), containsCi('d.ownerName', term)]),
      ]),
    );
  }
  return q;
}

/**
 * The follow-up list: still-open decisions first, the most urgent (earliest due) on top; closed
 * ones after, the latest meeting first.
 */
export async function listDecisions(db: Kysely<DB>, townId: string, f: DecisionFilter & { limit: number; offset: number }) {
  const q = filtered(db, townId, f);
  const [rows, count] = await Promise.all([
    q
      .orderBy((eb) => eb.case().when('d.status', 'in', ACTIVE).then(0).else(1).end())
      .orderBy('d.dueDate')
      .orderBy('m.date', 'desc')
      .orderBy('m.code')
      .orderBy('d.seq')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Counts by status and overdue over the town's decisions (one meeting's when given), for the page header. */
export async function decisionSummary(db: Kysely<DB>, townId: string, today: string, meetingId?: string) {
  // Counted in the database: a town's decisions accumulate over the years, the answer stays five numbers.
  let q = db
    .selectFrom('presidiumDecision')
    .select((eb) => [
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('dueDate', '<', today).then(1).else(0).end()).as('late'),
    ])
    .where('townId', '=', townId)
    .groupBy('status');
  if (meetingId) q = q.where('meetingId', '=', meetingId);
  const rows = await q.execute();
  const s = { open: 0, inProgress: 0, overdue: 0, done: 0, cancelled: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'open') s.open += n;
    else if (r.status === 'in_progress') s.inProgress += n;
    else if (r.status === 'done') s.done += n;
    else s.cancelled += n;
    if (r.status === 'open' || r.status === 'in_progress') s.overdue += Number(r.late ?? 0);
  }
  return s;
}

export type ProgressRow = { id: string; decisionId: string; date: string; note: string; authorName: string; createdAt: string };

/** Progress notes of many decisions in one query, oldest first. */
export async function progressOf(db: Kysely<DB>, townId: string, decisionIds: readonly string[]): Promise<Map<string, ProgressRow[]>> {
  const out = new Map<string, ProgressRow[]>();
  if (!decisionIds.length) return out;
  const rows = await db
    .selectFrom('presidiumDecisionProgress')
    .select(['id', 'decisionId', 'date', 'note', 'authorName', 'createdAt'])
    .where('townId', '=', townId)
    .where('decisionId', 'in', decisionIds)
    .orderBy('date')
    .orderBy('createdAt')
    .execute();
  for (const r of rows) out.set(r.decisionId, [...(out.get(r.decisionId) ?? []), r]);
  return out;
}

export async function nextDecisionSeq(db: Kysely<DB>, townId: string, meetingId: string): Promise<number> {
  const r = await db
    .selectFrom('presidiumDecision')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('townId', '=', townId)
    .where('meetingId', '=', meetingId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertDecision(trx: Kysely<DB>, row: Insertable<PresidiumDecisionTable>): Promise<void> {
  await trx.insertInto('presidiumDecision').values(row).execute();
}

// ---- Who may read ----

/** The caller's presidium seats in a term, to tell whether a deputy sits on the presidium today. */
/** The deputy's presidium seats in the term, only while the deputy is serving: a deputy who left office has no seat. */
export function seatsOf(db: Kysely<DB>, townId: string, termId: string, deputyId: string) {
  return db
    .selectFrom('presidiumMember')
    .innerJoin('deputy', 'deputy.id', 'presidiumMember.deputyId')
    .select(['presidiumMember.startDate', 'presidiumMember.endDate'])
    .where('presidiumMember.townId', '=', townId)
    .where('presidiumMember.termId', '=', termId)
    .where('presidiumMember.deputyId', '=', deputyId)
    .where('deputy.townId', '=', townId)
    .where('deputy.status', '=', 'serving')
    .execute();
}

export function deputyOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('deputy').select(['id', 'code', 'name', 'status']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function unitOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('handlingUnit').select(['id', 'code', 'name', 'active']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}
