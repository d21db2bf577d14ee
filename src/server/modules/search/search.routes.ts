import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { SearchOut, SearchQuery } from './search.schemas.ts';
import { searchUseCase } from './search.service.ts';

/** Full-text search: admins and liaisons (a liaison's receptions are their own station's). */
export const searchRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/search',
    {
      config: { access: { roles: STAFF } },
      schema: { tags: ['search'], operationId: 'search', summary: '全文搜索（建议、接待事项）', querystring: SearchQuery, response: { 200: SearchOut } },
    },
    async (req) => searchUseCase(ctxOf(req, deps.db), req.query),
  );
};
