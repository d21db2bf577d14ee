import type { Kysely } from 'kysely';

/*
 * Findings (隐患 / 问题) recorded at an inspection or check (an activity), their rectification notices
 * (限期整改通知书) and re-inspections. A finding moves open → rectifying → reinspected → closed; overdue is
 * derived from the deadline of the notice in force, never stored. See docs/design/oversight-and-evaluation.md §1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // F00001…, unique in the town, never reused
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id'))
    .addColumn('found_on', 'text', (c) => c.notNull()) // China date
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('responsible_type', 'text', (c) => c.notNull()) // unit | village | enterprise | other
    .addColumn('responsible_unit_id', 'text', (c) => c.references('handling_unit.id'))
    .addColumn('responsible_village_id', 'text', (c) => c.references('village.id'))
    .addColumn('responsible_name', 'text', (c) => c.notNull().defaultTo('')) // enterprise / other by name
    .addColumn('severity', 'text', (c) => c.notNull()) // minor | general | major
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | rectifying | reinspected | closed
    .addColumn('closed_on', 'text')
    .addColumn('close_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('finding_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('finding_town_status_idx').on('finding').columns(['town_id', 'status']).execute();
  await db.schema.createIndex('finding_town_activity_idx').on('finding').columns(['town_id', 'activity_id']).execute();
  await db.schema.createIndex('finding_town_found_idx').on('finding').columns(['town_id', 'found_on']).execute();

  await db.schema
    .createTable('finding_file')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_file_pk', ['finding_id', 'file_id'])
    .execute();
  await db.schema.createIndex('finding_file_town_finding_idx').on('finding_file').columns(['town_id', 'finding_id']).execute();

  await db.schema
    .createTable('rectification_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('number', 'text', (c) => c.notNull()) // the office's own numbering: 青人整〔2026〕3号
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_id', 'text', (c) => c.references('stored_file.id'))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rectification_notice_town_number_uq', ['town_id', 'number'])
    .execute();
  await db.schema.createIndex('rectification_notice_town_issued_idx').on('rectification_notice').columns(['town_id', 'issued_on']).execute();

  await db.schema
    .createTable('notice_finding')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('rectification_notice.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id').onDelete('cascade'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('notice_finding_pk', ['notice_id', 'finding_id'])
    .execute();
  await db.schema.createIndex('notice_finding_town_finding_idx').on('notice_finding').columns(['town_id', 'finding_id']).execute();

  await db.schema
    .createTable('reinspection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id').onDelete('cascade'))
    .addColumn('notice_id', 'text', (c) => c.references('rectification_notice.id')) // the notice in force then
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull()) // fixed | not_fixed
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reinspection_town_finding_idx').on('reinspection').columns(['town_id', 'finding_id', 'date']).execute();

  await db.schema
    .createTable('reinspection_deputy')
    .addColumn('reinspection_id', 'text', (c) => c.notNull().references('reinspection.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('reinspection_deputy_pk', ['reinspection_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('reinspection_deputy_town_deputy_idx').on('reinspection_deputy').columns(['town_id', 'deputy_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reinspection_deputy').execute();
  await db.schema.dropTable('reinspection').execute();
  await db.schema.dropTable('notice_finding').execute();
  await db.schema.dropTable('rectification_notice').execute();
  await db.schema.dropTable('finding_file').execute();
  await db.schema.dropTable('finding').execute();
}
