import { loadConfig } from '../server/config.ts';
import { type Database, openDatabase } from '../server/db/kysely.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

/** The database the CLI works on: DATABASE_URL as for the server, migrated to the latest schema. */
export async function openCliDatabase(): Promise<Database> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  return database;
}
