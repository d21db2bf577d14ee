import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import {
  AppraisalInput,
  AppraisalOut,
  AppraisalPage,
  AppraisalQuery,
  AppraisalUpdate,
  IssueInput,
  IssueParams,
  IssueUpdate,
  PaperInput,
  ResultsOut,
  VersionInput,
} from './appraisals.schemas.ts';
import {
  addIssue,
  appraisalResults,
  closeVoting,
  createAppraisal,
  enterPaper,
  getAppraisal,
  listAppraisals,
  openVoting,
  updateAppraisal,
  updateIssue,
} from './appraisals.service.ts';
import { appraisalResultsWorkbook } from './appraisals.xlsx.ts';

/* The democratic appraisal of offices (民主评议): town admins run it; liaisons read it. */
export const appraisalsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['appraisals'];
  const read = { access: { roles: STAFF } };
  const write = { access: { roles: ADMINS } };
  app.get(
    '/appraisals',
    { config: read, schema: { tags, operationId: 'listAppraisals', summary: '民主评议列表', querystring: AppraisalQuery, response: { 200: AppraisalPage } } },
    async (req) => listAppraisals(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/appraisals',
    { config: write, schema: { tags, operationId: 'createAppraisal', summary: '新建民主评议', body: AppraisalInput, response: { 201: AppraisalOut } } },
    async (req, reply) => reply.status(201).send(await createAppraisal(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/appraisals/:id',
    { config: read, schema: { tags, operationId: 'getAppraisal', summary: '民主评议详情', params: IdParam, response: { 200: AppraisalOut } } },
    async (req) => getAppraisal(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/appraisals/:id',
    {
      config: write,
      schema: { tags, operationId: 'updateAppraisal', summary: '修改民主评议', params: IdParam, body: AppraisalUpdate, response: { 200: AppraisalOut } },
    },
    async (req) => updateAppraisal(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/appraisals/:id/open',
    {
      config: write,
      schema: { tags, operationId: 'openAppraisalVoting', summary: '开始投票', params: IdParam, body: VersionInput, response: { 200: AppraisalOut } },
    },
    async (req) => openVoting(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/appraisals/:id/close',
    {
      config: write,
      schema: { tags, operationId: 'closeAppraisalVoting', summary: '结束投票', params: IdParam, body: VersionInput, response: { 200: AppraisalOut } },
    },
    async (req) => closeVoting(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/appraisals/:id/paper-ballots',
    {
      config: write,
      schema: {
        tags,
        operationId: 'enterAppraisalPaperBallots',
        summary: '录入纸质票（按选项计数）',
        params: IdParam,
        body: PaperInput,
        response: { 200: AppraisalOut },
      },
    },
    async (req) => enterPaper(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.get(
    '/appraisals/:id/results',
    {
      config: read,
      schema: { tags, operationId: 'appraisalResults', summary: '评议结果（分项、总体评价与排名）', params: IdParam, response: { 200: ResultsOut } },
    },
    async (req) => appraisalResults(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/appraisals/:id/results.xlsx',
    { config: read, schema: { tags, operationId: 'exportAppraisalResults', summary: '导出评议结果 (Excel)：每个单位每个评议项目一行', params: IdParam } },
    async (req, reply) => {
      const f = await appraisalResultsWorkbook(ctxOf(req, deps.db), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(f.fileName, { ascii: f.asciiName }))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
  app.post(
    '/appraisals/:id/issues',
    {
      config: write,
      schema: { tags, operationId: 'addAppraisalIssue', summary: '新增问题清单条目', params: IdParam, body: IssueInput, response: { 201: AppraisalOut } },
    },
    async (req, reply) => reply.status(201).send(await addIssue(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.patch(
    '/appraisals/:id/issues/:issueId',
    {
      config: write,
      schema: {
        tags,
        operationId: 'updateAppraisalIssue',
        summary: '修改问题清单条目',
        params: IssueParams,
        body: IssueUpdate,
        response: { 200: AppraisalOut },
      },
    },
    async (req) => updateIssue(ctxOf(req, deps.db), req.params.id, req.params.issueId, req.body),
  );
};
