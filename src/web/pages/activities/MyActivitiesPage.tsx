import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Modal, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { activitiesApi, type MineItem } from '../../api/activities.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { Pill } from '../../components/Pill.tsx';
import { ActivityStatusTag, AttendanceTag, LeaveTag } from './ActivityStatusTag.tsx';
import { SignInCard } from './SignInCard.tsx';
import { cn, timeRange } from './activityFormat.ts';

/** 我的活动: a deputy's invitations on the phone — accept, ask for leave, withdraw it, sign in. */
export default function MyActivitiesPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const from = dayjs().subtract(7, 'day').format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['activities', 'mine', from], queryFn: () => activitiesApi.mine({ from, pageSize: 100 }) });
  const [leaveFor, setLeaveFor] = useState<MineItem | null>(null);
  const [reason, setReason] = useState('');
  const done = (msg: string) => () => {
    message.success(msg);
    void qc.invalidateQueries({ queryKey: ['activities'] });
  };
  const fail = (e: Error) => message.error(e.message);
  const accept = useMutation({ mutationFn: (id: string) => activitiesApi.accept(id), onSuccess: done(t('activity.acceptedMsg')), onError: fail });
  const withdraw = useMutation({ mutationFn: (id: string) => activitiesApi.withdrawLeave(id), onSuccess: done(t('activity.withdrawnMsg')), onError: fail });
  const askLeave = useMutation({
    mutationFn: (v: { id: string; reason: string }) => activitiesApi.askLeave(v.id, v.reason),
    onSuccess: () => {
      done(t('activity.leaveSentMsg'))();
      setLeaveFor(null);
      setReason('');
    },
    onError: fail,
  });

  const card = (a: MineItem) => {
    const inv = a.myInvitation;
    const ended = dayjs().isAfter(cn(a.endAt));
    const open = a.status !== 'cancelled' && !ended && !inv.signedInAt;
    const leave = inv.leaveStatus;
    return (
      <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
        <Card size="small" style={{ marginBottom: 12 }}>
          <h2 style={{ fontSize: 16, margin: '0 0 4px' }}>{a.title}</h2>
          <div>{timeRange(a)}</div>
          {a.place && (
            <div>
              {t('activity.place')}：{a.place}
            </div>
          )}
          <Space wrap size={4} style={{ margin: '6px 0' }}>
            <ActivityStatusTag status={a.status} />
            {inv.response === 'accepted' && <Pill tone="good">{t('activity.response.accepted')}</Pill>}
            {leave && <LeaveTag status={leave} />}
            {inv.signedInAt && <Pill tone="good">{t('attendance.signedInAtShort', { at: cn(inv.signedInAt).format('HH:mm') })}</Pill>}
            {inv.finalStatus && <AttendanceTag status={inv.finalStatus} />}
          </Space>
          {leave && inv.leaveReason && (
            <div>
              {t('activity.leaveReason')}：{inv.leaveReason}
            </div>
          )}
          {inv.leaveNote && (
            <div>
              {t('activity.leaveNote')}：{inv.leaveNote}
            </div>
          )}
          {open && (
            <Space wrap style={{ marginTop: 8 }}>
              {inv.response !== 'accepted' && leave !== 'requested' && leave !== 'approved' && (
                <Button
                  type="primary"
                  onClick={() => accept.mutate(a.id)}
                  loading={accept.isPending && accept.variables === a.id}
                  aria-label={t('activity.acceptFor', { title: a.title })}
                >
                  {t('activity.accept')}
                </Button>
              )}
              {(leave === null || leave === 'withdrawn') && (
                <Button onClick={() => setLeaveFor(a)} aria-label={t('activity.askLeaveFor', { title: a.title })}>
                  {t('activity.askLeave')}
                </Button>
              )}
              {leave === 'requested' && (
                <Button onClick={() => withdraw.mutate(a.id)} loading={withdraw.isPending && withdraw.variables === a.id}>
                  {t('activity.withdrawLeave')}
                </Button>
              )}
            </Space>
          )}
        </Card>
      </List.Item>
    );
  };

  return (
    <>
      <PageHeader title={t('nav.myActivities')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <SignInCard />
        {q.error ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <List
            loading={q.isFetching && !q.data}
            dataSource={q.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('activity.noInvitations')} /> }}
            renderItem={card}
          />
        )}
      </Space>
      <Modal
        open={!!leaveFor}
        title={t('activity.askLeaveTitle', { title: leaveFor?.title ?? '' })}
        onCancel={() => setLeaveFor(null)}
        onOk={() => leaveFor && reason.trim() && askLeave.mutate({ id: leaveFor.id, reason: reason.trim() })}
        okText={t('activity.sendLeave')}
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={askLeave.isPending}
        destroyOnHidden
      >
        <label htmlFor="leave-reason">{t('activity.leaveReason')}</label>
        <Input.TextArea id="leave-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
