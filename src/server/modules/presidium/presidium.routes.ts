import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { PresidiumLiaisonsInput, PresidiumMemberInput, PresidiumMemberOut, PresidiumMemberUpdate, PresidiumOut, PresidiumQuery } from './presidium.schemas.ts';
import { createMember, getPresidium, setLiaisons, updateMember } from './presidium.service.ts';

export const presidiumRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['presidium'];
  app.get(
    '/presidium',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'getPresidium', summary: '主席团（默认本届）', querystring: PresidiumQuery, response: { 200: PresidiumOut } },
    },
    async (req) => getPresidium(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/presidium/members',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createPresidiumMember', summary: '新增主席团成员', body: PresidiumMemberInput, response: { 201: PresidiumMemberOut } },
    },
    async (req, reply) => reply.status(201).send(await createMember(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/presidium/members/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'updatePresidiumMember',
        summary: '修改主席团成员',
        params: IdParam,
        body: PresidiumMemberUpdate,
        response: { 200: PresidiumMemberOut },
      },
    },
    async (req) => updateMember(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.put(
    '/presidium/members/:id/liaisons',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'setPresidiumLiaisons',
        summary: '设置主席团成员联系的代表（包联）',
        params: IdParam,
        body: PresidiumLiaisonsInput,
        response: { 200: PresidiumMemberOut },
      },
    },
    async (req) => setLiaisons(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
