import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Select, Skeleton, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type CountyDashboard, dashboardsApi } from '../../api/dashboards.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { AXIS_LABEL, BASE, OKABE_ITO, pctText, periodOf } from './chartKit.ts';
import './dashboards.css';

type Town = CountyDashboard['towns'][number];
const DEFAULT_FIGURES = ['suggestions.total', 'activities.held', 'receptions.held'];

/**
 * 全县看板 (county_admin): the county's towns compared on the same figures — a table sortable by each
 * figure and grouped bars of the figures chosen — and the county report from the towns' facts summed.
 */
export default function CountyDashboardPage() {
  const t = useT();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const { from, to } = periodOf(sp);
  const [figures, setFigures] = useState<string[]>(DEFAULT_FIGURES);
  const [busy, setBusy] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['county-dashboard', from, to], queryFn: () => dashboardsApi.county(from, to), placeholderData: keepPreviousData });
  const d = q.data;
  const columns = useMemo<TableColumnsType<Town>>(() => {
    const shown = (k: { key: string; kind: string }, v: number | null | undefined) =>
      k.kind === 'rate' ? pctText(v) : v === null || v === undefined ? t('dash.none') : String(v);
    return d
      ? [
          { key: 'name', dataIndex: 'name', title: t('dash.town'), className: 'dash-nowrap', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          ...d.keys.map((k) => ({
            key: k.key,
            title: k.label,
            align: 'right' as const,
            sorter: (a: Town, b: Town) => (a.facts[k.key] ?? -1) - (b.facts[k.key] ?? -1),
            sortDirections: ['descend' as const, 'ascend' as const],
            render: (_: unknown, r: Town) => shown(k, r.facts[k.key]),
          })),
        ]
      : [];
  }, [d, t]);
  const counts = d?.keys.filter((k) => k.kind === 'count') ?? [];
  const chosen = counts.filter((k) => figures.includes(k.key));
  const option = useMemo(
    () =>
      d && {
        ...BASE,
        tooltip: { ...BASE.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { ...BASE.legend, type: 'scroll' },
        grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: d.towns.map((x) => x.name), axisLabel: { ...AXIS_LABEL, interval: 0, rotate: d.towns.length > 8 ? 40 : 0 } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
        series: chosen.map((k, i) => ({
          type: 'bar',
          name: k.label,
          data: d.towns.map((x) => x.facts[k.key] ?? 0),
          itemStyle: { color: OKABE_ITO[i % OKABE_ITO.length] },
          barMaxWidth: 26,
        })),
      },
    [d, chosen],
  );
  const summary = d
    ? `${t('dash.towns')}：${d.towns.map((x) => `${x.name}：${chosen.map((k) => `${k.label} ${x.facts[k.key] ?? 0}`).join('，')}`).join('；')}`
    : '';

  const get = async (format: 'docx' | 'md' | 'json') => {
    setBusy(format);
    try {
      await dashboardsApi.countyReport(format, from, to);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  let body: ReactNode;
  if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (!d || !option) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else
    body = (
      <div className="dash-grid">
        <Card
          data-testid="dash-county-chart"
          title={
            <h2 id="dash-county-chart" className="dash-title">
              {t('dash.towns')}
            </h2>
          }
        >
          <div className="dash-toolbar">
            <Select
              mode="multiple"
              aria-label={t('dash.figure')}
              size="large"
              style={{ minWidth: 280, maxWidth: '100%' }}
              value={figures}
              onChange={setFigures}
              options={counts.map((k) => ({ value: k.key, label: k.label }))}
              maxTagCount="responsive"
            />
          </div>
          <EChart option={option} height={Math.max(320, 360)} summary={summary} />
        </Card>
        <Card
          data-testid="dash-county-table"
          title={
            <h2 id="dash-county-table" className="dash-title">
              {t('dash.figure')}
            </h2>
          }
        >
          {/* Wider than a phone: the region scrolls sideways, and takes focus so a keyboard can scroll it. */}
          <div className="dash-scroll" tabIndex={0} role="region" aria-labelledby="dash-county-table">
            <Table<Town>
              className="dash-table"
              size="small"
              rowKey="townId"
              columns={columns}
              dataSource={d.towns}
              pagination={false}
              style={{ minWidth: 80 + d.keys.length * 84 }}
            />
          </div>
        </Card>
      </div>
    );

  return (
    <>
      <PageHeader title={d ? `${d.county.name} · ${t('dash.navCounty')}` : t('dash.navCounty')} />
      <div className="dash-toolbar">
        <PeriodPicker from={from} to={to} onChange={(f, t2) => setSp({ from: f, to: t2 }, { replace: true })} />
      </div>
      <Card className="dash-report" style={{ marginBottom: 16 }}>
        <div className="dash-toolbar" style={{ marginBottom: 0 }}>
          <strong style={{ fontSize: 16 }}>{t('dash.report')}</strong>
          {(
            [
              ['docx', 'dash.word'],
              ['md', 'dash.markdown'],
              ['json', 'dash.json'],
            ] as const
          ).map(([f, label]) => (
            <Button key={f} size="large" icon={<DownloadOutlined />} loading={busy === f} onClick={() => void get(f)}>
              {t(label)}
            </Button>
          ))}
        </div>
        <p className="dash-hint">{t('dash.reportHint')}</p>
      </Card>
      {body}
    </>
  );
}
