import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import {
  DocumentDetail,
  DocumentInput,
  DocumentPage,
  DocumentQuery,
  DocumentUpdate,
  MinePage,
  MineQuery,
  RecipientPage,
  RecipientQuery,
  RemindInput,
  RemindResult,
  SendInput,
  SendResult,
  UnreadCallPage,
  UnreadCallsQuery,
} from './documents.schemas.ts';
import {
  createDocument,
  deleteDocument,
  documentFile,
  getDocument,
  listDocumentsUseCase,
  listMineUseCase,
  listRecipientsUseCase,
  remindUnread,
  sendDocument,
  unreadCalls,
  updateDocument,
} from './documents.service.ts';

/*
 * Who may call what. Admins write, send and remind. A liaison reads the sent documents that reached
 * deputies of their station, with those deputies' receipts, and reminds them. A deputy reads the
 * documents sent to them (each opening is a read receipt). A handler has no business here.
 * The services hold each caller to those records (404 for what they may not see).
 */
const DEPUTY: readonly Role[] = ['deputy'];
const READERS: readonly Role[] = [...STAFF, 'deputy'];

export const documentsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['documents'];

  app.get(
    '/documents',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'listDocuments', summary: '文件列表（含阅读统计）', querystring: DocumentQuery, response: { 200: DocumentPage } },
    },
    async (req) => listDocumentsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/documents/mine',
    {
      config: { access: { roles: DEPUTY } },
      schema: { tags, operationId: 'listMyDocuments', summary: '我收到的文件（未读在前，含未读数）', querystring: MineQuery, response: { 200: MinePage } },
    },
    async (req) => listMineUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/documents/unread-calls',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'listUnreadCalls',
        summary: '未读名单：按代表列出未读的文件（电话提醒用）',
        querystring: UnreadCallsQuery,
        response: { 200: UnreadCallPage },
      },
    },
    async (req) => unreadCalls(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/documents',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'createDocument', summary: '新增文件（草稿）', body: DocumentInput, response: { 201: DocumentDetail } },
    },
    async (req, reply) => reply.status(201).send(await createDocument(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/documents/:id',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'getDocument', summary: '文件详情（代表打开即记为已读）', params: IdParam, response: { 200: DocumentDetail } },
    },
    async (req) => getDocument(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/documents/:id/file',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'downloadDocumentFile', summary: '下载文件附件（代表下载即记为已读）', params: IdParam },
    },
    async (req, reply) => sendStoredFile(reply, deps.files, await documentFile(ctxOf(req, deps.db), req.params.id), { inline: true }),
  );
  app.patch(
    '/documents/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'updateDocument', summary: '修改文件（已发送的只能改类别和关联活动）', params: IdParam, body: DocumentUpdate, response: { 200: DocumentDetail } },
    },
    async (req) => updateDocument(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    '/documents/:id',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deleteDocument', summary: '删除文件草稿', params: IdParam, response: { 200: Ok } },
    },
    async (req) => deleteDocument(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/documents/:id/send',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'sendDocument', summary: '发送文件给代表（按联络站、小组、层级或逐个选择；可追加）', params: IdParam, body: SendInput, response: { 200: SendResult } },
    },
    async (req) => sendDocument(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.get(
    '/documents/:id/recipients',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'listDocumentRecipients',
        summary: '收件代表及阅读情况（联络员只看本站代表）',
        params: IdParam,
        querystring: RecipientQuery,
        response: { 200: RecipientPage },
      },
    },
    async (req) => listRecipientsUseCase(ctxOf(req, deps.db), req.params.id, req.query),
  );
  app.post(
    '/documents/:id/remind',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'remindDocumentUnread', summary: '提醒未读（催阅）：全部未读或选定代表', params: IdParam, body: RemindInput, response: { 200: RemindResult } },
    },
    async (req) => remindUnread(ctxOf(req, deps.db), req.params.id, req.body),
  );
};
