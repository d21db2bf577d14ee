import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Statistic } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type ActivityDetail, type ActivityStatus, activitiesApi } from '../../api/activities.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ActivityEditDrawer } from './ActivityEditDrawer.tsx';
import { ActivityStatusTag } from './ActivityStatusTag.tsx';
import { cn, pct, timeRange } from './activityFormat.ts';
import { InvitationTable } from './InvitationTable.tsx';
import { InvitePanel } from './InvitePanel.tsx';
import { SignInQr } from './SignInQr.tsx';
import { ActivityFilesPanel } from './ActivityFilesPanel.tsx';
import { ActivityOutcomesPanel } from './ActivityOutcomesPanel.tsx';
import { ActivityDocumentsPanel } from '../documents/ActivityDocumentsPanel.tsx';
import { FindingsPanel } from '../findings/FindingsPanel.tsx';
import { ActivityAchievementsPanel } from '../achievements/ActivityAchievementsPanel.tsx';

/** The code in big digits for the room's screen; screen readers get it as one labelled text. */
function SignInCode({ a }: { a: ActivityDetail }) {
  const t = useT();
  if (!a.signInCode) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activity.signInCode')}</h2>}>
      <p className="visually-hidden">{t('activity.signInCodeIs', { code: a.signInCode.split('').join(' ') })}</p>
      <div
        aria-hidden="true"
        data-testid="sign-in-code"
        style={{ fontSize: 56, fontWeight: 700, letterSpacing: '0.25em', fontFamily: 'monospace', textAlign: 'center' }}
      >
        {a.signInCode}
      </div>
      <p style={{ textAlign: 'center', margin: 0 }}>
        {t('activity.signInWindow', { from: cn(a.signInOpensAt).format('MM-DD HH:mm'), to: cn(a.endAt).format('MM-DD HH:mm') })}
      </p>
      <SignInQr a={a} />
    </Card>
  );
}

function Counts({ a }: { a: ActivityDetail }) {
  const t = useT();
  const c = a.counts;
  const f = c.final;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('attendance.summary')}</h2>}>
      <Space wrap size={32}>
        <Statistic title={t('activity.countInvited')} value={c.invited} />
        <Statistic title={t('activity.countAccepted')} value={c.accepted} />
        <Statistic title={t('activity.countLeavePending')} value={c.leavePending} />
        <Statistic title={t('activity.countLeaveApproved')} value={c.leaveApproved} />
        <Statistic title={t('activity.countSignedIn')} value={c.signedIn} />
        {f && (
          <>
            <Statistic title={t('attendance.present')} value={f.present} />
            <Statistic title={t('attendance.late')} value={f.late} />
            <Statistic title={t('attendance.on_leave')} value={f.onLeave} />
            <Statistic title={t('attendance.absent')} value={f.absent} />
            <Statistic title={t('attendance.rate')} value={pct(f.rate)} />
          </>
        )}
      </Space>
    </Card>
  );
}

export default function ActivityDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['activities', 'one', id], queryFn: () => activitiesApi.get(id) });
  const setStatus = useMutation({
    mutationFn: (status: ActivityStatus) => activitiesApi.update(id, { status, version: q.data?.version ?? 0 }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
    onError: (e) => message.error((e as Error).message),
  });

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const started = dayjs().isAfter(cn(a.startAt));

  const actions = (
    <>
      {a.status === 'planned' && started && (
        <Button onClick={() => setStatus.mutate('held')} loading={setStatus.isPending}>
          {t('activity.markHeld')}
        </Button>
      )}
      {a.status === 'planned' && (
        <Popconfirm
          title={t('activity.cancelConfirm')}
          onConfirm={() => setStatus.mutate('cancelled')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
        >
          <Button danger>{t('activity.cancelActivity')}</Button>
        </Popconfirm>
      )}
      {a.status !== 'planned' && <Button onClick={() => setStatus.mutate('planned')}>{t('activity.restore')}</Button>}
      <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('common.edit')}
      </Button>
    </>
  );

  return (
    <>
      <PageHeader title={a.title} back="/activities" extra={actions} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'code', label: t('activity.code'), children: a.code },
              { key: 'status', label: t('activity.status'), children: <ActivityStatusTag status={a.status} /> },
              { key: 'kind', label: t('activity.kind'), children: a.kindName },
              { key: 'organiser', label: t('activity.organiser'), children: a.organiserName || t('activity.organiser.town') },
              { key: 'time', label: t('activity.time'), children: timeRange(a) },
              { key: 'place', label: t('activity.place'), children: a.place || '—' },
              ...(a.seriesId
                ? [
                    {
                      key: 'series',
                      label: t('activity.series'),
                      children: (
                        <>
                          {[a.seriesDate, a.moved ? t('activity.moved') : a.detached ? t('activity.detached') : ''].filter(Boolean).join(' · ')}{' '}
                          <Link to={`/activities/series/${a.seriesId}`}>{t('activityView.openSeries')}</Link>
                        </>
                      ),
                    },
                  ]
                : []),
              { key: 'content', label: t('activity.content'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.content || '—'}</span>, span: 'filled' },
            ]}
          />
        </Card>
        {a.status !== 'cancelled' && dayjs().isBefore(cn(a.endAt)) && <SignInCode a={a} />}
        <Counts a={a} />
        {a.status !== 'cancelled' && <InvitePanel activityId={a.id} defaultStationId={a.organiserType === 'station' ? a.organiserId : null} />}
        <InvitationTable activity={a} />
        <ActivityOutcomesPanel activity={a} />
        <FindingsPanel activityId={a.id} countsAs={a.countsAs} />
        <ActivityAchievementsPanel activityId={a.id} />
        <ActivityFilesPanel activityId={a.id} />
        <ActivityDocumentsPanel activityId={a.id} />
      </Space>
      <ActivityEditDrawer activity={a} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
