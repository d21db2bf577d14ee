import type { Kysely } from 'kysely';

/*
 * In-app notifications (站内通知): reminders of due and overdue suggestions, requests waiting for a
 * decision, replies waiting for a rating. `dedupe_key` keeps a daily reminder from being sent twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text', (c) => c.notNull().defaultTo('')) // an app path, e.g. /suggestions/…
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notification_user_dedupe_uq', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'read_at', 'created_at']).execute();
  // Where reminders are also e-mailed when SMTP is configured; each user sets their own (optional).
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('email').execute();
  await db.schema.dropTable('notification').execute();
}
