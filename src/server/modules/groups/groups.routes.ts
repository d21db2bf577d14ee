import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { GroupDetail, GroupInput, GroupList, GroupMembersInput, GroupUpdate } from './groups.schemas.ts';
import { createGroup, getGroup, listGroups, setGroupMembers, updateGroup } from './groups.service.ts';

export const groupsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['groups'];
  app.get(
    '/groups',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'listGroups', summary: '代表小组列表', response: { 200: GroupList } } },
    async (req) => listGroups(ctxOf(req, deps.db)),
  );
  app.get(
    '/groups/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'getGroup', summary: '代表小组详情', params: IdParam, response: { 200: GroupDetail } },
    },
    async (req) => getGroup(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/groups',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createGroup', summary: '新增代表小组', body: GroupInput, response: { 201: GroupDetail } },
    },
    async (req, reply) => reply.status(201).send(await createGroup(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/groups/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateGroup', summary: '修改代表小组', params: IdParam, body: GroupUpdate, response: { 200: GroupDetail } },
    },
    async (req) => updateGroup(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.put(
    '/groups/:id/members',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'setGroupMembers', summary: '设置代表小组成员', params: IdParam, body: GroupMembersInput, response: { 200: GroupDetail } },
    },
    async (req) => setGroupMembers(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
