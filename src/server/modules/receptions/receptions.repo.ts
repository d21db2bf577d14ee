import { type ExpressionBuilder, type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MatterRouting, ReceptionMatterTable, ReceptionTable } from '../../db/tables/receptions.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { ConflictError } from '../../http/errors.ts';
import { codeCounter } from '../../lib/auto-code.ts';

/** Every query takes the town: no reception is read across towns. */

export type ReceptionRow = Selectable<ReceptionTable>;
export type MatterRow = Selectable<ReceptionMatterTable>;
/** A reception with the names a reader needs. */
export type ReceptionView = ReceptionRow & { stationCode: string; stationName: string; createdByName: string | null };

function viewBase(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('reception as r')
    .innerJoin('station as s', 's.id', 'r.stationId')
    .leftJoin('appUser as u', 'u.id', 'r.createdBy')
    .where('r.townId', '=', townId)
    .where('s.townId', '=', townId);
}

const VIEW_COLUMNS = ['s.code as stationCode', 's.name as stationName', 'u.displayName as createdByName'] as const;

export function findReceptionView(db: Kysely<DB>, townId: string, id: string): Promise<ReceptionView | undefined> {
  return viewBase(db, townId).selectAll('r').select(VIEW_COLUMNS).where('r.id', '=', id).executeTakeFirst();
}

export type ReceptionFilter = {
  stationId?: string;
  from?: string;
  to?: string;
  /** Search terms (queryTerms of the text): a reception matches when one of its matters has every term. */
  terms?: string[];
  /** The raw text too, for the reception's code (R0012). */
  text?: string;
  /** Only the receptions this deputy was on duty at. */
  deputyId?: string;
  limit: number;
  offset: number;
};

/**
 * A term matches the start of a word of the stored search text (Han pairs are whole words, so a pair
 * matches exactly; a single character or a Latin prefix matches the words it begins). Terms hold only
 * letters and digits, so they carry no LIKE wildcards.
 */
function matterHasTerms(eb: ExpressionBuilder<any, any>, townId: string, terms: string[]) {
  let q = eb.selectFrom('receptionMatter as m').select('m.id').whereRef('m.receptionId', '=', 'r.id').where('m.townId', '=', townId);
  for (const t of terms) q = q.where(sql<boolean>`(' ' || ${sql.ref('m.searchText')}) like ${`% ${t}%`}`);
  return eb.exists(q);
}

export async function listReceptionViews(db: Kysely<DB>, townId: string, f: ReceptionFilter): Promise<{ rows: ReceptionView[]; total: number }> {
  let base = viewBase(db, townId);
  if (f.stationId) base = base.where('r.stationId', '=', f.stationId);
  if (f.from) base = base.where('r.date', '>=', f.from);
  if (f.to) base = base.where('r.date', '<=', f.to);
  if (f.deputyId) {
    const deputyId = f.deputyId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('receptionDeputy as d')
          .select('d.deputyId')
          .whereRef('d.receptionId', '=', 'r.id')
          .where('d.townId', '=', townId)
          .where('d.deputyId', '=', deputyId),
      ),
    );
  }
  if (f.terms?.length || f.text) {
    const terms = f.terms ?? [];
    const text = f.text ?? '';
    base = base.where((eb) => eb.or([...(terms.length ? [matterHasTerms(eb, townId, terms)] : []), ...(text ? [containsCi('r.code', text)] : [])]));
  }
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll('r').select(VIEW_COLUMNS).orderBy('r.date', 'desc').orderBy('r.code', 'desc').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

/** The deputies on duty at the given receptions, by deputy code, in one query for a whole page. */
export async function deputiesOf(db: Kysely<DB>, townId: string, receptionIds: readonly string[]) {
  const out = new Map<string, { id: string; code: string; name: string }[]>();
  if (!receptionIds.length) return out;
  const rows = await db
    .selectFrom('receptionDeputy as rd')
    .innerJoin('deputy as d', 'd.id', 'rd.deputyId')
    .select(['rd.receptionId', 'd.id', 'd.code', 'd.name'])
    .where('rd.townId', '=', townId)
    .where('d.townId', '=', townId)
    .where('rd.receptionId', 'in', receptionIds)
    .orderBy('d.code')
    .execute();
  for (const r of rows) out.set(r.receptionId, [...(out.get(r.receptionId) ?? []), { id: r.id, code: r.code, name: r.name }]);
  return out;
}

