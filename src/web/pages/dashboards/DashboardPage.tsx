import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Skeleton, type TableColumnsType } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type TownDashboard, dashboardsApi } from '../../api/dashboards.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { ChartPanel } from './ChartPanel.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { periodOf, pctText } from './chartKit.ts';
import './dashboards.css';
import { categoriesChart, funnelChart, monthlyChart, onTimeChart, pointsChart, stationsChart } from './townCharts.ts';

type D = TownDashboard;
const right = { align: 'right' as const };

/**
 * 工作看板: a town's work at a glance for the period — suggestions from received to closed, each office's
 * on-time rate, categories, activities and attendance by month, the stations side by side, and the year's
 * grades. Every chart has its numbers in a table beside it.
 */
export default function DashboardPage() {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const { from, to } = periodOf(sp);
  const q = useQuery({ queryKey: ['dashboard', from, to], queryFn: () => dashboardsApi.town(from, to), placeholderData: keepPreviousData });
  const d = q.data;
  const charts = useMemo(
    () =>
      d && {
        funnel: funnelChart(d, t),
        onTime: onTimeChart(d, t),
        categories: categoriesChart(d, t),
        monthly: monthlyChart(d, t),
        stations: stationsChart(d, t),
        points: pointsChart(d, t),
      },
    [d, t],
  );
  const setPeriod = (f: string, to2: string) => setSp({ from: f, to: to2 }, { replace: true });

  let body: ReactNode;
  if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (!d || !charts) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else {
    const funnelCols: TableColumnsType<D['funnel'][number]> = [
      { key: 'stage', title: t('dash.stage'), render: (_, r) => t(`dash.stage.${r.stage}` as MsgKey) },
      { key: 'count', dataIndex: 'count', title: t('dash.count'), ...right },
    ];
    const unitCols: TableColumnsType<D['onTimeByUnit'][number]> = [
      { key: 'name', dataIndex: 'name', title: t('dash.unit') },
      { key: 'replied', dataIndex: 'replied', title: t('dash.replied'), ...right },
      { key: 'onTime', dataIndex: 'onTime', title: t('dash.onTimeCount'), ...right },
      { key: 'rate', title: t('dash.rate'), ...right, render: (_, r) => pctText(r.rate) },
    ];
    const catCols: TableColumnsType<D['categories'][number]> = [
      { key: 'name', dataIndex: 'name', title: t('dash.category') },
      { key: 'count', dataIndex: 'count', title: t('dash.count'), ...right },
    ];
    const monthCols: TableColumnsType<D['monthly'][number]> = [
      { key: 'month', dataIndex: 'month', title: t('dash.month') },
      { key: 'activities', dataIndex: 'activities', title: t('dash.activities'), ...right },
      { key: 'personTimes', dataIndex: 'personTimes', title: t('dash.personTimes'), ...right },
      { key: 'expected', dataIndex: 'expected', title: t('dash.expected'), ...right },
      { key: 'rate', title: t('dash.attendance'), ...right, render: (_, r) => pctText(r.attendanceRate) },
    ];
    const stationCols: TableColumnsType<D['stations'][number]> = [
      { key: 'name', dataIndex: 'name', title: t('dash.station') },
      { key: 'receptions', dataIndex: 'receptions', title: t('dash.receptions'), ...right },
      { key: 'visitors', dataIndex: 'visitors', title: t('dash.visitors'), ...right },
      { key: 'opinions', dataIndex: 'opinions', title: t('dash.opinions'), ...right },
    ];
    const gradeCols: TableColumnsType<{ label: string; count: number }> = [
      { key: 'label', dataIndex: 'label', title: t('dash.grade') },
      { key: 'count', dataIndex: 'count', title: t('dash.deputies'), ...right },
    ];
    const none = t('dash.empty');
    body = (
      <div className="dash-grid">
        <ChartPanel id="funnel" title={t('dash.funnel')} {...charts.funnel} height={260} columns={funnelCols} rows={d.funnel} rowKey="stage" />
        <ChartPanel
          id="ontime"
          title={t('dash.onTime')}
          {...charts.onTime}
          height={Math.max(200, d.onTimeByUnit.length * 40 + 60)}
          columns={unitCols}
          rows={d.onTimeByUnit}
          rowKey="unitId"
          empty={d.onTimeByUnit.length ? undefined : none}
        />
        <ChartPanel
          id="categories"
          title={t('dash.categories')}
          {...charts.categories}
          height={Math.max(200, d.categories.length * 36 + 60)}
          columns={catCols}
          rows={d.categories}
          rowKey="name"
          empty={d.categories.length ? undefined : none}
        />
        <ChartPanel id="monthly" title={t('dash.monthly')} {...charts.monthly} height={340} columns={monthCols} rows={d.monthly} rowKey="month" />
        <ChartPanel
          id="stations"
          title={t('dash.stations')}
          {...charts.stations}
          height={340}
          columns={stationCols}
          rows={d.stations}
          rowKey="stationId"
          empty={d.stations.length ? undefined : none}
        />
        <ChartPanel
          id="points"
          title={d.points ? `${t('dash.points')}（${t('dash.pointsYear', { y: d.points.year })}）` : t('dash.points')}
          {...charts.points}
          height={280}
          columns={gradeCols}
          rows={d.points?.grades ?? []}
          rowKey="label"
          empty={d.points ? undefined : t('dash.noPoints')}
        />
      </div>
    );
  }

  return (
    <>
      <PageHeader title={d ? `${d.town.name} · ${t('dash.nav')}` : t('dash.nav')} />
      <div className="dash-toolbar">
        <PeriodPicker from={from} to={to} onChange={setPeriod} />
      </div>
      {body}
    </>
  );
}
