import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';

registerFieldLabels({
  population: '人口',
  sortOrder: '排序',
  number: '届次',
  startDate: '开始日期',
  endDate: '结束日期',
  termId: '届次',
  seats: '代表名额',
  villageIds: '村(社区)',
});

// Not the shared CodeField: a region's code is required and keeps its own wording for the length.
const Code = z
  .string()
  .trim()
  .min(1, '必填')
  .max(32, '不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、-、_');

// ---- towns

export const TownInput = z.object({
  code: Code,
  name: NonEmpty(50),
  population: z.number().int().min(0).max(10_000_000).nullish(),
});

export const TownUpdate = TownInput.omit({ code: true }).partial();

export const TownOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  population: z.number().int().nullable(),
  deputyCount: z.number().int(),
  villageCount: z.number().int(),
});

// ---- villages

export const VILLAGE_KINDS = ['village', 'community'] as const;

export const VillageInput = z.object({
  code: Code,
  name: NonEmpty(50),
  kind: z.enum(VILLAGE_KINDS),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

export const VillageUpdate = VillageInput.partial();

export const VillageOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(VILLAGE_KINDS),
  sortOrder: z.number().int(),
});

export const VillageQuery = PageQuery.extend({ q: z.string().trim().max(50).optional() });
export const VillagePage = pageOf(VillageOut);

// ---- terms

export const TermInput = z.object({
  number: z.number().int().min(1, '届次应在 1–99 之间').max(99, '届次应在 1–99 之间'),
  startDate: DateStr,
  endDate: DateStr.nullish(),
});

export const TermUpdate = TermInput.partial();

export const TermOut = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  current: z.boolean(),
  deputyCount: z.number().int(),
});

// ---- constituencies

export const ConstituencyInput = z.object({
  termId: IdField,
  code: Code,
  name: NonEmpty(50),
  seats: z.number().int().min(1, '至少 1 名').max(200),
  villageIds: z.array(IdField).max(500),
});

export const ConstituencyUpdate = ConstituencyInput.omit({ termId: true }).partial();

export const ConstituencyQuery = z.object({ termId: IdField.optional() });

export const ConstituencyOut = z.object({
  id: z.string(),
  termId: z.string(),
  code: z.string(),
  name: z.string(),
  seats: z.number().int(),
  villageIds: z.array(z.string()),
  villageNames: z.array(z.string()),
  deputyCount: z.number().int(),
});
