import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { Motion, MotionDecideInput, MotionInput, MotionList, MotionParams, MotionUpdate, MotionWithdrawInput, SessionParams } from './motions.schemas.ts';
import { createMotion, decideMotion, listMotions, updateMotion, withdrawMotion } from './motions.service.ts';

/* Motions (议案) of a session: staff and deputies read, administrators write; handlers have no business here. */
const READERS: readonly Role[] = [...STAFF, 'deputy'];

export const motionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['sessions'];

  app.get(
    '/sessions/:id/motions',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'listSessionMotions', summary: '会议的议案', params: SessionParams, response: { 200: MotionList } },
    },
    async (req) => listMotions(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/sessions/:id/motions',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createSessionMotion', summary: '登记议案', params: SessionParams, body: MotionInput, response: { 201: Motion } },
    },
    async (req, reply) => reply.status(201).send(await createMotion(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.patch(
    '/sessions/:id/motions/:motionId',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateSessionMotion', summary: '修改议案（处理前）', params: MotionParams, body: MotionUpdate, response: { 200: Motion } },
    },
    async (req) => updateMotion(ctxOf(req, deps.db), req.params.id, req.params.motionId, req.body),
  );
  app.post(
    '/sessions/:id/motions/:motionId/decide',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'decideSessionMotion',
        summary: '主席团处理议案（列入议程、作为建议处理、不予列入）',
        params: MotionParams,
        body: MotionDecideInput,
        response: { 200: Motion },
      },
    },
    async (req) => decideMotion(ctxOf(req, deps.db), req.params.id, req.params.motionId, req.body),
  );
  app.post(
    '/sessions/:id/motions/:motionId/withdraw',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'withdrawSessionMotion',
        summary: '撤回议案（表决前）',
        params: MotionParams,
        body: MotionWithdrawInput,
        response: { 200: Motion },
      },
    },
    async (req) => withdrawMotion(ctxOf(req, deps.db), req.params.id, req.params.motionId, req.body),
  );
};
