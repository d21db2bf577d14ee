import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { AchievementInput, AchievementOut, AchievementPage, AchievementQuery, AchievementUpdate, VersionInput } from './achievements.schemas.ts';
import { createAchievement, deleteAchievement, getAchievement, listAchievements, updateAchievement } from './achievements.service.ts';

/* The achievements ledger (成效台账): staff read it; town admins keep it. */
export const achievementsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['achievements'];
  const read = { access: { roles: STAFF } };
  const write = { access: { roles: ADMINS } };
  app.get(
    '/achievements',
    { config: read, schema: { tags, operationId: 'listAchievements', summary: '成效台账', querystring: AchievementQuery, response: { 200: AchievementPage } } },
    async (req) => listAchievements(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/achievements',
    { config: write, schema: { tags, operationId: 'createAchievement', summary: '新增成效', body: AchievementInput, response: { 201: AchievementOut } } },
    async (req, reply) => reply.status(201).send(await createAchievement(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/achievements/:id',
    { config: read, schema: { tags, operationId: 'getAchievement', summary: '成效详情', params: IdParam, response: { 200: AchievementOut } } },
    async (req) => getAchievement(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/achievements/:id',
    {
      config: write,
      schema: { tags, operationId: 'updateAchievement', summary: '修改成效', params: IdParam, body: AchievementUpdate, response: { 200: AchievementOut } },
    },
    async (req) => updateAchievement(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    '/achievements/:id',
    { config: write, schema: { tags, operationId: 'deleteAchievement', summary: '删除成效', params: IdParam, body: VersionInput, response: { 200: Ok } } },
    async (req) => deleteAchievement(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
};
