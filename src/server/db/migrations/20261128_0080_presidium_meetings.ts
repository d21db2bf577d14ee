import type { Kysely } from 'kysely';

/*
 * Presidium meetings (主席团会议): the meeting with its agenda and minutes, the decisions it made
 * (each with an owner and a due date) and the progress notes that follow a decision until it is done.
 * A meeting may point at the activity that holds its invitations and attendance (activity_id); one
 * activity belongs to one meeting at most. Codes (M001…) are the meeting's external key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('presidium_meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('term_id', 'text', (c) => c.notNull().references('term.id'))
    .addColumn('number', 'integer', (c) => c.notNull()) // 第N次 in the term
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD, China
    .addColumn('start_time', 'text') // HH:MM, China
    .addColumn('end_time', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('presider', 'text', (c) => c.notNull().defaultTo('')) // 主持人
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('')) // 出席、列席人员
    .addColumn('activity_id', 'text', (c) => c.references('activity.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned')) // planned | held
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo('')) // 会议纪要
    .addColumn('minutes_file_id', 'text', (c) => c.references('stored_file.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('presidium_meeting_town_code_uq', ['town_id', 'code'])
    .addUniqueConstraint('presidium_meeting_term_number_uq', ['town_id', 'term_id', 'number'])
    .execute();
  await db.schema.createIndex('presidium_meeting_town_date_idx').on('presidium_meeting').columns(['town_id', 'date']).execute();
  // Rows without an activity have nulls here, which never collide on either engine.
  await db.schema.createIndex('presidium_meeting_activity_uq').on('presidium_meeting').columns(['town_id', 'activity_id']).unique().execute();

  await db.schema
    .createTable('presidium_agenda_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('presidium_meeting.id').onDelete('cascade'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('presenter', 'text', (c) => c.notNull().defaultTo('')) // 汇报人
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')) // 审议结果、说明
    .execute();
  await db.schema.createIndex('presidium_agenda_item_meeting_idx').on('presidium_agenda_item').columns(['town_id', 'meeting_id', 'sort_order']).execute();

  await db.schema
    .createTable('presidium_decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('presidium_meeting.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // 1, 2, … within the meeting: M001-2
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('owner_type', 'text', (c) => c.notNull()) // deputy | unit | other
    .addColumn('owner_deputy_id', 'text', (c) => c.references('deputy.id'))
    .addColumn('owner_unit_id', 'text', (c) => c.references('handling_unit.id'))
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo('')) // free text when owner_type = other
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | in_progress | done | cancelled
    .addColumn('done_date', 'text')
    .addColumn('result', 'text', (c) => c.notNull().defaultTo('')) // 办理结果 / 取消原因
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('presidium_decision_meeting_seq_uq', ['meeting_id', 'seq'])
    .execute();
  // The follow-up list asks "what is still open, by due date" across meetings.
  await db.schema.createIndex('presidium_decision_town_status_due_idx').on('presidium_decision').columns(['town_id', 'status', 'due_date']).execute();

  await db.schema
    .createTable('presidium_decision_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('decision_id', 'text', (c) => c.notNull().references('presidium_decision.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull()) // the day the progress happened
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('author_name', 'text', (c) => c.notNull()) // as shown then: the account may be renamed later
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('presidium_decision_progress_decision_idx')
    .on('presidium_decision_progress')
    .columns(['town_id', 'decision_id', 'date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('presidium_decision_progress').execute();
  await db.schema.dropTable('presidium_decision').execute();
  await db.schema.dropTable('presidium_agenda_item').execute();
  await db.schema.dropTable('presidium_meeting').execute();
}
