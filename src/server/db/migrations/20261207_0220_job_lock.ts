import type { Kysely } from 'kysely';

/*
 * Named leases for scheduled work (src/server/lib/job-lock.ts), so that when several app processes share
 * one database only one of them runs the daily reminders or the mail send at a time. A lease is a row:
 * who holds it and until when. Taking it is one INSERT … ON CONFLICT DO UPDATE that only overwrites an
 * expired row or the holder's own, so it is atomic on both engines without advisory locks (which SQLite
 * does not have). Not per town: the jobs it guards run over all towns, and the rows are bookkeeping, not
 * records anyone edits (so they carry no audit events; the work they guard audits itself).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_lock')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull()) // hostname:pid:random of the process that holds it
    .addColumn('expires_at', 'text', (c) => c.notNull()) // UTC ISO; compared as text, all written by toISOString()
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_lock').execute();
}
