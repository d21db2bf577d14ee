import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { townOf } from '../../http/principal.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import {
  CompareOut,
  CompareQuery,
  ExportParams,
  ExportQuery,
  FreezeInput,
  FreezeOut,
  OneStepParams,
  OneStepQuery,
  ReportInput,
  ReportOut,
  ReportPage,
  ReportQuery,
  ReportUpdate,
  TemplateInput,
  TemplateList,
  TemplateOut,
  TemplateUpdate,
  VersionInput,
  VersionOut,
  VersionParams,
} from './reports.schemas.ts';
import {
  type ExportFile,
  compareVersions,
  createReport,
  exportDraft,
  exportReport,
  freezeReport,
  getReport,
  getVersion,
  listReports,
  regenerateReport,
  updateReport,
} from './reports.service.ts';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './templates.service.ts';

function sendFile(reply: FastifyReply, f: ExportFile) {
  const ext = f.fileName.slice(f.fileName.lastIndexOf('.') + 1);
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', contentDisposition(f.fileName, { ascii: `report.${ext}` }))
    .header('cache-control', 'no-store')
    .send(f.data);
}

/* Work reports (工作总结) and their templates: town admins write; staff read and export. */
export const reportsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['reports'];
  const read = { access: { roles: STAFF } };
  const write = { access: { roles: ADMINS } };

  app.get(
    '/reports',
    { config: read, schema: { tags, operationId: 'listReports', summary: '工作总结列表', querystring: ReportQuery, response: { 200: ReportPage } } },
    async (req) => listReports(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/reports',
    { config: write, schema: { tags, operationId: 'createReport', summary: '生成工作总结草稿', body: ReportInput, response: { 201: ReportOut } } },
    async (req, reply) => reply.status(201).send(await createReport(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/reports/:id',
    { config: read, schema: { tags, operationId: 'getReport', summary: '工作总结（正文、实时数据、预览）', params: IdParam, response: { 200: ReportOut } } },
    async (req) => getReport(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/reports/:id',
    {
      config: write,
      schema: { tags, operationId: 'updateReport', summary: '修改工作总结', params: IdParam, body: ReportUpdate, response: { 200: ReportOut } },
    },
    async (req) => updateReport(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.post(
    '/reports/:id/regenerate',
    {
      config: write,
      schema: { tags, operationId: 'regenerateReport', summary: '按模板重新生成', params: IdParam, body: VersionInput, response: { 200: ReportOut } },
    },
    async (req) => regenerateReport(ctxOf(req, deps.db), req.params.id, req.body.version),
  );
  app.post(
    '/reports/:id/freeze',
    {
      config: write,
      schema: { tags, operationId: 'freezeReport', summary: '定稿（保存为新版本）', params: IdParam, body: FreezeInput, response: { 201: FreezeOut } },
    },
    async (req, reply) => reply.status(201).send(await freezeReport(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.get(
    '/reports/:id/versions/:number',
    { config: read, schema: { tags, operationId: 'getReportVersion', summary: '定稿版本', params: VersionParams, response: { 200: VersionOut } } },
    async (req) => getVersion(ctxOf(req, deps.db), req.params.id, req.params.number),
  );
  app.get(
    '/reports/:id/compare',
    {
      config: read,
      schema: {
        tags,
        operationId: 'compareReportVersions',
        summary: '比较两个版本',
        params: IdParam,
        querystring: CompareQuery,
        response: { 200: CompareOut },
      },
    },
    async (req) => compareVersions(ctxOf(req, deps.db), req.params.id, req.query),
  );
  app.get(
    '/reports/:id/export.:format',
    {
      config: read,
      schema: { tags, operationId: 'exportReport', summary: '导出工作总结（Word、Markdown、JSON）', params: ExportParams, querystring: ExportQuery },
    },
    async (req, reply) => sendFile(reply, await exportReport(ctxOf(req, deps.db), req.params.id, req.params.format, req.query.version)),
  );
  app.get(
    '/facts/report.:format',
    {
      config: read,
      schema: { tags, operationId: 'exportDraftReport', summary: '按期间直接生成并导出工作总结', params: OneStepParams, querystring: OneStepQuery },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps.db);
      return sendFile(reply, await exportDraft(ctx.db, townOf(ctx), req.params.format, req.query.from, req.query.to, req.query.templateId));
    },
  );

  app.get(
    '/report-templates',
    { config: read, schema: { tags, operationId: 'listReportTemplates', summary: '报告模板（含默认模板与可用数据项）', response: { 200: TemplateList } } },
    async (req) => listTemplates(ctxOf(req, deps.db)),
  );
  app.post(
    '/report-templates',
    { config: write, schema: { tags, operationId: 'createReportTemplate', summary: '新建报告模板', body: TemplateInput, response: { 201: TemplateOut } } },
    async (req, reply) => reply.status(201).send(await createTemplate(ctxOf(req, deps.db), req.body)),
  );
  app.get(
    '/report-templates/:id',
    { config: read, schema: { tags, operationId: 'getReportTemplate', summary: '报告模板', params: IdParam, response: { 200: TemplateOut } } },
    async (req) => getTemplate(ctxOf(req, deps.db), req.params.id),
  );
  app.patch(
    '/report-templates/:id',
    {
      config: write,
      schema: { tags, operationId: 'updateReportTemplate', summary: '修改报告模板', params: IdParam, body: TemplateUpdate, response: { 200: TemplateOut } },
    },
    async (req) => updateTemplate(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.delete(
    '/report-templates/:id',
    {
      config: write,
      schema: { tags, operationId: 'deleteReportTemplate', summary: '删除报告模板', params: IdParam, body: VersionInput, response: { 200: Ok } },
    },
    async (req) => {
      await deleteTemplate(ctxOf(req, deps.db), req.params.id, req.body.version);
      return { ok: true as const };
    },
  );
};
