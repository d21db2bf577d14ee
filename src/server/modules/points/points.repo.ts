import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { NotFoundError } from '../../http/errors.ts';
import { todayInChina } from '../../lib/time.ts';
import { monthRange } from './points.catalogue.ts';
import { computeMetrics } from './points.metrics.ts';
import { type Adjustment, type GradeBand, type RecordsScore, type SchemeItem, type Weights, scoreRecords } from './points.rules.ts';

/* Reads of the points scheme; every function takes the town. */

export type Scheme = {
  id: string;
  townId: string;
  year: number;
  name: string;
  items: SchemeItem[];
  fullMarks: number;
  weights: Weights;
  bands: GradeBand[];
  commendTop: number;
  status: 'draft' | 'active';
  version: number;
};

export function parseScheme(r: {
  id: string;
  townId: string;
  year: number;
  name: string;
  items: string;
  fullMarks: number;
  weights: string;
  bands: string;
  commendTop: number;
  status: 'draft' | 'active';
  version: number;
}): Scheme {
  return {
    id: r.id,
    townId: r.townId,
    year: Number(r.year),
    name: r.name,
    items: JSON.parse(r.items) as SchemeItem[],
    fullMarks: Number(r.fullMarks),
    weights: JSON.parse(r.weights) as Weights,
    bands: JSON.parse(r.bands) as GradeBand[],
    commendTop: Number(r.commendTop),
    status: r.status,
    version: Number(r.version),
  };
}

const SCHEME_COLS = ['id', 'townId', 'year', 'name', 'items', 'fullMarks', 'weights', 'bands', 'commendTop', 'status', 'version'] as const;

export async function findScheme(db: Kysely<DB>, townId: string, id: string): Promise<Scheme | undefined> {
  const r = await db.selectFrom('pointsScheme').select(SCHEME_COLS).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
  return r ? parseScheme(r) : undefined;
}
export async function mustScheme(db: Kysely<DB>, townId: string, id: string): Promise<Scheme> {
  const s = await findScheme(db, townId, id);
  if (!s) throw new NotFoundError('考评方案');
  return s;
}
export async function listSchemeRows(db: Kysely<DB>, townId: string, year?: number): Promise<Scheme[]> {
  let q = db.selectFrom('pointsScheme').select(SCHEME_COLS).where('townId', '=', townId);
  if (year !== undefined) q = q.where('year', '=', year);
  return (await q.orderBy('year', 'desc').execute()).map(parseScheme);
}
export async function schemeOfYear(db: Kysely<DB>, townId: string, year: number): Promise<Scheme | undefined> {
  return (await listSchemeRows(db, townId, year))[0];
}

export type SnapshotHead = { id: string; month: string; version: number; publishedAt: string; publishedBy: string | null };

/** The latest publication of each month of the scheme (a republish is a new version; the newest counts). */
export async function latestSnapshots(db: Kysely<DB>, townId: string, schemeId: string, months?: readonly string[]): Promise<Map<string, SnapshotHead>> {
  let q = db
    .selectFrom('pointsSnapshot')
    .select(['id', 'month', 'version', 'publishedAt', 'publishedBy'])
    .where('townId', '=', townId)
    .where('schemeId', '=', schemeId);
  if (months) {
    if (months.length === 0) return new Map();
    q = q.where('month', 'in', months);
  }
  const rows = await q.execute();
  const out = new Map<string, SnapshotHead>();
  for (const r of rows) {
    const cur = out.get(r.month);
    if (!cur || Number(r.version) > cur.version) out.set(r.month, { ...r, version: Number(r.version) });
  }
  return out;
}

export type SnapshotRow = { snapshotId: string; deputyId: string; total: number; breakdown: RecordsScore };

export async function snapshotRows(db: Kysely<DB>, townId: string, snapshotIds: readonly string[], deputyId?: string): Promise<SnapshotRow[]> {
  if (snapshotIds.length === 0) return [];
  let q = db
    .selectFrom('pointsSnapshotRow')
    .select(['snapshotId', 'deputyId', 'total', 'breakdown'])
    .where('townId', '=', townId)
    .where('snapshotId', 'in', snapshotIds);
  if (deputyId) q = q.where('deputyId', '=', deputyId);
  const rows = await q.execute();
  return rows.map((r) => ({ snapshotId: r.snapshotId, deputyId: r.deputyId, total: Number(r.total), breakdown: JSON.parse(r.breakdown) as RecordsScore }));
}

