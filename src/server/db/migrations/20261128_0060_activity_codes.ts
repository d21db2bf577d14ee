import type { Kysely } from 'kysely';

/*
 * A stable external key for activities and recurring series: `code`, unique in the town and given at
 * creation (A00001…, R001…). The workbook refers to an activity by it; internal ids never leave the
 * database. Rows made before this migration are numbered in start order (series in creation order).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // NOT NULL needs a default to be added to existing rows on SQLite; every row gets its own code below.
  await db.schema
    .alterTable('activity')
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('activity_series')
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  const number = async (table: 'activity' | 'activity_series', order: string, prefix: string, width: number) => {
    const rows = await db.selectFrom(table).select(['id', 'town_id as town']).orderBy('town_id').orderBy(order).orderBy('id').execute();
    // Aliased without an underscore: the app's CamelCasePlugin would rename town_id in the result.
    const next = new Map<string, number>();
    // One statement per existing row: a one-off over the few rows recorded before codes existed.
    for (const r of rows) {
      const n = (next.get(r.town) ?? 0) + 1;
      next.set(r.town, n);
      await db
        .updateTable(table)
        .set({ code: `${prefix}${String(n).padStart(width, '0')}` })
        .where('id', '=', r.id)
        .execute();
    }
  };
  await number('activity', 'start_at', 'A', 5);
  await number('activity_series', 'created_at', 'R', 3);

  await db.schema.createIndex('activity_town_code_uq').on('activity').columns(['town_id', 'code']).unique().execute();
  await db.schema.createIndex('activity_series_town_code_uq').on('activity_series').columns(['town_id', 'code']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('activity_series_town_code_uq').execute();
  await db.schema.dropIndex('activity_town_code_uq').execute();
  await db.schema.alterTable('activity_series').dropColumn('code').execute();
  await db.schema.alterTable('activity').dropColumn('code').execute();
}
