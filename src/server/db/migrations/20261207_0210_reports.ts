import type { Kysely } from 'kysely';

/*
 * The work report (docs/design/work-report.md): the achievements ledger (成效台账) the report's last area
 * counts, a town's own report templates, the reports themselves (the body keeps {{fact}} tokens, so the
 * figures stay live while staff edit) and their frozen versions (each with the facts as they were, so a
 * version never moves when records are edited later).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('achievement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // CX00001, never reused in the town
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // economy | project | livelihood | environment | governance | other
    .addColumn('amount', 'real')
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo('')) // 万元, 个, 件, 人, 公里, 亩 …
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('activity_id', 'text', (c) => c.references('activity.id'))
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestion.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('achievement_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('achievement_town_date_idx').on('achievement').columns(['town_id', 'date']).execute();

  await db.schema
    .createTable('report_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // JSON TemplateSet (src/shared/report)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_template_town_name_uq', ['town_id', 'name'])
    .execute();

  await db.schema
    .createTable('work_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // BG00001
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // year | half | custom
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.references('report_template.id')) // null = the built-in template
    .addColumn('body', 'text', (c) => c.notNull()) // JSON ReportBody, {{fact}} tokens kept
    .addColumn('frozen_number', 'integer') // the version the body equals; null once edited after freezing
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('work_report_town_code_uq', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('work_report_town_idx').on('work_report').columns(['town_id', 'period_from']).execute();

  await db.schema
    .createTable('work_report_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('report_id', 'text', (c) => c.notNull().references('work_report.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // JSON ReportBody as frozen
    .addColumn('facts', 'text', (c) => c.notNull()) // JSON Facts at freezing: values and record ids
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addColumn('frozen_by', 'text', (c) => c.references('app_user.id'))
    .addUniqueConstraint('work_report_version_uq', ['report_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['work_report_version', 'work_report', 'report_template', 'achievement']) {
    await db.schema.dropTable(t).execute();
  }
}
