import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import {
  ReceptionDays,
  ReceptionDaysQuery,
  StationDeputiesInput,
  StationDetail,
  StationInput,
  StationList,
  StationUpdate,
  StationVillagesInput,
} from './stations.schemas.ts';
import { createStation, getStation, listStations, receptionDays, setStationDeputies, setStationVillages, updateStation } from './stations.service.ts';

export const stationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['stations'];
  app.get(
    '/stations',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'listStations', summary: '联络站列表', response: { 200: StationList } } },
    async (req) => listStations(ctxOf(req, deps.db)),
  );
  app.get(
    '/stations/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'getStation', summary: '联络站详情', params: IdParam, response: { 200: StationDetail } },
    },
    async (req) => getStation(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/stations/:id/reception-days',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        operationId: 'listReceptionDays',
        summary: '联络站接待日',
        params: IdParam,
        querystring: ReceptionDaysQuery,
        response: { 200: ReceptionDays },
      },
    },
    async (req) => receptionDays(ctxOf(req, deps.db), req.params.id, req.query),
  );
  app.post(
    '/stations',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createStation', summary: '新增联络站', body: StationInput, response: { 201: StationDetail } },
    },
    async (req, reply) => reply.status(201).send(await createStation(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/stations/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateStation', summary: '修改联络站', params: IdParam, body: StationUpdate, response: { 200: StationDetail } },
    },
    async (req) => updateStation(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.put(
    '/stations/:id/villages',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'setStationVillages',
        summary: '设置联络站覆盖的村(社区)',
        params: IdParam,
        body: StationVillagesInput,
        response: { 200: StationDetail },
      },
    },
    async (req) => setStationVillages(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.put(
    '/stations/:id/deputies',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'setStationDeputies',
        summary: '设置联络站的代表',
        params: IdParam,
        body: StationDeputiesInput,
        response: { 200: StationDetail },
      },
    },
    async (req) => setStationDeputies(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
