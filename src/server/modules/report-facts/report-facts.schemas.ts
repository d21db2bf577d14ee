import { z } from 'zod';
import { RECORD_KINDS } from '../../../shared/report/facts.ts';
import { registerFieldLabels } from '../../http/errors.ts';

registerFieldLabels({ 'query.from': '开始日期', 'query.to': '结束日期', 'query.key': '数据项', 'body.refs': '记录' });

/*
 * Dates arrive as plain text and are checked by the service, so a bad or backwards period is reported as
 * `query.from` / `query.to` whichever way it is wrong (the contract's names).
 */
export const FactsQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });
export const FactRecordsQuery = FactsQuery.extend({ key: z.string().max(100).optional() });
export const RefsInput = z.object({ refs: z.array(z.string().max(100)).max(5000, '一次最多 5000 条记录') });

const FactOut = z.object({ value: z.union([z.number(), z.string(), z.array(z.string()), z.null()]), ids: z.array(z.string()), label: z.string() });
export const FactsPage = z.object({
  town: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  facts: z.record(z.string(), FactOut),
});
export const RecordOut = z.object({
  ref: z.string(),
  kind: z.enum(RECORD_KINDS),
  id: z.string(),
  code: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  href: z.string().nullable(),
});
export const RecordsOut = z.object({ records: z.array(RecordOut) });
export const FactRecordsOut = RecordsOut.extend({ key: z.string(), label: z.string(), value: FactOut.shape.value });
