import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { stationBoard } from './board.service.ts';
import { dutyRecord } from './duty-record.service.ts';
import { BoardOut, BoardQuery, DutyRecordOut, DutyRecordQuery } from './duty-record.schemas.ts';

/*
 * Staff and deputies read; the services narrow a liaison to their station and a deputy to their own
 * record (and their own station's board). A handler has no business here.
 */
const STAFF_AND_DEPUTY: readonly Role[] = [...STAFF, 'deputy'];

export const dutyRecordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['duty-record'];
  app.get(
    '/deputies/:id/duty-record',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: {
        tags,
        operationId: 'getDutyRecord',
        summary: '代表履职档案（按年）',
        params: IdParam,
        querystring: DutyRecordQuery,
        response: { 200: DutyRecordOut },
      },
    },
    async (req) => dutyRecord(ctxOf(req, deps.db), req.params.id, req.query),
  );
  app.get(
    '/stations/:id/board',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: { tags, operationId: 'getStationBoard', summary: '联络站月晒（按月）', params: IdParam, querystring: BoardQuery, response: { 200: BoardOut } },
    },
    async (req) => stationBoard(ctxOf(req, deps.db), req.params.id, req.query),
  );
};
