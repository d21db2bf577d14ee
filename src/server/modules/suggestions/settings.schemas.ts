import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr } from '../../http/schemas.ts';

// Only names no other area labels yet (labels are global; see http/errors.ts).
registerFieldLabels({
  categories: '建议类别',
  grades: '答复等次',
  replyMonths: '答复期限（月）',
  returnWorkingDays: '申请退回期限（工作日）',
  rehandleDays: '重新办理期限（天）',
  dueSoonDays: '临期提醒天数',
  followUp: '需跟踪落实',
  label: '名称',
});

export const GradeOut = z.object({ code: z.string(), label: z.string(), followUp: z.boolean() });

/** The town's settings; `version` 0 means nothing is stored yet and these are the defaults. */
export const SettingsOut = z.object({
  categories: z.array(z.string()),
  grades: z.array(GradeOut),
  replyMonths: z.number().int(),
  returnWorkingDays: z.number().int(),
  rehandleDays: z.number().int(),
  dueSoonDays: z.number().int(),
  version: z.number().int(),
});

// Bounds and duplicates are checked by settings.rules.ts so that every problem is named at once.
export const SettingsInput = z.object({
  categories: z.array(z.string().trim()).max(100),
  grades: z.array(z.object({ code: z.string().trim(), label: z.string().trim(), followUp: z.boolean() })).max(20),
  replyMonths: z.number(),
  returnWorkingDays: z.number(),
  rehandleDays: z.number(),
  dueSoonDays: z.number(),
  version: z.number().int().min(0),
});

const Year = z.coerce.number().int('应为整数').min(2000, '年份应在 2000 到 2100 之间').max(2100, '年份应在 2000 到 2100 之间');

export const HolidayQuery = z.object({ year: Year.optional() });
export const HolidayParams = z.object({ year: Year });

const HolidayKind = z.enum(['holiday', 'workday']);
export const HolidayItemIn = z.object({ date: DateStr, kind: HolidayKind, name: z.string().trim().max(30, '不能超过 30 个字').optional() });
export const HolidaysInput = z.object({ items: z.array(HolidayItemIn).max(100, '最多 100 天') });
export const HolidaysOut = z.object({ year: z.number().int(), items: z.array(z.object({ date: z.string(), kind: HolidayKind, name: z.string() })) });
