import { z } from 'zod';

/** Shared request/response pieces. */

/** A record id (ULID) as a path parameter or a reference in a body. */
export const IdField = z.string().min(1).max(64);

export const IdParam = z.object({ id: IdField });

/**
 * An external code (编码) as towns type them in spreadsheets. Empty passes here: each module says
 * whether a code may be left out (an automatic one) or blank.
 */
export const CodeField = z
  .string()
  .trim()
  .max(32)
  .regex(/^[A-Za-z0-9_-]*$/, '只能包含字母、数字、-、_');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});

export const Ok = z.object({ ok: z.literal(true) });

const MIN_DATE = '1900-01-01';
const MAX_DATE = '2100-12-31';

/**
 * A date in YYYY-MM-DD that is a real calendar day between 1900 and 2100. Nothing in a township's work
 * is dated outside that, and the bound keeps year 0000 and the like out of date arithmetic.
 */
export const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return;
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) ctx.addIssue({ code: 'custom', message: '不是有效日期' });
    else if (s < MIN_DATE || s > MAX_DATE) ctx.addIssue({ code: 'custom', message: '年份应在 1900 到 2100 之间' });
  });

/** Optional text that may be cleared: '' and null both mean "none". */
export const OptText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();

export const NonEmpty = (max: number) => z.string().trim().min(1, '必填').max(max, `不能超过 ${max} 个字`);
