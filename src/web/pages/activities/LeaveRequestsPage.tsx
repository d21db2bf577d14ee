import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { LEAVE_STATUSES, type LeaveItem, type LeaveStatus, activitiesApi } from '../../api/activities.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { cn } from './activityFormat.ts';
import { useT } from '../../i18n/index.tsx';
import { LeaveTag } from './ActivityStatusTag.tsx';

/** Leave requests to decide, newest first; a liaison sees only those they may decide. */
export default function LeaveRequestsPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<LeaveStatus | undefined>('requested');
  const q = useQuery({ queryKey: ['activities', 'leave', status], queryFn: () => activitiesApi.leaveRequests({ status, pageSize: 100 }) });
  const decide = useMutation({
    mutationFn: (v: { r: LeaveItem; decision: 'approved' | 'refused' }) => activitiesApi.decideLeave(v.r.activityId, v.r.deputyId, { decision: v.decision }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const columns: TableColumnsType<LeaveItem> = [
    { key: 'activity', title: t('activity.title'), render: (_, r) => <Link to={`/activities/${r.activityId}`}>{r.activityTitle}</Link> },
    { key: 'start', title: t('activity.time'), render: (_, r) => cn(r.startAt).format('YYYY-MM-DD HH:mm') },
    { key: 'deputy', title: t('activity.deputy'), render: (_, r) => r.deputyName },
    { key: 'station', title: t('deputy.station'), render: (_, r) => r.stationName ?? '—' },
    { key: 'reason', title: t('activity.leaveReason'), dataIndex: 'leaveReason' },
    { key: 'status', title: t('activity.status'), render: (_, r) => <LeaveTag status={r.leaveStatus} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) =>
        r.leaveStatus === 'requested' ? (
          <Space>
            <Button size="small" type="primary" onClick={() => decide.mutate({ r, decision: 'approved' })}>
              {t('activity.approve')}
            </Button>
            <Button size="small" danger onClick={() => decide.mutate({ r, decision: 'refused' })}>
              {t('activity.refuse')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.leaveRequests')} back="/activities" />
      <div style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('activity.status')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={LEAVE_STATUSES.map((s) => ({ value: s, label: t(`activity.leave.${s}`) }))}
        />
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<LeaveItem>
          label={t('nav.leaveRequests')}
          rowKey="invitationId"
          size="small"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
        />
      )}
    </>
  );
}
