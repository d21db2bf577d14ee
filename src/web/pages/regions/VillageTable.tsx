import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input } from 'antd';
import { useState } from 'react';
import { type Village, regionsApi } from '../../api/regions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export function VillageTable() {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const query = { q, ...page };
  const list = useQuery({ queryKey: ['villages', query], queryFn: () => regionsApi.villages(query), placeholderData: keepPreviousData });
  return (
    <>
      <Input.Search
        aria-label={t('region.searchVillage')}
        placeholder={t('region.searchVillage')}
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<Village>
          label={t('region.villages')}
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 })}
          columns={[
            { key: 'code', dataIndex: 'code', title: t('common.code'), width: 120 },
            { key: 'name', dataIndex: 'name', title: t('common.name') },
            { key: 'kind', title: t('common.kind'), width: 90, render: (_, v) => t.enum('villageKind', v.kind) },
          ]}
        />
      )}
    </>
  );
}
