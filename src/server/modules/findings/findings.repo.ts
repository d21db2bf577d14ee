import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { codeCounter } from '../../lib/auto-code.ts';

/* Queries of the findings area; townId is a required argument of every function. */

export type FindingFilter = {
  status?: string;
  /** Only findings overdue on this China date (not fixed, and the notice in force has a deadline before it). */
  overdueOn?: string;
  activityId?: string;
  unitId?: string;
  villageId?: string;
  severity?: string;
  terms?: string[];
  text?: string;
  from?: string;
  to?: string;
  /** A liaison's station: only findings of activities that station organised. */
  stationId?: string;
  limit: number;
  offset: number;
};

/** The deadline of the notice in force (the latest issued) of the finding `f`. */
function currentDeadline(eb: ExpressionBuilder<any, any>) {
  return eb
    .selectFrom('noticeFinding as nf')
    .innerJoin('rectificationNotice as n', 'n.id', 'nf.noticeId')
    .select('n.deadline')
    .whereRef('nf.findingId', '=', 'f.id')
    .orderBy('n.issuedOn', 'desc')
    .orderBy('n.createdAt', 'desc')
    .limit(1);
}

function baseQuery(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('finding as f')
    .innerJoin('activity as a', (j) => j.onRef('a.id', '=', 'f.activityId').on('a.townId', '=', townId))
    .leftJoin('handlingUnit as u', 'u.id', 'f.responsibleUnitId')
    .leftJoin('village as v', 'v.id', 'f.responsibleVillageId')
    .where('f.townId', '=', townId);
}

function selectView<QB extends SelectQueryBuilder<any, any, any>>(q: QB) {
  return q.select([
    'f.id',
    'f.code',
    'f.activityId',
    'a.title as activityTitle',
    'a.startAt as activityStartAt',
    'a.organiserType as activityOrganiserType',
    'a.stationId as activityStationId',
    'f.foundOn',
    'f.description',
    'f.place',
    'f.responsibleType',
    'f.responsibleUnitId',
    'u.name as responsibleUnitName',
    'f.responsibleVillageId',
    'v.name as responsibleVillageName',
    'f.responsibleName',
    'f.severity',
    'f.status',
    'f.closedOn',
    'f.closeReason',
    'f.version',
    'f.createdAt',
    'f.updatedAt',
  ]);
}

