import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { UnitInput, UnitOut, UnitPage, UnitQuery, UnitUpdate } from './units.schemas.ts';
import { createUnit, getUnit, listUnitsUseCase, updateUnit } from './units.service.ts';

export const unitsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['units'];
  app.get(
    '/units',
    { config: { access: { roles: STAFF } }, schema: { tags, operationId: 'listUnits', summary: '承办单位列表', querystring: UnitQuery, response: { 200: UnitPage } } },
    async (req) => listUnitsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/units/:id',
    { config: { access: { roles: STAFF } }, schema: { tags, operationId: 'getUnit', params: IdParam, response: { 200: UnitOut } } },
    async (req) => getUnit(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/units',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'createUnit', summary: '新增承办单位', body: UnitInput, response: { 201: UnitOut } } },
    async (req, reply) => reply.status(201).send(await createUnit(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/units/:id',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'updateUnit', summary: '修改承办单位', params: IdParam, body: UnitUpdate, response: { 200: UnitOut } } },
    async (req) => updateUnit(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
