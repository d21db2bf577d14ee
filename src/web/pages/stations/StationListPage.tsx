import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { type Station, stationsApi } from '../../api/stations.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { StationCards } from './StationCards.tsx';
import { StationFormDrawer } from './StationFormDrawer.tsx';

export default function StationListPage() {
  const t = useT();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const isAdmin = useHasRole(ADMINS);
  const [creating, setCreating] = useState(false);
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
  const actions = isAdmin ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('station.add')}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title={t('station.title')} extra={actions} />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <StationCards items={q.data} loading={q.isFetching} />
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
      {isAdmin && (
        <StationFormDrawer
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(s) => {
            setCreating(false);
            navigate(`/stations/${s.id}`);
          }}
        />
      )}
    </>
  );
}
