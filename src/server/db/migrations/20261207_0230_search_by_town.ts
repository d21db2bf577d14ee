import { type Kysely, sql } from 'kysely';

/*
 * The full-text index learns each row's town, so a search finds the town's matches inside the index
 * instead of finding every town's and throwing most away. At the size of a province (1,500 towns, a
 * million suggestions) a common word such as 道路 matches rows of every town; the town's own are a
 * thousandth of them. Each indexed text gets one more token, "tw" + a digest of the town id (hex, so it is
 * one token whatever the id holds), and every search adds that token to its terms (search.rules
 * townToken / search.repo). The stored search_text does not change; only what is indexed.
 *
 * PostgreSQL: the GIN expression indexes are rebuilt over search_text || ' tw' || md5(town_id).
 * SQLite: the FTS5 triggers write search_text || ' tw' || lower(hex(town_id)), and the index is refilled.
 */
const TABLES = ['suggestion', 'reception_matter'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of TABLES) {
      const t = sql.raw(table);
      await sql`drop index if exists ${sql.raw(`${table}_search_gin`)}`.execute(db);
      await sql`create index ${sql.raw(`${table}_search_gin`)} on ${t} using gin (to_tsvector('simple', search_text || ' tw' || md5(town_id)))`.execute(db);
    }
    return;
  }
  for (const table of TABLES) await retrigger(db, table, sql`|| ' tw' || lower(hex(new.town_id))`);
  await refill(db, sql`|| ' tw' || lower(hex(x.town_id))`);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of TABLES) {
      await sql`drop index if exists ${sql.raw(`${table}_search_gin`)}`.execute(db);
      await sql`create index ${sql.raw(`${table}_search_gin`)} on ${sql.raw(table)} using gin (to_tsvector('simple', search_text))`.execute(db);
    }
    return;
  }
  for (const table of TABLES) await retrigger(db, table, sql``);
  await refill(db, sql``);
}

/** The insert and update triggers of migration 0160 with the indexed text extended by `suffix`. */
async function retrigger(db: Kysely<any>, table: (typeof TABLES)[number], suffix: ReturnType<typeof sql>): Promise<void> {
  const t = sql.raw(table);
  const kind = sql.lit(table);
  await sql`drop trigger if exists ${sql.raw(`${table}_search_ai`)}`.execute(db);
  await sql`drop trigger if exists ${sql.raw(`${table}_search_au`)}`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_search_ai`)} after insert on ${t} begin
    insert into search_doc (entity, entity_id) values (${kind}, new.id);
    insert into search_fts (rowid, search_text) values (last_insert_rowid(), new.search_text ${suffix});
  end`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_search_au`)} after update of search_text on ${t} begin
    delete from search_fts where rowid = (select doc_id from search_doc where entity = ${kind} and entity_id = old.id);
    insert into search_fts (rowid, search_text) select doc_id, new.search_text ${suffix} from search_doc where entity = ${kind} and entity_id = new.id;
  end`.execute(db);
}

async function refill(db: Kysely<any>, suffix: ReturnType<typeof sql>): Promise<void> {
  await sql`delete from search_fts`.execute(db);
  for (const table of TABLES)
    await sql`insert into search_fts (rowid, search_text)
      select d.doc_id, x.search_text ${suffix} from search_doc d join ${sql.raw(table)} x on x.id = d.entity_id where d.entity = ${sql.lit(table)}`.execute(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}
