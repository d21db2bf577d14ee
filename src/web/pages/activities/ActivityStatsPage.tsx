import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, List, Row, Select, Skeleton, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { type TrainingTopic, activitiesApi } from '../../api/activities.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useStationOptions } from '../../hooks/useLookups.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { cn, pct } from './activityFormat.ts';
import { MonthKindChart, RateChart } from './StatsCharts.tsx';

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** The period of the address bar (?from=&to=), else the current China year. */
function period(sp: URLSearchParams, thisYear: number): { from: string; to: string } {
  const from = sp.get('from');
  const to = sp.get('to');
  if (from && to && YMD.test(from) && YMD.test(to) && from <= to) return { from, to };
  return { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` };
}

/**
 * 活动统计: what the annual report needs — activities by month and kind, attendance rates by kind and by
 * station, the training topics with the person-times (人次) each drew, and the totals. Every chart has
 * its numbers in a table for screen readers. A liaison sees the activities of their own station.
 */
export default function ActivityStatsPage() {
  const t = useT();
  const me = useMe();
  const mobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const thisYear = Number(cn(new Date().toISOString()).format('YYYY'));
  const { from, to } = period(sp, thisYear);
  const isLiaison = me.user.role === 'liaison';
  const stationId = isLiaison ? undefined : (sp.get('station') ?? undefined);
  const stations = useStationOptions();
  const q = useQuery({
    queryKey: ['activities', 'stats', from, to, stationId],
    queryFn: () => activitiesApi.stats(from, to, stationId),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const wholeYear = from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31` ? Number(from.slice(0, 4)) : null;
  const toolbar = (
    <div className="page-toolbar">
      <Select
        aria-label={t('activityView.year')}
        style={{ width: 140 }}
        value={wholeYear ?? 'custom'}
        onChange={(y) => (y === 'custom' ? undefined : set({ from: `${y}-01-01`, to: `${y}-12-31` }))}
        options={[
          ...years.map((y) => ({ value: y, label: t('activityView.yearOf', { y }) })),
          { value: 'custom', label: t('activityView.customPeriod'), disabled: true },
        ]}
      />
      <DatePicker.RangePicker
        aria-label={t('activityView.period')}
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
      />
      {!isLiaison && (
        <Select
          allowClear
          aria-label={t('activityView.organisingStation')}
          placeholder={t('activityView.wholeTown')}
          style={{ width: 200 }}
          value={stationId}
          onChange={(v) => set({ station: v })}
          options={stations}
        />
      )}
    </div>
  );

  let body: ReactNode;
  if (q.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else {
    const s = q.data;
    const topicColumns: TableColumnsType<TrainingTopic> = [
      { key: 'date', title: t('activityView.date'), dataIndex: 'date', width: 120 },
      { key: 'title', title: t('activityView.topic'), render: (_, r) => <Link to={`/activities/${r.activityId}`}>{r.title}</Link> },
      { key: 'kind', title: t('activity.kind'), dataIndex: 'kindName' },
      { key: 'invited', title: t('activity.countInvited'), dataIndex: 'invited', width: 80 },
      { key: 'attended', title: t('activityView.personTimes'), dataIndex: 'attended', width: 100 },
      { key: 'rate', title: t('attendance.rate'), width: 90, render: (_, r) => pct(r.rate) },
    ];
    body =
      s.totals.activities === 0 ? (
        <Empty description={t('activityView.noStats')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card size="small">
              <Row gutter={[16, 16]}>
                <Col xs={12} md={6}>
                  <Statistic title={t('activityView.activitiesHeld')} value={s.totals.activities} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('activityView.personTimes')} value={s.totals.attended} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('attendance.rate')} value={pct(s.totals.rate)} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('activityView.trainings')} value={s.trainingTopics.length} />
                </Col>
              </Row>
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small">
              <MonthKindChart title={t('activityView.byMonthChart')} months={s.byMonth} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small">
              <RateChart
                title={t('activityView.rateByKind')}
                rows={s.byKind.map((k) => ({ label: k.kindName, activities: k.activities, invited: k.invited, attended: k.attended, rate: k.rate }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small">
              <RateChart
                title={t('activityView.rateByStation')}
                rows={s.byStation.map((x) => ({ label: x.stationName ?? t('activityView.noStation'), invited: x.invited, attended: x.attended, rate: x.rate }))}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activityView.trainingTopics')}</h2>}>
              {mobile ? (
                <List
                  dataSource={s.trainingTopics}
                  locale={{ emptyText: t('activityView.noTrainings') }}
                  renderItem={(r) => (
                    <List.Item style={{ display: 'block' }}>
                      <Link to={`/activities/${r.activityId}`}>{r.title}</Link>
                      <div>
                        {r.date} · {t('activityView.personTimes')} {r.attended} · {t('attendance.rate')} {pct(r.rate)}
                      </div>
                    </List.Item>
                  )}
                />
              ) : (
                <DataTable<TrainingTopic>
                  label={t('activityView.trainingTopics')}
                  rowKey="activityId"
                  size="small"
                  columns={topicColumns}
                  dataSource={s.trainingTopics}
                  pagination={false}
                  locale={{ emptyText: t('activityView.noTrainings') }}
                  summary={() =>
                    s.trainingTopics.length ? (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0} colSpan={3}>
                          {t('activityView.total')}
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={3}>{s.trainingTopics.reduce((n, r) => n + r.invited, 0)}</Table.Summary.Cell>
                        <Table.Summary.Cell index={4}>{s.trainingTopics.reduce((n, r) => n + r.attended, 0)}</Table.Summary.Cell>
                        <Table.Summary.Cell index={5} />
                      </Table.Summary.Row>
                    ) : null
                  }
                />
              )}
            </Card>
          </Col>
        </Row>
      );
  }

  return (
    <>
      <PageHeader title={t('activityView.stats')} back="/activities" />
      {isLiaison && <p style={{ marginTop: 0 }}>{t('activityView.liaisonScope')}</p>}
      <p style={{ marginTop: 0 }}>{t('activityView.statsNote')}</p>
      {toolbar}
      {body}
    </>
  );
}
