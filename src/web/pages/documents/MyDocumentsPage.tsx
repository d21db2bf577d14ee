import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, List, Pagination, Segmented, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type MineItem, documentsApi } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { CategoryTag, ReceiptTag, when } from './documentFormat.tsx';

/** 我的文件: the documents sent to the deputy, unread (reminded first) at the top; opening one is the read receipt. */
export default function MyDocumentsPage() {
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['documents', 'mine', unreadOnly, page],
    queryFn: () => documentsApi.mine({ unread: unreadOnly ? '1' : undefined, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const counts = q.data?.counts;

  const card = (d: MineItem) => (
    <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
      <Card size="small" style={{ marginBottom: 12, borderLeft: d.receipt.firstReadAt ? undefined : '4px solid #c62828' }}>
        <h2 style={{ fontSize: 16, margin: '0 0 4px' }}>
          <Link to={`/my/documents/${d.id}`}>{d.title}</Link>
        </h2>
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <ReceiptTag receipt={d.receipt} />
          <CategoryTag category={d.category} />
        </Space>
        {d.docNumber && <div>{d.docNumber}</div>}
        <div style={{ color: 'rgba(0,0,0,0.7)', fontSize: 13 }}>
          {d.receipt.firstReadAt ? t('document.readAt', { at: when(d.receipt.firstReadAt) }) : t('document.receivedAt', { at: when(d.receipt.sentAt) })}
        </div>
      </Card>
    </List.Item>
  );

  return (
    <>
      <PageHeader title={t('document.mineTitle')} />
      <p style={{ marginTop: 0 }}>{t('document.mineIntro')}</p>
      {counts && counts.total > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type={counts.unread > 0 ? 'warning' : 'success'}
          showIcon
          title={counts.unread > 0 ? t(counts.reminded > 0 ? 'document.mineUnreadBadge' : 'document.mineUnread', { unread: counts.unread, reminded: counts.reminded }) : t('document.mineAllRead')}
        />
      )}
      <Segmented<'all' | 'unread'>
        aria-label={t('document.onlyUnread')}
        style={{ marginBottom: 12 }}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('document.filterAll') },
          { value: 'unread', label: t('document.filterUnread') },
        ]}
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <List
            dataSource={q.data?.items ?? []}
            loading={q.isFetching}
            renderItem={card}
            locale={{ emptyText: <Empty description={unreadOnly ? t('document.mineAllRead') : t('document.mineEmpty')} /> }}
          />
          {(q.data?.total ?? 0) > 20 && <Pagination size="small" current={page} pageSize={20} total={q.data?.total ?? 0} onChange={setPage} />}
        </>
      )}
    </>
  );
}
