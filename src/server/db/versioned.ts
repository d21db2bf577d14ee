import type { Kysely, Updateable } from 'kysely';
import { ConflictError } from '../http/errors.ts';
import type { DB } from './schema.ts';

/** The records two people may edit at once: each carries a `version` for optimistic locking. */
type VersionedTable = 'handlingUnit' | 'station' | 'deputyGroup' | 'deputy' | 'appUser' | 'activityKind' | 'activity' | 'activitySeries' | 'presidiumMeeting' | 'presidiumDecision';

/** Town records are guarded by their town; accounts by their county (a county_admin has none). */
type Scope = { townId: string } | { countyId: string };

const STALE = '该记录已被他人修改，请刷新后再编辑';

/** 409 when the client edited an older version than the one stored. */
export function assertVersion(row: { version: number }, version: number): void {
  if (row.version !== version) throw new ConflictError(STALE, { currentVersion: row.version });
}

/**
 * UPDATE one record and move its version on by one; 409 when no row changed. The version in the
 * WHERE makes the optimistic lock hold even between two transactions; the increment is done by the
 * database, so two writes at once never store the same version. `version` undefined writes without
 * the lock (last write wins), for changes the client sends without one.
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: Kysely<DB>,
  table: T,
  scope: Scope,
  id: string,
  version: number | undefined,
  patch: Updateable<DB[T]>,
): Promise<void> {
  // The generic table defeats Kysely's column inference; the signature keeps callers typed.
  const db = trx as unknown as Kysely<any>;
  const update = db.updateTable(table as string).set((eb) => ({ ...(patch as object), version: eb('version', '+', 1) }));
  let q = 'townId' in scope ? update.where('townId', '=', scope.townId) : update.where('countyId', '=', scope.countyId);
  q = q.where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}