export type MatterTally = { receptionId: string; routing: MatterRouting; matters: number; visitors: number };

/** Matters and visitors per reception and routing, for a page of receptions: one grouped query. */
export async function matterTallies(db: Kysely<DB>, townId: string, receptionIds: readonly string[]): Promise<MatterTally[]> {
  if (!receptionIds.length) return [];
  const rows = await db
    .selectFrom('receptionMatter')
    .select(['receptionId', 'routing', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('visitorCount').as('v')])
    .where('townId', '=', townId)
    .where('receptionId', 'in', receptionIds)
    .groupBy(['receptionId', 'routing'])
    .execute();
  return rows.map((r) => ({ receptionId: r.receptionId, routing: r.routing, matters: Number(r.n), visitors: Number(r.v ?? 0) }));
}

export type MatterView = MatterRow & { villageName: string | null; suggestionCode: string | null; suggestionState: string | null };

/** A reception's matters in order, with the village's name and the suggestion made from each. */
export function mattersOf(db: Kysely<DB>, townId: string, receptionId: string): Promise<MatterView[]> {
  return db
    .selectFrom('receptionMatter as m')
    .leftJoin('village as v', 'v.id', 'm.villageId')
    .leftJoin('suggestion as s', 's.id', 'm.suggestionId')
    .selectAll('m')
    .select(['v.name as villageName', 's.code as suggestionCode', 's.state as suggestionState'])
    .where('m.townId', '=', townId)
    .where('m.receptionId', '=', receptionId)
    .orderBy('m.seq')
    .execute();
}

export async function isOnDuty(db: Kysely<DB>, townId: string, receptionId: string, deputyId: string): Promise<boolean> {
  const r = await db
    .selectFrom('receptionDeputy')
    .select('deputyId')
    .where('townId', '=', townId)
    .where('receptionId', '=', receptionId)
    .where('deputyId', '=', deputyId)
    .executeTakeFirst();
  return !!r;
}

