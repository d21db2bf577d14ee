import { z } from 'zod';
import { IdField, NonEmpty } from '../../http/schemas.ts';

/* Request and response shapes of the points scheme (docs/api-contract-points.md). No .default(). */

const Year = z.number().int().min(2000, '年份应在 2000 到 2100 之间').max(2100, '年份应在 2000 到 2100 之间');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const SchemeItemIn = z.object({
  key: z
    .string()
    .trim()
    .min(1, '必填')
    .max(40, '不能超过 40 个字符')
    .regex(/^[A-Za-z0-9_:-]+$/, '只能用字母、数字、下划线'),
  label: NonEmpty(40),
  metric: z.string().trim().min(1, '必填').max(60),
  points: z.number().min(-100, '分值应在 −100 到 100 之间').max(100, '分值应在 −100 到 100 之间'),
  cap: z.number().max(1000, '上限不能超过 1000').nullable(),
});
export const WeightsIn = z.object({
  records: z.number().int().min(0).max(100),
  peer: z.number().int().min(0).max(100),
  voter: z.number().int().min(0).max(100),
  presidium: z.number().int().min(0).max(100),
});
export const BandIn = z.object({ label: NonEmpty(20), min: z.number().min(0, '分数线应在 0 到 100 之间').max(100, '分数线应在 0 到 100 之间') });

export const SchemeInput = z.object({
  year: Year,
  name: NonEmpty(60),
  items: z.array(SchemeItemIn).max(60, '最多 60 个计分项目').optional(),
  fullMarks: z.number().max(10000).optional(),
  weights: WeightsIn.optional(),
  bands: z.array(BandIn).min(1, '至少一个等次').max(10, '最多 10 个等次').optional(),
  commendTop: z.number().int().min(0).max(500).optional(),
});
export const SchemeUpdate = SchemeInput.omit({ year: true }).partial().extend({ version: z.number().int().positive() });
export const VersionInput = z.object({ version: z.number().int().positive() });

export const SchemeItemOut = z.object({ key: z.string(), label: z.string(), metric: z.string(), points: z.number(), cap: z.number().nullable() });
export const SchemeOut = z.object({
  id: z.string(),
  year: z.number().int(),
  name: z.string(),
  items: z.array(SchemeItemOut),
  fullMarks: z.number(),
  weights: WeightsIn,
  bands: z.array(z.object({ label: z.string(), min: z.number() })),
  commendTop: z.number().int(),
  status: z.enum(['draft', 'active']),
  version: z.number().int(),
  publishedMonths: z.array(z.string()),
});
export const SchemeList = z.object({ items: z.array(SchemeOut) });
export const SchemeQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const MetricsOut = z.object({ items: z.array(z.object({ metric: z.string(), label: z.string(), unit: z.string() })) });

export const MonthParams = z.object({ id: IdField, month: Month });
const Published = z.object({ id: z.string(), version: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable() });
export const MonthOut = z.object({
  month: z.string(),
  published: Published.nullable(),
  live: z.boolean(),
  rows: z.array(z.object({ deputyId: z.string(), name: z.string(), stationName: z.string().nullable(), total: z.number(), rank: z.number().int().nullable() })),
});
export const PublishOut = z.object({ snapshot: Published.extend({ month: z.string(), rowCount: z.number().int() }) });
export const EmptyBody = z.object({}).strict();

export const PeriodQuery = z.object({ period: z.string().regex(/^\d{4}(-Q[1-4])?$/, '期间格式应为 YYYY 或 YYYY-Qn') });
export const SheetQuery = z.object({ period: z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '期间格式应为 YYYY、YYYY-Qn 或 YYYY-MM') });
export const RankingOut = z.object({
  period: z.string(),
  months: z.array(z.string()),
  missing: z.array(z.string()),
  rows: z.array(
    z.object({ deputyId: z.string(), name: z.string(), stationName: z.string().nullable(), records: z.number(), rank: z.number().int().nullable() }),
  ),
});

const YearRow = z.object({
  deputyId: z.string(),
  name: z.string(),
  stationName: z.string().nullable(),
  records: z.number(),
  recordsPercent: z.number(),
  peer: z.number().nullable(),
  voter: z.number().nullable(),
  presidium: z.number().nullable(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  rank: z.number().int().nullable(),
  commended: z.boolean(),
});
export const YearOut = z.object({
  months: z.array(z.string()),
  missing: z.array(z.string()),
  rows: z.array(YearRow),
  commendation: z.array(z.object({ deputyId: z.string(), name: z.string(), score: z.number().nullable(), grade: z.string().nullable() })),
});

export const RatingsInput = z.object({
  ratings: z.array(z.object({ deputyId: IdField, score: z.number().min(0, '评分应在 0 到 100 之间').max(100, '评分应在 0 到 100 之间').nullable() })).max(1000),
});
export const RatingsOut = z.object({ ratings: z.array(z.object({ deputyId: z.string(), score: z.number() })) });

export const AdjustmentQuery = z.object({ month: Month.optional(), deputyId: IdField.optional() });
export const AdjustmentInput = z.object({
  deputyId: IdField,
  month: Month,
  points: z
    .number()
    .min(-100, '分值应在 −100 到 100 之间')
    .max(100, '分值应在 −100 到 100 之间')
    .refine((n) => n !== 0, '分值不能为 0'),
  reason: NonEmpty(500),
});
export const AdjustmentOut = z.object({
  id: z.string(),
  deputyId: z.string(),
  deputyName: z.string(),
  month: z.string(),
  points: z.number(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export const AdjustmentList = z.object({ items: z.array(AdjustmentOut) });
export const AdjustmentParams = z.object({ id: IdField, adjId: IdField });

export const DeputyParams = z.object({ id: IdField, deputyId: IdField });
export const BreakdownQuery = z.object({ month: Month.optional() });
export const MineQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), month: Month.optional() });

export const RecordRefOut = z.object({ kind: z.string(), id: z.string(), code: z.string(), title: z.string(), date: z.string().nullable(), href: z.string() });
export const BreakdownOut = z.object({
  deputy: z.object({ id: z.string(), name: z.string(), stationName: z.string().nullable() }),
  schemeId: z.string(),
  month: z.string(),
  published: z.boolean(),
  total: z.number(),
  lines: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      metric: z.string(),
      count: z.number(),
      raw: z.number(),
      points: z.number(),
      capped: z.boolean(),
      recordIds: z.array(z.string()),
      records: z.array(RecordRefOut),
    }),
  ),
  adjustments: z.array(z.object({ id: z.string(), points: z.number(), reason: z.string() })),
  months: z.array(z.object({ month: z.string(), total: z.number(), published: z.boolean() })),
});
