import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hashPassword } from '../../lib/password.ts';
import { type WorkbookActor, importWorkbook } from '../workbook/workbook.import.ts';
import { buildDemoCounty } from './demo.generator.ts';

export type DemoLogin = { role: string; username: string; password: string; note: string };

/** The one password of every demo account (shown on the console and in the README). */
export const DEMO_PASSWORD = 'Renda@2026';

const DEMO_ACTOR: WorkbookActor = { userId: 'demo', username: 'demo', displayName: '演示数据', role: 'county_admin' };

/**
 * Loads the demo county 云溪县 (two towns, each with its year of activities) through the workbook
 * importer, so the demo also proves the importer. Loading it again updates it in place (and resets
 * the demo passwords). The activities lie on fixed dates; which of them have taken place (held, with
 * attendance) and which are still planned is decided by the clock at seeding (`asOf`, see
 * demo.activities.ts), so attendance is only ever recorded for activities that have ended.
 */
export async function seedDemo(db: Kysely<DB>, asOf: Date = new Date()): Promise<DemoLogin[]> {
  // One hash for every account: scrypt is slow on purpose, and seeding must stay quick.
  const { documents, accounts } = buildDemoCounty(await hashPassword(DEMO_PASSWORD), asOf);
  for (const doc of documents) await importWorkbook(db, doc, DEMO_ACTOR);
  return accounts.map((a) => ({ role: a.role, username: a.username, password: DEMO_PASSWORD, note: a.note }));
}

/** Loads the demo county when the database has no county yet; returns the logins, or null. */
export async function seedDemoIfEmpty(db: Kysely<DB>, asOf: Date = new Date()): Promise<DemoLogin[] | null> {
  const any = await db.selectFrom('county').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return seedDemo(db, asOf);
}
