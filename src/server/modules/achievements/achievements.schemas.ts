import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, OptText, PageQuery } from '../../http/schemas.ts';
import { ACHIEVEMENT_CATEGORIES } from './achievements.rules.ts';

// Labels are by the last part of a field's path and shared by all areas: only the names not yet taken.
registerFieldLabels({ amount: '数量', unit: '单位', suggestionId: '关联建议' });

const Amount = z
  .number({ error: '请填写数字' })
  .min(0, '数量不能为负')
  .max(1e12, '数量过大')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '最多两位小数');

// No .default(): the service fills defaults on create (a .default inside .partial() would blank PATCH fields).
export const AchievementInput = z.object({
  date: DateStr,
  title: NonEmpty(100),
  category: z.enum(ACHIEVEMENT_CATEGORIES, { error: '请选择类别' }),
  amount: Amount.nullish(),
  unit: z.string().trim().max(10, '不能超过 10 个字').nullish(),
  description: OptText(2000),
  activityId: IdField.nullish(),
  suggestionId: IdField.nullish(),
});
export const AchievementUpdate = AchievementInput.partial().extend({ version: z.number().int().positive() });
export const VersionInput = z.object({ version: z.number().int().positive() });

export const AchievementQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
  category: z.enum(ACHIEVEMENT_CATEGORIES).optional(),
  activityId: IdField.optional(),
});

const Ref = z.object({ id: z.string(), code: z.string(), title: z.string() });

export const AchievementOut = z.object({
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  category: z.enum(ACHIEVEMENT_CATEGORIES),
  amount: z.number().nullable(),
  unit: z.string(),
  description: z.string(),
  activity: Ref.nullable(),
  suggestion: Ref.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const AchievementPage = z.object({
  items: z.array(AchievementOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: z.array(z.object({ unit: z.string(), amount: z.number(), count: z.number().int() })),
});
