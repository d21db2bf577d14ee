import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, DeputyTable, ImportJobTable } from '../../db/schema.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import type { DeputyFilterT } from './deputies.schemas.ts';

/** A deputy as stored, without the photo (a data URL of up to 2.7 MB is read only by the photo route). */
export type DeputyRow = Omit<Selectable<DeputyTable>, 'photo'>;
/** A deputy with the names of what it points to, for presenting. */
export type DeputyView = DeputyRow & { termNumber: number; constituencyName: string | null; stationName: string | null; hasPhoto: number };

const COLUMNS = [
  'deputy.id',
  'deputy.townId',
  'deputy.termId',
  'deputy.code',
  'deputy.name',
  'deputy.gender',
  'deputy.birthDate',
  'deputy.ethnicity',
  'deputy.party',
  'deputy.isTownLevel',
  'deputy.isCountyLevel',
  'deputy.constituencyId',
  'deputy.stationId',
  'deputy.occupation',
  'deputy.workplace',
  'deputy.title',
  'deputy.phone',
  'deputy.idNumber',
  'deputy.status',
  'deputy.statusDate',
  'deputy.statusReason',
  'deputy.hardship',
  'deputy.notes',
  'deputy.version',
  'deputy.createdAt',
  'deputy.updatedAt',
] as const;

/** The joined select every read of a presented deputy uses; the joins also require the same town. */
function viewQuery(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('deputy')
    .innerJoin('term', (j) => j.onRef('term.id', '=', 'deputy.termId').onRef('term.townId', '=', 'deputy.townId'))
    .leftJoin('constituency', (j) => j.onRef('constituency.id', '=', 'deputy.constituencyId').onRef('constituency.townId', '=', 'deputy.townId'))
    .leftJoin('station', (j) => j.onRef('station.id', '=', 'deputy.stationId').onRef('station.townId', '=', 'deputy.townId'))
    .where('deputy.townId', '=', townId);
}

function selectView<Q extends ReturnType<typeof viewQuery>>(q: Q) {
  return q.select([
    ...COLUMNS,
    'term.number as termNumber',
    'constituency.name as constituencyName',
    'station.name as stationName',
    sql<number>`case when ${sql.ref('deputy.photo')} is null then 0 else 1 end`.as('hasPhoto'),
  ]);
}

export async function findDeputyView(db: Kysely<DB>, townId: string, id: string): Promise<DeputyView | undefined> {
  return (await selectView(viewQuery(db, townId).where('deputy.id', '=', id)).executeTakeFirst()) as DeputyView | undefined;
}

