import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { registerFieldLabels, ValidationError } from '../../http/errors.ts';
import { IdField } from '../../http/schemas.ts';

/*
 * Choosing deputies by station, group, level (town / county deputies) or by hand: an activity's
 * invitations and a document's recipients are picked the same way, so both use this one selector,
 * its check against the town and the one query that turns it into serving deputies.
 */

registerFieldLabels({ stationIds: '联络站', groupIds: '代表小组', levels: '代表层级', deputyIds: '代表' });

export const DeputySelector = z.object({
  stationIds: z.array(IdField).max(100).optional(),
  groupIds: z.array(IdField).max(200).optional(),
  levels: z.array(z.enum(['town', 'county'])).max(2).optional(),
  deputyIds: z.array(IdField).max(500).optional(),
});
export type DeputySelectorInput = z.infer<typeof DeputySelector>;

/** A selector with its lists de-duplicated and checked against the town. */
export type DeputySelection = { stationIds: string[]; groupIds: string[]; levels: ('town' | 'county')[]; deputyIds: string[] };

export function stationsIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('station').select('id').where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function groupsIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputyGroup').select('id').where('townId', '=', townId).where('id', 'in', ids).execute();
}

export function deputiesIn(db: Kysely<DB>, townId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputy').select(['id', 'name', 'status', 'stationId']).where('townId', '=', townId).where('id', 'in', ids).execute();
}

/**
 * A selector checked against the town: every station, group and hand-picked deputy must be the town's,
 * and a hand-picked deputy must be serving; each problem names its field. `emptyMessage` says what an
 * empty selector failed to choose ("请选择要邀请的…").
 */
export async function checkDeputySelection(
  db: Kysely<DB>,
  townId: string,
  sel: DeputySelectorInput,
  opts: { prefix?: string; emptyMessage: string },
): Promise<DeputySelection> {
  const prefix = opts.prefix ?? 'body';
  const spec: DeputySelection = {
    stationIds: [...new Set(sel.stationIds ?? [])],
    groupIds: [...new Set(sel.groupIds ?? [])],
    levels: [...new Set(sel.levels ?? [])],
    deputyIds: [...new Set(sel.deputyIds ?? [])],
  };
  if (!spec.stationIds.length && !spec.groupIds.length && !spec.levels.length && !spec.deputyIds.length) {
    throw ValidationError.field(prefix, opts.emptyMessage);
  }
  const [stations, groups, deputies] = await Promise.all([
    stationsIn(db, townId, spec.stationIds),
    groupsIn(db, townId, spec.groupIds),
    deputiesIn(db, townId, spec.deputyIds),
  ]);
  const issues = [];
  const has = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const s = has(stations);
  const g = has(groups);
  const d = new Map(deputies.map((x) => [x.id, x]));
  for (const [i, id] of (sel.stationIds ?? []).entries()) if (!s.has(id)) issues.push({ field: `${prefix}.stationIds[${i}]`, message: '联络站不存在或不属于本镇' });
  for (const [i, id] of (sel.groupIds ?? []).entries()) if (!g.has(id)) issues.push({ field: `${prefix}.groupIds[${i}]`, message: '代表小组不存在或不属于本镇' });
  for (const [i, id] of (sel.deputyIds ?? []).entries()) {
    const x = d.get(id);
    if (!x) issues.push({ field: `${prefix}.deputyIds[${i}]`, message: '代表不存在或不属于本镇' });
    else if (x.status !== 'serving') issues.push({ field: `${prefix}.deputyIds[${i}]`, message: `${x.name} 不是在任代表` });
  }
  if (issues.length) throw ValidationError.of(issues);
  return spec;
}

/** The serving deputies of the town picked by any part of the selection, in one query, by deputy code. */
export async function resolveDeputySelection(db: Kysely<DB>, townId: string, s: DeputySelection): Promise<{ id: string; name: string; stationId: string | null }[]> {
  return db
    .selectFrom('deputy')
    .select(['deputy.id', 'deputy.name', 'deputy.stationId'])
    .where('deputy.townId', '=', townId)
    .where('deputy.status', '=', 'serving')
    .where((eb) => {
      const any = [];
      if (s.stationIds.length) any.push(eb('deputy.stationId', 'in', s.stationIds));
      if (s.levels.includes('town')) any.push(eb('deputy.isTownLevel', '=', 1));
      if (s.levels.includes('county')) any.push(eb('deputy.isCountyLevel', '=', 1));
      if (s.deputyIds.length) any.push(eb('deputy.id', 'in', s.deputyIds));
      if (s.groupIds.length) {
        any.push(
          eb(
            'deputy.id',
            'in',
            eb.selectFrom('groupMember').select('groupMember.deputyId').where('groupMember.townId', '=', townId).where('groupMember.groupId', 'in', s.groupIds),
          ),
        );
      }
      return eb.or(any);
    })
    .orderBy('deputy.code')
    .execute();
}
