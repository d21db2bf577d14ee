import { type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ResearchClaimantType, ResearchGrade, ResearchStatus, ResearchTopicTable } from '../../db/tables/research.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { ConflictError } from '../../http/errors.ts';
import { codeCounter } from '../../lib/auto-code.ts';

/** Every query takes the town: no topic is read across towns. */

export type TopicRow = Selectable<ResearchTopicTable>;
/** A topic with the names a reader needs: its claimant, and the accounts that claimed, submitted and graded it. */
export type TopicView = TopicRow & {
  stationCode: string | null;
  stationName: string | null;
  groupCode: string | null;
  groupName: string | null;
  claimedByName: string | null;
  submittedByName: string | null;
  gradedByName: string | null;
};

export function findTopic(db: Kysely<DB>, townId: string, id: string): Promise<TopicRow | undefined> {
  return db.selectFrom('researchTopic').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

function viewBase(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('researchTopic as t')
    .leftJoin('station as s', 's.id', 't.stationId')
    .leftJoin('deputyGroup as g', 'g.id', 't.groupId')
    .leftJoin('appUser as cb', 'cb.id', 't.claimedBy')
    .leftJoin('appUser as sb', 'sb.id', 't.submittedBy')
    .leftJoin('appUser as gb', 'gb.id', 't.gradedBy')
    .where('t.townId', '=', townId);
}

const VIEW_COLUMNS = [
  's.code as stationCode',
  's.name as stationName',
  'g.code as groupCode',
  'g.name as groupName',
  'cb.displayName as claimedByName',
  'sb.displayName as submittedByName',
  'gb.displayName as gradedByName',
] as const;

export function findTopicView(db: Kysely<DB>, townId: string, id: string): Promise<TopicView | undefined> {
  return viewBase(db, townId).selectAll('t').select(VIEW_COLUMNS).where('t.id', '=', id).executeTakeFirst();
}

export type TopicFilter = {
  year?: number;
  status?: ResearchStatus;
  grade?: ResearchGrade;
  claimantType?: ResearchClaimantType;
  claimantId?: string;
  /** With `today` (a China date): only claimed topics past their due date, or only the others. */
  overdue?: { is: boolean; today: string };
  q?: string;
  /** Only the topics this deputy takes part in. */
  deputyId?: string;
  limit: number;
  offset: number;
};

export async function listTopicViews(db: Kysely<DB>, townId: string, f: TopicFilter): Promise<{ rows: TopicView[]; total: number }> {
  let base = viewBase(db, townId);
  if (f.year !== undefined) base = base.where('t.year', '=', f.year);
  if (f.status) base = base.where('t.status', '=', f.status);
  if (f.grade) base = base.where('t.grade', '=', f.grade);
  if (f.claimantType) base = base.where('t.claimantType', '=', f.claimantType);
  if (f.claimantId) {
    const id = f.claimantId;
    base = base.where((eb) => eb.or([eb('t.stationId', '=', id), eb('t.groupId', '=', id)]));
  }
  if (f.overdue) {
    const { today } = f.overdue;
    base = f.overdue.is
      ? base.where('t.status', '=', 'claimed').where('t.dueDate', '<', today)
      : base.where((eb) => eb.or([eb('t.status', '!=', 'claimed'), eb('t.dueDate', '>=', today)]));
  }
  if (f.q) {
    const q = f.q;
    base = base.where((eb) => eb.or([containsCi('t.title', q), containsCi('t.code', q)]));
  }
  if (f.deputyId) {
    const deputyId = f.deputyId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('researchTopicMember as m')
          .select('m.topicId')
          .whereRef('m.topicId', '=', 't.id')
          .where('m.townId', '=', townId)
          .where('m.deputyId', '=', deputyId),
      ),
    );
  }
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll('t').select(VIEW_COLUMNS).orderBy('t.year', 'desc').orderBy('t.code').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

export type MemberView = { topicId: string; deputyId: string; code: string; name: string; role: 'lead' | 'member' };

/** The members of the given topics, lead first then by deputy code, in one query for a whole page. */
export async function membersOf(db: Kysely<DB>, townId: string, topicIds: readonly string[]): Promise<Map<string, MemberView[]>> {
  const out = new Map<string, MemberView[]>();
  if (!topicIds.length) return out;
  const rows = await db
    .selectFrom('researchTopicMember as m')
    .innerJoin('deputy as d', 'd.id', 'm.deputyId')
    .select(['m.topicId', 'm.deputyId', 'd.code', 'd.name', 'm.role'])
    .where('m.townId', '=', townId)
    .where('d.townId', '=', townId)
    .where('m.topicId', 'in', topicIds)
    .orderBy('m.topicId')
    .orderBy(sql`case when ${sql.ref('m.role')} = 'lead' then 0 else 1 end`)
    .orderBy('d.code')
    .execute();
  for (const r of rows) out.set(r.topicId, [...(out.get(r.topicId) ?? []), r]);
  return out;
}