export type FindingView = {
  id: string;
  code: string;
  activityId: string;
  activityTitle: string;
  activityStartAt: string;
  activityOrganiserType: 'town' | 'station' | 'group';
  activityStationId: string | null;
  foundOn: string;
  description: string;
  place: string;
  responsibleType: 'unit' | 'village' | 'enterprise' | 'other';
  responsibleUnitId: string | null;
  responsibleUnitName: string | null;
  responsibleVillageId: string | null;
  responsibleVillageName: string | null;
  responsibleName: string;
  severity: 'minor' | 'general' | 'major';
  status: 'open' | 'rectifying' | 'reinspected' | 'closed';
  closedOn: string | null;
  closeReason: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export async function listFindingViews(db: Kysely<DB>, townId: string, f: FindingFilter): Promise<{ rows: FindingView[]; total: number }> {
  let q = baseQuery(db, townId);
  if (f.status) q = q.where('f.status', '=', f.status as FindingView['status']);
  if (f.activityId) q = q.where('f.activityId', '=', f.activityId);
  if (f.unitId) q = q.where('f.responsibleUnitId', '=', f.unitId);
  if (f.villageId) q = q.where('f.responsibleVillageId', '=', f.villageId);
  if (f.severity) q = q.where('f.severity', '=', f.severity as FindingView['severity']);
  if (f.from) q = q.where('f.foundOn', '>=', f.from);
  if (f.to) q = q.where('f.foundOn', '<=', f.to);
  if (f.stationId) q = q.where('a.organiserType', '=', 'station').where('a.stationId', '=', f.stationId);
  if (f.overdueOn) {
    const today = f.overdueOn;
    q = q.where('f.status', 'in', ['open', 'rectifying']).where((eb) => eb(currentDeadline(eb), '<', today));
  }
  const terms = f.terms ?? [];
  if (terms.length || f.text) {
    const text = f.text;
    q = q.where((eb) => {
      const all = terms.map((t) => sql<boolean>`(' ' || ${sql.ref('f.searchText')}) like ${`% ${t}%`}`);
      return eb.or([...(all.length ? [eb.and(all)] : []), ...(text ? [containsCi('f.code', text)] : [])]);
    });
  }
  const [rows, count] = await Promise.all([
    selectView(q).orderBy('f.foundOn', 'desc').orderBy('f.code', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  return { rows: rows as FindingView[], total: Number(count?.n ?? 0) };
}

export async function findFindingView(db: Kysely<DB>, townId: string, id: string): Promise<FindingView | undefined> {
  return (await selectView(baseQuery(db, townId).where('f.id', '=', id)).executeTakeFirst()) as FindingView | undefined;
}

export async function findingViewsIn(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<FindingView[]> {
  if (!ids.length) return [];
  return (await selectView(baseQuery(db, townId).where('f.id', 'in', [...ids]))
    .orderBy('f.code')
    .execute()) as FindingView[];
}

export type NoticeOfFinding = { findingId: string; id: string; number: string; issuedOn: string; deadline: string; createdAt: string };

/** Every notice covering the findings, oldest first (the last one of a finding is the notice in force). */
export async function noticesOf(db: Kysely<DB>, townId: string, findingIds: readonly string[]): Promise<NoticeOfFinding[]> {
  if (!findingIds.length) return [];
  return db
    .selectFrom('noticeFinding as nf')
    .innerJoin('rectificationNotice as n', 'n.id', 'nf.noticeId')
    .select(['nf.findingId', 'n.id', 'n.number', 'n.issuedOn', 'n.deadline', 'n.createdAt'])
    .where('nf.townId', '=', townId)
    .where('nf.findingId', 'in', [...findingIds])
    .orderBy('n.issuedOn')
    .orderBy('n.createdAt')
    .execute();
}

export async function photosOf(db: Kysely<DB>, townId: string, findingId: string) {
  return db
    .selectFrom('findingFile as ff')
    .innerJoin('storedFile as s', 's.id', 'ff.fileId')
    .select(['s.id', 's.name'])
    .where('ff.townId', '=', townId)
    .where('ff.findingId', '=', findingId)
    .orderBy('ff.seq')
    .execute();
}

export async function replacePhotos(db: Kysely<DB>, townId: string, findingId: string, fileIds: readonly string[]): Promise<void> {
  await db.deleteFrom('findingFile').where('townId', '=', townId).where('findingId', '=', findingId).execute();
  if (fileIds.length)
    await db
      .insertInto('findingFile')
      .values(fileIds.map((fileId, i) => ({ findingId, fileId, townId, seq: i + 1 })))
      .execute();
}

export async function reinspectionsOf(db: Kysely<DB>, townId: string, findingIds: readonly string[]) {
  if (!findingIds.length) return { rows: [], deputies: [] };
  const rows = await db
    .selectFrom('reinspection')
    .selectAll()
    .where('townId', '=', townId)
    .where('findingId', 'in', [...findingIds])
    .orderBy('date')
    .orderBy('recordedAt')
    .execute();
  const ids = rows.map((r) => r.id);
  const deputies = ids.length
    ? await db
        .selectFrom('reinspectionDeputy as rd')
        .innerJoin('deputy as d', 'd.id', 'rd.deputyId')
        .select(['rd.reinspectionId', 'd.id', 'd.name'])
        .where('rd.townId', '=', townId)
        .where('rd.reinspectionId', 'in', ids)
        .orderBy('d.code')
        .execute()
    : [];
  return { rows, deputies };
}

export async function nextFindingCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('finding').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'F',
    5,
    rows.map((r) => r.code),
  )();
}

export async function noticeNumbers(db: Kysely<DB>, townId: string): Promise<string[]> {
  const rows = await db.selectFrom('rectificationNotice').select('number').where('townId', '=', townId).execute();
  return rows.map((r) => r.number);
}

export async function findNotice(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('rectificationNotice').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function noticeFindingIds(db: Kysely<DB>, townId: string, noticeId: string): Promise<string[]> {
  const rows = await db.selectFrom('noticeFinding').select('findingId').where('townId', '=', townId).where('noticeId', '=', noticeId).execute();
  return rows.map((r) => r.findingId);
}

/** What the period totals need of every finding found up to `to`. */
export async function totalsFacts(db: Kysely<DB>, townId: string, to: string) {
  const findings = await db
    .selectFrom('finding')
    .select(['id', 'foundOn', 'status', 'closedOn'])
    .where('townId', '=', townId)
    .where('foundOn', '<=', to)
    .execute();
  const ids = findings.map((f) => f.id);
  const [notices, fixes] = ids.length
    ? await Promise.all([
        db
          .selectFrom('noticeFinding as nf')
          .innerJoin('rectificationNotice as n', 'n.id', 'nf.noticeId')
          .innerJoin('finding as f', 'f.id', 'nf.findingId')
          .select(['nf.findingId', 'n.id', 'n.issuedOn', 'n.deadline', 'n.createdAt'])
          .where('nf.townId', '=', townId)
          .where('f.foundOn', '<=', to)
          .orderBy('n.issuedOn')
          .orderBy('n.createdAt')
          .execute(),
        db
          .selectFrom('reinspection as r')
          .innerJoin('finding as f', 'f.id', 'r.findingId')
          .select(['r.findingId', 'r.date'])
          .where('r.townId', '=', townId)
          .where('r.result', '=', 'fixed')
          .where('f.foundOn', '<=', to)
          .orderBy('r.date')
          .orderBy('r.recordedAt')
          .execute(),
      ])
    : [[], []];
  return { findings, notices, fixes };
}

export async function unitsIn(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('handlingUnit').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}
export async function villageIn(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('village').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}
export async function deputiesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('deputy')
    .select(['id', 'name'])
    .where('townId', '=', townId)
    .where('id', 'in', [...ids])
    .execute();
}
export async function activityForFinding(db: Kysely<DB>, townId: string, id: string) {
  return db
    .selectFrom('activity as a')
    .innerJoin('activityKind as k', 'k.id', 'a.kindId')
    .select(['a.id', 'a.title', 'a.organiserType', 'a.stationId', 'k.countsAs'])
    .where('a.townId', '=', townId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}
