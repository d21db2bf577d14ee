import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type DemoLogin = { role: string; username: string; password: string; note: string };

/** Loads the demo county. Filled in by the demo task. */
export async function seedDemo(_db: Kysely<DB>): Promise<DemoLogin[]> {
  throw new Error('demo data is not built yet');
}

/** Loads the demo county when the database has no county yet; returns the logins, or null. */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<DemoLogin[] | null> {
  const any = await db.selectFrom('county').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return null;
}
