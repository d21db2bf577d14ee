import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { type Station, stationsApi } from '../../api/stations.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export default function StationListPage() {
  const t = useT();
  const q = useQuery({ queryKey: ['stations', 'list'], queryFn: stationsApi.list });
  const columns = useMemo<TableColumnsType<Station>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('common.code'), width: 100 },
      { key: 'name', title: t('common.name'), render: (_, s) => <Link to={`/stations/${s.id}`}>{s.name}</Link> },
      { key: 'kind', title: t('station.kind'), width: 120, render: (_, s) => t.enum('stationKind', s.kind) },
      { key: 'head', dataIndex: 'headDeputyName', title: t('station.head'), width: 100 },
      { key: 'schedule', dataIndex: 'scheduleText', title: t('station.schedule'), width: 160 },
      { key: 'villageCount', dataIndex: 'villageCount', title: t('station.villageCount'), width: 110 },
      { key: 'deputyCount', dataIndex: 'deputyCount', title: t('station.deputyCount'), width: 90 },
      { key: 'liaisonCount', dataIndex: 'liaisonCount', title: t('station.liaisonCount'), width: 90 },
    ],
    [t],
  );
  return (
    <>
      <PageHeader title={t('station.title')} />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<Station>
          label={t('station.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data}
          loading={q.isFetching}
          scroll={{ x: 900 }}
          pagination={false}
        />
      )}
    </>
  );
}
