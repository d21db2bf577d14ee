import { z } from 'zod';
import { Key, Name, SortOrder } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, upsertRecords } from '../workbook.write.ts';

export const VillageRecord = z
  .strictObject({
    code: Key,
    name: Name(50),
    kind: z.enum(['village', 'community']).meta({ description: 'village 村 / community 社区' }),
    sortOrder: SortOrder,
  })
  .meta({ title: '村（社区）', description: '按 code 匹配' });
export type VillageRecord = z.infer<typeof VillageRecord>;

export const villagesSection = defineSection<'villages', VillageRecord>({
  key: 'villages',
  label: '村（社区）',
  kind: 'village',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: VillageRecord) => r.code,
  record: VillageRecord,

  async load(db, townId) {
    const rows = await db.selectFrom('village').select(['id', 'code', 'name', 'kind', 'sortOrder']).where('townId', '=', townId).execute();
    const loaded = rows.map((r) => ({ id: r.id, record: { code: r.code, name: r.name, kind: r.kind, sortOrder: r.sortOrder } }));
    return loaded;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    return upsertRecords(ictx, data, keys, {
      kind: 'village',
      keyOf: (r) => r.code,
      entity: 'village',
      noun: '村（社区）',
      nameOf: (r) => r.name,
      insert: (rows) =>
        insertMany(
          trx,
          'village',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, name: r.name, kind: r.kind, sortOrder: r.sortOrder })),
        ),
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx
            .updateTable('village')
            .set({ name: r.name, kind: r.kind, sortOrder: r.sortOrder })
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
      },
    });
  },
});
