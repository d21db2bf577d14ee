import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { readUpload } from '../../http/upload.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES, STAFF, townOf } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { todayInChina } from '../../lib/time.ts';
import { buildExportWorkbook, buildTemplateWorkbook, exportRow, workbookBuffer } from './deputies.excel.ts';
import { MAX_IMPORT_BYTES, getImportJob, startDeputyImport } from './deputies.import.ts';
import { loadImportRefs } from './deputies.repo.ts';
import {
  Deputy,
  DeputyFilter,
  DeputyInput,
  DeputyPage,
  DeputyQuery,
  DeputyStats,
  DeputyUpdate,
  IdNumberOut,
  ImportJobOut,
  JobAccepted,
  JobIdParam,
  StatsQuery,
  StatusInput,
} from './deputies.schemas.ts';
import {
  MAX_PHOTO_BYTES,
  changeStatus,
  createDeputy,
  deputyStats,
  getDeputy,
  getPhoto,
  listAllDeputies,
  listDeputiesUseCase,
  revealIdNumber,
  setPhoto,
  updateDeputy,
  viewerOf,
  visiblePersonal,
} from './deputies.service.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, fileName: string, bytes: Buffer) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', contentDisposition(fileName, { ascii: 'deputies.xlsx' }))
    .header('cache-control', 'no-store')
    .send(bytes);
}

export const deputiesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['deputies'];

  app.get(
    '/deputies',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'listDeputies', summary: '代表名册', querystring: DeputyQuery, response: { 200: DeputyPage } } },
    async (req) => listDeputiesUseCase(ctxOf(req, deps.db), req.query),
  );

  app.get(
    '/deputies/stats',
    { config: { access: { roles: STAFF } }, schema: { tags, operationId: 'deputyStats', summary: '代表结构统计（在任代表）', querystring: StatsQuery, response: { 200: DeputyStats } } },
    async (req) => deputyStats(ctxOf(req, deps.db), req.query.termId),
  );

  app.get(
    '/deputies/export.xlsx',
    { config: { access: { roles: STAFF } }, schema: { tags, operationId: 'exportDeputies', summary: '导出代表名册 (Excel)', querystring: DeputyFilter } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps.db);
      const rows = await listAllDeputies(ctx, req.query);
      const viewer = viewerOf(ctx);
      const wb = buildExportWorkbook(
        rows.map((r) => exportRow({ ...r, ...visiblePersonal(r, viewer) })),
      );
      return sendXlsx(reply, `代表名册-${todayInChina().replaceAll('-', '')}.xlsx`, await workbookBuffer(wb));
    },
  );

  app.get(
    '/deputies/import-template.xlsx',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'deputyImportTemplate', summary: '代表名册导入模板 (Excel)' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps.db);
      const refs = await loadImportRefs(ctx.db, townOf(ctx));
      const wb = buildTemplateWorkbook({
        termNumbers: refs.terms.map((t) => t.number),
        stationNames: refs.stations.map((s) => s.name),
        constituencyNames: refs.constituencies.map((c) => c.name),
      });
      return sendXlsx(reply, '代表名册导入模板.xlsx', await workbookBuffer(wb));
    },
  );

  app.post(
    '/deputies/import',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'importDeputies', summary: '导入代表名册 (Excel, multipart 字段 file)', consumes: ['multipart/form-data'], response: { 202: JobAccepted } },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps.db);
      const file = await readUpload(req, MAX_IMPORT_BYTES, '文件不能超过 10 MB');
      return reply.status(202).send(await startDeputyImport(ctx, file, req.log));
    },
  );

  app.get(
    '/imports/:jobId',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'getImportJob', summary: '导入任务进度与结果', params: JobIdParam, response: { 200: ImportJobOut } } },
    async (req) => getImportJob(ctxOf(req, deps.db), req.params.jobId),
  );

  app.get(
    '/deputies/:id',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'getDeputy', params: IdParam, response: { 200: Deputy } } },
    async (req) => getDeputy(ctxOf(req, deps.db), req.params.id),
  );

  app.post(
    '/deputies',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'createDeputy', summary: '新增代表', body: DeputyInput, response: { 201: Deputy } } },
    async (req, reply) => reply.status(201).send(await createDeputy(ctxOf(req, deps.db), req.body)),
  );

  app.patch(
    '/deputies/:id',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'updateDeputy', summary: '修改代表', params: IdParam, body: DeputyUpdate, response: { 200: Deputy } } },
    async (req) => updateDeputy(ctxOf(req, deps.db), req.params.id, req.body),
  );

  app.post(
    '/deputies/:id/status',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'changeDeputyStatus', summary: '代表状态变更（辞职、罢免、终止、调离、恢复在任）', params: IdParam, body: StatusInput, response: { 200: Deputy } },
    },
    async (req) => changeStatus(ctxOf(req, deps.db), req.params.id, req.body),
  );

  app.put(
    '/deputies/:id/photo',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'setDeputyPhoto', summary: '上传代表照片 (JPEG/PNG ≤ 2 MB, multipart 字段 file)', consumes: ['multipart/form-data'], params: IdParam, response: { 200: Deputy } },
    },
    async (req) => {
      const ctx = ctxOf(req, deps.db);
      const file = await readUpload(req, MAX_PHOTO_BYTES, '照片不能超过 2 MB');
      return setPhoto(ctx, req.params.id, file.bytes);
    },
  );

  app.get(
    '/deputies/:id/photo',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags, operationId: 'getDeputyPhoto', summary: '代表照片', params: IdParam } },
    async (req, reply) => {
      const { mime, bytes } = await getPhoto(ctxOf(req, deps.db), req.params.id);
      return reply.header('content-type', mime).header('cache-control', 'private, no-cache').send(bytes);
    },
  );

  app.get(
    '/deputies/:id/id-number',
    { config: { access: { roles: ADMINS } }, schema: { tags, operationId: 'revealDeputyIdNumber', summary: '查看完整身份证号（记入审计日志）', params: IdParam, response: { 200: IdNumberOut } } },
    async (req, reply) => {
      const res = await revealIdNumber(ctxOf(req, deps.db), req.params.id);
      return reply.header('cache-control', 'no-store').send(res);
    },
  );
};
