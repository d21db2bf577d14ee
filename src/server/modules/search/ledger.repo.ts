import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LedgerMatter, LedgerReception, LedgerSuggestion, Named } from './ledger.rules.ts';
import { inPeriod } from './stats.repo.ts';
import type { Period } from './stats.rules.ts';

/*
 * The ledgers' rows, a batch at a time so a ledger of any length is written without holding it all:
 * one query for the batch and one per related table (sponsors, offices; deputies, matters), never a
 * query per row. Every query takes the town.
 */

const SUGGESTION_BATCH = 500;
const RECEPTION_BATCH = 200;

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export type SuggestionBatchItem = { s: LedgerSuggestion; sponsors: Named[]; units: Named[] };

/** The raised suggestions of the period in code order (year, then number), with sponsors and offices. */
export async function* suggestionLedgerBatches(db: Kysely<DB>, townId: string, p: Period): AsyncGenerator<SuggestionBatchItem[]> {
  for (let offset = 0; ; offset += SUGGESTION_BATCH) {
    const rows = await db
      .selectFrom('suggestion as s')
      .leftJoin('village as v', 'v.id', 's.villageId')
      .where(inPeriod(townId, p))
      .select([
        's.id',
        's.code',
        's.kind',
        's.title',
        's.sourceType',
        's.category',
        'v.name as villageName',
        's.state',
        's.assignedOn',
        's.dueDate',
        's.repliedOn',
        's.grade',
        's.rating',
        's.closedAt',
      ])
      // Codes are YYYY-NNN and longer past 999: year, length, text; the id keeps batches stable.
      .orderBy('s.year')
      .orderBy(sql`length(${sql.ref('s.code')})`)
      .orderBy('s.code')
      .orderBy('s.id')
      .limit(SUGGESTION_BATCH)
      .offset(offset)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const [sponsors, units] = await Promise.all([
      db
        .selectFrom('suggestionSponsor as sp')
        .innerJoin('deputy as d', 'd.id', 'sp.deputyId')
        .select(['sp.suggestionId', 'd.name', 'sp.role', 'd.code'])
        .where('sp.townId', '=', townId)
        .where('sp.suggestionId', 'in', ids)
        .orderBy('d.code')
        .execute(),
      db
        .selectFrom('suggestionUnit as su')
        .innerJoin('handlingUnit as u', 'u.id', 'su.unitId')
        .select(['su.suggestionId', 'u.name', 'su.role', 'u.code'])
        .where('su.townId', '=', townId)
        .where('su.suggestionId', 'in', ids)
        .orderBy('u.code')
        .execute(),
    ]);
    const sp = groupBy(sponsors, (r) => r.suggestionId);
    const un = groupBy(units, (r) => r.suggestionId);
    yield rows.map((r) => ({ s: r, sponsors: sp.get(r.id) ?? [], units: un.get(r.id) ?? [] }));
    if (rows.length < SUGGESTION_BATCH) return;
  }
}

export type ReceptionBatchItem = { r: LedgerReception & { stationId: string }; deputies: string[]; matters: LedgerMatter[] };

/** The receptions of the period (of one station when given), by date, with the deputies on duty and the matters. */
export async function* receptionLedgerBatches(
  db: Kysely<DB>,
  townId: string,
  f: { from: string; to: string; stationId?: string },
): AsyncGenerator<ReceptionBatchItem[]> {
  for (let offset = 0; ; offset += RECEPTION_BATCH) {
    let q = db
      .selectFrom('reception as r')
      .innerJoin('station as st', 'st.id', 'r.stationId')
      .where('r.townId', '=', townId)
      .where('r.date', '>=', f.from)
      .where('r.date', '<=', f.to);
    if (f.stationId) q = q.where('r.stationId', '=', f.stationId);
    const rows = await q
      .select(['r.id', 'r.date', 'r.code', 'r.startTime', 'r.endTime', 'r.stationId', 'st.name as stationName'])
      .orderBy('r.date')
      .orderBy('r.startTime')
      .orderBy('r.code')
      .orderBy('r.id')
      .limit(RECEPTION_BATCH)
      .offset(offset)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const [deputies, matters] = await Promise.all([
      db
        .selectFrom('receptionDeputy as rd')
        .innerJoin('deputy as d', 'd.id', 'rd.deputyId')
        .select(['rd.receptionId', 'd.name'])
        .where('rd.townId', '=', townId)
        .where('rd.receptionId', 'in', ids)
        .orderBy('d.code')
        .execute(),
      db
        .selectFrom('receptionMatter as m')
        .leftJoin('village as v', 'v.id', 'm.villageId')
        .select([
          'm.receptionId',
          'm.seq',
          'm.visitorName',
          'm.visitorPhone',
          'm.visitorCount',
          'v.name as villageName',
          'm.category',
          'm.content',
          'm.routing',
          'm.routingNote',
        ])
        .where('m.townId', '=', townId)
        .where('m.receptionId', 'in', ids)
        .orderBy('m.seq')
        .execute(),
    ]);
    const dep = groupBy(deputies, (r) => r.receptionId);
    const mat = groupBy(matters, (r) => r.receptionId);
    yield rows.map((r) => ({ r, deputies: (dep.get(r.id) ?? []).map((d) => d.name), matters: mat.get(r.id) ?? [] }));
    if (rows.length < RECEPTION_BATCH) return;
  }
}
