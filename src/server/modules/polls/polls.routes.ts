import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { BallotInput, CodeCheckInput, CodeCheckOut, CodesInput, CodesOut, PollParams, PollStatusOut, PublicPollOut } from './polls.schemas.ts';
import { castBallot, generateCodes, makeCastLimiter, pollStatus, publicPoll, subjectsForCode } from './polls.service.ts';

/*
 * One-time-code polls. The casting routes under /p are public (no account, no session, so no CSRF to check);
 * they are guarded by the code itself and a limit on failed attempts per client. Staff generate codes.
 */
export const pollsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['polls'];
  const open = { access: { public: true as const } };
  const secret = deps.config.portalSecret || randomBytes(32).toString('hex');
  const limiter = makeCastLimiter();

  app.get(
    '/polls/:id',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'getPoll', summary: '投票进度（发码数、已投数、纸质票数）', params: IdParam, response: { 200: PollStatusOut } },
    },
    async (req) => pollStatus(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/polls/:id/codes',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'generatePollCodes',
        summary: '生成一次性投票码（仅在本次响应中显示）',
        params: IdParam,
        body: CodesInput,
        response: { 201: CodesOut },
      },
    },
    async (req, reply) => reply.status(201).send(await generateCodes(ctxOf(req, deps.db), req.params.id, req.body.count)),
  );
  app.get(
    '/p/:townCode/polls/:pollId',
    {
      config: open,
      schema: { tags, operationId: 'publicPoll', summary: '公众：投票问卷与评议对象', security: [], params: PollParams, response: { 200: PublicPollOut } },
    },
    async (req) => publicPoll(deps.db, req.params.townCode, req.params.pollId),
  );
  app.post(
    '/p/:townCode/polls/:pollId/subjects',
    {
      config: open,
      bodyLimit: 4 * 1024,
      schema: {
        tags,
        operationId: 'pollSubjectsForCode',
        summary: '公众：凭投票码取得可评议的对象（代表互评时不含持码代表本人）',
        security: [],
        params: PollParams,
        body: CodeCheckInput,
        response: { 200: CodeCheckOut },
      },
    },
    async (req) => subjectsForCode({ db: deps.db, secret, ip: req.ip, limiter }, req.params.townCode, req.params.pollId, req.body.code),
  );
  app.post(
    '/p/:townCode/polls/:pollId/ballots',
    {
      config: open,
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        operationId: 'castBallot',
        summary: '公众：凭一次性投票码投票（匿名，每码一票）',
        security: [],
        params: PollParams,
        body: BallotInput,
        response: { 201: Ok },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await castBallot({ db: deps.db, secret, ip: req.ip, limiter }, req.params.townCode, req.params.pollId, req.body)),
  );
};
