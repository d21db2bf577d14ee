import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { AreaParam, LedgersOut, LedgersQuery } from './ledgers.schemas.ts';
import { ledgerFile, listLedgers } from './ledgers.service.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['ledgers'];
const read = { access: { roles: STAFF } };

/** The ledgers (台账): the list with row counts, and one .xlsx per area (admins and liaisons). */
export const ledgersRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/ledgers',
    {
      config: read,
      schema: { tags, operationId: 'listLedgers', summary: '工作台账（各类台账及期间内的条数）', querystring: LedgersQuery, response: { 200: LedgersOut } },
    },
    async (req) => listLedgers(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/ledgers/:area',
    {
      config: read,
      schema: { tags, operationId: 'downloadLedger', summary: '下载某类台账 (Excel)：/ledgers/{area}.xlsx', params: AreaParam, querystring: LedgersQuery },
    },
    async (req, reply) => {
      const f = await ledgerFile(ctxOf(req, deps.db), req.params.area, req.query, (err) => req.log.error({ err }, 'ledger failed'));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(f.fileName, { ascii: f.asciiName }))
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );
};
