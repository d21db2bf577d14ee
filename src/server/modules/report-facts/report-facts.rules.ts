import { DateStr } from '../../http/schemas.ts';
import type { FactRange } from './area.ts';

/** Longest period facts are computed for: five years (as the work reports allow). */
export const MAX_SPAN_DAYS = 366 * 5;

/** The period of a facts request, or the field (query.from / query.to) and message of its first problem. */
export function factRangeOf(from: string | undefined, to: string | undefined): FactRange | { field: string; message: string } {
  if (!from) return { field: 'query.from', message: '请填写开始日期' };
  const f = DateStr.safeParse(from);
  if (!f.success) return { field: 'query.from', message: f.error.issues[0]?.message ?? '不是有效日期' };
  if (!to) return { field: 'query.to', message: '请填写结束日期' };
  const t = DateStr.safeParse(to);
  if (!t.success) return { field: 'query.to', message: t.error.issues[0]?.message ?? '不是有效日期' };
  if (from > to) return { field: 'query.to', message: '结束日期不能早于开始日期' };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days > MAX_SPAN_DAYS) return { field: 'query.to', message: '期间不能超过 5 年' };
  return { from, to };
}
