import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import {
  AgendaInput,
  CreateActivityInput,
  DecisionDetail,
  DecisionInput,
  DecisionPage,
  DecisionQuery,
  DecisionUpdate,
  MeetingDetail,
  MeetingInput,
  MeetingPage,
  MeetingQuery,
  MeetingUpdate,
  ProgressInput,
} from './presidium-meetings.schemas.ts';
import {
  addProgress,
  createDecision,
  createMeeting,
  createMeetingActivity,
  deleteMeeting,
  getDecision,
  getMeeting,
  listDecisionsUseCase,
  listMeetingsUseCase,
  minutesFileOf,
  setAgenda,
  updateDecision,
  updateMeeting,
} from './presidium-meetings.service.ts';

/*
 * Who may call what. Administrators (town, county) write. Readers are the town's staff and the
 * deputies who sit on the presidium today: the route lets every deputy in, the service then refuses
 * (403) a deputy without a current presidium seat. Handlers have no business here. A presidium
 * deputy may also add progress notes to a decision.
 */
const READERS: readonly Role[] = [...STAFF, 'deputy'];
const FOLLOWERS: readonly Role[] = [...ADMINS, 'deputy'];

export const presidiumMeetingsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['presidium-meetings'];

  app.get(
    '/presidium-meetings',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'listPresidiumMeetings', summary: '主席团会议列表', querystring: MeetingQuery, response: { 200: MeetingPage } },
    },
    async (req) => listMeetingsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/presidium-meetings',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createPresidiumMeeting', summary: '新增主席团会议', body: MeetingInput, response: { 201: MeetingDetail } },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/presidium-meetings/:id',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getPresidiumMeeting', summary: '主席团会议详情（议程、纪要、决议）', params: IdParam, response: { 200: MeetingDetail } },
    },
    async (req) => getMeeting(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/presidium-meetings/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'updatePresidiumMeeting',
        summary: '修改主席团会议（含状态、会议纪要、关联活动）',
        params: IdParam,
        body: MeetingUpdate,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => updateMeeting(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    '/presidium-meetings/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deletePresidiumMeeting', summary: '删除没有决议的主席团会议', params: IdParam, response: { 200: Ok } },
    },
    async (req) => deleteMeeting(ctxOf(req, deps.db), req.params.id),
  );
  app.put(
    '/presidium-meetings/:id/agenda',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'setPresidiumAgenda', summary: '保存会议议程（整体替换，按顺序）', params: IdParam, body: AgendaInput, response: { 200: MeetingDetail } },
    },
    async (req) => setAgenda(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/presidium-meetings/:id/activity',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'createPresidiumMeetingActivity',
        summary: '为会议创建“主席团会议”活动并关联（用于邀请、请假、签到）',
        params: IdParam,
        body: CreateActivityInput,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeetingActivity(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.get(
    '/presidium-meetings/:id/minutes-file',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'downloadPresidiumMinutesFile', summary: '下载会议纪要附件', params: IdParam },
    },
    async (req, reply) => sendStoredFile(reply, deps.files, await minutesFileOf(ctxOf(req, deps.db), req.params.id)),
  );
  app.post(
    '/presidium-meetings/:id/decisions',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createPresidiumDecision', summary: '登记会议决议', params: IdParam, body: DecisionInput, response: { 201: DecisionDetail } },
    },
    async (req, reply) => reply.status(201).send(await createDecision(ctxOf(req, deps.db), req.params.id, req.body)),
  );

  app.get(
    '/presidium-decisions',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        operationId: 'listPresidiumDecisions',
        summary: '决议跟踪：各次会议的决议（可按状态、逾期、责任方筛选）',
        querystring: DecisionQuery,
        response: { 200: DecisionPage },
      },
    },
    async (req) => listDecisionsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/presidium-decisions/:id',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getPresidiumDecision', summary: '决议详情（含进展记录）', params: IdParam, response: { 200: DecisionDetail } },
    },
    async (req) => getDecision(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/presidium-decisions/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'updatePresidiumDecision',
        summary: '修改决议（内容、责任方、期限、状态：办结、取消、重新打开）',
        params: IdParam,
        body: DecisionUpdate,
        response: { 200: DecisionDetail },
      },
    },
    async (req) => updateDecision(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/presidium-decisions/:id/progress',
    {
      config: { access: { roles: FOLLOWERS } },
      schema: { tags, operationId: 'addPresidiumDecisionProgress', summary: '记录决议落实进展', params: IdParam, body: ProgressInput, response: { 201: DecisionDetail } },
    },
    async (req, reply) => reply.status(201).send(await addProgress(ctxOf(req, deps.db), req.params.id, req.body)),
  );
};