export type DeputyInfo = { id: string; name: string; stationName: string | null; code: string };

/** The deputies a board lists: those serving, plus any named in `alsoIds` (a record or an adjustment counted them). */
export async function boardDeputies(db: Kysely<DB>, townId: string, alsoIds: readonly string[] = [], onlyIds?: readonly string[]): Promise<DeputyInfo[]> {
  let q = db
    .selectFrom('deputy')
    .leftJoin('station', 'station.id', 'deputy.stationId')
    .select(['deputy.id', 'deputy.name', 'deputy.code', 'station.name as stationName'])
    .where('deputy.townId', '=', townId);
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    q = q.where('deputy.id', 'in', onlyIds);
  } else {
    const also = [...new Set(alsoIds)];
    q = q.where((eb) => (also.length ? eb.or([eb('deputy.status', '=', 'serving'), eb('deputy.id', 'in', also)]) : eb('deputy.status', '=', 'serving')));
  }
  return q.orderBy('deputy.code').execute();
}

export async function findDeputy(db: Kysely<DB>, townId: string, id: string): Promise<DeputyInfo | undefined> {
  return (await boardDeputies(db, townId, [], [id]))[0];
}

export type AdjustmentRow = {
  id: string;
  deputyId: string;
  deputyName: string;
  month: string;
  points: number;
  reason: string;
  createdBy: string | null;
  createdAt: string;
};

export async function adjustmentRows(
  db: Kysely<DB>,
  townId: string,
  schemeId: string,
  f: { months?: readonly string[]; deputyId?: string; id?: string } = {},
): Promise<AdjustmentRow[]> {
  let q = db
    .selectFrom('pointsAdjustment as a')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .select(['a.id', 'a.deputyId', 'd.name as deputyName', 'a.month', 'a.points', 'a.reason', 'a.createdBy', 'a.createdAt'])
    .where('a.townId', '=', townId)
    .where('a.schemeId', '=', schemeId);
  if (f.months) {
    if (f.months.length === 0) return [];
    q = q.where('a.month', 'in', f.months);
  }
  if (f.deputyId) q = q.where('a.deputyId', '=', f.deputyId);
  if (f.id) q = q.where('a.id', '=', f.id);
  const rows = await q.orderBy('a.month').orderBy('a.createdAt').orderBy('a.id').execute();
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

export const toAdjustment = (a: AdjustmentRow): Adjustment => ({ id: a.id, points: a.points, reason: a.reason });

/**
 * The month's records score of every deputy computed now (live): the scheme's items over the month's
 * records, then the month's adjustments. `deputyIds` narrows to some deputies.
 */
export async function liveMonth(
  db: Kysely<DB>,
  townId: string,
  scheme: Scheme,
  month: string,
  deputyIds?: readonly string[],
): Promise<{ deputies: DeputyInfo[]; scores: Map<string, RecordsScore> }> {
  const metrics = [...new Set(scheme.items.map((i) => i.metric))];
  const [values, adjustments] = await Promise.all([
    computeMetrics(db, townId, monthRange(month), metrics, { deputyIds }),
    adjustmentRows(db, townId, scheme.id, { months: [month] }),
  ]);
  const adjs = deputyIds ? adjustments.filter((a) => deputyIds.includes(a.deputyId)) : adjustments;
  const deputies = deputyIds
    ? await boardDeputies(db, townId, [], deputyIds)
    : await boardDeputies(db, townId, [...values.keys(), ...adjs.map((a) => a.deputyId)]);
  const scores = new Map<string, RecordsScore>();
  for (const d of deputies) {
    scores.set(d.id, scoreRecords(scheme.items, values.get(d.id) ?? {}, adjs.filter((a) => a.deputyId === d.id).map(toAdjustment)));
  }
  return { deputies, scores };
}

/** The months of the scheme's year that have ended by today (China). */
export function endedMonths(year: number, today = todayInChina()): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (today > monthRange(month).to) out.push(month);
  }
  return out;
}