export async function findDeputy(db: Kysely<DB>, townId: string, id: string): Promise<DeputyRow | undefined> {
  return db.selectFrom('deputy').select(COLUMNS).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function findDeputyPhoto(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('deputy').select(['photo', 'name', 'version']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** The list and the export: the same filters; `page` absent means every matching row. */
export async function listDeputies(
  db: Kysely<DB>,
  townId: string,
  f: DeputyFilterT,
  page?: { limit: number; offset: number },
): Promise<{ rows: DeputyView[]; total: number }> {
  let base = viewQuery(db, townId);
  if (f.q) {
    const q = f.q;
    base = base.where((eb) => eb.or([containsCi('deputy.name', q), containsCi('deputy.code', q), containsCi('deputy.workplace', q)]));
  }
  if (f.stationId) base = base.where('deputy.stationId', '=', f.stationId);
  if (f.termId) base = base.where('deputy.termId', '=', f.termId);
  if (f.constituencyId) base = base.where('deputy.constituencyId', '=', f.constituencyId);
  if (f.party) base = base.where('deputy.party', '=', f.party);
  if (f.status) base = base.where('deputy.status', '=', f.status);
  if (f.occupation) base = base.where('deputy.occupation', '=', f.occupation);
  if (f.gender) base = base.where('deputy.gender', '=', f.gender);
  if (f.level) {
    const [town, county] = f.level === 'town' ? [1, 0] : f.level === 'county' ? [0, 1] : [1, 1];
    base = base.where('deputy.isTownLevel', '=', town).where('deputy.isCountyLevel', '=', county);
  }
  const dir = f.order ?? 'asc';
  let rowsQ = selectView(base);
  if (f.sort === 'birthDate') {
    // Unknown birth dates last on both engines (SQLite and PostgreSQL disagree on where NULL sorts).
    rowsQ = rowsQ.orderBy(sql`case when ${sql.ref('deputy.birthDate')} is null then 1 else 0 end`).orderBy('deputy.birthDate', dir);
  } else {
    rowsQ = rowsQ.orderBy(`deputy.${f.sort ?? 'code'}`, dir);
  }
  rowsQ = rowsQ.orderBy('deputy.id', dir);
  if (!page) {
    const all = (await rowsQ.execute()) as DeputyView[];
    return { rows: all, total: all.length };
  }
  // The page carries the total as an uncorrelated subquery (both engines compute it once): one statement
  // and one round trip instead of a page and a count. Measured against `count(*) over ()`, which makes
  // SQLite build every matching row before LIMIT: this is no slower on SQLite and as fast on PostgreSQL.
  const count = base.select((eb) => eb.fn.countAll<number>().as('n'));
  const rows = await rowsQ.select(count.as('pageTotal')).limit(page.limit).offset(page.offset).execute();
  let total = rows.length ? Number(rows[0].pageTotal) : 0;
  // Past the last page there is no row to carry it: count apart (only then).
  if (!rows.length && page.offset > 0) total = Number((await count.executeTakeFirstOrThrow()).n);
  for (const r of rows as { pageTotal?: unknown }[]) delete r.pageTotal;
  return { rows: rows as DeputyView[], total };
}

/** Every code of the town that looks like an automatic one (D001…), to pick the next. */
export async function autoCodes(db: Kysely<DB>, townId: string): Promise<string[]> {
  const rows = await db.selectFrom('deputy').select('code').where('townId', '=', townId).where('code', 'like', 'D%').execute();
  return rows.map((r) => r.code);
}

/** Other deputies of the town holding this code or this ID number. */
export async function findHolders(
  db: Kysely<DB>,
  townId: string,
  values: { code?: string | null; idNumber?: string | null },
  exceptId?: string,
): Promise<Pick<DeputyRow, 'id' | 'code' | 'name' | 'idNumber'>[]> {
  if (!values.code && !values.idNumber) return [];
  let q = db
    .selectFrom('deputy')
    .select(['id', 'code', 'name', 'idNumber'])
    .where('townId', '=', townId)
    .where((eb) => {
      const ors = [];
      if (values.code) ors.push(eb('code', '=', values.code));
      if (values.idNumber) ors.push(eb('idNumber', '=', values.idNumber));
      return eb.or(ors);
    });
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function findTerm(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('term').select(['id', 'number']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findConstituency(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('constituency').select(['id', 'termId', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findStation(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** What the statistics count, for the deputies of one term (or all terms). */
export function statsRows(db: Kysely<DB>, townId: string, termId?: string) {
  let q = db
    .selectFrom('deputy')
    .select(['status', 'gender', 'birthDate', 'party', 'occupation', 'ethnicity', 'isTownLevel', 'isCountyLevel'])
    .where('townId', '=', townId);
  if (termId) q = q.where('termId', '=', termId);
  return q.execute();
}

// ---------------------------------------------------------------------------------------------
// The import: everything it matches against, loaded once per job.

export type ImportRefs = {
  terms: { id: string; number: number }[];
  constituencies: { id: string; termId: string; code: string; name: string }[];
  stations: { id: string; code: string; name: string }[];
  deputies: DeputyRow[];
};

export async function loadImportRefs(db: Kysely<DB>, townId: string): Promise<ImportRefs> {
  const [terms, constituencies, stations, deputies] = await Promise.all([
    db.selectFrom('term').select(['id', 'number']).where('townId', '=', townId).execute(),
    db.selectFrom('constituency').select(['id', 'termId', 'code', 'name']).where('townId', '=', townId).execute(),
    db.selectFrom('station').select(['id', 'code', 'name']).where('townId', '=', townId).execute(),
    db.selectFrom('deputy').select(COLUMNS).where('townId', '=', townId).execute(),
  ]);
  return { terms, constituencies, stations, deputies };
}

/** Insert many deputies, a batch per statement (well under SQLite's bound-parameter limit). */
export async function insertDeputies(db: Kysely<DB>, rows: Insertable<DeputyTable>[], batch = 200): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto('deputy').values(rows.slice(i, i + batch)).execute();
}

// ---------------------------------------------------------------------------------------------
// Import jobs

export type ImportJobRow = Selectable<ImportJobTable>;

export function findImportJob(db: Kysely<DB>, townId: string, id: string): Promise<ImportJobRow | undefined> {
  return db.selectFrom('importJob').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findRunningJob(db: Kysely<DB>, townId: string, kind: ImportJobRow['kind'], since: string) {
  return db
    .selectFrom('importJob')
    .select('id')
    .where('townId', '=', townId)
    .where('kind', '=', kind)
    .where('status', '=', 'running')
    .where('createdAt', '>', since)
    .executeTakeFirst();
}
