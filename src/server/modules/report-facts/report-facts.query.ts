import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { resolveRecords } from './report-facts.records.ts';
import { factRangeOf } from './report-facts.rules.ts';
import type { FactRecordsQuery, FactsQuery, RefsInput } from './report-facts.schemas.ts';
import { townFacts } from './report-facts.service.ts';

/* The facts over HTTP (docs/api-contract-reports.md, "Facts"): the town's figures and the records behind one. */

function rangeOf(q: { from?: string; to?: string }) {
  const r = factRangeOf(q.from, q.to);
  if ('field' in r) throw ValidationError.field(r.field, r.message);
  return r;
}

export async function getFacts(ctx: Ctx, q: z.infer<typeof FactsQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const range = rangeOf(q);
  const [town, facts] = await Promise.all([
    ctx.db.selectFrom('town').select(['id', 'name']).where('id', '=', townId).executeTakeFirstOrThrow(),
    townFacts(ctx.db, townId, range, now),
  ]);
  return { town, from: range.from, to: range.to, facts };
}

export async function getFactRecords(ctx: Ctx, q: z.infer<typeof FactRecordsQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const range = rangeOf(q);
  if (!q.key) throw ValidationError.field('query.key', '请选择数据项');
  const facts = await townFacts(ctx.db, townId, range, now);
  const fact = facts[q.key];
  if (!fact) throw new NotFoundError('数据项');
  return { key: q.key, label: fact.label, value: fact.value, records: await resolveRecords(ctx.db, townId, fact.ids) };
}

export async function getRecords(ctx: Ctx, input: z.infer<typeof RefsInput>) {
  return { records: await resolveRecords(ctx.db, townOf(ctx), input.refs) };
}
