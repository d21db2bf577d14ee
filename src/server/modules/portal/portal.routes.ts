import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { makeCaptcha } from './captcha.ts';
import {
  AnswerInput,
  CaptchaOut,
  DeclineInput,
  OpinionInput,
  OpinionOut,
  PublicDeputies,
  PublicTownPortal,
  PublicTowns,
  ResultsPage,
  ResultsQuery,
  SubmissionOut,
  SubmissionPage,
  SubmissionQuery,
  TownCodeParam,
  TrackOut,
  TrackParam,
} from './portal.schemas.ts';
import { type PublicCtx, issueCaptcha, listPublicTowns, results, submitOpinion, townDeputies, townPortal, track } from './public.service.ts';
import { answerSubmission, declineSubmission, getSubmission, listSubmissions } from './staff.service.ts';

/**
 * An opinion is at most 2000 characters: 32 KB holds it with every other field and any JSON escaping.
 * A larger body is refused (413) before it is read into memory or parsed.
 */
const OPINION_BODY_LIMIT = 32 * 1024;

/*
 * The public portal: routes under /public need no account (access public, no CSRF: there is no session
 * to ride on), and are guarded instead by the captcha and rate limits. Staff read and decide under
 * /portal-submissions: admins for the whole town, a liaison for their station (checked in the service).
 */
export const portalRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['portal'];
  const open = { access: { public: true as const } };
  // Without a configured secret each process makes its own: the keyed hashes then last until restart.
  const secret = deps.config.portalSecret || randomBytes(32).toString('hex');
  const maker = deps.portal?.makeCaptcha ?? makeCaptcha;
  const pub = (req: FastifyRequest): PublicCtx => ({ db: deps.db, secret, makeCaptcha: maker, ip: req.ip, requestId: req.id });

  app.get(
    '/public/towns',
    { config: open, schema: { tags, operationId: 'publicTowns', summary: '公众：乡镇列表', security: [], response: { 200: PublicTowns } } },
    async () => listPublicTowns(deps.db),
  );
  app.get(
    '/public/towns/:townCode',
    {
      config: open,
      schema: {
        tags,
        operationId: 'publicTown',
        summary: '公众：乡镇首页（联络站、接待日、意见类别）',
        security: [],
        params: TownCodeParam,
        response: { 200: PublicTownPortal },
      },
    },
    async (req) => townPortal(deps.db, req.params.townCode),
  );
  app.get(
    '/public/towns/:townCode/deputies',
    {
      config: open,
      schema: {
        tags,
        operationId: 'publicDeputies',
        summary: '公众：代表名单（依法公开的基本信息）',
        security: [],
        params: TownCodeParam,
        response: { 200: PublicDeputies },
      },
    },
    async (req) => townDeputies(deps.db, req.params.townCode),
  );
  app.get(
    '/public/captcha',
    {
      config: open,
      schema: {
        tags,
        operationId: 'publicCaptcha',
        summary: '公众：获取图形验证码（10 分钟内有效，仅可使用一次）',
        security: [],
        response: { 200: CaptchaOut },
      },
    },
    async (req) => issueCaptcha(pub(req)),
  );
  app.post(
    '/public/towns/:townCode/opinions',
    {
      config: open,
      bodyLimit: OPINION_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'submitOpinion',
        summary: '公众：提交意见（同一 idempotencyKey 重复提交返回首次的查询码）',
        security: [],
        params: TownCodeParam,
        body: OpinionInput,
        response: { 200: OpinionOut, 201: OpinionOut },
      },
    },
    async (req, reply) => {
      const out = await submitOpinion(pub(req), req.params.townCode, req.body);
      return reply.status(out.created ? 201 : 200).send({ trackingCode: out.trackingCode });
    },
  );
  app.get(
    '/public/track/:trackingCode',
    {
      config: open,
      schema: { tags, operationId: 'trackOpinion', summary: '公众：按查询码查看办理进度', security: [], params: TrackParam, response: { 200: TrackOut } },
    },
    async (req) => track(deps.db, req.params.trackingCode),
  );
  app.get(
    '/public/towns/:townCode/results',
    {
      config: open,
      schema: {
        tags,
        operationId: 'publicResults',
        summary: '公众：已公开的建议办理结果',
        security: [],
        params: TownCodeParam,
        querystring: ResultsQuery,
        response: { 200: ResultsPage },
      },
    },
    async (req) => results(deps.db, req.params.townCode, req.query),
  );

  app.get(
    '/portal-submissions',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listPortalSubmissions', summary: '群众来信列表', querystring: SubmissionQuery, response: { 200: SubmissionPage } },
    },
    async (req) => listSubmissions(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/portal-submissions/:id',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'getPortalSubmission', summary: '群众意见详情', params: IdParam, response: { 200: SubmissionOut } },
    },
    async (req) => getSubmission(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/portal-submissions/:id/decline',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'declinePortalSubmission',
        summary: '群众意见不予受理（附理由）',
        params: IdParam,
        body: DeclineInput,
        response: { 200: SubmissionOut },
      },
    },
    async (req) => declineSubmission(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/portal-submissions/:id/answer',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'answerPortalSubmission',
        summary: '答复群众意见（公众凭查询码可见）',
        params: IdParam,
        body: AnswerInput,
        response: { 200: SubmissionOut },
      },
    },
    async (req) => answerSubmission(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
