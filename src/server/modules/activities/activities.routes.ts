import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok, PageQuery } from '../../http/schemas.ts';
import {
  ActivityDetail,
  ActivityInput,
  ActivityKindInput,
  ActivityKindOrder,
  ActivityKindOut,
  ActivityKindPage,
  ActivityKindQuery,
  ActivityKindUpdate,
  ActivityPage,
  ActivityQuery,
  ActivityUpdate,
  AttendanceInput,
  AttendanceResult,
  InvitationOut,
  InvitationPage,
  InvitationParams,
  InviteResult,
  InviteSelector,
  LeaveDecisionInput,
  LeavePage,
  LeaveQuery,
  LeaveRequestInput,
  MineQuery,
  MinePage,
  MyInvitation,
  SeriesCancelInput,
  SeriesCancelOut,
  SeriesInput,
  SeriesOut,
  SeriesUpdate,
  SignInInput,
  SignInOut,
  StatsOut,
  StatsQuery,
} from './activities.schemas.ts';
import { createActivity, getActivity, listActivitiesUseCase, listMine, updateActivity } from './activities.service.ts';
import { setAttendance, signIn } from './attendance.service.ts';
import {
  acceptInvitation,
  decideLeave,
  inviteDeputies,
  listInvitationsUseCase,
  listLeaveUseCase,
  requestLeave,
  uninviteDeputy,
  withdrawLeave,
} from './invitations.service.ts';
import { createKind, listKindsUseCase, reorderKinds, updateKind } from './kinds.service.ts';
import { cancelSeriesFrom, createSeries, getSeries, updateSeries } from './series.service.ts';
import { stats } from './stats.service.ts';

/*
 * Who may call what. Staff routes are open to the three staff roles; the services then hold a liaison
 * to the activities of their own station (403 for another station's). Deputy routes act on the caller's
 * own invitation only. A handler has no business here.
 */
const DEPUTY: readonly Role[] = ['deputy'];
const STAFF_AND_DEPUTY: readonly Role[] = [...STAFF, 'deputy'];

export const activitiesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['activities'];

  // ---- Kinds ----
  app.get(
    '/activity-kinds',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listActivityKinds', summary: '活动类型列表', querystring: ActivityKindQuery, response: { 200: ActivityKindPage } },
    },
    async (req) => listKindsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/activity-kinds',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createActivityKind', summary: '新增活动类型', body: ActivityKindInput, response: { 201: ActivityKindOut } },
    },
    async (req, reply) => reply.status(201).send(await createKind(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/activity-kinds/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateActivityKind', summary: '修改活动类型', params: IdParam, body: ActivityKindUpdate, response: { 200: ActivityKindOut } },
    },
    async (req) => updateKind(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/activity-kinds/reorder',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'reorderActivityKinds', summary: '调整活动类型顺序', body: ActivityKindOrder, response: { 200: ActivityKindPage } },
    },
    async (req) => reorderKinds(ctxOf(req, deps.db), req.body),
  );

  // ---- Activities ----
  app.get(
    '/activities',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listActivities', summary: '活动列表（日历）', querystring: ActivityQuery, response: { 200: ActivityPage } },
    },
    async (req) => listActivitiesUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/activities/mine',
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'listMyActivities', summary: '我受邀的活动', querystring: MineQuery, response: { 200: MinePage } },
    },
    async (req) => listMine(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/activities/stats',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'activityStats', summary: '出勤统计', querystring: StatsQuery, response: { 200: StatsOut } },
    },
    async (req) => stats(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/activities/leave-requests',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listLeaveRequests', summary: '请假申请', querystring: LeaveQuery, response: { 200: LeavePage } },
    },
    async (req) => listLeaveUseCase(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/activities/sign-in',
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'signInToActivity', summary: '代表签到', body: SignInInput, response: { 200: SignInOut } },
    },
    async (req) => signIn(ctxOf(req, deps.db), req.body),
  );
  app.get(
    '/activities/:id',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: { tags, operationId: 'getActivity', summary: '活动详情', params: IdParam, response: { 200: ActivityDetail } },
    },
    async (req) => getActivity(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/activities',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'createActivity', summary: '新增活动', body: ActivityInput, response: { 201: ActivityDetail } },
    },
    async (req, reply) => reply.status(201).send(await createActivity(ctxOf(req, deps.db), req.body)),
  );
  app.patch(
    '/activities/:id',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'updateActivity', summary: '修改、调整、取消活动', params: IdParam, body: ActivityUpdate, response: { 200: ActivityDetail } },
    },
    async (req) => updateActivity(ctxOf(req, deps.db), req.params.id, req.body),
  );

  // ---- Invitations and leave ----
  app.get(
    '/activities/:id/invitations',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listActivityInvitations', summary: '受邀代表与出勤', params: IdParam, querystring: PageQuery, response: { 200: InvitationPage } },
    },
    async (req) => listInvitationsUseCase(ctxOf(req, deps.db), req.params.id, req.query),
  );
  app.post(
    '/activities/:id/invitations',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'inviteDeputies', summary: '邀请代表', params: IdParam, body: InviteSelector, response: { 200: InviteResult } },
    },
    async (req) => inviteDeputies(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    '/activities/:id/invitations/:deputyId',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'uninviteDeputy', summary: '取消邀请', params: InvitationParams, response: { 200: Ok } },
    },
    async (req) => uninviteDeputy(ctxOf(req, deps.db), req.params.id, req.params.deputyId),
  );
  app.post(
    '/activities/:id/invitations/:deputyId/leave-decision',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'decideLeave', summary: '审批请假', params: InvitationParams, body: LeaveDecisionInput, response: { 200: InvitationOut } },
    },
    async (req) => decideLeave(ctxOf(req, deps.db), req.params.id, req.params.deputyId, req.body),
  );
  app.post(
    '/activities/:id/accept',
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'acceptInvitation', summary: '确认参加', params: IdParam, response: { 200: MyInvitation } },
    },
    async (req) => acceptInvitation(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/activities/:id/leave',
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'requestLeave', summary: '请假', params: IdParam, body: LeaveRequestInput, response: { 200: MyInvitation } },
    },
    async (req) => requestLeave(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/activities/:id/leave/withdraw',
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'withdrawLeave', summary: '撤回请假', params: IdParam, response: { 200: MyInvitation } },
    },
    async (req) => withdrawLeave(ctxOf(req, deps.db), req.params.id),
  );

  // ---- Attendance ----
  app.put(
    '/activities/:id/attendance',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'setAttendance', summary: '登记出勤（签到表）', params: IdParam, body: AttendanceInput, response: { 200: AttendanceResult } },
    },
    async (req) => setAttendance(ctxOf(req, deps.db), req.params.id, req.body),
  );

  // ---- Recurring series ----
  app.post(
    '/activity-series',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'createActivitySeries', summary: '新增周期性活动', body: SeriesInput, response: { 201: SeriesOut } },
    },
    async (req, reply) => reply.status(201).send(await createSeries(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/activity-series/:id',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'getActivitySeries', summary: '周期性活动详情', params: IdParam, response: { 200: SeriesOut } },
    },
    async (req) => getSeries(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/activity-series/:id',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'updateActivitySeries', summary: '修改周期性活动（重新生成未来的场次）', params: IdParam, body: SeriesUpdate, response: { 200: SeriesOut } },
    },
    async (req) => updateSeries(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/activity-series/:id/cancel',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'cancelActivitySeries', summary: '取消周期性活动（自某日起的未来场次）', params: IdParam, body: SeriesCancelInput, response: { 200: SeriesCancelOut } },
    },
    async (req) => cancelSeriesFrom(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
