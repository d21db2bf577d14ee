import { type Kysely, sql } from 'kysely';

/*
 * Guards for the organisation rules that the services check first (with friendly messages):
 * the indexes keep them true when two admins save at the same moment.
 * - a village is covered by one liaison station only;
 * - a term has at most one current chair of the presidium (a chair whose end date is empty).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('station_village_village_uq').on('station_village').column('village_id').unique().execute();
  await db.schema
    .createIndex('presidium_member_current_chair_uq')
    .on('presidium_member')
    .column('term_id')
    .unique()
    .where(sql.ref('position'), '=', sql.lit('chair'))
    .where(sql.ref('end_date'), 'is', null)
    .execute();
  // The 包联 check (a deputy kept by one presidium member per term) looks liaisons up by deputy.
  await db.schema.createIndex('presidium_liaison_deputy_idx').on('presidium_liaison').columns(['town_id', 'deputy_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('presidium_liaison_deputy_idx').execute();
  await db.schema.dropIndex('presidium_member_current_chair_uq').execute();
  await db.schema.dropIndex('station_village_village_uq').execute();
}
