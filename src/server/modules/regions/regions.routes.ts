import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { createConstituency, listConstituenciesUseCase, updateConstituency } from './constituencies.service.ts';
import {
  ConstituencyInput,
  ConstituencyOut,
  ConstituencyQuery,
  ConstituencyUpdate,
  TermInput,
  TermOut,
  TermUpdate,
  TownInput,
  TownOut,
  TownUpdate,
  VillageInput,
  VillageOut,
  VillagePage,
  VillageQuery,
  VillageUpdate,
} from './regions.schemas.ts';
import { createTerm, listTermsUseCase, updateTerm } from './terms.service.ts';
import { createTown, listTownsUseCase, updateTown } from './towns.service.ts';
import { createVillage, listVillagesUseCase, updateVillage } from './villages.service.ts';

const COUNTY = ['county_admin'] as const;

/** Towns, villages/communities, terms and constituencies: the frame every roster record hangs on. */
export const regionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['regions'];

  app.get(
    '/towns',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'listTowns', summary: '乡镇列表', response: { 200: z.array(TownOut) } } },
    async (req) => listTownsUseCase(ctxOf(req, deps.db)),
  );
  app.post(
    '/towns',
    { config: { access: { roles: COUNTY } }, schema: { tags, operationId: 'createTown', summary: '新增乡镇', body: TownInput, response: { 201: TownOut } } },
    async (req, reply) => reply.status(201).send(await createTown(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/towns/:id',
    {
      config: { access: { roles: COUNTY } },
      schema: { tags, operationId: 'updateTown', summary: '修改乡镇', params: IdParam, body: TownUpdate, response: { 200: TownOut } },
    },
    async (req) => updateTown(ctxOf(req, deps.db), req.params.id, req.body),
  );

  app.get(
    '/villages',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'listVillages', summary: '村(社区)列表', querystring: VillageQuery, response: { 200: VillagePage } },
    },
    async (req) => listVillagesUseCase(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/villages',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createVillage', summary: '新增村(社区)', body: VillageInput, response: { 201: VillageOut } },
    },
    async (req, reply) => reply.status(201).send(await createVillage(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/villages/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateVillage', summary: '修改村(社区)', params: IdParam, body: VillageUpdate, response: { 200: VillageOut } },
    },
    async (req) => updateVillage(ctxOf(req, deps.db), req.params.id, req.body),
  );

  app.get(
    '/terms',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'listTerms', summary: '届次列表', response: { 200: z.array(TermOut) } } },
    async (req) => listTermsUseCase(ctxOf(req, deps.db)),
  );
  app.post(
    '/terms',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'createTerm', summary: '新增届次', body: TermInput, response: { 201: TermOut } } },
    async (req, reply) => reply.status(201).send(await createTerm(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/terms/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateTerm', summary: '修改届次', params: IdParam, body: TermUpdate, response: { 200: TermOut } },
    },
    async (req) => updateTerm(ctxOf(req, deps.db), req.params.id, req.body),
  );

  app.get(
    '/constituencies',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        operationId: 'listConstituencies',
        summary: '选区列表（不指定届次时为当前届）',
        querystring: ConstituencyQuery,
        response: { 200: z.array(ConstituencyOut) },
      },
    },
    async (req) => listConstituenciesUseCase(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/constituencies',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createConstituency', summary: '新增选区', body: ConstituencyInput, response: { 201: ConstituencyOut } },
    },
    async (req, reply) => reply.status(201).send(await createConstituency(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/constituencies/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateConstituency', summary: '修改选区', params: IdParam, body: ConstituencyUpdate, response: { 200: ConstituencyOut } },
    },
    async (req) => updateConstituency(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
