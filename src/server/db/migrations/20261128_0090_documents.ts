import type { Kysely } from 'kysely';

/*
 * Documents and study material (文件与学习资料): a document (主席团文件, 学习材料, …) with its file,
 * sent to chosen deputies; one recipient row per deputy keeps the read receipt (first and last
 * opening, how often) and the reminders (催阅) sent while it was unread.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // F0001…, the workbook's key
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // presidium | study | meeting | notice | other
    .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo('')) // 文号, e.g. 某人主〔2026〕3号
    .addColumn('issue_date', 'text') // YYYY-MM-DD
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_id', 'text', (c) => c.references('stored_file.id'))
    // A series edit may remove an occurrence; the document then simply loses the link.
    .addColumn('activity_id', 'text', (c) => c.references('activity.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | sent
    .addColumn('sent_at', 'text') // first sending
    .addColumn('sent_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('document_town_created_idx').on('document').columns(['town_id', 'created_at']).execute();
  await db.schema.createIndex('document_town_activity_idx').on('document').columns(['town_id', 'activity_id']).execute();

  await db.schema
    .createTable('document_recipient')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('first_read_at', 'text') // the read receipt: set once, by the first opening
    .addColumn('last_read_at', 'text')
    .addColumn('read_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminded_at', 'text')
    .addUniqueConstraint('document_recipient_document_deputy_uq', ['document_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('document_recipient_town_deputy_idx').on('document_recipient').columns(['town_id', 'deputy_id', 'first_read_at']).execute();
  await db.schema.createIndex('document_recipient_town_document_idx').on('document_recipient').columns(['town_id', 'document_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_recipient').execute();
  await db.schema.dropTable('document').execute();
}
