import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import {
  CandidateParams,
  ElectionInput,
  ElectionList,
  ElectionOut,
  ElectionParams,
  ElectionUpdate,
  NominationInput,
  NominationParams,
  RoundInput,
  RoundParams,
  VersionInput,
} from './elections.schemas.ts';
import {
  addNomination,
  createElection,
  deleteNomination,
  deleteRound,
  getElection,
  listElections,
  recordRound,
  startVoting,
  updateElection,
  withdrawCandidate,
} from './elections.service.ts';

/* Elections at a session (选举). Administrators write; staff and deputies read; handlers have no business here. */
const READERS: readonly Role[] = [...STAFF, 'deputy'];

export const electionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['sessions'];

  app.get(
    '/sessions/:id/elections',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'listSessionElections', summary: '会议的选举（候选人、提名、各轮计票）', params: IdParam, response: { 200: ElectionList } },
    },
    async (req) => listElections(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/sessions/:id/elections',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'createSessionElection',
        summary: '新增选举（同时加入议程）',
        params: IdParam,
        body: ElectionInput,
        response: { 201: ElectionOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createElection(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.get(
    '/sessions/:id/elections/:electionId',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getSessionElection', summary: '一项选举', params: ElectionParams, response: { 200: ElectionOut } },
    },
    async (req) => getElection(ctxOf(req, deps.db), req.params.id, req.params.electionId),
  );
  app.patch(
    '/sessions/:id/elections/:electionId',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'updateSessionElection',
        summary: '修改职务名称或应选名额（提名阶段）',
        params: ElectionParams,
        body: ElectionUpdate,
        response: { 200: ElectionOut },
      },
    },
    async (req) => updateElection(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.body),
  );
  app.post(
    '/sessions/:id/elections/:electionId/nominations',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'addElectionNomination',
        summary: '登记提名（主席团或代表十人以上联名）',
        params: ElectionParams,
        body: NominationInput,
        response: { 201: ElectionOut },
      },
    },
    async (req, reply) => reply.status(201).send(await addNomination(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.body)),
  );
  app.delete(
    '/sessions/:id/elections/:electionId/nominations/:nominationId',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deleteElectionNomination', summary: '撤销提名（提名阶段）', params: NominationParams, response: { 200: ElectionOut } },
    },
    async (req) => deleteNomination(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.params.nominationId),
  );
  app.post(
    '/sessions/:id/elections/:electionId/candidates/:candidateId/withdraw',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'withdrawElectionCandidate', summary: '候选人退出（提名阶段）', params: CandidateParams, response: { 200: ElectionOut } },
    },
    async (req) => withdrawCandidate(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.params.candidateId),
  );
  app.post(
    '/sessions/:id/elections/:electionId/start',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'startElectionVoting',
        summary: '开始投票（附差额、等额规定的检查）',
        params: ElectionParams,
        body: VersionInput,
        response: { 200: ElectionOut },
      },
    },
    async (req) => startVoting(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.body),
  );
  app.post(
    '/sessions/:id/elections/:electionId/rounds',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'recordElectionRound',
        summary: '登记一轮投票结果（计票）',
        params: ElectionParams,
        body: RoundInput,
        response: { 201: ElectionOut },
      },
    },
    async (req, reply) => reply.status(201).send(await recordRound(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.body)),
  );
  app.delete(
    '/sessions/:id/elections/:electionId/rounds/:roundId',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deleteElectionRound', summary: '删除最后一轮投票结果（会议期间）', params: RoundParams, response: { 200: ElectionOut } },
    },
    async (req) => deleteRound(ctxOf(req, deps.db), req.params.id, req.params.electionId, req.params.roundId),
  );
};
