import { z } from 'zod';
import { DateField, NullableDate, TermNumber } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, upsertRecords } from '../workbook.write.ts';

export const TermRecord = z
  .strictObject({
    number: TermNumber,
    startDate: DateField,
    endDate: NullableDate,
  })
  .superRefine((t, ctx) => {
    if (t.endDate !== null && t.endDate < t.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  })
  .meta({ title: '届次', description: '按 number 匹配' });
export type TermRecord = z.infer<typeof TermRecord>;

export const termsSection = defineSection<'terms', TermRecord>({
  key: 'terms',
  label: '届次',
  kind: 'term',
  keyField: 'number',
  sortKey: (r) => r.number,
  keyOf: (r: TermRecord) => String(r.number),
  record: TermRecord,

  async load(db, townId) {
    const rows = await db.selectFrom('term').select(['id', 'number', 'startDate', 'endDate']).where('townId', '=', townId).execute();
    const loaded = rows.map((r) => ({ id: r.id, record: { number: r.number, startDate: r.startDate, endDate: r.endDate } }));
    return loaded;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    return upsertRecords(ictx, data, keys, {
      kind: 'term',
      keyOf: (r) => String(r.number),
      entity: 'term',
      noun: '届次',
      nameOf: (r) => `第 ${r.number} 届`,
      insert: (rows) =>
        insertMany(
          trx,
          'term',
          rows.map(({ id, record: r }) => ({ id, townId, number: r.number, startDate: r.startDate, endDate: r.endDate })),
        ),
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx.updateTable('term').set({ startDate: r.startDate, endDate: r.endDate }).where('townId', '=', townId).where('id', '=', id).execute();
        }
      },
    });
  },
});
