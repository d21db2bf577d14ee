import type { Kysely } from 'kysely';

/*
 * Opinions and suggestions (建议、批评和意见) and their handling: the suggestion with its sponsors, the
 * offices it is assigned to, every transition as an event, replies graded A–D, the deputy's ratings,
 * an office's return and extension requests, consultations (面商), attachments, and a town's settings
 * (categories, grades, deadlines) and holiday calendar. The order of things is decided by the pure
 * machine in modules/suggestions/suggestion.machine.ts; `state`, `pending`, `round` and `follow_up` are
 * its persisted form.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per town; absent means the defaults (categories, grades A–D, 3 months, 7 working days, 30 days).
  await db.schema
    .createTable('suggestion_settings')
    .addColumn('town_id', 'text', (c) => c.primaryKey().references('town.id'))
    .addColumn('categories', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('grades', 'text', (c) => c.notNull()) // JSON {code,label,followUp}[]
    .addColumn('reply_months', 'integer', (c) => c.notNull())
    .addColumn('return_working_days', 'integer', (c) => c.notNull())
    .addColumn('rehandle_days', 'integer', (c) => c.notNull())
    .addColumn('due_soon_days', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Public holidays (kind holiday) and make-up working weekends (kind workday) for working-day windows.
  await db.schema
    .createTable('town_holiday')
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // holiday | workday
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('town_holiday_pk', ['town_id', 'date'])
    .execute();

  await db.schema
    .createTable('suggestion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // 2026-001…, unique in the town, never reused
    .addColumn('year', 'integer', (c) => c.notNull()) // the year it was raised; B items carry over, keeping it
    .addColumn('kind', 'text', (c) => c.notNull()) // suggestion | criticism | opinion
    .addColumn('title', 'text', (c) => c.notNull()) // 案由
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('grounds', 'text', (c) => c.notNull().defaultTo('')) // 案据
    .addColumn('proposal', 'text', (c) => c.notNull().defaultTo('')) // 建议解决办法
    // deputy | reception | visit | portal | session | inspection
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text') // the record it came from (reception matter, activity, portal submission)
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.references('village.id'))
    .addColumn('session_id', 'text') // the congress session it was raised at; the sessions area adds the table
    // The machine: state, pending request, round (1, or 2 when re-handled), follow-up of the latest reply.
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('pending', 'text')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_accepted_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('merged_into_id', 'text', (c) => c.references('suggestion.id'))
    .addColumn('key_supervision', 'integer', (c) => c.notNull().defaultTo(0)) // 重点督办
    .addColumn('key_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assigned_on', 'text') // China date of the (latest) assignment
    .addColumn('due_date', 'text') // the current due date of the reply (extended or re-handling)
    .addColumn('submitted_at', 'text')
    .addColumn('registered_at', 'text')
    .addColumn('replied_on', 'text') // the latest reply's date
    .addColumn('grade', 'text') // the latest reply's grade
    .addColumn('rating', 'text') // the latest rating's result
    .addColumn('closed_at', 'text')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0)) // handling result shown on the portal
    .addColumn('public_answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')) // normalised text for search
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('suggestion_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('suggestion_town_state_idx').on('suggestion').columns(['town_id', 'state', 'due_date']).execute();
  await db.schema.createIndex('suggestion_town_year_idx').on('suggestion').columns(['town_id', 'year']).execute();
  await db.schema.createIndex('suggestion_town_source_idx').on('suggestion').columns(['town_id', 'source_type', 'source_id']).execute();

  await db.schema
    .createTable('suggestion_sponsor')
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | co
    .addPrimaryKeyConstraint('suggestion_sponsor_pk', ['suggestion_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('suggestion_sponsor_town_deputy_idx').on('suggestion_sponsor').columns(['town_id', 'deputy_id']).execute();

  // The offices currently holding the item: one lead (主办), optional co-offices (协办).
  await db.schema
    .createTable('suggestion_unit')
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('handling_unit.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | co
    .addPrimaryKeyConstraint('suggestion_unit_pk', ['suggestion_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('suggestion_unit_town_unit_idx').on('suggestion_unit').columns(['town_id', 'unit_id']).execute();

  // The history: every transition and every note, in order. `data` is JSON (grade, rating, dates, units).
  await db.schema
    .createTable('suggestion_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('suggestion_event_town_suggestion_idx').on('suggestion_event').columns(['town_id', 'suggestion_id', 'at']).execute();

  await db.schema
    .createTable('suggestion_reply')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('handling_unit.id'))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.references('stored_file.id')) // the signed reply document
    .addColumn('replied_on', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull()) // the due date it answered, for on-time figures
    .addColumn('replied_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('suggestion_reply_round_uq', ['suggestion_id', 'round'])
    .execute();
  await db.schema.createIndex('suggestion_reply_town_unit_idx').on('suggestion_reply').columns(['town_id', 'unit_id']).execute();

  await db.schema
    .createTable('suggestion_rating')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('deputy_id', 'text', (c) => c.references('deputy.id')) // null when staff record a resident's rating
    .addColumn('attitude', 'text', (c) => c.notNull()) // satisfied | basically | dissatisfied
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('suggestion_rating_round_uq', ['suggestion_id', 'round'])
    .execute();

  await db.schema
    .createTable('suggestion_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('handling_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // return | extension
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_due', 'text') // extension: the date asked for
    .addColumn('requested_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text') // null while pending | approved | refused | withdrawn
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('suggestion_request_town_suggestion_idx').on('suggestion_request').columns(['town_id', 'suggestion_id']).execute();

  // 面商: the office meets or calls the deputy before, during or after handling.
  await db.schema
    .createTable('suggestion_consultation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.references('handling_unit.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // face | phone | site | other
    .addColumn('stage', 'text', (c) => c.notNull()) // before | during | after
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_consultation_town_suggestion_idx').on('suggestion_consultation').columns(['town_id', 'suggestion_id']).execute();

  await db.schema
    .createTable('suggestion_file')
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestion.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('suggestion_file_pk', ['suggestion_id', 'file_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['suggestion_file', 'suggestion_consultation', 'suggestion_request', 'suggestion_rating', 'suggestion_reply', 'suggestion_event', 'suggestion_unit', 'suggestion_sponsor', 'suggestion', 'town_holiday', 'suggestion_settings'])
    await db.schema.dropTable(t).execute();
}
