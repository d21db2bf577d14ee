import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';

/*
 * Writing in-app notifications, for every area: call inside the transaction of the write that causes
 * them, so a notification never announces something that was rolled back. Recipients are resolved to
 * active accounts of the town in one query each. A `dedupeKey` (e.g. `overdue:<id>:<date>`) makes a
 * repeated reminder a no-op for a user who already has it.
 */

export type NewNotification = {
  kind: string;
  title: string;
  body?: string;
  /** An app path the notification opens, e.g. `/suggestions/<id>`. */
  link?: string;
  entity?: string;
  entityId?: string;
  dedupeKey?: string;
};

/** Active accounts of the town: its admins (town_admin), the handlers of units, the deputies' own accounts. */
export async function townAdminIds(db: Kysely<DB>, townId: string): Promise<string[]> {
  const rows = await db.selectFrom('appUser').select('id').where('townId', '=', townId).where('role', '=', 'town_admin').where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

export async function unitUserIds(db: Kysely<DB>, townId: string, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('appUser').select('id').where('townId', '=', townId).where('role', '=', 'handler').where('unitId', 'in', unitIds).where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

export async function deputyUserIds(db: Kysely<DB>, townId: string, deputyIds: readonly string[]): Promise<string[]> {
  if (deputyIds.length === 0) return [];
  const rows = await db.selectFrom('appUser').select('id').where('townId', '=', townId).where('role', '=', 'deputy').where('deputyId', 'in', deputyIds).where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

/** Notify each user once; with a dedupeKey, users who already have that notification are skipped. */
export async function notifyUsers(db: Kysely<DB>, townId: string, userIds: readonly string[], n: NewNotification): Promise<number> {
  let ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  if (n.dedupeKey) {
    const have = await db.selectFrom('notification').select('userId').where('dedupeKey', '=', n.dedupeKey).where('userId', 'in', ids).execute();
    const skip = new Set(have.map((r) => r.userId));
    ids = ids.filter((id) => !skip.has(id));
    if (ids.length === 0) return 0;
  }
  const at = nowIso();
  await db
    .insertInto('notification')
    .values(
      ids.map((userId) => ({
        id: newId(),
        townId,
        userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? '',
        entity: n.entity ?? null,
        entityId: n.entityId ?? null,
        dedupeKey: n.dedupeKey ?? null,
        emailedAt: null,
        createdAt: at,
        readAt: null,
      })),
    )
    .execute();
  return ids.length;
}

export type NotificationRow = NewNotification & { townId: string; userId: string };

/** Rows per multi-row insert: 13 columns each, far below either engine's bound-parameter limit. */
const INSERT_BATCH = 200;

/**
 * Many notifications at once (a reminder run), a multi-row insert per 200. A row whose user already has
 * its dedupeKey is skipped by the unique index (ON CONFLICT DO NOTHING on both engines), so two server
 * processes running the same reminders at once still notify each user once. Returns the rows written.
 */
export async function notifyMany(db: Kysely<DB>, rows: readonly NotificationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const at = nowIso();
  let written = 0;
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const values = rows.slice(i, i + INSERT_BATCH).map((n) => ({
      id: newId(),
      townId: n.townId,
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? '',
      entity: n.entity ?? null,
      entityId: n.entityId ?? null,
      dedupeKey: n.dedupeKey ?? null,
      emailedAt: null,
      createdAt: at,
      readAt: null,
    }));
    const res = await db
      .insertInto('notification')
      .values(values)
      .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
      .returning('id')
      .execute();
    written += res.length;
  }
  return written;
}
