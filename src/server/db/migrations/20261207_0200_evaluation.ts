import type { Kysely } from 'kysely';

/*
 * The evaluation of deputies (docs/design/oversight-and-evaluation.md §4–§6): duty reports to voters (述职),
 * peer review inside a station (互评, monthly) and voter review (比评, quarterly) — all three vote through the
 * one-time-code polls of 0190, so no ballot is ever a row — and the points scheme (履职积分): the scheme per
 * town and year, manual adjustments, presidium ratings, and monthly publications (月晒) frozen as snapshots.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // SZ00001, never reused in the town
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('voter_reps', 'integer', (c) => c.notNull().defaultTo(0)) // voter representatives present
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('')) // what the report said; the document is report_file_id
    .addColumn('report_file_id', 'text', (c) => c.references('stored_file.id'))
    .addColumn('bands', 'text', (c) => c.notNull()) // JSON [{label, minPercent}] in force when the report was created
    .addColumn('poll_id', 'text', (c) => c.references('poll.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | voting | closed
    .addColumn('result', 'text') // the band label, set on close
    .addColumn('approval', 'real') // (satisfied + basic) / valid, 0–1, set on close
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('duty_report_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('duty_report_town_year_idx').on('duty_report').columns(['town_id', 'year']).execute();
  await db.schema.createIndex('duty_report_deputy_idx').on('duty_report').columns(['town_id', 'deputy_id']).execute();

  await db.schema
    .createTable('deputy_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // peer_review (互评, a month) | voter_review (比评, a quarter)
    .addColumn('station_id', 'text', (c) => c.notNull().references('station.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY-MM for peer review, YYYY-Qn for voter review
    .addColumn('poll_id', 'text', (c) => c.references('poll.id'))
    .addColumn('scale_points', 'text', (c) => c.notNull()) // JSON {satisfied: 100, basic: 60, dissatisfied: 0}
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | voting | closed
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deputy_review_uq', ['town_id', 'kind', 'station_id', 'period'])
    .execute();

  await db.schema
    .createTable('points_scheme')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull()) // JSON SchemeItem[] (points.rules.ts)
    .addColumn('full_marks', 'real', (c) => c.notNull()) // records points that make 100 in the yearly score
    .addColumn('weights', 'text', (c) => c.notNull()) // JSON {records, peer, voter, presidium}, sum 100
    .addColumn('bands', 'text', (c) => c.notNull()) // JSON [{label, min}]
    .addColumn('commend_top', 'integer', (c) => c.notNull().defaultTo(0)) // how many of the best with the top grade are commended
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | active
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('points_scheme_town_year_uq', ['town_id', 'year'])
    .execute();

  await db.schema
    .createTable('points_adjustment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('points_scheme.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM the adjustment counts in
    .addColumn('points', 'real', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_adjustment_scheme_idx').on('points_adjustment').columns(['town_id', 'scheme_id', 'month']).execute();

  await db.schema
    .createTable('presidium_rating')
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('points_scheme.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('score', 'real', (c) => c.notNull()) // 0–100
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('presidium_rating_pk', ['scheme_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('points_snapshot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('points_scheme.id'))
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('version', 'integer', (c) => c.notNull()) // a republish is a new version; old ones are kept
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('app_user.id'))
    .addUniqueConstraint('points_snapshot_uq', ['scheme_id', 'month', 'version'])
    .execute();
  await db.schema.createIndex('points_snapshot_town_idx').on('points_snapshot').columns(['town_id', 'scheme_id', 'month']).execute();

  await db.schema
    .createTable('points_snapshot_row')
    .addColumn('snapshot_id', 'text', (c) => c.notNull().references('points_snapshot.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('total', 'real', (c) => c.notNull()) // the month's records points incl. adjustments
    .addColumn('breakdown', 'text', (c) => c.notNull()) // JSON RecordsScore: per item count, points, record ids
    .addPrimaryKeyConstraint('points_snapshot_row_pk', ['snapshot_id', 'deputy_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['points_snapshot_row', 'points_snapshot', 'presidium_rating', 'points_adjustment', 'points_scheme', 'deputy_review', 'duty_report']) {
    await db.schema.dropTable(t).execute();
  }
}
