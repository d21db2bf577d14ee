import { contentDisposition } from '../../http/content-disposition.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF, townOf } from '../../http/principal.ts';
import { ResultCache } from '../../lib/result-cache.ts';
import { countyDashboard, countyReport } from './county.service.ts';
import { CountyDashboard, CountyReportParams, DashboardQuery, TownDashboard } from './dashboards.schemas.ts';
import { townDashboard } from './dashboards.service.ts';

/** How long a town dashboard is reused when nothing was written through this process (docs/dashboards.md). */
export const DASHBOARD_TTL_MS = 30_000;

/* Dashboards (docs/dashboards.md): a town's charts for staff; the county's comparison and report for county_admin. */
export const dashboardsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['reports'];
  const county = { access: { roles: ['county_admin'] as const } };
  // One computation per town and period at a time, reused for 30 s or until a write (lib/result-cache.ts).
  const towns = new ResultCache<Awaited<ReturnType<typeof townDashboard>>>(deps.writes, DASHBOARD_TTL_MS);

  app.get(
    '/dashboard',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'getTownDashboard', summary: '乡镇工作看板（图表数据）', querystring: DashboardQuery, response: { 200: TownDashboard } },
    },
    async (req) => {
      const ctx = ctxOf(req, deps.db);
      const key = `${townOf(ctx)}|${req.query.from ?? ''}|${req.query.to ?? ''}`;
      return towns.get(key, () => townDashboard(ctx, req.query));
    },
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
