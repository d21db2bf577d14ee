import { z } from 'zod';
import { allSettingsProblems } from '../../suggestions/settings.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { DateField, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, upsertRecords } from '../workbook.write.ts';

/*
 * The suggestion settings (categories, reply grades, deadlines) and the town's holiday calendar in the
 * workbook. A town has one settings record (key "settings"); a town that never saved its settings
 * exports none and works with the defaults. Holidays are matched by date; an import adds and changes
 * days but never removes one (like every section, it never deletes).
 */

const SETTINGS_KEY = 'settings';

export const SuggestionSettingsRecord = z
  .strictObject({
    key: z.literal(SETTINGS_KEY).meta({ description: '固定为 settings（每镇一条）' }),
    categories: z.array(z.string()).meta({ description: '建议类别，按显示顺序' }),
    grades: z
      .array(z.strictObject({ code: z.string(), label: z.string(), followUp: z.boolean().meta({ description: '该等次需跟踪落实（默认 B）' }) }))
      .meta({ description: '答复等次，按显示顺序' }),
    replyMonths: z.number().int().meta({ description: '答复期限（月，1–6）' }),
    returnWorkingDays: z.number().int().meta({ description: '申请退回期限（工作日）' }),
    rehandleDays: z.number().int().meta({ description: '重新办理期限（天，15–30）' }),
    dueSoonDays: z.number().int().meta({ description: '临期提醒天数' }),
  })
  .meta({ title: '建议办理设置', description: '每镇至多一条，key 为 settings；没有时使用默认设置' });
export type SuggestionSettingsRecord = z.infer<typeof SuggestionSettingsRecord>;

const fields = (r: SuggestionSettingsRecord) => ({
  categories: JSON.stringify(r.categories),
  grades: JSON.stringify(r.grades),
  replyMonths: r.replyMonths,
  returnWorkingDays: r.returnWorkingDays,
  rehandleDays: r.rehandleDays,
  dueSoonDays: r.dueSoonDays,
});

const parse = <T>(json: string): T[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
};

export const suggestionSettingsSection = defineSection<'suggestionSettings', SuggestionSettingsRecord>({
  key: 'suggestionSettings',
  label: '建议办理设置',
  kind: 'suggestion_settings',
  keyField: 'key',
  sortKey: (r) => r.key,
  keyOf: (r) => r.key,
  record: SuggestionSettingsRecord,

  async load(db, townId) {
    const row = await db.selectFrom('suggestionSettings').selectAll().where('townId', '=', townId).executeTakeFirst();
    if (!row) return [];
    return [
      {
        id: townId,
        record: {
          key: SETTINGS_KEY,
          categories: parse<string>(row.categories),
          grades: parse<{ code: string; label: string; followUp: boolean }>(row.grades),
          replyMonths: row.replyMonths,
          returnWorkingDays: row.returnWorkingDays,
          rehandleDays: row.rehandleDays,
          dueSoonDays: row.dueSoonDays,
        },
      },
    ];
  },

  check(data) {
    const out = new IssueList();
    // The same rules as saving them on the settings page, each named by its path.
    data.forEach((r, i) => {
      for (const p of allSettingsProblems(r)) out.add(`suggestionSettings[${i}].${p.field.replace(/\.(\d+)/g, '[$1]')}`, p.message);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    return upsertRecords(ictx, data, keys, {
      kind: 'suggestion_settings',
      keyOf: (r) => r.key,
      entity: 'suggestion_settings',
      noun: '建议办理设置',
      nameOf: () => '',
      async insert(rows) {
        await insertMany(
          trx,
          'suggestionSettings',
          rows.map(({ record }) => ({ townId, ...fields(record), version: 1, updatedAt: now })),
        );
      },
      async update(rows) {
        for (const { after } of rows) {
          await trx
            .updateTable('suggestionSettings')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .execute();
        }
      },
    });
  },
});

export const HolidayRecord = z
  .strictObject({
    date: DateField,
    kind: z.enum(['holiday', 'workday']).meta({ description: 'holiday 放假 / workday 调休上班（周六或周日）' }),
    name: Text(50).meta({ description: '名称，如 国庆节' }),
  })
  .superRefine((h, ctx) => {
    if (h.kind !== 'workday') return;
    const wd = new Date(`${h.date}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) ctx.addIssue({ code: 'custom', path: ['kind'], message: `${h.date} 是工作日，无需设为调休上班` });
  })
  .meta({ title: '节假日', description: '按日期匹配；计算申请退回期限（工作日）时使用' });
export type HolidayRecord = z.infer<typeof HolidayRecord>;

export const holidaysSection = defineSection<'holidays', HolidayRecord>({
  key: 'holidays',
  label: '节假日',
  kind: 'holiday',
  keyField: 'date',
  sortKey: (r) => r.date,
  keyOf: (r) => r.date,
  record: HolidayRecord,

  async load(db, townId) {
    const rows = await db.selectFrom('townHoliday').selectAll().where('townId', '=', townId).execute();
    return rows.map((r) => ({ id: r.date, record: { date: r.date, kind: r.kind, name: r.name } }));
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    return upsertRecords(ictx, data, keys, {
      kind: 'holiday',
      keyOf: (r) => r.date,
      entity: 'holiday',
      noun: '节假日',
      nameOf: (r) => `${r.date} ${r.name}`,
      async insert(rows) {
        await insertMany(
          trx,
          'townHoliday',
          rows.map(({ record }) => ({ townId, date: record.date, kind: record.kind, name: record.name })),
        );
      },
      async update(rows) {
        for (const { before, after } of rows) {
          await trx
            .updateTable('townHoliday')
            .set({ kind: after.kind, name: after.name })
            .where('townId', '=', townId)
            .where('date', '=', before.date)
            .execute();
        }
      },
    });
  },
});