export async function memberCount(db: Kysely<DB>, townId: string, topicId: string): Promise<number> {
  const r = await db
    .selectFrom('researchTopicMember')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('townId', '=', townId)
    .where('topicId', '=', topicId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function isMember(db: Kysely<DB>, townId: string, topicId: string, deputyId: string): Promise<{ role: 'lead' | 'member' } | undefined> {
  return db
    .selectFrom('researchTopicMember')
    .select('role')
    .where('townId', '=', townId)
    .where('topicId', '=', topicId)
    .where('deputyId', '=', deputyId)
    .executeTakeFirst();
}

export async function replaceMembers(db: Kysely<DB>, townId: string, topicId: string, members: readonly { deputyId: string; role: 'lead' | 'member' }[]) {
  await db.deleteFrom('researchTopicMember').where('townId', '=', townId).where('topicId', '=', topicId).execute();
  if (members.length) {
    await db
      .insertInto('researchTopicMember')
      .values(members.map((m) => ({ topicId, deputyId: m.deputyId, role: m.role, townId })))
      .execute();
  }
}

export function deputiesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'code', 'name', 'status']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function linkedActivities(db: Kysely<DB>, townId: string, topicId: string) {
  return db
    .selectFrom('researchTopicActivity as l')
    .innerJoin('activity as a', 'a.id', 'l.activityId')
    .select(['a.id', 'a.code', 'a.title', 'a.startAt', 'a.status'])
    .where('l.townId', '=', townId)
    .where('a.townId', '=', townId)
    .where('l.topicId', '=', topicId)
    .orderBy('a.startAt')
    .orderBy('a.id')
    .execute();
}

/** The town's activities among `ids`, with what their kind counts as (only research activities may be linked). */
export function activitiesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('activity as a')
    .innerJoin('activityKind as k', 'k.id', 'a.kindId')
    .select(['a.id', 'a.code', 'a.title', 'k.countsAs'])
    .where('a.townId', '=', townId)
    .where('a.id', 'in', ids)
    .execute();
}

export async function replaceActivities(db: Kysely<DB>, townId: string, topicId: string, activityIds: readonly string[]) {
  await db.deleteFrom('researchTopicActivity').where('townId', '=', townId).where('topicId', '=', topicId).execute();
  if (activityIds.length) {
    await db
      .insertInto('researchTopicActivity')
      .values(activityIds.map((activityId) => ({ topicId, activityId, townId })))
      .execute();
  }
}

export function stationOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function groupOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('deputyGroup').select(['id', 'code', 'name', 'stationId']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** The deputies a claimant would name: a station's serving deputies, or a group's members (leader first). */
export function claimantDeputies(db: Kysely<DB>, townId: string, type: ResearchClaimantType, id: string) {
  if (type === 'station') {
    return db
      .selectFrom('deputy')
      .select(['id as deputyId', 'code', 'name', sql<string | null>`null`.as('groupRole')])
      .where('townId', '=', townId)
      .where('stationId', '=', id)
      .where('status', '=', 'serving')
      .orderBy('code')
      .execute();
  }
  return db
    .selectFrom('groupMember as m')
    .innerJoin('deputy as d', 'd.id', 'm.deputyId')
    .select(['d.id as deputyId', 'd.code', 'd.name', sql<string | null>`${sql.ref('m.role')}`.as('groupRole')])
    .where('m.townId', '=', townId)
    .where('d.townId', '=', townId)
    .where('m.groupId', '=', id)
    .where('d.status', '=', 'serving')
    .orderBy(sql`case ${sql.ref('m.role')} when 'leader' then 0 when 'vice_leader' then 1 else 2 end`)
    .orderBy('d.code')
    .execute();
}

/**
 * The next topic code (T001…): one past the largest in the town, so a code is never reused. Two
 * publications racing in one town may pick the same code; the unique index then refuses the second.
 */
export async function nextTopicCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('researchTopic').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'T',
    3,
    rows.map((r) => r.code),
  )();
}

