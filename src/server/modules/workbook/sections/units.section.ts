import { z } from 'zod';
import { IssueList, checkUniqueValue } from '../workbook.check.ts';
import { Key, Name, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { bool, flag, insertMany, upsertRecords } from '../workbook.write.ts';

export const UnitRecord = z
  .strictObject({
    code: Key,
    name: Name(100).meta({ description: '单位名称，在本镇内唯一' }),
    kind: z.enum(['town_office', 'county_dept', 'other']).meta({ description: 'town_office 镇属站所 / county_dept 县直部门 / other 其他' }),
    contactName: Text(50),
    contactPhone: Text(30),
    address: Text(200),
    active: z.boolean(),
  })
  .meta({ title: '承办单位', description: '按 code 匹配' });
export type UnitRecord = z.infer<typeof UnitRecord>;

export const unitsSection = defineSection<'units', UnitRecord>({
  key: 'units',
  label: '承办单位',
  kind: 'unit',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: UnitRecord) => r.code,
  record: UnitRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('handlingUnit')
      .select(['id', 'code', 'name', 'kind', 'contactName', 'contactPhone', 'address', 'active'])
      .where('townId', '=', townId)
      .execute();
    const loaded = rows.map(({ id, active, ...r }) => ({
      id,
      record: { code: r.code, name: r.name, kind: r.kind, contactName: r.contactName, contactPhone: r.contactPhone, address: r.address, active: bool(active) },
    }));
    return loaded;
  },

  // Names are unique in a town too: check the town as it will be after the import.
  check(data, cx) {
    const out = new IssueList();
    checkUniqueValue(out, {
      section: 'units',
      field: 'name',
      noun: '名称',
      data,
      keyOf: (u) => u.code,
      valueOf: (u) => u.name,
      existing: cx.existing.map((e) => ({ key: e.record.code, value: e.record.name, label: `承办单位 ${e.record.code}` })),
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: UnitRecord) => ({
      name: r.name,
      kind: r.kind,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      address: r.address,
      active: flag(r.active),
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'unit',
      keyOf: (r) => r.code,
      entity: 'handling_unit',
      noun: '承办单位',
      nameOf: (r) => r.name,
      insert: (rows) =>
        insertMany(
          trx,
          'handlingUnit',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdAt: now, updatedAt: now })),
        ),
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx
            .updateTable('handlingUnit')
            .set((eb) => ({ ...fields(r), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
      },
    });
  },
});
