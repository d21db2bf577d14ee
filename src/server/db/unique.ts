import type { Kysely } from 'kysely';
import { ConflictError, fieldLabel } from '../http/errors.ts';
import type { DB } from './schema.ts';

type TownTable = 'handlingUnit' | 'deputy' | 'station' | 'deputyGroup' | 'village' | 'activityKind';

/**
 * Check that values meant to be unique inside a town are free, before the insert, so the user gets
 * "编码 U001 已存在" naming the field instead of a constraint error. The unique index still guards races.
 */
export async function assertUniqueInTown(
  db: Kysely<DB>,
  table: TownTable,
  townId: string,
  values: Record<string, string | null | undefined>,
  exceptId?: string,
): Promise<void> {
  for (const [col, val] of Object.entries(values)) {
    if (val === undefined || val === null || val === '') continue;
    let q = (db as Kysely<any>).selectFrom(table).select('id').where('townId', '=', townId).where(col, '=', val);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const hit = await q.executeTakeFirst();
    if (hit) throw new ConflictError(`${fieldLabel(col)} “${val}” 已存在`, { issues: [{ field: `body.${col}`, message: '已存在' }] });
  }
}
