import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import { type TopicDetail, researchApi } from '../../api/research.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { ClaimModal } from './ClaimModal.tsx';
import { MembersModal } from './MembersModal.tsx';
import { ReportModal } from './ReportModal.tsx';
import { TopicState } from './ResearchTags.tsx';
import { GradeModal, ReturnModal } from './ReviewModals.tsx';
import { TopicFormModal } from './TopicFormModal.tsx';
import { useTopicAction } from './useTopicAction.ts';
import { chinaTime, claimantText } from './researchFormat.ts';

// A link inside a line of text must not be told apart by colour alone (axe: link-in-text-block).
const UNDERLINE = { textDecoration: 'underline' } as const;

type Dialog = 'edit' | 'claim' | 'members' | 'report' | 'grade' | 'return' | null;

/**
 * One topic: what it asks, who claimed it, who takes part, the report and the grade; and the buttons
 * the caller may use now (the server says which in `can`). Deputies see the same drawer, read-only.
 */
export function ResearchTopicDrawer({ topicId, onClose }: { topicId: string | null; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const q = useQuery({ queryKey: ['research', 'one', topicId], queryFn: () => researchApi.get(topicId as string), enabled: !!topicId });
  const topic = q.data;
  return (
    <Drawer open={!!topicId} onClose={onClose} size={mobile ? '100%' : 640} title={topic ? `${topic.code} ${topic.title}` : t('research.title')}>
      {q.error ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : !topic ? <Skeleton active /> : <TopicBody topic={topic} />}
    </Drawer>
  );
}

function TopicBody({ topic }: { topic: TopicDetail }) {
  const t = useT();
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { run, busy } = useTopicAction();
  const can = topic.can;
  // Activity pages are the staff's; a deputy reads the titles only.
  const staff = useHasRole(STAFF);
  const close = () => setDialog(null);

  const confirm = (content: string, action: () => Promise<TopicDetail>, done: string) =>
    modal.confirm({ content, okText: t('common.confirm'), cancelText: t('common.cancel'), onOk: () => run(action, done) });

  const buttons: ReactNode[] = [];
  if (can.claim)
    buttons.push(
      <Button key="claim" type="primary" onClick={() => setDialog('claim')}>
        {t('research.claim')}
      </Button>,
    );
  if (can.setMembers)
    buttons.push(
      <Button key="members" onClick={() => setDialog('members')}>
        {t('research.editMembers')}
      </Button>,
    );
  if (can.submit)
    buttons.push(
      <Button key="report" type={topic.status === 'claimed' ? 'primary' : 'default'} onClick={() => setDialog('report')}>
        {topic.status === 'submitted' ? t('research.resubmit') : t('research.submit')}
      </Button>,
    );
  if (can.grade)
    buttons.push(
      <Button key="grade" type="primary" onClick={() => setDialog('grade')}>
        {t('research.gradeAction')}
      </Button>,
    );
  if (can.return)
    buttons.push(
      <Button key="return" onClick={() => setDialog('return')}>
        {t('research.return')}
      </Button>,
    );
  if (can.edit)
    buttons.push(
      <Button key="edit" onClick={() => setDialog('edit')}>
        {t('common.edit')}
      </Button>,
    );
  if (can.release)
    buttons.push(
      <Button key="release" loading={busy} onClick={() => confirm(t('research.releaseConfirm'), () => researchApi.release(topic.id, topic.version), t('research.released'))}>
        {t('research.release')}
      </Button>,
    );
  if (can.withdraw)
    buttons.push(
      <Button
        key="withdraw"
        danger
        loading={busy}
        onClick={() => confirm(t('research.withdrawConfirm', { title: topic.title }), () => researchApi.withdraw(topic.id, topic.version), t('research.withdrawn'))}
      >
        {t('research.withdraw')}
      </Button>,
    );
  if (can.reopen)
    buttons.push(
      <Button key="reopen" loading={busy} onClick={() => void run(() => researchApi.reopen(topic.id, topic.version), t('research.reopened'))}>
        {t('research.reopen')}
      </Button>,
    );

  const lead = topic.members.find((m) => m.role === 'lead');
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <TopicState status={topic.status} grade={topic.grade} overdue={topic.overdue} late={topic.submittedLate} />
      </div>
      {topic.returnNote && topic.status === 'claimed' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('research.returnedBanner', { note: topic.returnNote })} />}
      {buttons.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {buttons}
        </Space>
      )}
      <Descriptions
        className="nowrap-labels"
        column={1}
        size="small"
        bordered
        items={[
          { key: 'year', label: t('research.year'), children: topic.year },
          { key: 'due', label: t('research.dueDate'), children: topic.dueDate },
          { key: 'desc', label: t('research.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{topic.description || '—'}</span> },
          { key: 'claimant', label: t('research.claimant'), children: claimantText(topic.claimant) },
          ...(topic.claimedAt
            ? [{ key: 'claimedAt', label: t('research.claimedAt'), children: `${chinaTime(topic.claimedAt)}${topic.claimedBy ? `（${topic.claimedBy.name}）` : ''}` }]
            : []),
          { key: 'lead', label: t('research.lead'), children: lead ? lead.name : '—' },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16, margin: '20px 0 8px' }}>
        {t('research.members')}（{topic.members.length}）
      </Typography.Title>
      {topic.members.length ? (
        <ul aria-label={t('research.members')} style={{ margin: 0, paddingLeft: 20 }}>
          {topic.members.map((m) => (
            <li key={m.deputyId}>
              <Link to={`/deputies/${m.deputyId}`} style={UNDERLINE}>
                {m.name}
              </Link>
              <Typography.Text type="secondary">
                （{m.code}）{m.role === 'lead' ? ` · ${t('research.role.lead')}` : ''}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary">{t('research.noMembers')}</Typography.Text>
      )}
      <Typography.Title level={2} style={{ fontSize: 16, margin: '20px 0 8px' }}>
        {t('research.report')}
      </Typography.Title>
      {/* A report is in once it was submitted, with or without a file (an imported topic may have none). */}
      {topic.submittedAt ? (
        <Descriptions
          className="nowrap-labels"
          column={1}
          size="small"
          bordered
          items={[
            {
              key: 'file',
              label: t('research.report'),
              children: topic.report ? (
                <Button type="link" icon={<DownloadOutlined />} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => void researchApi.downloadReport(topic.id, topic.report?.name ?? 'report')}>
                  {topic.report.name}
                </Button>
              ) : (
                '—'
              ),
            },
            { key: 'summary', label: t('research.reportSummary'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{topic.reportSummary || '—'}</span> },
            { key: 'at', label: t('research.submittedAt'), children: `${chinaTime(topic.submittedAt)}${topic.submittedBy ? `（${topic.submittedBy.name}）` : ''}` },
            ...(topic.grade
              ? [
                  { key: 'grade', label: t('research.grade'), children: t(`research.grade.${topic.grade}`) },
                  { key: 'comment', label: t('research.gradeComment'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{topic.gradeComment || '—'}</span> },
                  { key: 'gradedAt', label: t('research.gradedAt'), children: `${chinaTime(topic.gradedAt)}${topic.gradedBy ? `（${topic.gradedBy.name}）` : ''}` },
                ]
              : []),
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('research.noReport')}</Typography.Text>
      )}
      {topic.activities.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, margin: '20px 0 8px' }}>
            {t('research.activities')}
          </Typography.Title>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {topic.activities.map((a) => (
              <li key={a.id}>
                {staff ? (
                  <Link to={`/activities/${a.id}`} style={UNDERLINE}>
                    {a.title}
                  </Link>
                ) : (
                  a.title
                )}
                <Typography.Text type="secondary">（{chinaTime(a.startAt).slice(0, 10)}）</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
      <ClaimModal topic={topic} open={dialog === 'claim'} onClose={close} />
      <MembersModal topic={topic} open={dialog === 'members'} onClose={close} />
      <ReportModal topic={topic} open={dialog === 'report'} onClose={close} />
      <GradeModal topic={topic} open={dialog === 'grade'} onClose={close} />
      <ReturnModal topic={topic} open={dialog === 'return'} onClose={close} />
      {can.edit && <TopicFormModal open={dialog === 'edit'} topic={topic} defaultYear={topic.year} onClose={close} onSaved={close} />}
    </>
  );
}
