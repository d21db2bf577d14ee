import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { ROUTINGS, type ReceptionStats, receptionsApi } from '../../api/receptions.ts';
import { CountChart } from '../../components/charts/CountChart.tsx';
import { EChart } from '../../components/charts/EChart.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';

// The palette of the other charts (CountChart): congress red first, distinguishable for colour-blind readers.
const PALETTE = ['#b71c1c', '#0072b2', '#e69f00'];

/** Receptions, visitors and matters per month as grouped columns, with the numbers as a hidden table. */
function MonthChart({ title, months }: { title: string; months: ReceptionStats['byMonth'] }) {
  const t = useT();
  const multiYear = months.length > 0 && months[0].month.slice(0, 4) !== months[months.length - 1].month.slice(0, 4);
  const axis = months.map((m) => (multiYear ? m.month : `${Number(m.month.slice(5))}${t('activityView.monthSuffix')}`));
  const series = [
    { key: 'receptions', name: t('reception.stats.receptions') },
    { key: 'visitors', name: t('reception.stats.visitors') },
    { key: 'matters', name: t('reception.stats.matters') },
  ] as const;
  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: axis, axisLabel: { color: '#333' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#444' } },
      series: series.map((s) => ({ type: 'bar', name: s.name, barMaxWidth: 14, data: months.map((m) => m[s.key]) })),
    }),
    [months, axis, series],
  );
  const summary = `${title}：${months.map((m, i) => `${axis[i]} ${m.receptions}/${m.visitors}/${m.matters}`).join('，')}`;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <EChart option={option} height={280} summary={summary} />
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reception.stats.month')}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m, i) => (
              <tr key={m.month}>
                <th scope="row">{axis[i]}</th>
                {series.map((s) => (
                  <td key={s.key}>{m[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * The figures a work report quotes for the period (the list's period, else this year): receptions
 * held, visitors received, matters collected; by month, by routing, by category and by station.
 */
export function ReceptionStatsCard({ from, to, stationId }: { from?: string; to?: string; stationId?: string | null }) {
  const t = useT();
  const mobile = useIsMobile();
  // On a phone the list matters most: the charts open on request.
  const [charts, setCharts] = useState<boolean | null>(null);
  const showCharts = charts ?? !mobile;
  const params = { from, to, stationId: stationId ?? undefined };
  const q = useQuery({ queryKey: ['receptions', 'stats', params], queryFn: () => receptionsApi.stats(params) });

  let body: ReactNode;
  if (q.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (q.data.receptions === 0) body = <Empty description={t('reception.stats.none')} />;
  else {
    const s = q.data;
    const routing = ROUTINGS.map((r) => ({ label: t(`reception.routing.${r}`), count: s.byRouting[r] })).filter((r) => r.count > 0);
    const categories = s.byCategory.map((c) => ({ label: c.category, count: c.matters }));
    body = (
      <>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {(['receptions', 'visitors', 'matters'] as const).map((k) => (
            <Col key={k} xs={8} md={4}>
              <Statistic title={t(`reception.stats.${k}`)} value={s[k]} />
            </Col>
          ))}
        </Row>
        {mobile && (
          <Button size="small" onClick={() => setCharts(!showCharts)} aria-expanded={showCharts} style={{ marginBottom: showCharts ? 16 : 0 }}>
            {showCharts ? t('reception.stats.hideCharts') : t('reception.stats.showCharts')}
          </Button>
        )}
        {showCharts && (
          <Row gutter={[24, 16]}>
            <Col xs={24} lg={14}>
              <MonthChart title={t('reception.stats.byMonth')} months={s.byMonth} />
            </Col>
            {routing.length > 0 && (
              <Col xs={24} lg={10}>
                <CountChart title={t('reception.stats.byRouting')} rows={routing} kind="pie" />
              </Col>
            )}
            {categories.length > 0 && (
              <Col xs={24} lg={s.byStation.length > 1 ? 12 : 24}>
                <CountChart title={t('reception.stats.byCategory')} rows={categories} kind="bar" />
              </Col>
            )}
            {s.byStation.length > 1 && (
              <Col xs={24} lg={12}>
                <DataTable<ReceptionStats['byStation'][number]>
                  label={t('reception.stats.byStation')}
                  title={() => <strong>{t('reception.stats.byStation')}</strong>}
                  rowKey={(r) => r.station.id}
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={s.byStation}
                  columns={[
                    { key: 'station', title: t('reception.station'), render: (_, r) => r.station.name },
                    { key: 'receptions', dataIndex: 'receptions', title: t('reception.stats.receptions'), width: 90 },
                    { key: 'visitors', dataIndex: 'visitors', title: t('reception.visitorCount'), width: 90 },
                    { key: 'matters', dataIndex: 'matters', title: t('reception.matterCount'), width: 70 },
                  ]}
                />
              </Col>
            )}
          </Row>
        )}
      </>
    );
  }
  const period = q.data ? t('reception.statsPeriod', { from: q.data.from, to: q.data.to }) : '';
  return (
    <Card
      title={
        <h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {t('reception.stats')}
          {period && <span style={{ fontWeight: 400, fontSize: 14, marginInlineStart: 8 }}>{period}</span>}
        </h2>
      }
    >
      {body}
    </Card>
  );
}
