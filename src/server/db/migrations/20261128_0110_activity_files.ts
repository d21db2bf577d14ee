import type { Kysely } from 'kysely';

/*
 * Photos and attachments of an activity. A row links a stored file (uploaded first through /files) to
 * one activity in one role; the bytes stay in the file store. The same file appears at most once on an
 * activity; it may be linked to several activities (one photo for two occurrences of a series).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activity_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // photo | attachment
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('added_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activity_file_activity_file_uq', ['activity_id', 'file_id'])
    .execute();
  await db.schema.createIndex('activity_file_town_activity_idx').on('activity_file').columns(['town_id', 'activity_id', 'role', 'sort_order']).execute();
  await db.schema.createIndex('activity_file_file_idx').on('activity_file').columns(['file_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activity_file').execute();
}
