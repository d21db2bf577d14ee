import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, type ZodFastifySchemaValidationError, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { bracketPath } from './receptions.rules.ts';
import { ReceptionDetail, ReceptionInput, ReceptionPage, ReceptionQuery, ReceptionUpdate, StatsOut, StatsQuery, VersionInput } from './receptions.schemas.ts';
import { createReception, deleteReception, getReception, invalid, listReceptions, updateReception } from './receptions.service.ts';
import { receptionStatsUseCase } from './receptions.stats.ts';

/*
 * Who may call what. Admins and liaisons record and edit receptions (the service holds a liaison to
 * their own station: another station's reception answers 404); a deputy reads the receptions they were
 * on duty at. A handler has no business here. The figures are for the staff.
 */
const READERS: readonly Role[] = [...STAFF, 'deputy'];

/**
 * The writes validate with `attachValidation` and report the schema's problems here, with array
 * indexes in brackets (body.matters[2].content) as the service's own checks name them, so one bad
 * matter is named the same way whichever check found it and the form can put it on the right row.
 */
function schemaProblems(req: FastifyRequest): void {
  const err: unknown = req.validationError;
  if (!err) return;
  if (!hasZodFastifySchemaValidationErrors(err)) throw err;
  const where = (err as { validationContext?: string }).validationContext ?? 'body';
  throw invalid(
    err.validation.map((v: ZodFastifySchemaValidationError) => ({ field: bracketPath(where, v.instancePath ?? ''), message: v.message ?? '无效' })),
  );
}

export const receptionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['receptions'];
  const base = '/receptions';

  app.get(
    base,
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        operationId: 'listReceptions',
        summary: '接待记录列表（联络员：本联络站；代表：本人值班的）',
        querystring: ReceptionQuery,
        response: { 200: ReceptionPage },
      },
    },
    async (req) => listReceptions(ctxOf(req, deps.db), req.query),
  );
  app.get(
    `${base}/stats`,
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'receptionStats',
        summary: '接待统计（接待次数、人次、事项，按去向、类别、联络站、月份）',
        querystring: StatsQuery,
        response: { 200: StatsOut },
      },
    },
    async (req) => receptionStatsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    `${base}/:id`,
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getReception', summary: '接待记录详情', params: IdParam, response: { 200: ReceptionDetail } },
    },
    async (req) => getReception(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    base,
    {
      attachValidation: true,
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'createReception', summary: '登记接待（联络员：本联络站）', body: ReceptionInput, response: { 201: ReceptionDetail } },
    },
    async (req, reply) => {
      schemaProblems(req);
      return reply.status(201).send(await createReception(ctxOf(req, deps.db), req.body));
    },
  );
  app.put(
    `${base}/:id`,
    {
      attachValidation: true,
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'updateReception',
        summary: '修改接待记录（事项整体替换；已转为建议的事项保留）',
        params: IdParam,
        body: ReceptionUpdate,
        response: { 200: ReceptionDetail },
      },
    },
    async (req) => {
      schemaProblems(req);
      return updateReception(ctxOf(req, deps.db), req.params.id, req.body);
    },
  );
  app.delete(
    `${base}/:id`,
    {
      attachValidation: true,
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'deleteReception',
        summary: '删除接待记录（有事项已转为建议时不能删除）',
        params: IdParam,
        body: VersionInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      schemaProblems(req);
      return deleteReception(ctxOf(req, deps.db), req.params.id, req.body);
    },
  );
};
