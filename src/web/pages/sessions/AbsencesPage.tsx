import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type AbsenceRow, sessionsApi } from '../../api/sessions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pill } from '../../components/Pill.tsx';
import { useTermOptions } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';

/** Deputies absent without leave from closed sessions; two absences are flagged (代表法第六十二条). */
export default function AbsencesPage() {
  const t = useT();
  const termOptions = useTermOptions();
  const [termId, setTermId] = useState<string | undefined>();
  const q = useQuery({ queryKey: ['sessions', 'absences', termId ?? null], queryFn: () => sessionsApi.absences(termId) });

  const columns: TableColumnsType<AbsenceRow> = [
    {
      key: 'deputy',
      title: t('session.absences.deputy'),
      render: (_, r) => (
        <Link to={`/deputies/${r.deputy.id}`}>
          {r.deputy.name}（{r.deputy.code}）
        </Link>
      ),
    },
    { key: 'station', title: t('session.absences.station'), render: (_, r) => r.deputy.stationName ?? '—' },
    {
      key: 'sessions',
      title: t('session.absences.sessions'),
      render: (_, r) => (
        <Space wrap size={[8, 2]}>
          {r.absences.map((a) => (
            <Link key={a.sessionId} to={`/sessions/${a.sessionId}`}>
              {a.shortName}（{a.startDate}）
            </Link>
          ))}
        </Space>
      ),
    },
    { key: 'count', title: t('session.absences.count'), width: 80, render: (_, r) => r.absences.length },
    {
      key: 'flag',
      title: t('session.absences.flag'),
      width: 170,
      render: (_, r) => (r.flagged ? <Pill tone="bad">{t('session.absences.flagged')}</Pill> : null),
    },
  ];

  return (
    <>
      <PageHeader back="/sessions" title={t('session.nav.absences')} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('session.absences.intro')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('session.filterTerm')}
          placeholder={t('session.term')}
          style={{ width: 180 }}
          value={termId}
          onChange={setTermId}
          options={termOptions}
        />
      </Space>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<AbsenceRow>
          label={t('session.nav.absences')}
          rowKey={(r) => r.deputy.id}
          size="middle"
          columns={columns}
          dataSource={q.data}
          loading={q.isFetching}
          pagination={false}
          locale={{ emptyText: t('session.absences.empty') }}
          scroll={{ x: 720 }}
        />
      )}
    </>
  );
}
