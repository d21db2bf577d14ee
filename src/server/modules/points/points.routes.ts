import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { monthBoard, publishMonth, ranking, yearBoard } from './points.board.ts';
import { deputyBreakdown, myPoints } from './points.breakdown.ts';
import {
  AdjustmentInput,
  AdjustmentList,
  AdjustmentOut,
  AdjustmentParams,
  AdjustmentQuery,
  BreakdownOut,
  BreakdownQuery,
  DeputyParams,
  EmptyBody,
  MetricsOut,
  MineQuery,
  MonthOut,
  MonthParams,
  PeriodQuery,
  PublishOut,
  RankingOut,
  RatingsInput,
  RatingsOut,
  SchemeInput,
  SchemeList,
  SchemeOut,
  SchemeQuery,
  SchemeUpdate,
  SheetQuery,
  VersionInput,
  YearOut,
} from './points.schemas.ts';
import {
  activateScheme,
  addAdjustment,
  createScheme,
  deleteAdjustment,
  getScheme,
  listAdjustments,
  listMetrics,
  listSchemes,
  putPresidiumRatings,
  updateScheme,
} from './points.service.ts';
import { scoreSheet } from './points.xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/* The points scheme (履职积分 / 考评方案): admins write, staff read, a deputy reads their own and the rankings. */
export const pointsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['points'];
  const read = { access: { roles: STAFF } };
  const write = { access: { roles: ADMINS } };
  const withDeputy = { access: { roles: [...STAFF, 'deputy' as const] } };

  app.get(
    '/points/metrics',
    { config: read, schema: { tags, operationId: 'listPointsMetrics', summary: '计分指标目录', response: { 200: MetricsOut } } },
    async () => listMetrics(),
  );
  app.get(
    '/points/schemes',
    { config: read, schema: { tags, operationId: 'listPointsSchemes', summary: '考评方案列表', querystring: SchemeQuery, response: { 200: SchemeList } } },
    async (req) => listSchemes(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/points/schemes',
    {
      config: write,
      schema: { tags, operationId: 'createPointsScheme', summary: '新建考评方案（未给计分项目时用默认项目）', body: SchemeInput, response: { 201: SchemeOut } },
    },
    async (req, reply) => reply.status(201).send(await createScheme(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/points/schemes/:id',
    { config: read, schema: { tags, operationId: 'getPointsScheme', summary: '考评方案详情', params: IdParam, response: { 200: SchemeOut } } },
    async (req) => getScheme(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/points/schemes/:id',
    {
      config: write,
      schema: { tags, operationId: 'updatePointsScheme', summary: '修改考评方案', params: IdParam, body: SchemeUpdate, response: { 200: SchemeOut } },
    },
    async (req) => updateScheme(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/points/schemes/:id/activate',
    {
      config: write,
      schema: { tags, operationId: 'activatePointsScheme', summary: '启用考评方案', params: IdParam, body: VersionInput, response: { 200: SchemeOut } },
    },
    async (req) => activateScheme(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.get(
    '/points/schemes/:id/months/:month',
    { config: read, schema: { tags, operationId: 'getPointsMonth', summary: '月度积分（已公布或实时）', params: MonthParams, response: { 200: MonthOut } } },
    async (req) => monthBoard(ctxOf(req, deps.db), req.params.id, req.params.month),
  );
  app.post(
    '/points/schemes/:id/months/:month/publish',
    {
      config: write,
      schema: {
        tags,
        operationId: 'publishPointsMonth',
        summary: '公布月度积分（月晒，生成快照）',
        params: MonthParams,
        body: EmptyBody,
        response: { 201: PublishOut },
      },
    },
    async (req, reply) => reply.status(201).send(await publishMonth(ctxOf(req, deps.db), req.params.id, req.params.month)),
  );
  app.get(
    '/points/schemes/:id/ranking',
    {
      config: withDeputy,
      schema: {
        tags,
        operationId: 'getPointsRanking',
        summary: '季度或年度积分排名（已公布月份之和）',
        params: IdParam,
        querystring: PeriodQuery,
        response: { 200: RankingOut },
      },
    },
    async (req) => ranking(ctxOf(req, deps.db), req.params.id, req.query.period),
  );
  app.get(
    '/points/schemes/:id/year',
    {
      config: read,
      schema: { tags, operationId: 'getPointsYear', summary: '年度综合考评（积分、互评、比评、主席团评价）', params: IdParam, response: { 200: YearOut } },
    },
    async (req) => yearBoard(ctxOf(req, deps.db), req.params.id),
  );
  app.put(
    '/points/schemes/:id/presidium-ratings',
    {
      config: write,
      schema: {
        tags,
        operationId: 'putPresidiumRatings',
        summary: '录入主席团评分（整体保存）',
        params: IdParam,
        body: RatingsInput,
        response: { 200: RatingsOut },
      },
    },
    async (req) => putPresidiumRatings(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.get(
    '/points/schemes/:id/adjustments',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listPointsAdjustments',
        summary: '加减分记录',
        params: IdParam,
        querystring: AdjustmentQuery,
        response: { 200: AdjustmentList },
      },
    },
    async (req) => listAdjustments(ctxOf(req, deps.db), req.params.id, req.query),
  );
  app.post(
    '/points/schemes/:id/adjustments',
    {
      config: write,
      schema: {
        tags,
        operationId: 'addPointsAdjustment',
        summary: '新增加减分（须写明理由）',
        params: IdParam,
        body: AdjustmentInput,
        response: { 201: AdjustmentOut },
      },
    },
    async (req, reply) => reply.status(201).send(await addAdjustment(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.delete(
    '/points/schemes/:id/adjustments/:adjId',
    { config: write, schema: { tags, operationId: 'deletePointsAdjustment', summary: '删除加减分', params: AdjustmentParams } },
    async (req, reply) => {
      await deleteAdjustment(ctxOf(req, deps.db), req.params.id, req.params.adjId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/points/schemes/:id/deputies/:deputyId',
    {
      config: withDeputy,
      schema: {
        tags,
        operationId: 'getPointsBreakdown',
        summary: '代表积分明细（逐项、所计记录、加减分、各月）',
        params: DeputyParams,
        querystring: BreakdownQuery,
        response: { 200: BreakdownOut },
      },
    },
    async (req) => deputyBreakdown(ctxOf(req, deps.db), req.params.id, req.params.deputyId, req.query.month),
  );
  app.get(
    '/points/mine',
    {
      config: { access: { roles: ['deputy'] } },
      schema: { tags, operationId: 'getMyPoints', summary: '我的积分', querystring: MineQuery, response: { 200: BreakdownOut } },
    },
    async (req) => myPoints(ctxOf(req, deps.db), req.query.year, req.query.month),
  );
  app.get(
    '/points/schemes/:id/score-sheet.xlsx',
    { config: read, schema: { tags, operationId: 'exportPointsScoreSheet', summary: '导出积分表 (Excel)', params: IdParam, querystring: SheetQuery } },
    async (req, reply) => {
      const f = await scoreSheet(ctxOf(req, deps.db), req.params.id, req.query.period);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(f.fileName, { ascii: f.asciiName }))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
};
