import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Skeleton, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Decision, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { CloseDecisionModal, DecisionFormModal, ProgressModal, useRefreshMeetings } from './DecisionDialogs.tsx';
import { DecisionStatusTags, DueDate } from './MeetingTags.tsx';

type Props = {
  items: Decision[] | undefined;
  loading: boolean;
  label: string;
  /** Administrators: edit, close, reopen. */
  canEdit: boolean;
  /** Administrators and presidium members: write progress notes. */
  canNote: boolean;
  /** On the follow-up page each decision names its meeting. */
  showMeeting?: boolean;
  /** Needed to edit a decision (the deputy picker works within the meeting's term). */
  termId?: string;
};

type Dialog = { kind: 'progress' | 'done' | 'cancelled' | 'edit'; d: Decision } | null;

/** Decisions with their owner, due date and status (overdue in red); a table on screens, cards on phones. */
export function DecisionList({ items, loading, label, canEdit, canNote, showMeeting, termId }: Props) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const refresh = useRefreshMeetings();
  const [dialog, setDialog] = useState<Dialog>(null);
  const reopen = useMutation({
    mutationFn: (d: Decision) => presidiumMeetingsApi.updateDecision(d.id, { version: d.version, status: d.status === 'cancelled' ? 'open' : 'in_progress' }),
    onSuccess: () => {
      refresh();
      message.success(t('common.saved'));
    },
    onError: (e) => message.error((e as Error).message, 6),
  });

  const owner = (d: Decision) => (
    <>
      {d.ownerName}
      <Typography.Text type="secondary"> · {t(`meeting.decision.ownerType.${d.ownerType}`)}</Typography.Text>
    </>
  );
  const open = (d: Decision) => d.status === 'open' || d.status === 'in_progress';
  const actions = (d: Decision) => (
    <Space wrap size={4}>
      {canNote && open(d) && (
        <Button size="small" onClick={() => setDialog({ kind: 'progress', d })}>
          {t('meeting.progress.add')}
        </Button>
      )}
      {canEdit && open(d) && (
        <Button size="small" type="primary" onClick={() => setDialog({ kind: 'done', d })}>
          {t('meeting.markDone')}
        </Button>
      )}
      {canEdit && open(d) && (
        <Button size="small" onClick={() => setDialog({ kind: 'cancelled', d })}>
          {t('meeting.cancelDecision')}
        </Button>
      )}
      {canEdit && open(d) && termId && (
        <Button size="small" type="link" onClick={() => setDialog({ kind: 'edit', d })}>
          {t('common.edit')}
        </Button>
      )}
      {canEdit && !open(d) && (
        <Button size="small" loading={reopen.isPending && reopen.variables?.id === d.id} onClick={() => reopen.mutate(d)}>
          {d.status === 'cancelled' ? t('meeting.restore') : t('meeting.reopen')}
        </Button>
      )}
    </Space>
  );
  const progress = (d: Decision) =>
    d.status === 'done' || d.status === 'cancelled' ? (
      <span style={{ overflowWrap: 'anywhere' }}>
        {d.status === 'done' && d.doneDate ? `${t('meeting.decision.doneOn', { date: d.doneDate })}：` : ''}
        {d.result}
      </span>
    ) : d.lastProgress ? (
      <span style={{ overflowWrap: 'anywhere' }}>
        <Typography.Text type="secondary">{d.lastProgress.date} </Typography.Text>
        {d.lastProgress.detail}
      </span>
    ) : (
      <Typography.Text type="secondary">{t('meeting.decision.noProgress')}</Typography.Text>
    );
  const meetingLink = (d: Decision) => (
    <Link to={`/presidium-meetings/${d.meetingId}`}>
      {d.meetingCode} {d.meetingTitle}
    </Link>
  );

  const columns: TableColumnsType<Decision> = [
    { key: 'code', title: t('meeting.decision.code'), width: 80, render: (_, d) => d.code },
    ...(showMeeting ? [{ key: 'meeting', title: t('meeting.decision.meeting'), width: 130, render: (_: unknown, d: Decision) => meetingLink(d) }] : []),
    { key: 'content', title: t('meeting.decision.content'), render: (_, d) => <span style={{ overflowWrap: 'anywhere' }}>{d.content}</span> },
    { key: 'owner', title: t('meeting.decision.owner'), width: 120, render: (_, d) => owner(d) },
    { key: 'due', title: t('meeting.decision.dueDate'), width: 104, render: (_, d) => <DueDate d={d} /> },
    { key: 'status', title: t('meeting.decision.status'), width: 130, render: (_, d) => <DecisionStatusTags d={d} /> },
    { key: 'progress', title: t('meeting.decision.lastProgress'), width: 180, render: (_, d) => progress(d) },
    ...(canNote || canEdit ? [{ key: 'actions', title: t('common.actions'), width: 112, render: (_: unknown, d: Decision) => actions(d) }] : []),
  ];

  return (
    <>
      {mobile ? (
        loading && !items ? (
          <Skeleton active />
        ) : !items?.length ? (
          <Empty description={t('meeting.decisionsEmpty')} />
        ) : (
          <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={loading}>
            {items.map((d) => (
              <li key={d.id}>
                <Card size="small" style={d.overdue ? { borderColor: '#cf1322' } : undefined}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                    <strong>{d.code}</strong>
                    <DecisionStatusTags d={d} />
                  </div>
                  {showMeeting && <div>{meetingLink(d)}</div>}
                  <div style={{ margin: '4px 0', overflowWrap: 'anywhere' }}>{d.content}</div>
                  <div>
                    {t('meeting.decision.owner')}：{owner(d)}
                  </div>
                  <div>
                    {t('meeting.decision.dueDate')}：<DueDate d={d} />
                  </div>
                  <div style={{ margin: '4px 0' }}>{progress(d)}</div>
                  {(canNote || canEdit) && actions(d)}
                </Card>
              </li>
            ))}
          </ul>
        )
      ) : (
        <DataTable<Decision>
          label={label}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={loading}
          pagination={false}
          // Room for the decision text: the other columns are fixed, the text takes what is left.
          // Fits a 1280-px screen beside the menu; narrower screens scroll sideways (phones get cards).
          scroll={{ x: showMeeting ? 1040 : 910 }}
          locale={{ emptyText: t('meeting.decisionsEmpty') }}
        />
      )}
      {dialog?.kind === 'progress' && <ProgressModal decision={dialog.d} onClose={() => setDialog(null)} />}
      {(dialog?.kind === 'done' || dialog?.kind === 'cancelled') && <CloseDecisionModal decision={dialog.d} mode={dialog.kind} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && termId && (
        <DecisionFormModal meetingId={dialog.d.meetingId} termId={termId} meetingDate={dialog.d.meetingDate} decision={dialog.d} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
