import type { Term } from '../../api/regions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useTerms } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export function TermTable() {
  const t = useT();
  const q = useTerms();
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <DataTable<Term>
      label={t('region.terms')}
      rowKey="id"
      size="middle"
      loading={q.isFetching}
      dataSource={q.data}
      pagination={false}
      scroll={{ x: 560 }}
      columns={[
        { key: 'name', title: t('region.terms'), render: (_, x) => (x.current ? `${x.name}（${t('region.current')}）` : x.name) },
        { key: 'startDate', dataIndex: 'startDate', title: t('region.startDate'), width: 120 },
        { key: 'endDate', title: t('region.endDate'), width: 120, render: (_, x) => x.endDate ?? '—' },
        { key: 'deputyCount', dataIndex: 'deputyCount', title: t('region.deputyCount'), width: 100 },
      ]}
    />
  );
}
