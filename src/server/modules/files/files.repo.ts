import type { Kysely, Selectable } from 'kysely';
import type { DB, StoredFileTable } from '../../db/schema.ts';

export type StoredFileRow = Selectable<StoredFileTable>;

export function findFile(db: Kysely<DB>, townId: string, id: string): Promise<StoredFileRow | undefined> {
  return db.selectFrom('storedFile').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** The town's files among `ids`, in one query (a record's attachments are checked together). */
export function findFiles(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<StoredFileRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('storedFile').selectAll().where('townId', '=', townId).where('id', 'in', ids).execute();
}
