import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import { listAbsences } from './absences.service.ts';
import { createItem, deleteItem, itemFileOf, reorderItems, updateItem } from './agenda.service.ts';
import { getRoll, markRoll, markRollBulk, signIn, takeRoll } from './roll.service.ts';
import { rollWorkbook } from './roll.xlsx.ts';
import {
  AbsenceList,
  AbsenceQuery,
  AgendaItem,
  ItemFileParam,
  ItemInput,
  ItemList,
  ItemOrderInput,
  ItemParam,
  ItemUpdate,
  Roll,
  RollBulkInput,
  RollDeputyParam,
  RollMarkInput,
  RollMarkOut,
  SessionDetail,
  SessionInput,
  SessionPage,
  SessionQuery,
  SessionUpdate,
  VersionSeen,
} from './sessions.schemas.ts';
import { closeSession, createSession, deleteSession, getSessionUseCase, listSessionsUseCase, openSession, updateSession } from './sessions.service.ts';

/*
 * Congress sessions (人代会), their roll and agenda. Admins (town, county in its picked town) write;
 * staff and deputies read; a deputy signs themselves in; handlers have no business here.
 */
const READERS: readonly Role[] = [...STAFF, 'deputy'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const sessionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['sessions'];

  app.get(
    '/sessions',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'listSessions', summary: '人代会会议列表（最新在前）', querystring: SessionQuery, response: { 200: SessionPage } },
    },
    async (req) => listSessionsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/sessions/absences',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'listSessionAbsences',
        summary: '代表未经批准缺席会议情况（两次及以上标记，代表法第六十二条）',
        querystring: AbsenceQuery,
        response: { 200: AbsenceList },
      },
    },
    async (req) => listAbsences(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/sessions',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createSession', summary: '新增人代会会议', body: SessionInput, response: { 201: SessionDetail } },
    },
    async (req, reply) => reply.status(201).send(await createSession(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/sessions/:id',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getSession', summary: '会议详情（主席团、议程、点名统计）', params: IdParam, response: { 200: SessionDetail } },
    },
    async (req) => getSessionUseCase(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/sessions/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'updateSession',
        summary: '修改会议（闭幕后不能修改）',
        params: IdParam,
        body: SessionUpdate,
        response: { 200: SessionDetail },
      },
    },
    async (req) => updateSession(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    '/sessions/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deleteSession', summary: '删除筹备中、尚无记录的会议', params: IdParam, response: { 200: Ok } },
    },
    async (req) => deleteSession(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/sessions/:id/open',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'openSession',
        summary: '宣布开幕（须已点名且出席代表超过全体代表三分之二）',
        params: IdParam,
        body: VersionSeen,
        response: { 200: SessionDetail },
      },
    },
    async (req) => openSession(ctxOf(req, deps.db), req.params.id, req.body ?? {}),
  );
  app.post(
    '/sessions/:id/close',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'closeSession',
        summary: '宣布闭幕（未签到的代表记为缺席）',
        params: IdParam,
        body: VersionSeen,
        response: { 200: SessionDetail },
      },
    },
    async (req) => closeSession(ctxOf(req, deps.db), req.params.id, req.body ?? {}),
  );

  // ---- Roll ----
  app.post(
    '/sessions/:id/roll',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'takeSessionRoll',
        summary: '生成（或重新生成）点名表：开幕日在任的本届镇人大代表',
        params: IdParam,
        response: { 200: Roll },
      },
    },
    async (req) => takeRoll(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/sessions/:id/roll',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getSessionRoll', summary: '点名表与法定人数', params: IdParam, response: { 200: Roll } },
    },
    async (req) => getRoll(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/sessions/:id/roll.xlsx',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'exportSessionRoll', summary: '导出签到表 (Excel)：应到、实到、请假、缺席及逐人状态，留签名栏', params: IdParam },
    },
    async (req, reply) => {
      const f = await rollWorkbook(ctxOf(req, deps.db), req.params.id);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(f.fileName, { ascii: f.asciiName }))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
  app.put(
    '/sessions/:id/roll/:deputyId',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'markSessionRoll',
        summary: '标记一名代表出席、迟到、请假或缺席',
        params: RollDeputyParam,
        body: RollMarkInput,
        response: { 200: RollMarkOut },
      },
    },
    async (req) => markRoll(ctxOf(req, deps.db), req.params.id, req.params.deputyId, req.body),
  );
  app.post(
    '/sessions/:id/roll/bulk',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'markSessionRollBulk', summary: '批量标记（如全部出席）', params: IdParam, body: RollBulkInput, response: { 200: Roll } },
    },
    async (req) => markRollBulk(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/sessions/:id/sign-in',
    {
      config: { access: { roles: ['deputy'] } },
      schema: { tags, operationId: 'signInSession', summary: '代表本人签到（开幕后为迟到）', params: IdParam, response: { 200: RollMarkOut } },
    },
    async (req) => signIn(ctxOf(req, deps.db), req.params.id),
  );

  // ---- Agenda ----
  app.post(
    '/sessions/:id/items',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createSessionItem', summary: '新增议程（排在最后）', params: IdParam, body: ItemInput, response: { 201: AgendaItem } },
    },
    async (req, reply) => reply.status(201).send(await createItem(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.post(
    '/sessions/:id/items/order',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'orderSessionItems', summary: '调整议程顺序', params: IdParam, body: ItemOrderInput, response: { 200: ItemList } },
    },
    async (req) => reorderItems(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.patch(
    '/sessions/:id/items/:itemId',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'updateSessionItem',
        summary: '修改议程（标题、文件、报告已审议）',
        params: ItemParam,
        body: ItemUpdate,
        response: { 200: AgendaItem },
      },
    },
    async (req) => updateItem(ctxOf(req, deps.db), req.params.id, req.params.itemId, req.body),
  );
  app.delete(
    '/sessions/:id/items/:itemId',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deleteSessionItem', summary: '删除议程（无表决、选举、议案时）', params: ItemParam, response: { 200: Ok } },
    },
    async (req) => deleteItem(ctxOf(req, deps.db), req.params.id, req.params.itemId),
  );
  app.get(
    '/sessions/:id/items/:itemId/files/:fileId',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'downloadSessionItemFile', summary: '下载议程文件', params: ItemFileParam },
    },
    async (req, reply) => sendStoredFile(reply, deps.files, await itemFileOf(ctxOf(req, deps.db), req.params.id, req.params.itemId, req.params.fileId)),
  );
};
