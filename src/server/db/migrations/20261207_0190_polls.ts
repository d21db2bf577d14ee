import type { Kysely } from 'kysely';

/*
 * One-time-code polls (docs/design/oversight-and-evaluation.md §2) and the democratic appraisal of offices
 * (民主评议, §3). Anonymity decides the shape: a cast ballot is never a row. It only marks its code used
 * and adds 1 to counters (poll_count), so nothing in the database can link a ballot to a code, a voter or
 * a moment. poll_code has a random id (not time-ordered), the SHA-256 of the code (never the code), and a
 * used flag: no time of use, no ballot id. Counter rows are all created when voting opens, so casting only
 * updates existing rows and never inserts one whose order could be read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('poll')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // appraisal | duty_report | peer_review | voter_review
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subjects', 'text', (c) => c.notNull()) // JSON [{id, name}]: the offices / deputies rated
    .addColumn('questionnaire', 'text', (c) => c.notNull()) // JSON {dimensions: [{key, label}], scale: [{key, label}]}
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // draft | open | closed
    .addColumn('paper_ballots', 'integer', (c) => c.notNull().defaultTo(0)) // ballots entered from paper by staff
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('poll_town_idx').on('poll').columns(['town_id', 'kind']).execute();

  await db.schema
    .createTable('poll_code')
    .addColumn('id', 'text', (c) => c.primaryKey()) // random, not time-ordered
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('poll.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued_to', 'text', (c) => c.references('deputy.id')) // where codes go to known people; never tells the vote
    .addUniqueConstraint('poll_code_hash_uq', ['poll_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('poll_count')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('poll.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull()) // overall | a dimension key
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('poll_count_pk', ['poll_id', 'subject_id', 'question', 'answer'])
    .execute();

  await db.schema
    .createTable('appraisal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('hearing_date', 'text')
    .addColumn('hearing_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dimensions', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [dimension key]: the optional dimensions asked
    .addColumn('previous_id', 'text', (c) => c.references('appraisal.id')) // a second vote after rectification
    .addColumn('poll_id', 'text', (c) => c.references('poll.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | voting | closed
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('appraisal_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('appraisal_town_year_idx').on('appraisal').columns(['town_id', 'year']).execute();

  await db.schema
    .createTable('appraisal_unit')
    .addColumn('appraisal_id', 'text', (c) => c.notNull().references('appraisal.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('handling_unit.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('report_file_id', 'text', (c) => c.references('stored_file.id'))
    .addPrimaryKeyConstraint('appraisal_unit_pk', ['appraisal_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('appraisal_issue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('appraisal_id', 'text', (c) => c.notNull().references('appraisal.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('handling_unit.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | done
    .addColumn('done_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appraisal_issue_appraisal_idx').on('appraisal_issue').columns(['town_id', 'appraisal_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appraisal_issue').execute();
  await db.schema.dropTable('appraisal_unit').execute();
  await db.schema.dropTable('appraisal').execute();
  await db.schema.dropTable('poll_count').execute();
  await db.schema.dropTable('poll_code').execute();
  await db.schema.dropTable('poll').execute();
}
