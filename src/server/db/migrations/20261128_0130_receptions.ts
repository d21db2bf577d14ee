import type { Kysely } from 'kysely';

/*
 * Receptions (接待) at a liaison station: a date, the deputies on duty, and each visitor's matter with
 * where it went (settled on the spot, passed to the village committee, turned into a suggestion, passed
 * to a county deputy, not accepted). Visitor names and phones are optional personal data, masked for
 * roles that do not need them. A reception may be linked to the 接待日 activity it was held at.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reception')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // R0001…, unique in the town, never reused
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('date', 'text', (c) => c.notNull()) // China date
    .addColumn('start_time', 'text') // HH:MM
    .addColumn('end_time', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('activity_id', 'text', (c) => c.references('activity.id').onDelete('set null'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reception_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('reception_town_station_date_idx').on('reception').columns(['town_id', 'station_id', 'date']).execute();
  await db.schema.createIndex('reception_town_date_idx').on('reception').columns(['town_id', 'date']).execute();

  await db.schema
    .createTable('reception_deputy')
    .addColumn('reception_id', 'text', (c) => c.notNull().references('reception.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('reception_deputy_pk', ['reception_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('reception_deputy_town_deputy_idx').on('reception_deputy').columns(['town_id', 'deputy_id']).execute();

  await db.schema
    .createTable('reception_matter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('reception_id', 'text', (c) => c.notNull().references('reception.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the reception, from 1
    .addColumn('visitor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visitor_phone', 'text')
    .addColumn('visitor_count', 'integer', (c) => c.notNull().defaultTo(1)) // a group of villagers counts as several
    .addColumn('village_id', 'text', (c) => c.references('village.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    // on_spot | village | suggestion | county_deputy | not_accepted
    .addColumn('routing', 'text', (c) => c.notNull())
    .addColumn('routing_note', 'text', (c) => c.notNull().defaultTo('')) // what was done, or why not accepted
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestion.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_matter_town_reception_idx').on('reception_matter').columns(['town_id', 'reception_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reception_matter').execute();
  await db.schema.dropTable('reception_deputy').execute();
  await db.schema.dropTable('reception').execute();
}
