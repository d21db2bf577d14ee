import { useQuery } from '@tanstack/react-query';
import { Select, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type PresidiumMember, presidiumApi } from '../../api/presidium.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useTermOptions } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export default function PresidiumPage() {
  const t = useT();
  const [termId, setTermId] = useState<string | undefined>();
  const terms = useTermOptions();
  const q = useQuery({ queryKey: ['presidium', termId ?? null], queryFn: () => presidiumApi.get(termId) });
  const columns = useMemo<TableColumnsType<PresidiumMember>>(
    () => [
      { key: 'position', title: t('presidium.position'), width: 100, render: (_, m) => t.enum('position', m.position) },
      { key: 'name', title: t('presidium.deputy'), width: 120, render: (_, m) => <Link to={`/deputies/${m.deputyId}`}>{m.deputyName}</Link> },
      { key: 'startDate', dataIndex: 'startDate', title: t('presidium.startDate'), width: 120 },
      { key: 'endDate', title: t('presidium.endDate'), width: 120, render: (_, m) => m.endDate ?? '—' },
      { key: 'liaisons', title: t('presidium.liaisonDeputies'), render: (_, m) => m.liaisonDeputies.map((d) => d.name).join('、') || '—' },
    ],
    [t],
  );
  return (
    <>
      <PageHeader
        title={t('presidium.title')}
        extra={
          terms.length > 1 && (
            <Select
              aria-label={t('presidium.term')}
              placeholder={t('presidium.term')}
              allowClear
              value={termId}
              onChange={setTermId}
              options={terms}
              style={{ width: 160 }}
            />
          )
        }
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<PresidiumMember>
          label={t('presidium.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.members}
          loading={q.isFetching}
          scroll={{ x: 640 }}
          pagination={false}
        />
      )}
    </>
  );
}
