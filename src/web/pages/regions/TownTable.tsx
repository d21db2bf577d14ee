import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { type Town, regionsApi } from '../../api/regions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { RecordCards } from './RecordCards.tsx';
import { TownFormModal } from './TownFormModal.tsx';

export function TownTable() {
  const t = useT();
  const mobile = useIsMobile();
  // Towns belong to the county: only its admins add or rename them.
  const canEdit = useHasRole(['county_admin']);
  const q = useQuery({ queryKey: ['towns'], queryFn: regionsApi.towns });
  const [editing, setEditing] = useState<Town | 'new' | null>(null);
  const population = (v: number | null) => v?.toLocaleString() ?? '—';
  const editButton = (x: Town) => (
    <Button type="link" size="small" onClick={() => setEditing(x)} aria-label={`${t('common.edit')} ${x.name}`}>
      {t('common.edit')}
    </Button>
  );
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      {canEdit ? (
        <div className="page-toolbar" style={{ justifyContent: 'flex-end' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('region.addTown')}
          </Button>
        </div>
      ) : (
        <Alert type="info" showIcon title={t('region.townsReadOnly')} style={{ marginBottom: 12 }} />
      )}
      {mobile ? (
        <RecordCards
          label={t('region.towns')}
          loading={q.isFetching}
          items={q.data?.map((x) => ({
            key: x.id,
            title: x.name,
            lines: [
              `${t('common.code')} ${x.code} · ${t('region.population')} ${population(x.population)}`,
              `${t('region.villageCount')} ${x.villageCount} · ${t('region.deputyCount')} ${x.deputyCount}`,
            ],
            action: canEdit ? editButton(x) : undefined,
          }))}
        />
      ) : (
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
            { key: 'population', dataIndex: 'population', title: t('region.population'), width: 110, render: population },
            { key: 'villageCount', dataIndex: 'villageCount', title: t('region.villageCount'), width: 120 },
            { key: 'deputyCount', dataIndex: 'deputyCount', title: t('region.deputyCount'), width: 100 },
            ...(canEdit ? [{ key: 'actions', title: t('common.actions'), width: 90, render: (_: unknown, x: Town) => editButton(x) }] : []),
          ]}
        />
      )}
      <TownFormModal open={editing !== null} town={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />
    </>
  );
}
