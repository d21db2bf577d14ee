import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { ResetPasswordBody, UserInput, UserOut, UserPage, UserQuery, UserUpdate } from './accounts.schemas.ts';
import { createUser, getUser, listUsersUseCase, resetPassword, updateUser } from './accounts.service.ts';

/** Accounts of the town (and the county's admins, for a county_admin). Admins only: they see phones. */
export const accountsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['accounts'];
  app.get(
    '/users',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'listUsers', summary: '账号列表', querystring: UserQuery, response: { 200: UserPage } },
    },
    async (req) => listUsersUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/users/:id',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'getUser', summary: '账号详情', params: IdParam, response: { 200: UserOut } } },
    async (req) => getUser(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/users',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'createUser', summary: '新增账号', body: UserInput, response: { 201: UserOut } } },
    async (req, reply) => reply.status(201).send(await createUser(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/users/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateUser', summary: '修改账号', params: IdParam, body: UserUpdate, response: { 200: UserOut } },
    },
    async (req) => updateUser(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/users/:id/reset-password',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'resetUserPassword', summary: '重置账号密码', params: IdParam, body: ResetPasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      await resetPassword(ctxOf(req, deps.db), req.params.id, req.body.newPassword);
      return { ok: true as const };
    },
  );
};
