import { z } from 'zod';
import { AREAS } from './ledger.area.ts';

/*
 * Dates arrive as plain text and are checked by the service (report-facts' factRangeOf), so a missing, bad
 * or backwards date is a 400 naming `query.from` / `query.to` — the contract's names — whichever way it is wrong.
 */
export const LedgersQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });
export const AreaParam = z.object({ area: z.string().max(40) });

export const LedgerItem = z.object({
  area: z.enum(AREAS),
  label: z.string(),
  /** Data rows of the first sheet (the area's records) for the period. */
  rows: z.number().int(),
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  /** False when there is nothing to download (the points: no scheme for the year of `from`). */
  available: z.boolean(),
  note: z.string().nullable(),
});
export const LedgersOut = z.array(LedgerItem);
