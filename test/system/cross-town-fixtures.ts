import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { newId } from '../../src/server/lib/ids.ts';
import { nowIso } from '../../src/server/lib/time.ts';
import type { TableName } from './route-params.ts';
import { ownTables } from '../db.ts';

/*
 * Helpers of the cross-town access matrix: the records the demo leaves empty (files, notifications,
 * reports), and the snapshot of one town's rows (all of them, for ids, texts and a fingerprint).
 */

/** Town A records of the kinds the demo seeder does not make, so their routes get real ids too. */
export async function addMissingTownRecords(db: Kysely<DB>, townId: string): Promise<void> {
  const ts = nowIso();
  const first = async <T extends TableName>(table: T) =>
    (await (db as Kysely<any>).selectFrom(table).selectAll().where('townId', '=', townId).orderBy('id').limit(3).execute()) as Record<string, string>[];
  const user = (await first('appUser'))[0];
  const files: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = newId();
    files.push(id);
    await db
      .insertInto('storedFile')
      .values({
        id,
        townId,
        name: `甲镇材料${i}.pdf`,
        kind: 'pdf',
        mime: 'application/pdf',
        size: 10,
        sha256: createHash('sha256').update(id).digest('hex'),
        storageKey: `x/${id}`,
        uploadedBy: user.id,
        uploadedAt: ts,
      })
      .execute();
  }
  const [activity] = await first('activity');
  await db
    .insertInto('activityFile')
    .values({ id: newId(), townId, activityId: activity.id, fileId: files[0], role: 'attachment', addedBy: user.id, addedAt: ts })
    .execute();
  const [suggestion] = await first('suggestion');
  await db.insertInto('suggestionFile').values({ suggestionId: suggestion.id, fileId: files[1], townId }).execute();
  const [finding] = await first('finding');
  await db.insertInto('findingFile').values({ findingId: finding.id, fileId: files[2], townId, seq: 1 }).execute();
  const [item] = await first('sessionItem');
  await db.insertInto('sessionItemFile').values({ itemId: item.id, fileId: files[3], townId }).execute();
  await db
    .insertInto('notification')
    .values({ id: newId(), townId, userId: user.id, kind: 'test', title: '甲镇通知', body: '甲镇通知正文', link: '/', createdAt: ts })
    .execute();
  const templateId = newId();
  await db
    .insertInto('reportTemplate')
    .values({ id: templateId, townId, name: '甲镇报告模板', body: '{}', createdBy: user.id, createdAt: ts, updatedAt: ts })
    .execute();
  await db
    .insertInto('workReport')
    .values({
      id: newId(),
      townId,
      code: 'R-A-1',
      title: '甲镇年度工作报告',
      kind: 'year',
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      templateId,
      body: '{"sections":[]}',
      createdBy: user.id,
      createdAt: ts,
      updatedAt: ts,
    })
    .execute();
  await db
    .insertInto('importJob')
    .values({
      id: newId(),
      townId,
      kind: 'deputies',
      fileName: '甲镇代表.xlsx',
      status: 'succeeded',
      result: null,
      createdBy: user.id,
      createdAt: ts,
      finishedAt: ts,
    })
    .execute();
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Every table with a town_id column (camelCase, as Kysely names it here), on either engine. */
export async function townTables(db: Kysely<DB>): Promise<TableName[]> {
  const tables = await ownTables(db);
  return tables
    .filter((t) => t.columns.some((c) => c.name === 'town_id' || c.name === 'townId'))
    .map((t) => camel(t.name) as TableName)
    .sort();
}

export type TownSnapshot = Map<TableName, Record<string, unknown>[]>;

/** All rows of the given tables, split by whether they belong to the town. */
export async function snapshot(db: Kysely<DB>, tables: readonly TableName[], townId: string): Promise<{ mine: TownSnapshot; others: TownSnapshot }> {
  const mine: TownSnapshot = new Map();
  const others: TownSnapshot = new Map();
  for (const t of tables) {
    const rows = (await (db as Kysely<any>).selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    mine.set(
      t,
      rows.filter((r) => r.townId === townId),
    );
    others.set(
      t,
      rows.filter((r) => r.townId !== townId),
    );
  }
  return { mine, others };
}

/** A hash per table of the town's rows, in a fixed order: equal before and after means nothing changed. */
export function fingerprint(s: TownSnapshot): Map<TableName, string> {
  const out = new Map<TableName, string>();
  for (const [t, rows] of s) {
    const lines = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k]]),
        ),
      )
      .sort();
    out.set(t, createHash('sha256').update(lines.join('\n')).digest('hex'));
  }
  return out;
}
