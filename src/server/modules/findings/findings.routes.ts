import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import {
  CloseInput,
  FileParams,
  FindingDetail,
  FindingInput,
  FindingPage,
  FindingQuery,
  FindingUpdate,
  NextNumberOut,
  NextNumberQuery,
  NoticeDetail,
  NoticeInput,
  ReinspectionInput,
  ReopenInput,
  TotalsOut,
  TotalsQuery,
  VersionInput,
} from './findings.schemas.ts';
import {
  closeFinding,
  createFinding,
  deleteFinding,
  findingPhoto,
  findingTotalsFor,
  getFinding,
  getNotice,
  issueNotice,
  listFindings,
  nextNoticeNumber,
  recordReinspection,
  reopenFinding,
  updateFinding,
} from './findings.service.ts';

/*
 * Findings (问题) and rectification notices. Staff only: admins for the whole town, a liaison for the
 * activities their station organised (the service answers 404 for another station's finding and 403 when
 * a liaison records one on an activity they do not manage). Deputies and handlers: 403. The period totals
 * are for the admins.
 */
export const findingsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['findings'];
  const base = '/findings';
  const access = { access: { roles: STAFF } };

  app.get(
    base,
    { config: access, schema: { tags, operationId: 'listFindings', summary: '问题整改列表', querystring: FindingQuery, response: { 200: FindingPage } } },
    async (req) => listFindings(ctxOf(req, deps.db), req.query),
  );
  app.get(
    `${base}/totals`,
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'findingTotals',
        summary: '问题整改统计（期间内发现、下发通知、按期整改、逾期整改、未整改，附记录编号）',
        querystring: TotalsQuery,
        response: { 200: TotalsOut },
      },
    },
    async (req) => findingTotalsFor(ctxOf(req, deps.db), req.query.from, req.query.to),
  );
  app.get(
    `${base}/notices/next-number`,
    {
      config: access,
      schema: { tags, operationId: 'nextNoticeNumber', summary: '建议的下一个通知书文号', querystring: NextNumberQuery, response: { 200: NextNumberOut } },
    },
    async (req) => nextNoticeNumber(ctxOf(req, deps.db), req.query.year),
  );
  app.post(
    `${base}/notices`,
    {
      config: access,
      schema: { tags, operationId: 'issueNotice', summary: '下发限期整改通知书（问题 待整改→整改中）', body: NoticeInput, response: { 201: NoticeDetail } },
    },
    async (req, reply) => reply.status(201).send(await issueNotice(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    `${base}/notices/:id`,
    { config: access, schema: { tags, operationId: 'getNotice', summary: '限期整改通知书', params: IdParam, response: { 200: NoticeDetail } } },
    async (req) => getNotice(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    base,
    {
      config: access,
      schema: { tags, operationId: 'createFinding', summary: '登记问题（视察、检查类活动）', body: FindingInput, response: { 201: FindingDetail } },
    },
    async (req, reply) => reply.status(201).send(await createFinding(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    `${base}/:id`,
    { config: access, schema: { tags, operationId: 'getFinding', summary: '问题详情', params: IdParam, response: { 200: FindingDetail } } },
    async (req) => getFinding(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    `${base}/:id`,
    {
      config: access,
      schema: { tags, operationId: 'updateFinding', summary: '修改问题', params: IdParam, body: FindingUpdate, response: { 200: FindingDetail } },
    },
    async (req) => updateFinding(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    `${base}/:id`,
    {
      config: access,
      schema: { tags, operationId: 'deleteFinding', summary: '删除问题（仅限未下发通知的）', params: IdParam, body: VersionInput, response: { 200: Ok } },
    },
    async (req) => deleteFinding(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/reinspections`,
    {
      config: access,
      schema: {
        tags,
        operationId: 'recordReinspection',
        summary: '记录复查（已整改→已复查；未整改→仍在整改中）',
        params: IdParam,
        body: ReinspectionInput,
        response: { 200: FindingDetail },
      },
    },
    async (req) => recordReinspection(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/close`,
    { config: access, schema: { tags, operationId: 'closeFinding', summary: '销号', params: IdParam, body: CloseInput, response: { 200: FindingDetail } } },
    async (req) => closeFinding(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/reopen`,
    {
      config: access,
      schema: { tags, operationId: 'reopenFinding', summary: '重新打开', params: IdParam, body: ReopenInput, response: { 200: FindingDetail } },
    },
    async (req) => reopenFinding(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.get(
    `${base}/:id/files/:fileId`,
    { config: access, schema: { tags, operationId: 'getFindingPhoto', summary: '问题照片', params: FileParams } },
    async (req, reply) => sendStoredFile(reply, deps.files, await findingPhoto(ctxOf(req, deps.db), req.params.id, req.params.fileId), { inline: true }),
  );
};
