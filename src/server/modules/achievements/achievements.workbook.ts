import { z } from 'zod';
import { searchText } from '../../lib/search-text.ts';
import { IssueList } from '../workbook/workbook.check.ts';
import { DateField, Key, Name, Text } from '../workbook/workbook.schemas.ts';
import { defineSection } from '../workbook/workbook.types.ts';
import { insertMany, updateVersionedRows, upsertRecords } from '../workbook/workbook.write.ts';
import { ACHIEVEMENT_CATEGORIES } from './achievements.rules.ts';

/*
 * The achievements ledger (成效台账, docs/achievements.md) in the workbook: an entry by code, the activity
 * and the suggestion that led to it by their codes. Comes after activities and suggestions in the registry.
 */

export const AchievementRecord = z
  .strictObject({
    code: Key.meta({ description: '成效编码（CX00001…），本镇唯一' }),
    date: DateField,
    title: Name(100),
    category: z
      .enum(ACHIEVEMENT_CATEGORIES)
      .meta({ description: 'economy 经济发展 / project 项目建设 / livelihood 民生实事 / environment 生态环境 / governance 基层治理 / other 其他' }),
    amount: z.number().min(0).max(1e12).nullable().meta({ description: '数量（可带两位小数）；没有数量时为 null' }),
    unit: Text(10).meta({ description: '单位：万元、个、件、人、公里、亩…' }),
    description: Text(2000),
    activity: Key.nullable().meta({ description: '促成这项成效的活动编码' }),
    suggestion: Key.nullable().meta({ description: '相关的代表建议编码' }),
  })
  .meta({ title: '成效台账', description: '按 code 匹配' });
export type AchievementRecord = z.infer<typeof AchievementRecord>;

export const achievementsSection = defineSection<'achievements', AchievementRecord>({
  key: 'achievements',
  label: '成效台账',
  kind: 'achievement',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r) => r.code,
  record: AchievementRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('achievement as x')
      .leftJoin('activity as a', 'a.id', 'x.activityId')
      .leftJoin('suggestion as s', 's.id', 'x.suggestionId')
      .selectAll('x')
      .select(['a.code as activityCode', 's.code as suggestionCode'])
      .where('x.townId', '=', townId)
      .execute();
    return rows.map((x) => ({
      id: x.id,
      record: {
        code: x.code,
        date: x.date,
        title: x.title,
        category: x.category,
        amount: x.amount === null ? null : Number(x.amount),
        unit: x.unit,
        description: x.description,
        activity: x.activityCode ?? null,
        suggestion: x.suggestionCode ?? null,
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `achievements[${i}]`;
      out.ref(cx.known, 'activity', r.activity, `${at}.activity`);
      out.ref(cx.known, 'suggestion', r.suggestion, `${at}.suggestion`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: AchievementRecord) => ({
      date: r.date,
      title: r.title,
      category: r.category,
      amount: r.amount,
      unit: r.unit,
      description: r.description,
      activityId: keys.idOrNull('activity', r.activity),
      suggestionId: keys.idOrNull('suggestion', r.suggestion),
      searchText: searchText(r.title, r.description),
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'achievement',
      keyOf: (r) => r.code,
      entity: 'achievement',
      noun: '成效',
      nameOf: (r) => `${r.code} ${r.title}`,
      insert: (rows) =>
        insertMany(
          trx,
          'achievement',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        ),
      update: (rows) => updateVersionedRows(trx, townId, 'achievement', now, rows, fields),
    });
  },
});
