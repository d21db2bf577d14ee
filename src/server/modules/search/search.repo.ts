import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { queryTerms } from '../../lib/search-text.ts';
import { type Ranked, chinaDateOf, ftsTownMatch, tsQuery } from './search.rules.ts';

/*
 * The full-text queries, one per engine (the index differs: FTS5 tables on SQLite, GIN expression
 * indexes on PostgreSQL; see migration 20261128_0160_search). These engine branches live here rather
 * than in db/sql-helpers.ts because nothing else uses the search index. Every query takes the town.
 * The match text is a bound parameter built only from the tokeniser's letter/digit terms.
 *
 * The index holds each row's town as a token (migration 20261207_0230_search_by_town), and every query
 * matches it with the terms, so the index answers the town's rows only, however many towns share it.
 */

/** PostgreSQL: the indexed expression; a query must use exactly this for the GIN index to serve it. */
const pgTsv = (alias: string) => sql`to_tsvector('simple', ${sql.ref(`${alias}.search_text`)} || ' tw' || md5(${sql.ref(`${alias}.town_id`)}))`;
/** PostgreSQL: the terms and the town's token, all required. */
const pgTsq = (terms: readonly string[], townId: string) => sql`(to_tsquery('simple', ${tsQuery(terms)}) && to_tsquery('simple', 'tw' || md5(${townId})))`;

export function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

type HitRow = { key: string; score: number; at: string; total: number };

export type RankedPage = { hits: Ranked[]; total: number };

/**
 * The best `limit` suggestions of the town matching every term, with the total. Drafts are the
 * author's own work: they show only to the account that wrote them.
 */
export async function suggestionHits(db: Kysely<DB>, townId: string, terms: readonly string[], viewerId: string, limit: number): Promise<RankedPage> {
  const rows = isPostgres(db)
    ? await sql<HitRow>`
        select s.id as key, ts_rank(${pgTsv('s')}, q.q) as score,
               coalesce(s.submitted_at, s.created_at) as at, count(*) over () as total
        from suggestion s, (select ${pgTsq(terms, townId)}) as q(q)
        where ${pgTsv('s')} @@ q.q and s.town_id = ${townId}
          and (s.state <> 'draft' or s.created_by = ${viewerId})
        order by score desc, at desc, s.id
        limit ${limit}`.execute(db)
    : // bm25() may not sit beside a window function: rank in a subquery, count outside it.
      await sql<HitRow>`
        select key, score, at, count(*) over () as total from (
          select s.id as key, -bm25(search_fts) as score, coalesce(s.submitted_at, s.created_at) as at
          from search_fts
          join search_doc d on d.doc_id = search_fts.rowid and d.entity = 'suggestion'
          join suggestion s on s.id = d.entity_id
          where search_fts match ${ftsTownMatch(terms, townId)} and s.town_id = ${townId}
            and (s.state <> 'draft' or s.created_by = ${viewerId})
        ) as hits
        order by score desc, at desc, key
        limit ${limit}`.execute(db);
  return toPage(rows.rows, 'suggestion', (at) => chinaDateOf(at));
}

/** The best `limit` reception matters of the town (of one station when `stationId` is given). */
export async function matterHits(db: Kysely<DB>, townId: string, terms: readonly string[], stationId: string | null, limit: number): Promise<RankedPage> {
  const station = stationId === null ? sql`` : sql`and r.station_id = ${stationId}`;
  const rows = isPostgres(db)
    ? await sql<HitRow>`
        select m.id as key, ts_rank(${pgTsv('m')}, q.q) as score, r.date as at, count(*) over () as total
        from reception_matter m join reception r on r.id = m.reception_id, (select ${pgTsq(terms, townId)}) as q(q)
        where ${pgTsv('m')} @@ q.q and m.town_id = ${townId} and r.town_id = ${townId} ${station}
        order by score desc, at desc, m.id
        limit ${limit}`.execute(db)
    : await sql<HitRow>`
        select key, score, at, count(*) over () as total from (
          select m.id as key, -bm25(search_fts) as score, r.date as at
          from search_fts
          join search_doc d on d.doc_id = search_fts.rowid and d.entity = 'reception_matter'
          join reception_matter m on m.id = d.entity_id
          join reception r on r.id = m.reception_id
          where search_fts match ${ftsTownMatch(terms, townId)} and r.town_id = ${townId} ${station}
        ) as hits
        order by score desc, at desc, key
        limit ${limit}`.execute(db);
  return toPage(rows.rows, 'reception', (at) => at);
}

function toPage(rows: HitRow[], type: Ranked['type'], date: (at: string) => string): RankedPage {
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    hits: rows.map((r) => ({ type, key: r.key, score: Number(r.score), date: date(r.at) })),
  };
}

export function suggestionsByIds(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('suggestion')
    .select(['id', 'code', 'title', 'content', 'grounds', 'proposal', 'state'])
    .where('townId', '=', townId)
    .where('id', 'in', ids)
    .execute();
}

export function mattersByIds(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('receptionMatter as m')
    .innerJoin('reception as r', 'r.id', 'm.receptionId')
    .innerJoin('station as st', 'st.id', 'r.stationId')
    .select(['m.id', 'm.content', 'm.routingNote', 'm.category', 'r.id as receptionId', 'r.code', 'r.date', 'st.name as stationName'])
    .where('r.townId', '=', townId)
    .where('m.id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------------------------------------------
// For other areas: the suggestions list's `q` filter.

/**
 * A WHERE condition "this suggestion's text matches q" for a query over `suggestion` (aliased `alias`),
 * or null when q has no searchable words (then apply no text filter). Use it inside the list query so
 * paging and counting stay in the database:
 *
 *   const m = suggestionTextFilter(db, townId, q.q, 's');
 *   if (m) query = query.where(m);
 *
 * The condition matches within `townId` (the index's town token); the caller's query keeps its own town
 * condition all the same.
 */
export function suggestionTextFilter(db: Kysely<DB>, townId: string, q: string | undefined, alias = 'suggestion'): RawBuilder<boolean> | null {
  const terms = queryTerms(q ?? '');
  if (terms.length === 0) return null;
  if (isPostgres(db)) return sql<boolean>`${pgTsv(alias)} @@ ${pgTsq(terms, townId)}`;
  return sql<boolean>`${sql.ref(`${alias}.id`)} in (
    select d.entity_id from search_fts join search_doc d on d.doc_id = search_fts.rowid and d.entity = 'suggestion'
    where search_fts match ${ftsTownMatch(terms, townId)})`;
}

/**
 * The ids of the town's suggestions matching q, last changed first (at most `limit`), drafts included: callers
 * apply their own visibility. Null when q has no searchable words.
 */
export async function matchingSuggestionIds(db: Kysely<DB>, townId: string, q: string, limit = 2000): Promise<string[] | null> {
  const filter = suggestionTextFilter(db, townId, q, 's');
  if (!filter) return null;
  const rows = await db
    .selectFrom('suggestion as s')
    .select('s.id')
    .where('s.townId', '=', townId)
    .where(filter)
    .orderBy('s.updatedAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
