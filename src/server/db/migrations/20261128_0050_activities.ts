import type { Kysely } from 'kysely';

/*
 * Activities (活动), their recurring series, invitations with leave and attendance.
 * Times of an activity are UTC ISO text (sortable on both engines); a series keeps its rule and its
 * local start time, and each generated occurrence remembers the rule date it was made for
 * (series_date), so that editing the series can tell its occurrences apart from ones moved by hand.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activity_kind')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // training | inspection | research | meeting | group | fixed_day | visit | other: what the duty record counts it as
    .addColumn('counts_as', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activity_kind_town_code_uq', ['town_id', 'code'])
    .addUniqueConstraint('activity_kind_town_name_uq', ['town_id', 'name'])
    .execute();

  await db.schema
    .createTable('activity_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind_id', 'text', (c) => c.notNull().references('activity_kind.id'))
    .addColumn('organiser_type', 'text', (c) => c.notNull()) // town | station | group
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('group_id', 'text', (c) => c.references('deputy_group.id'))
    .addColumn('rule', 'text', (c) => c.notNull()) // JSON ScheduleRule (stations/schedule.rules.ts)
    .addColumn('start_time', 'text', (c) => c.notNull()) // HH:MM, China time
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('speakers', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
    .addColumn('invite', 'text') // JSON invitation selector applied to every generated occurrence
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('series_id', 'text', (c) => c.references('activity_series.id'))
    .addColumn('series_date', 'text') // the rule date this occurrence was generated for
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind_id', 'text', (c) => c.notNull().references('activity_kind.id'))
    .addColumn('organiser_type', 'text', (c) => c.notNull()) // town | station | group
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('group_id', 'text', (c) => c.references('deputy_group.id'))
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('speakers', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
    .addColumn('outcomes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned')) // planned | held | cancelled
    .addColumn('moved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detached', 'integer', (c) => c.notNull().defaultTo(0)) // edited on its own: series edits leave it alone
    .addColumn('sign_in_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_town_start_idx').on('activity').columns(['town_id', 'start_at']).execute();
  await db.schema.createIndex('activity_town_code_idx').on('activity').columns(['town_id', 'sign_in_code']).execute();
  // One occurrence per rule date: a series edited twice at once cannot generate a day twice. Rows
  // outside a series have nulls here, which never collide.
  await db.schema.createIndex('activity_series_date_uq').on('activity').columns(['series_id', 'series_date']).unique().execute();

  await db.schema
    .createTable('activity_invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('invited_by', 'text')
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull().defaultTo('pending')) // pending | accepted
    .addColumn('responded_at', 'text')
    .addColumn('leave_status', 'text') // requested | approved | refused | withdrawn
    .addColumn('leave_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('leave_requested_at', 'text')
    .addColumn('leave_decided_by', 'text')
    .addColumn('leave_decided_at', 'text')
    .addColumn('leave_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendance', 'text') // present | late | absent | on_leave, as recorded so far
    .addColumn('attendance_by', 'text') // self (signed in) | staff (checklist)
    .addColumn('attendance_at', 'text')
    .addColumn('signed_in_at', 'text')
    .addUniqueConstraint('activity_invitation_activity_deputy_uq', ['activity_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('activity_invitation_town_deputy_idx').on('activity_invitation').columns(['town_id', 'deputy_id']).execute();
  await db.schema.createIndex('activity_invitation_town_leave_idx').on('activity_invitation').columns(['town_id', 'leave_status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activity_invitation').execute();
  await db.schema.dropTable('activity').execute();
  await db.schema.dropTable('activity_series').execute();
  await db.schema.dropTable('activity_kind').execute();
}
