import type { Kysely } from 'kysely';

/*
 * Research topics (调研课题): the town publishes a topic, a liaison station or a deputy group claims it,
 * names the deputies who take part, uploads its report, and the presidium grades the report
 * (优秀/良好/合格/不合格). The report is a stored_file row; research activities of the activities
 * area may be linked to the topic they served.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('research_topic')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // T001…, unique in the town, never reused
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('')) // guidance: scope, questions, expected output
    .addColumn('due_date', 'text', (c) => c.notNull())
    // open | claimed | submitted | graded | withdrawn
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('claimant_type', 'text') // station | group, null while open
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('group_id', 'text', (c) => c.references('deputy_group.id'))
    .addColumn('claimed_at', 'text')
    .addColumn('claimed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('report_file_id', 'text', (c) => c.references('stored_file.id'))
    .addColumn('report_summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('return_note', 'text', (c) => c.notNull().defaultTo('')) // why the presidium sent a report back
    .addColumn('grade', 'text') // excellent | good | pass | fail
    .addColumn('grade_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('graded_at', 'text')
    .addColumn('graded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('research_topic_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('research_topic_town_year_idx').on('research_topic').columns(['town_id', 'year', 'status']).execute();
  await db.schema.createIndex('research_topic_town_station_idx').on('research_topic').columns(['town_id', 'station_id']).execute();
  await db.schema.createIndex('research_topic_town_group_idx').on('research_topic').columns(['town_id', 'group_id']).execute();

  await db.schema
    .createTable('research_topic_member')
    .addColumn('topic_id', 'text', (c) => c.notNull().references('research_topic.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | member
    .addPrimaryKeyConstraint('research_topic_member_pk', ['topic_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('research_topic_member_town_deputy_idx').on('research_topic_member').columns(['town_id', 'deputy_id']).execute();

  await db.schema
    .createTable('research_topic_activity')
    .addColumn('topic_id', 'text', (c) => c.notNull().references('research_topic.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('research_topic_activity_pk', ['topic_id', 'activity_id'])
    .execute();
  await db.schema.createIndex('research_topic_activity_town_activity_idx').on('research_topic_activity').columns(['town_id', 'activity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('research_topic_activity').execute();
  await db.schema.dropTable('research_topic_member').execute();
  await db.schema.dropTable('research_topic').execute();
}
