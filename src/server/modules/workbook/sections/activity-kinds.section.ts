import { z } from 'zod';
import { COUNTS_AS } from '../../activities/activities.schemas.ts';
import { IssueList, checkUniqueValue } from '../workbook.check.ts';
import { Key, Name, SortOrder } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { bool, flag, insertMany, upsertRecords } from '../workbook.write.ts';

export const ActivityKindRecord = z
  .strictObject({
    code: Key,
    name: Name(50),
    countsAs: z.enum(COUNTS_AS).meta({
      description:
        '履职档案的统计归类：training 培训 / inspection 视察 / research 调研 / meeting 会议 / group 小组活动 / fixed_day 固定活动日 / visit 走访 / other 其他',
    }),
    sortOrder: SortOrder,
    active: z.boolean(),
  })
  .meta({ title: '活动类型', description: '按 code 匹配；名称在本镇唯一' });
export type ActivityKindRecord = z.infer<typeof ActivityKindRecord>;

export const activityKindsSection = defineSection<'activityKinds', ActivityKindRecord>({
  key: 'activityKinds',
  label: '活动类型',
  kind: 'activity_kind',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: ActivityKindRecord) => r.code,
  record: ActivityKindRecord,

  async load(db, townId) {
    const rows = await db.selectFrom('activityKind').select(['id', 'code', 'name', 'countsAs', 'sortOrder', 'active']).where('townId', '=', townId).execute();
    return rows.map((r) => ({ id: r.id, record: { code: r.code, name: r.name, countsAs: r.countsAs, sortOrder: r.sortOrder, active: bool(r.active) } }));
  },

  check(data, cx) {
    const out = new IssueList();
    checkUniqueValue(out, {
      section: 'activityKinds',
      field: 'name',
      noun: '名称',
      data,
      keyOf: (k) => k.code,
      valueOf: (k) => k.name,
      existing: cx.existing.map((e) => ({ key: e.record.code, value: e.record.name, label: `活动类型 ${e.record.code}` })),
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: ActivityKindRecord) => ({ name: r.name, countsAs: r.countsAs, sortOrder: r.sortOrder, active: flag(r.active) });
    return upsertRecords(ictx, data, keys, {
      kind: 'activity_kind',
      keyOf: (r) => r.code,
      entity: 'activity_kind',
      noun: '活动类型',
      nameOf: (r) => r.name,
      insert: (rows) =>
        insertMany(
          trx,
          'activityKind',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdAt: now, updatedAt: now })),
        ),
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx
            .updateTable('activityKind')
            .set((eb) => ({ ...fields(r), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
      },
    });
  },
});
