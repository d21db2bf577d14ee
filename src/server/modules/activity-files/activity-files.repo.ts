import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActivityFileRole, ActivityFileTable } from '../../db/tables/activity-files.ts';

export type ActivityFileRow = Selectable<ActivityFileTable>;

function linkView(db: Kysely<DB>, townId: string, activityId: string) {
  return db
    .selectFrom('activityFile as af')
    .innerJoin('storedFile as f', 'f.id', 'af.fileId')
    .leftJoin('appUser as u', 'u.id', 'af.addedBy')
    .select([
      'af.id',
      'af.fileId',
      'af.role',
      'af.caption',
      'af.sortOrder',
      'af.addedAt',
      'af.version',
      'f.name',
      'f.kind',
      'f.mime',
      'f.size',
      'f.storageKey',
      'u.displayName as addedByName',
    ])
    .where('af.townId', '=', townId)
    .where('f.townId', '=', townId)
    .where('af.activityId', '=', activityId);
}

export type ActivityFileView = Awaited<ReturnType<ReturnType<typeof linkView>['executeTakeFirstOrThrow']>>;

/** The activity's files, photos first, each role in its order (ties, e.g. after an import, by time). */
export async function linksOf(db: Kysely<DB>, townId: string, activityId: string): Promise<ActivityFileView[]> {
  const rows = await linkView(db, townId, activityId).orderBy('af.sortOrder').orderBy('af.addedAt').orderBy('af.id').execute();
  return [...rows.filter((r) => r.role === 'photo'), ...rows.filter((r) => r.role === 'attachment')];
}

export function linkOf(db: Kysely<DB>, townId: string, activityId: string, fileId: string): Promise<ActivityFileView | undefined> {
  return linkView(db, townId, activityId).where('af.fileId', '=', fileId).executeTakeFirst();
}

export async function insertLinks(db: Kysely<DB>, rows: Insertable<ActivityFileTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('activityFile').values(rows).execute();
}

/** Change a caption under the optimistic lock; false when the version moved on meanwhile. */
export async function updateCaption(db: Kysely<DB>, townId: string, id: string, version: number, caption: string): Promise<boolean> {
  const res = await db
    .updateTable('activityFile')
    .set((eb) => ({ caption, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteLink(db: Kysely<DB>, townId: string, id: string): Promise<void> {
  await db.deleteFrom('activityFile').where('townId', '=', townId).where('id', '=', id).execute();
}

/** Number the files of one role 0, 1, 2 … in the given order, in one UPDATE (a CASE on the id). */
export async function setOrder(db: Kysely<DB>, townId: string, activityId: string, role: ActivityFileRole, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await db
    .updateTable('activityFile')
    .set((eb) => {
      let c = eb.case().when('fileId', '=', fileIds[0]).then(0);
      fileIds.slice(1).forEach((id, i) => {
        c = c.when('fileId', '=', id).then(i + 1);
      });
      return { sortOrder: c.else(eb.ref('sortOrder')).end() };
    })
    .where('townId', '=', townId)
    .where('activityId', '=', activityId)
    .where('role', '=', role)
    .where('fileId', 'in', fileIds)
    .execute();
}