const STALE = '该课题已被他人修改，请刷新后再操作';

/**
 * UPDATE one topic and move its version on by one; 409 when the stored version is not the one the
 * client saw (the version in the WHERE holds the lock even between two transactions).
 */
export async function updateTopicRow(db: Kysely<DB>, townId: string, id: string, version: number, patch: Updateable<ResearchTopicTable>): Promise<void> {
  const res = await db
    .updateTable('researchTopic')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

// ---- Counts ----

const sumWhen = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
const ref = (c: string) => sql.ref(`t.${c}`);

/** The per-status and per-grade figures as SQL sums, shared by the totals and the per-claimant rows. */
function countColumns(today: string) {
  const inStatus = (...s: ResearchStatus[]) => sumWhen(sql`${ref('status')} in (${sql.join(s.map((x) => sql.lit(x)))})`);
  const graded = (g: ResearchGrade) => sumWhen(sql`${ref('status')} = 'graded' and ${ref('grade')} = ${sql.lit(g)}`);
  return [
    inStatus('open', 'claimed', 'submitted', 'graded').as('published'),
    inStatus('open').as('open'),
    inStatus('claimed', 'submitted', 'graded').as('claimed'),
    inStatus('submitted', 'graded').as('submitted'),
    inStatus('graded').as('graded'),
    inStatus('withdrawn').as('withdrawn'),
    sumWhen(sql`${ref('status')} = 'claimed' and ${ref('dueDate')} < ${today}`).as('overdue'),
    graded('excellent').as('excellent'),
    graded('good').as('good'),
    graded('pass').as('pass'),
    graded('fail').as('fail'),
  ] as const;
}

export type CountsRow = {
  published: unknown;
  open: unknown;
  claimed: unknown;
  submitted: unknown;
  graded: unknown;
  withdrawn: unknown;
  overdue: unknown;
  excellent: unknown;
  good: unknown;
  pass: unknown;
  fail: unknown;
};

/**
 * The year's figures: one aggregate for the town, one grouped by claimant (station or group). Sums
 * come back as text from PostgreSQL and null over no rows; the service turns them into numbers.
 */
export async function researchStats(db: Kysely<DB>, townId: string, year: number, today: string) {
  const cols = countColumns(today);
  const base = db.selectFrom('researchTopic as t').where('t.townId', '=', townId).where('t.year', '=', year);
  const [totals, byClaimant] = await Promise.all([
    base.select(cols).executeTakeFirstOrThrow(),
    base
      .leftJoin('station as s', 's.id', 't.stationId')
      .leftJoin('deputyGroup as g', 'g.id', 't.groupId')
      .where('t.claimantType', 'is not', null)
      .select(['t.claimantType', 't.stationId', 't.groupId', 's.code as stationCode', 's.name as stationName', 'g.code as groupCode', 'g.name as groupName'])
      .select(cols)
      .groupBy(['t.claimantType', 't.stationId', 't.groupId', 's.code', 's.name', 'g.code', 'g.name'])
      .orderBy('t.claimantType', 'desc')
      .orderBy(sql`coalesce(${sql.ref('s.code')}, ${sql.ref('g.code')})`)
      .execute(),
  ]);
  return { totals, byClaimant };
}

// ---- The duty record ----

/**
 * The topics a deputy took part in, dated by when they were claimed or when the report came in, either
 * inside the UTC range [start, end). Withdrawn topics are left out: nothing was done for them.
 */
export function dutyRows(db: Kysely<DB>, townId: string, deputyId: string, r: { start: string; end: string }) {
  const inRange = (col: 't.claimedAt' | 't.submittedAt') => (eb: any) => eb.and([eb(col, '>=', r.start), eb(col, '<', r.end)]);
  return db
    .selectFrom('researchTopicMember as m')
    .innerJoin('researchTopic as t', 't.id', 'm.topicId')
    .select(['t.id', 't.code', 't.title', 'm.role', 't.status', 't.grade', 't.dueDate', 't.claimedAt', 't.submittedAt'])
    .where('m.townId', '=', townId)
    .where('t.townId', '=', townId)
    .where('m.deputyId', '=', deputyId)
    .where('t.status', '!=', 'withdrawn')
    .where((eb) => eb.or([inRange('t.claimedAt')(eb), inRange('t.submittedAt')(eb)]))
    .orderBy(sql`coalesce(${sql.ref('t.submittedAt')}, ${sql.ref('t.claimedAt')})`)
    .orderBy('t.code')
    .execute();
}
