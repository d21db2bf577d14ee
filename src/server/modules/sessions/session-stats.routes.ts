import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import type { Role } from '../../db/schema.ts';
import { STAFF } from '../../http/principal.ts';
import { SessionIdParams, SessionOptionsOut, SessionStatsOut, SessionStatsQuery, SessionSuggestionCountsOut } from './session-stats.schemas.ts';
import { sessionOptionsUseCase, sessionStats, sessionSuggestionCounts } from './session-stats.service.ts';

/*
 * 人代会统计 and the reads other areas link a session with. Static paths (/sessions/stats,
 * /sessions/options) win over the sessions area's /sessions/:id in Fastify's router.
 */
const STAFF_AND_DEPUTY: readonly Role[] = [...STAFF, 'deputy'];

export const sessionStatsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/sessions/stats',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags: ['sessions'],
        operationId: 'sessionStats',
        summary: '人代会统计（召开次数、出席、议程、议案、选举、会议期间建议）',
        querystring: SessionStatsQuery,
        response: { 200: SessionStatsOut },
      },
    },
    async (req) => sessionStats(ctxOf(req, deps.db), req.query),
  );

  app.get(
    '/sessions/options',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: {
        tags: ['sessions'],
        operationId: 'sessionOptions',
        summary: '本镇人代会列表（供选择会议，最近的在前）',
        response: { 200: SessionOptionsOut },
      },
    },
    async (req) => sessionOptionsUseCase(ctxOf(req, deps.db)),
  );

  app.get(
    '/sessions/:id/suggestion-counts',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: {
        tags: ['sessions'],
        operationId: 'sessionSuggestionCounts',
        summary: '会议期间收集的建议：件数、已答复、办结',
        params: SessionIdParams,
        response: { 200: SessionSuggestionCountsOut },
      },
    },
    async (req) => sessionSuggestionCounts(ctxOf(req, deps.db), req.params.id),
  );
};
