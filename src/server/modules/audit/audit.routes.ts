import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS } from '../../http/principal.ts';
import type { AppDeps } from '../../app.ts';
import { AuditPage, AuditQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/audit-events',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags: ['audit'], operationId: 'listAuditEvents', summary: '审计日志', querystring: AuditQuery, response: { 200: AuditPage } },
    },
    async (req) => listAudit(ctxOf(req, deps.db), req.query),
  );
};
