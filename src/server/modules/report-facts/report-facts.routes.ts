import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { getFactRecords, getFacts, getRecords } from './report-facts.query.ts';
import { FactRecordsOut, FactRecordsQuery, FactsPage, FactsQuery, RecordsOut, RefsInput } from './report-facts.schemas.ts';

/*
 * Report facts (docs/report-facts.md): staff read a town's figures for a period and the records behind any
 * figure. `/facts/report.:format` belongs to the reports module; these paths do not overlap it.
 */
export const reportFactsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['reports'];
  const read = { access: { roles: STAFF } };

  app.get(
    '/facts',
    {
      config: read,
      schema: { tags, operationId: 'getFacts', summary: '报告数据项（某期间的全部数字及其记录）', querystring: FactsQuery, response: { 200: FactsPage } },
    },
    async (req) => getFacts(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/facts/records',
    {
      config: read,
      schema: { tags, operationId: 'getFactRecords', summary: '某个数据项所统计的记录', querystring: FactRecordsQuery, response: { 200: FactRecordsOut } },
    },
    async (req) => getFactRecords(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/facts/records',
    {
      config: read,
      schema: { tags, operationId: 'resolveFactRecords', summary: '按记录编号取记录（定稿版本的数字）', body: RefsInput, response: { 200: RecordsOut } },
    },
    async (req) => getRecords(ctxOf(req, deps.db), req.body),
  );
};
