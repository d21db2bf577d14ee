import { PhoneOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Pagination, Select, Space } from 'antd';
import { useState } from 'react';
import { ADMINS } from '../../api/auth.ts';
import { type UnreadCall, documentsApi } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useStations } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';
import { when } from './documentFormat.tsx';
import { Pill } from '../../components/Pill.tsx';

/**
 * 未读名单: per deputy, the documents they have not opened, with their phone number — a list a liaison
 * reads from when calling deputies one by one (the system sends no SMS). A liaison sees their station.
 */
export default function UnreadCallsPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const stations = useStations().data ?? [];
  const [stationId, setStationId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['documents', 'unread-calls', stationId, page],
    queryFn: () => documentsApi.unreadCalls({ stationId, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

  const item = (c: UnreadCall) => (
    <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <h2 style={{ fontSize: 16, margin: 0 }}>
            {c.deputyName} <span style={{ fontWeight: 400, fontSize: 13 }}>{c.deputyCode}</span>
          </h2>
          {c.phone && (
            <a href={`tel:${c.phone}`} aria-label={`${t('document.callHint')} ${c.deputyName} ${c.phone}`}>
              <PhoneOutlined aria-hidden /> {c.phone}
            </a>
          )}
        </Space>
        <div style={{ color: 'rgba(0,0,0,0.7)', fontSize: 13, marginBottom: 6 }}>
          {c.stationName ?? '—'} · {t('document.unreadDocs', { n: c.documents.length })}
        </div>
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {c.documents.map((d) => (
            <li key={d.id}>
              {d.title}（{d.code}，{when(d.sentAt, 'MM-DD')}）{d.remindedCount > 0 && <Pill tone="bad">{`${t('document.reminded')} ×${d.remindedCount}`}</Pill>}
            </li>
          ))}
        </ol>
      </Card>
    </List.Item>
  );

  return (
    <>
      <PageHeader title={t('document.unreadList')} back="/documents" />
      <p style={{ marginTop: 0 }}>{t('document.unreadListIntro')}</p>
      {isAdmin && (
        <div className="filter-grid">
          <Select
            aria-label={t('document.station')}
            placeholder={t('document.station')}
            allowClear
            value={stationId}
            onChange={(v) => {
              setStationId(v);
              setPage(1);
            }}
            options={stations.map((s) => ({ value: s.id, label: s.name }))}
          />
        </div>
      )}
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <List dataSource={q.data?.items ?? []} loading={q.isFetching} renderItem={item} locale={{ emptyText: <Empty description={t('document.unreadNone')} /> }} />
          {(q.data?.total ?? 0) > 20 && <Pagination size="small" current={page} pageSize={20} total={q.data?.total ?? 0} onChange={setPage} />}
        </>
      )}
    </>
  );
}
