import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { type SessionStats, sessionStatsApi } from '../../api/sessionStats.ts';
import { CountChart } from '../../components/charts/CountChart.tsx';
import { EChart } from '../../components/charts/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type MsgKey, useT } from '../../i18n/index.tsx';

function chinaYear(): number {
  return Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
}

function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Attendance per session as bars (present + late over the roll), with the rate on each bar. */
function AttendanceChart({ s }: { s: SessionStats }) {
  const t = useT();
  const option = useMemo(
    () => ({
      color: ['#b71c1c'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.sessions.map((x) => x.shortName), axisLabel: { color: '#333' } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: '#444' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          data: s.sessions.map((x) => (x.attendance.rate === null ? 0 : Math.round(x.attendance.rate * 1000) / 10)),
          label: { show: true, position: 'top', formatter: '{c}%', color: '#333' },
        },
      ],
    }),
    [s],
  );
  const summary = `${t('sessionStats.attendanceChart')}：${s.sessions.map((x) => t('sessionStats.attendanceSummary', { name: x.shortName, rate: pct(x.attendance.rate) })).join('，')}`;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{t('sessionStats.attendanceChart')}</figcaption>
      <EChart option={option} height={240} summary={summary} />
    </figure>
  );
}

/**
 * 人代会统计 (`/sessions/stats`, staff): the sessions closed in a year — attendance, agenda items, motions,
 * who was elected, and the suggestions raised at them.
 */
export default function SessionStatsPage() {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const thisYear = chinaYear();
  const year = Number(sp.get('year')) || thisYear;
  const q = useQuery({
    queryKey: ['sessions', 'stats', year],
    queryFn: () => sessionStatsApi.stats({ from: `${year}-01-01`, to: `${year}-12-31` }),
    placeholderData: keepPreviousData,
  });
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const toolbar = (
    <div className="page-toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
      <Select
        aria-label={t('sessionStats.year')}
        style={{ width: 140 }}
        value={year}
        onChange={(y) => setSp({ year: String(y) }, { replace: true })}
        options={years.map((y) => ({ value: y, label: t('sessionStats.yearOf', { y }) }))}
      />
      <Typography.Text type="secondary">{t('sessionStats.hint')}</Typography.Text>
    </div>
  );

  let body: ReactNode;
  if (q.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (q.data.sessions.length === 0) body = <Empty description={t('sessionStats.none')} />;
  else {
    const s = q.data;
    const figures: { key: MsgKey; value: ReactNode; hint?: string }[] = [
      { key: 'sessionStats.held', value: t('sessionStats.heldUnit', { n: s.sessions.length }) },
      {
        key: 'sessionStats.attendanceRate',
        value: pct(s.attendance.rate),
        hint: t('sessionStats.attendanceDetail', { a: s.attendance.attended, b: s.attendance.all }),
      },
      { key: 'sessionStats.motionsTotal', value: s.motions.total },
      { key: 'sessionStats.electedTotal', value: s.elected.length },
      {
        key: 'sessionStats.suggestionsTotal',
        value: s.suggestions.total,
        hint: t('sessionStats.suggestionsDetail', { m: s.suggestions.replied, k: s.suggestions.closed }),
      },
    ];
    const motionRows = Object.entries(s.motions.byStatus)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => ({ key: k, label: t(`sessionStats.motionStatus.${k}` as MsgKey), count: n }));
    body = (
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small">
            <Row gutter={[16, 16]}>
              {figures.map((f) => (
                <Col key={f.key} xs={12} md={8} xl={4}>
                  <Statistic title={t(f.key)} value={f.value as string | number} />
                  {f.hint && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.hint}
                    </Typography.Text>
                  )}
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small">
            <AttendanceChart s={s} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small">
            {motionRows.length ? (
              <CountChart title={t('sessionStats.motionsChart')} rows={motionRows} kind="pie" />
            ) : (
              <Empty description={t('sessionStats.motionsChart')} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('sessionStats.sessions')}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 720 }}
              dataSource={s.sessions}
              columns={[
                {
                  key: 'name',
                  title: t('sessionStats.col.session'),
                  render: (_, r) => (
                    <Link to={`/sessions/${r.id}`}>
                      {r.name}
                      {r.kind === 'extraordinary' ? `（${t('sessionStats.kind.extraordinary')}）` : ''}
                    </Link>
                  ),
                },
                {
                  key: 'dates',
                  title: t('sessionStats.col.dates'),
                  width: 190,
                  render: (_, r) => (r.startDate === r.endDate ? r.startDate : `${r.startDate} ~ ${r.endDate}`),
                },
                { key: 'all', title: t('sessionStats.col.all'), width: 64, render: (_, r) => r.attendance.all },
                { key: 'attended', title: t('sessionStats.col.attended'), width: 64, render: (_, r) => r.attendance.attended },
                { key: 'onLeave', title: t('sessionStats.col.onLeave'), width: 64, render: (_, r) => r.attendance.onLeave },
                { key: 'absent', title: t('sessionStats.col.absent'), width: 64, render: (_, r) => r.attendance.absent },
                { key: 'rate', title: t('sessionStats.col.rate'), width: 80, render: (_, r) => pct(r.attendance.rate) },
                { key: 'suggestions', title: t('sessionStats.col.suggestions'), width: 64, render: (_, r) => r.suggestions.total },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('sessionStats.items')}>
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={s.items}
              columns={[
                { key: 'kind', title: t('sessionStats.item.kind'), render: (_, r) => t(`sessionStats.itemKind.${r.kind}` as MsgKey) },
                { key: 'total', dataIndex: 'total', title: t('sessionStats.item.total'), width: 60 },
                { key: 'reviewed', dataIndex: 'reviewed', title: t('sessionStats.item.reviewed'), width: 68 },
                { key: 'passed', dataIndex: 'passed', title: t('sessionStats.item.passed'), width: 60 },
                { key: 'failed', dataIndex: 'failed', title: t('sessionStats.item.failed'), width: 68 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('sessionStats.elected')}>
            <Table
              rowKey={(r) => `${r.electionId}:${r.name}:${r.round}`}
              size="small"
              pagination={false}
              dataSource={s.elected}
              locale={{ emptyText: t('sessionStats.noElected') }}
              columns={[
                { key: 'post', title: t('sessionStats.col.post'), render: (_, r) => r.postName || t(`sessionStats.post.${r.post}` as MsgKey) },
                { key: 'name', dataIndex: 'name', title: t('sessionStats.col.name') },
                { key: 'session', dataIndex: 'shortName', title: t('sessionStats.col.session'), width: 96 },
                { key: 'votes', dataIndex: 'votes', title: t('sessionStats.col.votes'), width: 60 },
              ]}
            />
          </Card>
        </Col>
      </Row>
    );
  }

  return (
    <>
      <PageHeader title={t('sessionStats.title')} back="/sessions" />
      {toolbar}
      {body}
    </>
  );
}
