import { type Kysely, sql } from 'kysely';

/*
 * Full-text search over suggestions and reception matters. Both tables carry `search_text`: the record's
 * words as Han bigrams plus Latin/digit words, space-separated (lib/search-text.ts), written by the
 * areas on every insert and edit. This migration indexes that column; the areas need not know.
 *
 * SQLite: one FTS5 index for both kinds, kept in step by triggers. The FTS row id comes from
 * `search_doc`, a mapping with an INTEGER PRIMARY KEY: the base tables have text ids, and their implicit
 * rowids may change on VACUUM, so an external-content index keyed by them could silently point at the
 * wrong rows. The triggers fire on insert, on an update that sets search_text and on delete,
 * including deletes cascaded from a reception.
 *
 * PostgreSQL: a GIN expression index on to_tsvector('simple', search_text) per table; queries must use
 * exactly that expression (modules/search/search.repo.ts does). 'simple' keeps every token as it is,
 * which is what bigrams need; the default parser treats Han characters as letters.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index suggestion_search_gin on suggestion using gin (to_tsvector('simple', search_text))`.execute(db);
    await sql`create index reception_matter_search_gin on reception_matter using gin (to_tsvector('simple', search_text))`.execute(db);
    return;
  }
  await sql`create table search_doc (
    doc_id integer primary key,
    entity text not null,
    entity_id text not null,
    unique (entity, entity_id)
  )`.execute(db);
  await sql`create virtual table search_fts using fts5(search_text)`.execute(db);
  for (const table of ['suggestion', 'reception_matter'] as const) await indexTable(db, table);
}

/** Triggers for one table, and the rows it already has. `table` is one of two literals, never input. */
async function indexTable(db: Kysely<any>, table: 'suggestion' | 'reception_matter'): Promise<void> {
  const t = sql.raw(table);
  const kind = sql.lit(table);
  await sql`create trigger ${sql.raw(`${table}_search_ai`)} after insert on ${t} begin
    insert into search_doc (entity, entity_id) values (${kind}, new.id);
    insert into search_fts (rowid, search_text) values (last_insert_rowid(), new.search_text);
  end`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_search_au`)} after update of search_text on ${t} begin
    delete from search_fts where rowid = (select doc_id from search_doc where entity = ${kind} and entity_id = old.id);
    insert into search_fts (rowid, search_text) select doc_id, new.search_text from search_doc where entity = ${kind} and entity_id = new.id;
  end`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_search_ad`)} after delete on ${t} begin
    delete from search_fts where rowid = (select doc_id from search_doc where entity = ${kind} and entity_id = old.id);
    delete from search_doc where entity = ${kind} and entity_id = old.id;
  end`.execute(db);
  await sql`insert into search_doc (entity, entity_id) select ${kind}, id from ${t}`.execute(db);
  await sql`insert into search_fts (rowid, search_text)
    select d.doc_id, x.search_text from search_doc d join ${t} x on x.id = d.entity_id where d.entity = ${kind}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists reception_matter_search_gin`.execute(db);
    await sql`drop index if exists suggestion_search_gin`.execute(db);
    return;
  }
  for (const table of ['suggestion', 'reception_matter']) {
    for (const suffix of ['ai', 'au', 'ad']) await sql`drop trigger if exists ${sql.raw(`${table}_search_${suffix}`)}`.execute(db);
  }
  await sql`drop table if exists search_fts`.execute(db);
  await sql`drop table if exists search_doc`.execute(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}
