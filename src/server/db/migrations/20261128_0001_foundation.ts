import { type Kysely, sql } from 'kysely';

/*
 * Foundation schema: regions, accounts, sessions, audit, and the roster.
 * Conventions: text ids made in the app (ULID); timestamps as UTC ISO text; dates as YYYY-MM-DD text;
 * flags as integer 0/1 (the same on both engines); every town-owned table carries town_id, and every
 * external key (code) is unique within its town so that workbook imports can match records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('county')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('town')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('county.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('town_county_idx').on('town').column('county_id').execute();

  await db.schema
    .createTable('village')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // village | community
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('village_town_code_uq', ['town_id', 'code'])
    .execute();

  await db.schema
    .createTable('term')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addUniqueConstraint('term_town_number_uq', ['town_id', 'number'])
    .execute();

  await db.schema
    .createTable('constituency')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('term.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('constituency_town_term_code_uq', ['town_id', 'term_id', 'code'])
    .execute();

  await db.schema
    .createTable('constituency_village')
    .addColumn('constituency_id', 'text', (c) => c.notNull().references('constituency.id').onDelete('cascade'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('village.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('constituency_village_pk', ['constituency_id', 'village_id'])
    .execute();

  await db.schema
    .createTable('station')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // station | home | studio (联络站 / 代表之家 / 代表工作室)
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('head_deputy_id', 'text') // FK added after deputy exists (circular); checked in the service
    .addColumn('schedule_rule', 'text') // JSON ScheduleRule, see modules/stations/schedule.rules.ts
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('station_town_code_uq', ['town_id', 'code'])
    .execute();

  await db.schema
    .createTable('station_village')
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id').onDelete('cascade'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('village.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('station_village_pk', ['station_id', 'village_id'])
    .execute();

  await db.schema
    .createTable('deputy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('term.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull()) // male | female
    .addColumn('birth_date', 'text')
    .addColumn('ethnicity', 'text', (c) => c.notNull().defaultTo('汉族'))
    .addColumn('party', 'text', (c) => c.notNull()) // see roster/deputy.rules.ts PARTIES
    .addColumn('is_town_level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_county_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('constituency_id', 'text', (c) => c.references('constituency.id'))
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('workplace', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('serving'))
    .addColumn('status_date', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('hardship', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('photo', 'text') // data URL of a small JPEG/PNG, checked by content and size
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deputy_town_code_uq', ['town_id', 'code'])
    .addUniqueConstraint('deputy_town_idnum_uq', ['town_id', 'id_number'])
    .execute();
  await db.schema.createIndex('deputy_town_name_idx').on('deputy').columns(['town_id', 'name']).execute();
  await db.schema.createIndex('deputy_town_station_idx').on('deputy').columns(['town_id', 'station_id']).execute();
  await db.schema.createIndex('deputy_town_status_idx').on('deputy').columns(['town_id', 'status']).execute();

  await db.schema
    .createTable('deputy_group')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deputy_group_town_code_uq', ['town_id', 'code'])
    .execute();

  await db.schema
    .createTable('group_member')
    .addColumn('group_id', 'text', (c) => c.notNull().references('deputy_group.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // leader | vice_leader | member
    .addPrimaryKeyConstraint('group_member_pk', ['group_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('presidium_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('term.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('position', 'text', (c) => c.notNull()) // chair | vice_chair | member
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('presidium_member_term_deputy_uq', ['term_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('presidium_liaison')
    .addColumn('presidium_member_id', 'text', (c) => c.notNull().references('presidium_member.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('presidium_liaison_pk', ['presidium_member_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('handling_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // town_office | county_dept | other
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('handling_unit_town_code_uq', ['town_id', 'code'])
    .addUniqueConstraint('handling_unit_town_name_uq', ['town_id', 'name'])
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('county.id'))
    .addColumn('town_id', 'text', (c) => c.references('town.id')) // null for county_admin
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.unique())
    .addColumn('role', 'text', (c) => c.notNull()) // county_admin | town_admin | liaison | deputy | handler
    .addColumn('deputy_id', 'text', (c) => c.references('deputy.id'))
    .addColumn('unit_id', 'text', (c) => c.references('handling_unit.id'))
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_user_town_idx').on('app_user').columns(['town_id', 'role']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie token: a leaked table gives no session
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('town_id', 'text', (c) => c.references('town.id')) // the town the session works in
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey()) // "user:<name>" or "ip:<addr>"
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text')
    .addColumn('town_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('changes', 'text') // JSON {field: [before, after]}
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_event_town_at_idx').on('audit_event').columns(['town_id', 'at']).execute();
  await db.schema.createIndex('audit_event_entity_idx').on('audit_event').columns(['town_id', 'entity', 'entity_id']).execute();

  await db.schema
    .createTable('import_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // deputies | workbook
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // running | succeeded | failed
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text') // JSON: {created, updated, errors:[{row,column,message}]}
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // Circular reference station.head_deputy_id -> deputy: SQLite cannot add a FK later, so the
  // service checks it; PostgreSQL gets the constraint too.
  if ((await sql<{ v: string }>`select 1 as v`.execute(db)) && isPostgres(db)) {
    await sql`alter table station add constraint station_head_deputy_fk foreign key (head_deputy_id) references deputy(id)`.execute(db);
  }
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function down(): Promise<void> {
  throw new Error('foundation migration cannot be reverted');
}
