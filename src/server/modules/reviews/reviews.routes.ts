import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import {
  ReviewInput,
  ReviewOpenedOut,
  ReviewOut,
  ReviewPage,
  ReviewPaperInput,
  ReviewQuery,
  ReviewResultsOut,
  ReviewUpdate,
  VersionInput,
} from './reviews.schemas.ts';
import {
  closeReview,
  createReview,
  enterReviewPaper,
  getReview,
  listReviews,
  openReview,
  reissuePeerCodes,
  reviewResults,
  updateReview,
} from './reviews.service.ts';

/* 代表互评 and 选民比评: town admins run them, staff read them. Voter-review slips through /polls/:id/codes. */
export const reviewsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['reviews'];
  const read = { access: { roles: STAFF } };
  const write = { access: { roles: ADMINS } };
  app.get(
    '/reviews',
    { config: read, schema: { tags, operationId: 'listReviews', summary: '代表互评与选民比评列表', querystring: ReviewQuery, response: { 200: ReviewPage } } },
    async (req) => listReviews(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/reviews',
    {
      config: write,
      schema: { tags, operationId: 'createReview', summary: '新建代表互评（月）或选民比评（季度）', body: ReviewInput, response: { 201: ReviewOut } },
    },
    async (req, reply) => reply.status(201).send(await createReview(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/reviews/:id',
    { config: read, schema: { tags, operationId: 'getReview', summary: '评议详情', params: IdParam, response: { 200: ReviewOut } } },
    async (req) => getReview(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/reviews/:id',
    { config: write, schema: { tags, operationId: 'updateReview', summary: '修改分值', params: IdParam, body: ReviewUpdate, response: { 200: ReviewOut } } },
    async (req) => updateReview(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/reviews/:id/open',
    {
      config: write,
      schema: {
        tags,
        operationId: 'openReviewVoting',
        summary: '开始投票（代表互评同时为每名代表生成投票码，仅本次显示）',
        params: IdParam,
        body: VersionInput,
        response: { 200: ReviewOpenedOut },
      },
    },
    async (req) => openReview(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/reviews/:id/peer-codes',
    {
      config: write,
      schema: {
        tags,
        operationId: 'reissuePeerReviewCodes',
        summary: '补发代表互评投票码（未使用的旧码作废）',
        params: IdParam,
        response: { 200: ReviewOpenedOut },
      },
    },
    async (req) => reissuePeerCodes(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/reviews/:id/close',
    {
      config: write,
      schema: { tags, operationId: 'closeReviewVoting', summary: '结束投票', params: IdParam, body: VersionInput, response: { 200: ReviewOut } },
    },
    async (req) => closeReview(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/reviews/:id/paper-ballots',
    {
      config: write,
      schema: {
        tags,
        operationId: 'enterReviewPaperBallots',
        summary: '录入选民比评纸质票',
        params: IdParam,
        body: ReviewPaperInput,
        response: { 200: ReviewOut },
      },
    },
    async (req) => enterReviewPaper(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.get(
    '/reviews/:id/results',
    {
      config: read,
      schema: { tags, operationId: 'reviewResults', summary: '评议结果（每名代表的票数、得分与排名）', params: IdParam, response: { 200: ReviewResultsOut } },
    },
    async (req) => reviewResults(ctxOf(req, deps.db), req.params.id),
  );
};
