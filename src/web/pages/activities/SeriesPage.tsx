import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, List, Modal, Skeleton, Space, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type ActivitySummary, activitiesApi } from '../../api/activities.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { Pill } from '../../components/Pill.tsx';
import { ActivityStatusTag } from './ActivityStatusTag.tsx';
import { cn, timeRange } from './activityFormat.ts';
import { SeriesEditDrawer } from './SeriesEditDrawer.tsx';

const PAGE_SIZE = 50;

/** What became of one occurrence on its own: moved to another time, or changed apart from the series. */
function Marks({ a }: { a: ActivitySummary }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <ActivityStatusTag status={a.status} />
      {a.moved && <Pill tone="warn">{t('activity.moved')}</Pill>}
      {!a.moved && a.detached && <Pill tone="info">{t('activity.detached')}</Pill>}
    </Space>
  );
}

/**
 * 周期性活动: the series (its rule and shared fields) and every occurrence, with what happened to each.
 * Editing the series rewrites only the untouched occurrences still to come; "取消后续活动" cancels every
 * planned occurrence from a chosen date on and ends the series the day before.
 */
export default function SeriesPage() {
  const { id = '' } = useParams();
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const tomorrow = cn(new Date().toISOString()).add(1, 'day').format('YYYY-MM-DD');
  const [cancelFrom, setCancelFrom] = useState<Dayjs | null>(dayjs(tomorrow));
  const s = useQuery({ queryKey: ['activity-series', id], queryFn: () => activitiesApi.getSeries(id) });
  const occ = useQuery({
    queryKey: ['activities', 'series', id, page],
    queryFn: () => activitiesApi.list({ seriesId: id, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const cancel = useMutation({
    mutationFn: (fromDate: string) => activitiesApi.cancelSeries(id, fromDate, s.data?.version ?? 0),
    onSuccess: (r) => {
      message.success(t('activityView.seriesCancelled', { n: r.cancelled }));
      setCancelling(false);
      void qc.invalidateQueries({ queryKey: ['activities'] });
      void qc.invalidateQueries({ queryKey: ['activity-series', id] });
    },
    onError: (e) => message.error((e as Error).message),
  });

  if (s.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (s.error) return <LoadError error={s.error} onRetry={() => void s.refetch()} />;
  const series = s.data;

  const columns: TableColumnsType<ActivitySummary> = [
    { key: 'seriesDate', title: t('activityView.ruleDate'), dataIndex: 'seriesDate', width: 120 },
    { key: 'time', title: t('activity.time'), render: (_, a) => <Link to={`/activities/${a.id}`}>{timeRange(a)}</Link> },
    { key: 'title', title: t('activity.title'), dataIndex: 'title' },
    { key: 'state', title: t('activity.status'), render: (_, a) => <Marks a={a} /> },
    { key: 'invited', title: t('activity.countInvited'), dataIndex: 'invitedCount', width: 80 },
  ];
  const items = occ.data?.items ?? [];
  const pagination = { current: page, pageSize: PAGE_SIZE, total: occ.data?.total ?? 0, onChange: setPage, showSizeChanger: false };

  return (
    <>
      <PageHeader
        title={`${series.title}（${series.code}）`}
        back="/activities"
        extra={
          <>
            <Button icon={<StopOutlined />} danger onClick={() => setCancelling(true)}>
              {t('activityView.cancelRest')}
            </Button>
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('activityView.editSeries')}
            </Button>
          </>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'code', label: t('activity.code'), children: series.code },
              { key: 'kind', label: t('activity.kind'), children: series.kindName },
              { key: 'organiser', label: t('activity.organiser'), children: series.organiserName },
              { key: 'rule', label: t('activity.rule'), children: series.ruleText },
              { key: 'time', label: t('activity.startTime'), children: t('activityView.timeAndDuration', { time: series.startTime, minutes: series.durationMinutes }) },
              { key: 'dates', label: t('activity.seriesDates'), children: `${series.fromDate} – ${series.untilDate}` },
              { key: 'place', label: t('activity.place'), children: series.place || '—' },
              { key: 'count', label: t('activityView.occurrences'), children: series.occurrenceCount },
            ]}
          />
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activityView.occurrences')}</h2>}>
          {occ.error ? (
            <LoadError error={occ.error} onRetry={() => void occ.refetch()} />
          ) : mobile ? (
            <List
              loading={occ.isFetching}
              dataSource={items}
              pagination={pagination}
              renderItem={(a) => (
                <List.Item style={{ display: 'block' }}>
                  <Link to={`/activities/${a.id}`}>{timeRange(a)}</Link>
                  <div style={{ margin: '4px 0' }}>{a.title}</div>
                  <Marks a={a} />
                </List.Item>
              )}
            />
          ) : (
            <DataTable<ActivitySummary>
              label={t('activityView.occurrences')}
              rowKey="id"
              size="small"
              loading={occ.isFetching}
              columns={columns}
              dataSource={items}
              pagination={pagination}
            />
          )}
        </Card>
      </Space>
      <SeriesEditDrawer series={series} open={editing} onClose={() => setEditing(false)} />
      <Modal
        open={cancelling}
        title={t('activityView.cancelRestTitle', { title: series.title })}
        onCancel={() => setCancelling(false)}
        onOk={() => cancelFrom && cancel.mutate(cancelFrom.format('YYYY-MM-DD'))}
        okText={t('activityView.cancelRestOk')}
        okButtonProps={{ danger: true, disabled: !cancelFrom }}
        cancelText={t('common.cancel')}
        confirmLoading={cancel.isPending}
        destroyOnHidden
      >
        <p>{t('activityView.cancelRestNote')}</p>
        <label htmlFor="series-cancel-from" style={{ display: 'block', marginBottom: 4 }}>
          {t('activityView.cancelFrom')}
        </label>
        <DatePicker id="series-cancel-from" value={cancelFrom} onChange={setCancelFrom} style={{ width: '100%' }} />
      </Modal>
    </>
  );
}