export function stationOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('station').select(['id', 'code', 'name', 'address']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function deputiesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'code', 'name', 'status']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function villagesIn(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('village').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function activityOfTown(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('activity').select(['id', 'code', 'title']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/**
 * The next reception code (R0001…): one past the largest in the town, so a code is never reused. The
 * caller holds the town's code lock (lockTownCodes); the unique index refuses a race past it.
 */
export async function nextReceptionCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('reception').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'R',
    4,
    rows.map((r) => r.code),
  )();
}

const STALE = '该接待记录已被他人修改，请刷新后再操作';

/** UPDATE one reception and move its version on by one; 409 when the stored version is not the one the client saw. */
export async function updateReceptionRow(db: Kysely<DB>, townId: string, id: string, version: number, patch: Updateable<ReceptionTable>): Promise<void> {
  const res = await db
    .updateTable('reception')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

/** DELETE one reception at the version the client saw (its deputies and matters first); 409 when it moved on. */
export async function deleteReceptionRow(db: Kysely<DB>, townId: string, id: string, version: number): Promise<void> {
  const res = await db.deleteFrom('reception').where('townId', '=', townId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numDeletedRows) !== 1) throw new ConflictError(STALE);
}

/**
 * DELETE matters that no suggestion was made from: the given ones, or all of the reception's. Conditional
 * on `suggestion_id is null` and counted, so a matter turned into a suggestion after the caller looked
 * (a concurrent 转为建议) is not deleted under it: 409 and the caller's transaction rolls back.
 */
export async function deleteUnlinkedMatters(db: Kysely<DB>, townId: string, receptionId: string, ids: readonly string[] | 'all', expected: number): Promise<void> {
  if (ids !== 'all' && !ids.length) return;
  let q = db.deleteFrom('receptionMatter').where('townId', '=', townId).where('receptionId', '=', receptionId).where('suggestionId', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const res = await q.executeTakeFirst();
  if (Number(res.numDeletedRows) !== expected) throw new ConflictError(LINKED);
}

/**
 * UPDATE a kept matter, conditional on the suggestion link the caller read (none, or that suggestion):
 * a matter linked meanwhile keeps the routing 转为建议 its suggestion gave it; 409 instead.
 */
export async function updateKeptMatter(
  db: Kysely<DB>,
  townId: string,
  id: string,
  suggestionId: string | null,
  patch: Updateable<ReceptionMatterTable>,
): Promise<void> {
  const res = await db
    .updateTable('receptionMatter')
    .set(patch)
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('suggestionId', suggestionId === null ? 'is' : '=', suggestionId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(LINKED);
}

const LINKED = '接待事项已被他人转为建议或修改，请刷新后再操作';

export async function replaceDeputies(db: Kysely<DB>, townId: string, receptionId: string, deputyIds: readonly string[]) {
  await db.deleteFrom('receptionDeputy').where('townId', '=', townId).where('receptionId', '=', receptionId).execute();
  if (deputyIds.length) {
    await db
      .insertInto('receptionDeputy')
      .values(deputyIds.map((deputyId) => ({ receptionId, deputyId, townId })))
      .execute();
  }
}

// ---- Figures ----

const month = sql<string>`substr(${sql.ref('r.date')}, 1, 7)`;

/**
 * The period's figures in two grouped queries: receptions per station and month, and matters (with
 * their visitors) per station, month, routing and category. The service folds them into totals.
 */
export async function statsRows(db: Kysely<DB>, townId: string, p: { from: string; to: string; stationId?: string }) {
  let receptions = db
    .selectFrom('reception as r')
    .innerJoin('station as s', 's.id', 'r.stationId')
    .select(['r.stationId', 's.code as stationCode', 's.name as stationName', month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.townId', '=', townId)
    .where('r.date', '>=', p.from)
    .where('r.date', '<=', p.to)
    .groupBy(['r.stationId', 's.code', 's.name', month]);
  let matters = db
    .selectFrom('receptionMatter as m')
    .innerJoin('reception as r', 'r.id', 'm.receptionId')
    .select([
      'r.stationId',
      month.as('month'),
      'm.routing',
      'm.category',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('m.visitorCount').as('v'),
    ])
    .where('m.townId', '=', townId)
    .where('r.townId', '=', townId)
    .where('r.date', '>=', p.from)
    .where('r.date', '<=', p.to)
    .groupBy(['r.stationId', month, 'm.routing', 'm.category']);
  if (p.stationId) {
    receptions = receptions.where('r.stationId', '=', p.stationId);
    matters = matters.where('r.stationId', '=', p.stationId);
  }
  const [r, m] = await Promise.all([receptions.execute(), matters.execute()]);
  return {
    receptions: r.map((x) => ({ stationId: x.stationId, stationCode: x.stationCode, stationName: x.stationName, month: x.month, n: Number(x.n) })),
    matters: m.map((x) => ({ stationId: x.stationId, month: x.month, routing: x.routing, category: x.category, n: Number(x.n), visitors: Number(x.v ?? 0) })),
  };
}

// ---- The duty record ----

/** The receptions a deputy was on duty at with dates in [from, to) (China dates), with their matters and visitors; one query. */
export function dutyRows(db: Kysely<DB>, townId: string, deputyId: string, from: string, to: string) {
  return db
    .selectFrom('receptionDeputy as rd')
    .innerJoin('reception as r', 'r.id', 'rd.receptionId')
    .innerJoin('station as s', 's.id', 'r.stationId')
    .leftJoin('receptionMatter as m', 'm.receptionId', 'r.id')
    .select([
      'r.id',
      'r.code',
      'r.date',
      'r.stationId',
      's.name as stationName',
      (eb) => eb.fn.count<number>('m.id').as('matters'),
      (eb) => eb.fn.sum<number>('m.visitorCount').as('visitors'),
    ])
    .where('rd.townId', '=', townId)
    .where('r.townId', '=', townId)
    .where('rd.deputyId', '=', deputyId)
    .where('r.date', '>=', from)
    .where('r.date', '<', to)
    .groupBy(['r.id', 'r.code', 'r.date', 'r.stationId', 's.name'])
    .orderBy('r.date')
    .orderBy('r.code')
    .execute();
}
