import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { type LedgerFile, receptionLedger, suggestionLedger } from './ledger.service.ts';
import { PeriodQuery, ReceptionLedgerQuery, StatsOut } from './stats.schemas.ts';
import { suggestionStatsUseCase } from './stats.service.ts';

/*
 * Figures and ledgers (admins and liaisons). The ledger paths sit beside the areas' own routes
 * (/suggestions/…, /receptions/…) but live here: static paths, so they never clash with /:id.
 */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendLedger(reply: FastifyReply, f: LedgerFile) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', contentDisposition(f.fileName, { ascii: f.asciiName }))
    .header('cache-control', 'no-store')
    .send(f.stream);
}

export const statsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/suggestions/stats',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags: ['suggestions'],
        operationId: 'suggestionStats',
        summary: '建议统计（来源、类别、状态、承办单位；按期答复率、满意率）',
        querystring: PeriodQuery,
        response: { 200: StatsOut },
      },
    },
    async (req) => suggestionStatsUseCase(ctxOf(req, deps.db), req.query),
  );

  app.get(
    '/suggestions/ledger.xlsx',
    {
      config: { access: { roles: STAFF } },
      schema: { tags: ['suggestions'], operationId: 'suggestionLedger', summary: '建议办理台账 (Excel)', querystring: PeriodQuery },
    },
    async (req, reply) => {
      const f = await suggestionLedger(ctxOf(req, deps.db), req.query, (err) => req.log.error({ err }, 'suggestion ledger failed'));
      return sendLedger(reply, f);
    },
  );

  app.get(
    '/receptions/ledger.xlsx',
    {
      config: { access: { roles: STAFF } },
      schema: { tags: ['receptions'], operationId: 'receptionLedger', summary: '接待台账 (Excel)', querystring: ReceptionLedgerQuery },
    },
    async (req, reply) => {
      const f = await receptionLedger(ctxOf(req, deps.db), req.query, (err) => req.log.error({ err }, 'reception ledger failed'));
      return sendLedger(reply, f);
    },
  );
};
