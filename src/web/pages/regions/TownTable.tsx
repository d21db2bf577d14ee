import { useQuery } from '@tanstack/react-query';

import { type Town, regionsApi } from '../../api/regions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export function TownTable() {
  const t = useT();
  const q = useQuery({ queryKey: ['towns'], queryFn: regionsApi.towns });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <DataTable<Town>
      label={t('region.towns')}
      rowKey="id"
      size="middle"
      loading={q.isFetching}
      dataSource={q.data}
      pagination={false}
      scroll={{ x: 560 }}
      columns={[
        { key: 'code', dataIndex: 'code', title: t('common.code'), width: 100 },
        { key: 'name', dataIndex: 'name', title: t('common.name') },
        { key: 'population', dataIndex: 'population', title: t('region.population'), width: 110, render: (v: number | null) => v?.toLocaleString() ?? '—' },
        { key: 'villageCount', dataIndex: 'villageCount', title: t('region.villageCount'), width: 120 },
        { key: 'deputyCount', dataIndex: 'deputyCount', title: t('region.deputyCount'), width: 100 },
      ]}
    />
  );
}
