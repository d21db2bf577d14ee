import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Empty, Space, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Motion, type MotionStatus, motionsApi } from '../../api/motions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { type Translate, useT } from '../../i18n/index.tsx';
import { MotionDecideDialog, MotionWithdrawDialog } from './MotionDecisionDialogs.tsx';
import { MotionFormDialog } from './MotionFormDialog.tsx';
import type { SessionTabProps } from './tabProps.ts';

const STATUS_TONE: Record<MotionStatus, Tone> = {
  submitted: 'warn',
  on_agenda: 'info',
  to_suggestion: 'brown',
  not_accepted: 'dim',
  withdrawn: 'dim',
  passed: 'good',
  failed: 'bad',
};

export function MotionStatusPill({ status }: { status: MotionStatus }) {
  const t = useT();
  return <Pill tone={STATUS_TONE[status]}>{t(`motion.status.${status}`)}</Pill>;
}

function proposerOf(m: Motion, t: Translate): string {
  if (m.proposerType !== 'deputies') return t(`motion.proposer.${m.proposerType}`);
  const lead = m.sponsors.find((s) => s.role === 'lead');
  return lead ? `${lead.name}${t('motion.leadMark')}` : t('motion.proposer.deputies');
}

function sponsorNames(m: Motion): string {
  return m.sponsors.map((s) => s.name).join('、');
}

type Dialog = { kind: 'form'; motion?: Motion } | { kind: 'decide'; motion: Motion } | { kind: 'withdraw'; motion: Motion } | null;

/**
 * 议案 tab of the session page: the session's motions with number, subject, proposer, sponsors and status;
 * staff register motions, the presidium's decisions and withdrawals are recorded here; a drawer shows
 * the grounds and the proposed solution.
 */
export default function MotionsTab({ sessionId, sessionStatus, canManage }: SessionTabProps) {
  const t = useT();
  const qc = useQueryClient();
  const key = ['sessions', sessionId, 'motions'];
  const q = useQuery({ queryKey: key, queryFn: () => motionsApi.list(sessionId) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [shown, setShown] = useState<string | null>(null);
  // Agenda, counts and votes all hang under ['sessions', id].
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
  const writable = canManage && sessionStatus !== 'closed';

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data?.items ?? [];
  const detail = items.find((m) => m.id === shown) ?? null;

  const actionButtons = (m: Motion) => (
    <div role="group" aria-label={t('motion.actionsOf', { n: m.number })}>
      <Space wrap size={4}>
        {m.actions.some((a) => a === 'put_on_agenda' || a === 'to_suggestion' || a === 'not_accept') && (
          <Button size="small" type="primary" onClick={() => setDialog({ kind: 'decide', motion: m })}>
            {t('motion.decide')}
          </Button>
        )}
        {m.actions.includes('edit') && (
          <Button size="small" onClick={() => setDialog({ kind: 'form', motion: m })}>
            {t('common.edit')}
          </Button>
        )}
        {m.actions.includes('withdraw') && (
          <Button size="small" danger onClick={() => setDialog({ kind: 'withdraw', motion: m })}>
            {t('motion.withdraw')}
          </Button>
        )}
      </Space>
    </div>
  );

  const columns: TableColumnsType<Motion> = [
    { title: t('motion.number'), dataIndex: 'number', width: 64, render: (n: number) => n },
    {
      title: t('motion.subject'),
      dataIndex: 'subject',
      render: (_: string, m) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setShown(m.id)}>
          {m.subject}
        </Button>
      ),
    },
    { title: t('motion.proposer'), key: 'proposer', width: 140, responsive: ['sm'], render: (_, m) => proposerOf(m, t) },
    {
      title: t('motion.sponsors'),
      key: 'sponsors',
      responsive: ['md'],
      render: (_, m) =>
        m.sponsors.length ? (
          <Typography.Text ellipsis={{ tooltip: sponsorNames(m) }} style={{ maxWidth: 240 }}>
            {sponsorNames(m)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('motion.status'), dataIndex: 'status', width: 120, render: (s: MotionStatus) => <MotionStatusPill status={s} /> },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, m) => actionButtons(m),
    });
  }

  return (
    <div data-testid="motions-tab">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{q.data ? t('motion.sponsorRule', { min: q.data.minSponsors }) : ''}</Typography.Text>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form' })} disabled={!q.data}>
            {t('motion.register')}
          </Button>
        )}
      </Space>
      {canManage && sessionStatus === 'closed' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('motion.closedHint')} />}
      <Table<Motion>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('motion.empty')} /> }}
      />
      <Drawer
        open={!!detail}
        onClose={() => setShown(null)}
        title={detail ? t('motion.detailTitle', { n: detail.number }) : ''}
        extra={detail && writable && detail.actions.length ? actionButtons(detail) : null}
        width="min(560px, 100vw)"
        destroyOnHidden
      >
        {detail && (
          <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('motion.subject')}>{detail.subject}</Descriptions.Item>
            <Descriptions.Item label={t('motion.status')}>
              <Space wrap>
                <MotionStatusPill status={detail.status} />
                {detail.item && <span>{t('motion.agendaItem', { seq: detail.item.seq })}</span>}
                {detail.suggestion && <Link to={`/suggestions/${detail.suggestion.id}`}>{t('motion.suggestion', { code: detail.suggestion.code })}</Link>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('motion.proposer')}>{t(`motion.proposer.${detail.proposerType}`)}</Descriptions.Item>
            {detail.proposerType === 'deputies' && (
              <Descriptions.Item label={t('motion.sponsors')}>
                {detail.sponsors.map((s) => `${s.name}${s.role === 'lead' ? t('motion.leadMark') : ''}`).join('、')}（
                {t('motion.sponsorCount', { n: detail.sponsors.length })}）
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('motion.submittedOn')}>{detail.submittedOn}</Descriptions.Item>
            <Descriptions.Item label={t('motion.grounds')}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{detail.grounds || '—'}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('motion.solution')}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{detail.solution || '—'}</div>
            </Descriptions.Item>
            {detail.decisionReason ? <Descriptions.Item label={t('motion.decisionReason')}>{detail.decisionReason}</Descriptions.Item> : null}
            {detail.decidedAt ? (
              <Descriptions.Item label={t('motion.decidedAt')}>{dayjs(detail.decidedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
            ) : null}
          </Descriptions>
        )}
      </Drawer>
      {dialog?.kind === 'form' && q.data && (
        <MotionFormDialog
          sessionId={sessionId}
          motion={dialog.motion}
          pool={q.data.sponsorPool}
          minSponsors={q.data.minSponsors}
          onClose={() => setDialog(null)}
          onSaved={refresh}
        />
      )}
      {dialog?.kind === 'decide' && (
        <MotionDecideDialog
          sessionId={sessionId}
          motion={dialog.motion}
          onClose={() => setDialog(null)}
          onSaved={(decision) => {
            refresh();
            // Handled as a suggestion: a new suggestion was submitted — every suggestions list, count and
            // statistic (keys under ['suggestions'], see src/web/api/suggestions.ts users) is stale.
            if (decision === 'to_suggestion') void qc.invalidateQueries({ queryKey: ['suggestions'] });
          }}
        />
      )}
      {dialog?.kind === 'withdraw' && <MotionWithdrawDialog sessionId={sessionId} motion={dialog.motion} onClose={() => setDialog(null)} onSaved={refresh} />}
    </div>
  );
}
