import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { findingActions } from '../../../server/modules/findings/findings.rules.ts';
import { type FindingDetail, type FindingItem, findingsApi } from '../../api/findings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import { CloseModal, FindingFormModal, FindingStatusTag, NoticeModal, OVERDUE_ROW_CSS, ReinspectModal, SEVERITY_COLOR } from './FindingDialogs.tsx';
import { FindingDrawer } from './FindingDrawer.tsx';

/** Whether findings are recorded at activities of this kind (as the server's findingActivityAllowed). */
export function findingsApply(countsAs: string): boolean {
  return countsAs === 'inspection' || countsAs === 'research' || countsAs === 'other';
}

/** A finding's code as a button that opens it in full (photos, notices, re-inspections). */
export function FindingCode({ f, onOpen }: { f: Pick<FindingItem, 'code'>; onOpen: () => void }) {
  const t = useT();
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={onOpen} aria-label={t('finding.open', { code: f.code })}>
      {f.code}
    </Button>
  );
}

/** The row's lifecycle buttons, shown only when the action is allowed from its status. */
export function FindingRowActions({
  f,
  onEdit,
  onNotice,
  onReinspect,
  onClose,
}: {
  f: FindingItem;
  onEdit?: () => void;
  onNotice: () => void;
  onReinspect: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const acts = findingActions(f.status);
  const changed = () => void qc.invalidateQueries({ queryKey: ['findings'] });
  const reopen = useMutation({
    mutationFn: () => findingsApi.reopen(f.id, { version: f.version }),
    onSuccess: changed,
    onError: (e) => message.error((e as Error).message),
  });
  const remove = useMutation({
    mutationFn: () => findingsApi.remove(f.id, f.version),
    onSuccess: changed,
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Space size={4} wrap>
      {onEdit && (
        <Button size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      {/* From rectifying a new notice needs a failed re-inspection first: offered in the panel's own button. */}
      {f.status === 'open' && acts.includes('issue_notice') && (
        <Button size="small" onClick={onNotice}>
          {t('finding.issueNotice')}
        </Button>
      )}
      {acts.includes('reinspect_fixed') && (
        <Button size="small" onClick={onReinspect}>
          {t('finding.reinspect')}
        </Button>
      )}
      {acts.includes('close') && (
        <Button size="small" onClick={onClose}>
          {t('finding.close')}
        </Button>
      )}
      {acts.includes('reopen') && (
        <Popconfirm title={t('finding.reopenConfirm')} onConfirm={() => reopen.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button size="small">{t('finding.reopen')}</Button>
        </Popconfirm>
      )}
      {f.status === 'open' && !f.notice && (
        <Popconfirm title={t('finding.deleteConfirm')} onConfirm={() => remove.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button size="small" danger>
            {t('finding.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** 发现问题: the findings recorded at one activity, on its detail page. */
export function FindingsPanel({ activityId, countsAs }: { activityId: string; countsAs: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<FindingDetail | null>(null);
  const [noticeFor, setNoticeFor] = useState<string[] | null>(null);
  const [reinspecting, setReinspecting] = useState<FindingItem | null>(null);
  const [closing, setClosing] = useState<FindingItem | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['findings', 'activity', activityId],
    queryFn: () => findingsApi.list({ activityId, pageSize: 200 }),
    enabled: findingsApply(countsAs),
  });
  if (!findingsApply(countsAs)) return null;
  const items = q.data?.items ?? [];
  const candidates = items.filter((f) => f.status === 'open' || f.status === 'rectifying');

  async function edit(id: string) {
    try {
      setEditing(await findingsApi.get(id));
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finding.panel')}</h2>}
      extra={
        <Space wrap>
          {candidates.length > 0 && (
            <Button onClick={() => setNoticeFor(candidates.filter((c) => c.status === 'open').map((c) => c.id))}>{t('finding.issueNotice')}</Button>
          )}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('finding.new')}
          </Button>
        </Space>
      }
    >
      <style>{OVERDUE_ROW_CSS}</style>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('finding.panelHint')}
      </Typography.Paragraph>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.isPending && items.length === 0 ? (
        // No empty table: its sideways-scrolling box on a phone would hold nothing a keyboard can reach (axe).
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finding.empty')} />
      ) : (
        <Table<FindingItem>
          size="small"
          rowKey="id"
          loading={q.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 830 }}
          rowClassName={(f) => (f.overdue ? 'finding-overdue' : '')}
          locale={{ emptyText: t('finding.empty') }}
          columns={[
            { title: t('finding.code'), dataIndex: 'code', width: 80, render: (_v, f) => <FindingCode f={f} onOpen={() => setViewing(f.id)} /> },
            { title: t('finding.description'), dataIndex: 'description', render: (v: string, f) => <span title={f.place}>{v}</span> },
            { title: t('finding.responsible'), dataIndex: 'responsible', width: 140 },
            {
              title: t('finding.severity'),
              dataIndex: 'severity',
              width: 80,
              render: (s: FindingItem['severity']) => <Tag color={SEVERITY_COLOR[s]}>{t(`finding.severity.${s}`)}</Tag>,
            },
            { title: t('finding.status'), key: 'status', width: 120, render: (_v, f) => <FindingStatusTag f={f} /> },
            {
              title: t('finding.notice'),
              key: 'notice',
              width: 170,
              render: (_v, f) =>
                f.notice ? (
                  <Link to={`/findings/notices/${f.notice.id}`}>
                    {f.notice.number}（{t('finding.deadline')} {f.notice.deadline}）
                  </Link>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              // Room for 编辑 · 下发整改通知 · 销号 · 删除 on one line.
              width: 300,
              render: (_v, f) => (
                <FindingRowActions
                  f={f}
                  onEdit={() => void edit(f.id)}
                  onNotice={() => setNoticeFor([f.id])}
                  onReinspect={() => setReinspecting(f)}
                  onClose={() => setClosing(f)}
                />
              ),
            },
          ]}
        />
      )}
      <FindingFormModal
        open={adding || !!editing}
        activityId={activityId}
        finding={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
      <NoticeModal open={!!noticeFor} candidates={candidates} preselected={noticeFor ?? []} onClose={() => setNoticeFor(null)} />
      <ReinspectModal finding={reinspecting} onClose={() => setReinspecting(null)} />
      <CloseModal finding={closing} onClose={() => setClosing(null)} />
      <FindingDrawer id={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
