import { ExportOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Pagination, Segmented, Skeleton } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { SUBMISSION_STATUSES, type Submission, type SubmissionStatus, inboxApi } from '../../api/portal.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { type InboxAction, InboxActionModal } from './InboxModals.tsx';
import { SubmissionCard } from './SubmissionCard.tsx';
import '../portal/portal.css';

const KEYS = ['status'] as const;

/**
 * 群众来信: opinions residents sent through the public portal. Admins see the town's; a liaison those
 * sent to their station or its deputies. Each can be answered publicly, declined with a reason, or
 * turned into a suggestion (the suggestions page links it back). /portal-submissions/:id shows one.
 */
export default function PortalInboxPage() {
  const t = useT();
  const me = useMe();
  const { id } = useParams();
  const [acting, setActing] = useState<{ item: Submission; action: InboxAction } | null>(null);
  const onAction = (item: Submission, action: InboxAction) => setActing({ item, action });
  const portalLink = me.town ? (
    <Link to={`/p/${encodeURIComponent(me.town.code)}`} target="_blank" rel="noopener">
      <ExportOutlined aria-hidden /> {t('portal.inbox.openPortal')}
    </Link>
  ) : null;

  return (
    <>
      {id ? <One id={id} onAction={onAction} /> : <List onAction={onAction} extra={portalLink} />}
      <InboxActionModal item={acting?.item ?? null} action={acting?.action ?? null} onClose={() => setActing(null)} />
    </>
  );
}

function List({ onAction, extra }: { onAction: (s: Submission, a: InboxAction) => void; extra: ReactNode }) {
  const t = useT();
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  // The inbox opens on what still waits; 'all' shows everything.
  const status = values.status === 'all' ? undefined : ((values.status as SubmissionStatus | undefined) ?? 'received');
  const q = useQuery({
    queryKey: ['portal-inbox', 'list', status, page, pageSize],
    queryFn: () => inboxApi.list({ status, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('portal.inbox.title')} extra={extra} />
      <Segmented
        aria-label={t('common.status')}
        style={{ marginBottom: 16 }}
        value={status ?? 'all'}
        onChange={(v) => set({ status: String(v) })}
        options={[
          ...SUBMISSION_STATUSES.map((s) => ({ value: s, label: t(`portal.inbox.status.${s}`) })),
          { value: 'all', label: t('portal.inbox.allStatuses') },
        ]}
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty description={t('portal.inbox.empty')} />
      ) : (
        <>
          <ul aria-label={t('portal.inbox.title')} aria-busy={q.isFetching} className="portal-list">
            {q.data.items.map((s) => (
              <li key={s.id}>
                <SubmissionCard s={s} onAction={onAction} />
              </li>
            ))}
          </ul>
          <Pagination
            style={{ marginTop: 16 }}
            current={page}
            pageSize={pageSize}
            total={q.data.total}
            showTotal={(total) => t('common.total', { total })}
            onChange={(p, s) => set({ page: p, pageSize: s })}
          />
        </>
      )}
    </>
  );
}

function One({ id, onAction }: { id: string; onAction: (s: Submission, a: InboxAction) => void }) {
  const t = useT();
  const q = useQuery({ queryKey: ['portal-inbox', 'one', id], queryFn: () => inboxApi.get(id) });
  return (
    <>
      <PageHeader title={t('portal.inbox.detail')} back="/portal-submissions" />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active />
      ) : (
        <SubmissionCard s={q.data} onAction={onAction} />
      )}
    </>
  );
}
