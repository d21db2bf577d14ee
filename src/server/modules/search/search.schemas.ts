import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { IdField } from '../../http/schemas.ts';
import { STATES } from '../suggestions/suggestion.machine.ts';

// Only names no other area labels (labels are global).
registerFieldLabels({ types: '搜索范围' });

export const SEARCH_TYPES = ['suggestion', 'reception'] as const;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入关键词').max(100, '不能超过 100 个字'),
  /** Comma-separated kinds; both when absent. */
  types: z
    .string()
    .trim()
    .max(40)
    .regex(/^(suggestion|reception)(,(suggestion|reception))*$/, '只能是 suggestion、reception')
    .optional(),
  // No .default(): the service applies page 1 and 20 a page.
  page: z.coerce.number().int().min(1).max(50, '最多翻到第 50 页').optional(),
  pageSize: z.coerce.number().int().min(1).max(50).optional(),
});

export const SearchItem = z.object({
  type: z.enum(SEARCH_TYPES),
  /** The suggestion, or the reception the matter was raised at (the page to open). */
  id: z.string(),
  /** The reception matter that matched (receptions only). */
  matterId: z.string().optional(),
  code: z.string(),
  title: z.string(),
  /** The record's own words around the first hit (not the indexed pairs). */
  snippet: z.string(),
  /** Suggestions: the day it was raised (submitted, else created); receptions: the reception's date. */
  date: z.string(),
  state: z.enum(STATES).optional(),
});
export const SearchOut = z.object({ items: z.array(SearchItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const DuplicatesQuery = z.object({
  title: z.string().trim().max(200, '不能超过 200 个字').optional(),
  content: z.string().trim().max(10000, '不能超过 10000 个字').optional(),
  excludeId: IdField.optional(),
});
export const DuplicatesOut = z.object({
  items: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), state: z.enum(STATES), score: z.number() })),
});
