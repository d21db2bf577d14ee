import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Pagination, Select, Skeleton, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS, STAFF } from '../../api/auth.ts';
import { SESSION_STATUSES, type SessionStatus, type SessionSummary, sessionsApi } from '../../api/sessions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useTermOptions } from '../../hooks/useLookups.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { QuorumIndicator, SessionStatusPill } from './SessionBits.tsx';
import { SessionFormDialog } from './SessionFormDialog.tsx';

const KEYS = ['termId', 'status'] as const;

/** The town's congress sessions, latest first, with their roll and quorum at a glance. */
export default function SessionListPage() {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const isAdmin = useHasRole(ADMINS);
  const isStaff = useHasRole(STAFF);
  const termOptions = useTermOptions();
  const [creating, setCreating] = useState(false);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const query = { termId: values.termId, status: values.status as SessionStatus | undefined, page, pageSize };
  const q = useQuery({ queryKey: ['sessions', 'list', query], queryFn: () => sessionsApi.list(query), placeholderData: keepPreviousData });

  const dates = (s: SessionSummary) => (s.startDate === s.endDate ? s.startDate : `${s.startDate} – ${s.endDate}`);
  const nameCell = (s: SessionSummary) => (
    <>
      <Link to={`/sessions/${s.id}`} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {s.name}
      </Link>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {[s.code, s.shortName, s.kind === 'extraordinary' ? t('session.kind.extraordinary') : null].filter(Boolean).join(' · ')}
      </Typography.Text>
    </>
  );
  const columns: TableColumnsType<SessionSummary> = [
    { key: 'name', title: t('session.name'), render: (_, s) => nameCell(s) },
    { key: 'dates', title: t('session.dates'), width: 175, render: (_, s) => dates(s) },
    { key: 'place', title: t('session.place'), width: 140, render: (_, s) => s.place },
    { key: 'status', title: t('session.status'), width: 84, render: (_, s) => <SessionStatusPill status={s.status} /> },
    { key: 'quorum', title: t('session.quorum'), width: 250, render: (_, s) => <QuorumIndicator quorum={s.quorum} compact /> },
    {
      key: 'counts',
      title: t('session.countsTitle'),
      width: 160,
      render: (_, s) => t('session.counts', { motions: s.motionCount, suggestions: s.suggestionCount }),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('session.nav.list')}
        extra={
          <>
            {isStaff && (
              <Button icon={<WarningOutlined />} onClick={() => navigate('/sessions/absences')}>
                {t('session.nav.absences')}
              </Button>
            )}
            {isAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('session.new')}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('session.filterTerm')}
          placeholder={t('session.term')}
          style={{ width: 180 }}
          value={values.termId}
          onChange={(termId) => set({ termId })}
          options={termOptions}
        />
        <Select
          allowClear
          aria-label={t('session.filterStatus')}
          placeholder={t('session.status')}
          style={{ width: 140 }}
          value={values.status}
          onChange={(status) => set({ status })}
          options={SESSION_STATUSES.map((s) => ({ value: s, label: t(`session.status.${s}`) }))}
        />
      </Space>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        q.isPending ? (
          <Skeleton active />
        ) : !q.data?.items.length ? (
          <Empty description={t('common.empty')} />
        ) : (
          <ul aria-label={t('session.nav.list')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={q.isFetching}>
            {q.data.items.map((s) => (
              <li key={s.id}>
                <Card size="small">
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
                    <div style={{ minWidth: 0 }}>{nameCell(s)}</div>
                    <SessionStatusPill status={s.status} />
                  </div>
                  <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0' }}>
                    {[dates(s), s.place].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  <QuorumIndicator quorum={s.quorum} compact />
                </Card>
              </li>
            ))}
          </ul>
        )
      ) : (
        <DataTable<SessionSummary>
          label={t('session.nav.list')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 980 }}
        />
      )}
      {(q.data?.total ?? 0) > pageSize && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={pageSize}
          total={q.data?.total}
          onChange={(p, s) => set({ page: p, pageSize: s })}
          showTotal={(total) => t('common.total', { total })}
        />
      )}
      {creating && <SessionFormDialog onClose={() => setCreating(false)} onSaved={(s) => navigate(`/sessions/${s.id}`)} />}
    </>
  );
}
