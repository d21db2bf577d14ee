import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, type Ctx, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import {
  ActivitiesInput,
  ClaimInput,
  GradeInput,
  MembersInput,
  MineQuery,
  MinePage,
  ReportInput,
  ReturnInput,
  StatsOut,
  StatsQuery,
  SuggestedMembers,
  TopicDetail,
  TopicInput,
  TopicPage,
  TopicQuery,
  TopicUpdate,
  VersionInput,
} from './research.schemas.ts';
import {
  claimTopic,
  createTopic,
  getTopic,
  gradeTopic,
  listMine,
  listTopicsUseCase,
  releaseTopic,
  reopenTopic,
  reportFileRow,
  returnReport,
  setActivities,
  setMembers,
  submitReport,
  suggestedMembers,
  updateTopic,
  withdrawTopic,
} from './research.service.ts';
import { researchStatsUseCase } from './research.stats.ts';

/*
 * Who may call what. Admins publish, edit, return, grade, withdraw. Claiming, members, the report and
 * linked activities are open to the staff roles; the service then holds a liaison to their own
 * station's topics (403 for another's). A deputy reads the topics they take part in. A handler has no
 * business here.
 */
const DEPUTY: readonly Role[] = ['deputy'];
const STAFF_AND_DEPUTY: readonly Role[] = [...STAFF, 'deputy'];

export const researchRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['research'];
  const base = '/research-topics';

  app.get(
    base,
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listResearchTopics', summary: '调研课题列表', querystring: TopicQuery, response: { 200: TopicPage } },
    },
    async (req) => listTopicsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    `${base}/stats`,
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'researchStats', summary: '调研课题统计（认领、完成、等次、逾期）', querystring: StatsQuery, response: { 200: StatsOut } },
    },
    async (req) => researchStatsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    `${base}/mine`,
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'listMyResearchTopics', summary: '我参与的调研课题', querystring: MineQuery, response: { 200: MinePage } },
    },
    async (req) => listMine(ctxOf(req, deps.db), req.query),
  );
  app.get(
    `${base}/:id`,
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: { tags, operationId: 'getResearchTopic', summary: '调研课题详情', params: IdParam, response: { 200: TopicDetail } },
    },
    async (req) => getTopic(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    `${base}/:id/report`,
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: { tags, operationId: 'downloadResearchReport', summary: '下载调研报告', params: IdParam },
    },
    async (req, reply) => sendStoredFile(reply, deps.files, await reportFileRow(ctxOf(req, deps.db), req.params.id)),
  );
  app.get(
    `${base}/:id/suggested-members`,
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'suggestResearchMembers', summary: '推荐参与代表（认领方的代表或小组成员）', params: IdParam, response: { 200: SuggestedMembers } },
    },
    async (req) => suggestedMembers(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    base,
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createResearchTopic', summary: '发布调研课题', body: TopicInput, response: { 201: TopicDetail } },
    },
    async (req, reply) => reply.status(201).send(await createTopic(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    `${base}/:id`,
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateResearchTopic', summary: '修改调研课题', params: IdParam, body: TopicUpdate, response: { 200: TopicDetail } },
    },
    async (req) => updateTopic(ctxOf(req, deps.db), req.params.id, req.body),
  );

  /** The status changes: each a POST naming the topic, with a body that carries the version the caller saw. */
  const action = <B extends z.ZodType>(
    path: string,
    roles: readonly Role[],
    operationId: string,
    summary: string,
    body: B,
    run: (ctx: Ctx, id: string, input: z.infer<B>) => ReturnType<typeof getTopic>,
  ) =>
    app.post(
      `${base}/:id/${path}`,
      { config: { access: { roles } }, schema: { tags, operationId, summary, params: IdParam, body, response: { 200: TopicDetail } } },
      async (req) => run(ctxOf(req, deps.db), req.params.id, req.body as z.infer<B>),
    );
  action('claim', STAFF, 'claimResearchTopic', '认领调研课题（联络员只能为本联络站认领）', ClaimInput, claimTopic);
  action('release', STAFF, 'releaseResearchTopic', '放弃认领（提交报告前）', VersionInput, releaseTopic);
  action('report', STAFF, 'submitResearchReport', '提交调研报告（先上传文件 ?use=document）', ReportInput, submitReport);
  action('return', ADMINS, 'returnResearchReport', '退回调研报告修改', ReturnInput, returnReport);
  action('grade', ADMINS, 'gradeResearchTopic', '评定等次（优秀/良好/合格/不合格）', GradeInput, gradeTopic);
  action('withdraw', ADMINS, 'withdrawResearchTopic', '撤销调研课题', VersionInput, withdrawTopic);
  action('reopen', ADMINS, 'reopenResearchTopic', '重新发布已撤销的课题', VersionInput, reopenTopic);

  app.put(
    `${base}/:id/members`,
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'setResearchMembers', summary: '设置参与代表（牵头、参与）', params: IdParam, body: MembersInput, response: { 200: TopicDetail } },
    },
    async (req) => setMembers(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.put(
    `${base}/:id/activities`,
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'setResearchActivities', summary: '关联调研活动', params: IdParam, body: ActivitiesInput, response: { 200: TopicDetail } },
    },
    async (req) => setActivities(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
