import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Pagination, Select, Skeleton, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { MEETING_STATUSES, type MeetingStatus, type MeetingSummary, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { MeetingFormModal } from './MeetingFormModal.tsx';
import { Pill } from '../../components/Pill.tsx';
import { MeetingStatusTag } from './MeetingTags.tsx';

const KEYS = ['q', 'status'] as const;

/** The presidium's meetings, newest first, with how many of their decisions are still open or overdue. */
export default function MeetingListPage() {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const isAdmin = useHasRole(ADMINS);
  const [creating, setCreating] = useState(false);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const [text, setText] = useSearchBox(values.q, (q) => set({ q }));
  const query = { q: values.q, status: values.status as MeetingStatus | undefined, page, pageSize };
  const q = useQuery({ queryKey: ['presidium-meetings', 'list', query], queryFn: () => presidiumMeetingsApi.list(query), placeholderData: keepPreviousData });

  const when = (m: MeetingSummary) => [m.date, m.startTime && (m.endTime ? `${m.startTime}–${m.endTime}` : m.startTime)].filter(Boolean).join(' ');
  const decisionTags = (m: MeetingSummary) => (
    <Space size={4} wrap>
      <Typography.Text>{t('meeting.counts', { agenda: m.agendaCount, decisions: m.decisionCount })}</Typography.Text>
      {m.openDecisionCount > 0 && <Pill tone="info">{t('meeting.openCount', { n: m.openDecisionCount })}</Pill>}
      {m.overdueDecisionCount > 0 && <Pill tone="bad">{t('meeting.overdueCount', { n: m.overdueDecisionCount })}</Pill>}
    </Space>
  );
  const columns: TableColumnsType<MeetingSummary> = [
    { key: 'code', title: t('meeting.code'), width: 80, render: (_, m) => m.code },
    {
      key: 'title',
      title: t('meeting.title'),
      render: (_, m) => (
        <>
          <Link to={`/presidium-meetings/${m.id}`}>{m.title}</Link>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('meeting.ordinalText', { term: m.termNumber, n: m.ordinal })}
          </Typography.Text>
        </>
      ),
    },
    { key: 'when', title: t('meeting.time'), width: 170, render: (_, m) => when(m) },
    { key: 'place', title: t('meeting.place'), width: 160, render: (_, m) => m.place },
    { key: 'status', title: t('meeting.status'), width: 100, render: (_, m) => <MeetingStatusTag status={m.status} /> },
    { key: 'decisions', title: t('meeting.decisions'), width: 280, render: (_, m) => decisionTags(m) },
  ];

  return (
    <>
      <PageHeader
        title={t('meeting.nav.list')}
        extra={
          <>
            <Button onClick={() => navigate('/presidium-meetings/decisions')}>{t('meeting.nav.tracking')}</Button>
            {isAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('meeting.new')}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear aria-label={t('meeting.search')} placeholder={t('meeting.search')} value={text} onChange={(e) => setText(e.target.value)} style={{ width: 240 }} />
        <Select
          allowClear
          aria-label={t('meeting.status')}
          placeholder={t('meeting.status')}
          style={{ width: 140 }}
          value={values.status}
          onChange={(status) => set({ status })}
          options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meeting.status.${s}`) }))}
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
          <ul aria-label={t('meeting.nav.list')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={q.isFetching}>
            {q.data.items.map((m) => (
              <li key={m.id}>
                <Card size="small">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Link to={`/presidium-meetings/${m.id}`} style={{ fontSize: 16, fontWeight: 600, overflowWrap: 'anywhere' }}>
                      {m.title}
                    </Link>
                    <MeetingStatusTag status={m.status} />
                  </div>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {[m.code, t('meeting.ordinalText', { term: m.termNumber, n: m.ordinal }), when(m), m.place].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {decisionTags(m)}
                </Card>
              </li>
            ))}
          </ul>
        )
      ) : (
        <DataTable<MeetingSummary>
          label={t('meeting.nav.list')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 960 }}
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
      {creating && <MeetingFormModal onClose={() => setCreating(false)} onSaved={(m) => navigate(`/presidium-meetings/${m.id}`)} />}
    </>
  );
}
