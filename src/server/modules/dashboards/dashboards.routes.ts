import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { countyDashboard, countyReport } from './county.service.ts';
import { CountyDashboard, CountyReportParams, DashboardQuery, TownDashboard } from './dashboards.schemas.ts';
import { townDashboard } from './dashboards.service.ts';

/* Dashboards (docs/dashboards.md): a town's charts for staff; the county's comparison and report for county_admin. */
export const dashboardsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['reports'];
  const county = { access: { roles: ['county_admin'] as const } };

  app.get(
    '/dashboard',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'getTownDashboard', summary: '乡镇工作看板（图表数据）', querystring: DashboardQuery, response: { 200: TownDashboard } },
    },
    async (req) => townDashboard(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/county/dashboard',
    {
      config: county,
      schema: { tags, operationId: 'getCountyDashboard', summary: '全县各乡镇对比', querystring: DashboardQuery, response: { 200: CountyDashboard } },
    },
    async (req) => countyDashboard(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/county/report.:format',
    {
      config: county,
      schema: { tags, operationId: 'exportCountyReport', summary: '导出全县各乡镇人大工作总结', params: CountyReportParams, querystring: DashboardQuery },
    },
    async (req, reply) => {
      const f = await countyReport(ctxOf(req, deps.db), req.params.format, req.query);
      const ext = f.fileName.slice(f.fileName.lastIndexOf('.') + 1);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.fileName, { ascii: `report.${ext}` }))
        .header('cache-control', 'no-store')
        .send(f.data);
    },
  );
};
