import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ActivityLinkPanel } from './ActivityLinkPanel.tsx';
import { AgendaPanel } from './AgendaPanel.tsx';
import { DecisionFormModal } from './DecisionDialogs.tsx';
import { DecisionList } from './DecisionList.tsx';
import { MeetingFormModal } from './MeetingFormModal.tsx';
import { MeetingStatusTag } from './MeetingTags.tsx';
import { MinutesPanel } from './MinutesPanel.tsx';

/** One meeting: when and where, its activity, the agenda, the minutes and the decisions it made. */
export default function MeetingDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  // Progress notes: administrators and the presidium's deputies (who reach this page only with a seat).
  const canNote = useHasRole([...ADMINS, 'deputy']);
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['presidium-meetings', 'detail', id], queryFn: () => presidiumMeetingsApi.get(id) });
  const remove = useMutation({
    mutationFn: () => presidiumMeetingsApi.remove(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
      message.success(t('common.saved'));
      navigate('/presidium-meetings');
    },
    onError: (e) => message.error((e as Error).message, 6),
  });
  const hold = useMutation({
    mutationFn: () => presidiumMeetingsApi.update(id, { version: q.data?.version ?? 0, status: 'held' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
      message.success(t('common.saved'));
    },
    onError: (e) => message.error((e as Error).message, 6),
  });

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  if (!m) return <Skeleton active />;
  const when = [m.date, m.startTime && (m.endTime ? `${m.startTime}–${m.endTime}` : m.startTime)].filter(Boolean).join(' ');
  const addButton = (
    <Button size="small" type="primary" icon={<PlusOutlined />} disabled={m.status !== 'held'} onClick={() => setAdding(true)}>
      {t('meeting.addDecision')}
    </Button>
  );

  return (
    <>
      <PageHeader
        back="/presidium-meetings"
        title={
          <>
            {m.title} <MeetingStatusTag status={m.status} />
          </>
        }
        extra={
          m.canEdit ? (
            <>
              {m.status === 'planned' && (
                <Button loading={hold.isPending} onClick={() => hold.mutate()}>
                  {t('meeting.markHeld')}
                </Button>
              )}
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
              {m.decisionCount === 0 && (
                <Popconfirm title={t('meeting.deleteConfirm', { title: m.title })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate()}>
                  <Button danger loading={remove.isPending}>
                    {t('meeting.delete')}
                  </Button>
                </Popconfirm>
              )}
            </>
          ) : null
        }
      />
      {!m.canEdit && <Alert type="info" showIcon message={t('meeting.readOnly')} style={{ marginBottom: 12 }} />}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('meeting.code')}>{m.code}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.ordinal')}>{t('meeting.ordinalText', { term: m.termNumber, n: m.ordinal })}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.time')}>{when}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.place')}>{m.place || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.presider')}>{m.presider || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.attendees')}>{m.attendees || '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
        <ActivityLinkPanel meeting={m} />
        <AgendaPanel meeting={m} />
        <MinutesPanel meeting={m} />
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('meeting.decisions')}</h2>}
          extra={m.canEdit ? m.status === 'held' ? addButton : <Tooltip title={t('meeting.decisionNeedsHeld')}>{addButton}</Tooltip> : null}
        >
          <DecisionList items={m.decisions} loading={q.isFetching} label={t('meeting.decisions')} canEdit={m.canEdit} canNote={canNote} termId={m.termId} />
        </Card>
      </Space>
      {editing && <MeetingFormModal meeting={m} onClose={() => setEditing(false)} />}
      {adding && <DecisionFormModal meetingId={m.id} termId={m.termId} meetingDate={m.date} onClose={() => setAdding(false)} />}
    </>
  );
}
