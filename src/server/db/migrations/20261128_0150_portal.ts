import type { Kysely } from 'kysely';

/*
 * The public portal (群众意见): a resident's opinion to a station or a deputy, without an account. The
 * tracking code (查询码) is the resident's only key to it, unique across all towns; the idempotency key
 * makes a retried submission return the first one instead of a duplicate. Staff accept it as a
 * reception matter or a suggestion (the links below) or decline it with a reason; the public answer is
 * what the tracking page shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_submission')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull()) // station | deputy
    .addColumn('station_id', 'text', (c) => c.references('station.id'))
    .addColumn('deputy_id', 'text', (c) => c.references('deputy.id'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('village_id', 'text', (c) => c.references('village.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    // received | accepted | declined
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('decline_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('matter_id', 'text', (c) => c.references('reception_matter.id'))
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestion.id'))
    .addColumn('public_reply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('client_hash', 'text', (c) => c.notNull()) // a keyed hash of the address, for rate limits and abuse review
    .addColumn('handled_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('handled_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('portal_submission_town_idem_uq', ['town_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('portal_submission_town_status_idx').on('portal_submission').columns(['town_id', 'status', 'created_at']).execute();
  // The per-client rate limit counts one address's recent submissions (modules/portal).
  await db.schema.createIndex('portal_submission_client_idx').on('portal_submission').columns(['client_hash', 'created_at']).execute();

  // Offline captchas (图形验证码): the answer only as a keyed hash, valid 10 minutes, used once. Kept in
  // the database rather than in memory so that several app processes can serve one portal; rows a
  // while past their expiry are deleted as new ones are issued. client_hash limits issuance per address.
  await db.schema
    .createTable('portal_captcha')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('portal_captcha_client_idx').on('portal_captcha').columns(['client_hash', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_captcha').execute();
  await db.schema.dropTable('portal_submission').execute();
}
