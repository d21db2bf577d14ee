import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import { DutyPaperInput, DutyReportInput, DutyReportOut, DutyReportPage, DutyReportQuery, DutyReportUpdate, VersionInput } from './duty-reports.schemas.ts';
import {
  closeDutyVoting,
  createDutyReport,
  dutyReportFile,
  enterDutyPaper,
  getDutyReport,
  listDutyReports,
  openDutyVoting,
  updateDutyReport,
} from './duty-reports.service.ts';

/* 述职 (duty reports to voters): town admins run them, staff read them, a deputy reads their own. Codes through /polls. */
export const dutyReportsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['duty-reports'];
  const read = { access: { roles: [...STAFF, 'deputy' as const] } };
  const write = { access: { roles: ADMINS } };
  app.get(
    '/duty-reports',
    {
      config: read,
      schema: { tags, operationId: 'listDutyReports', summary: '述职列表（代表只见本人的）', querystring: DutyReportQuery, response: { 200: DutyReportPage } },
    },
    async (req) => listDutyReports(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/duty-reports',
    { config: write, schema: { tags, operationId: 'createDutyReport', summary: '新建述职', body: DutyReportInput, response: { 201: DutyReportOut } } },
    async (req, reply) => reply.status(201).send(await createDutyReport(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/duty-reports/:id',
    { config: read, schema: { tags, operationId: 'getDutyReport', summary: '述职详情与结果', params: IdParam, response: { 200: DutyReportOut } } },
    async (req) => getDutyReport(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/duty-reports/:id/report-file',
    { config: read, schema: { tags, operationId: 'getDutyReportFile', summary: '下载述职报告', params: IdParam } },
    async (req, reply) => sendStoredFile(reply, deps.files, await dutyReportFile(ctxOf(req, deps.db), req.params.id)),
  );
  app.patch(
    '/duty-reports/:id',
    {
      config: write,
      schema: { tags, operationId: 'updateDutyReport', summary: '修改述职', params: IdParam, body: DutyReportUpdate, response: { 200: DutyReportOut } },
    },
    async (req) => updateDutyReport(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/duty-reports/:id/open',
    {
      config: write,
      schema: { tags, operationId: 'openDutyReportVoting', summary: '开始测评投票', params: IdParam, body: VersionInput, response: { 200: DutyReportOut } },
    },
    async (req) => openDutyVoting(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/duty-reports/:id/close',
    {
      config: write,
      schema: {
        tags,
        operationId: 'closeDutyReportVoting',
        summary: '结束投票并按档次得出结果',
        params: IdParam,
        body: VersionInput,
        response: { 200: DutyReportOut },
      },
    },
    async (req) => closeDutyVoting(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/duty-reports/:id/paper-ballots',
    {
      config: write,
      schema: {
        tags,
        operationId: 'enterDutyReportPaperBallots',
        summary: '录入纸质测评票（按选项计数）',
        params: IdParam,
        body: DutyPaperInput,
        response: { 200: DutyReportOut },
      },
    },
    async (req) => enterDutyPaper(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
