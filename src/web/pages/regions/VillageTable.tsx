import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Tag } from 'antd';
import { useState } from 'react';
import { ADMINS } from '../../api/auth.ts';
import { type Village, regionsApi } from '../../api/regions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { RecordCards } from './RecordCards.tsx';
import { VillageFormModal } from './VillageFormModal.tsx';

export function VillageTable() {
  const t = useT();
  const mobile = useIsMobile();
  const canEdit = useHasRole(ADMINS);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [editing, setEditing] = useState<Village | 'new' | null>(null);
  const query = { q, ...page };
  const list = useQuery({ queryKey: ['villages', query], queryFn: () => regionsApi.villages(query), placeholderData: keepPreviousData });
  const editButton = (v: Village) => (
    <Button type="link" size="small" onClick={() => setEditing(v)} aria-label={`${t('common.edit')} ${v.name}`}>
      {t('common.edit')}
    </Button>
  );

  return (
    <>
      <div className="page-toolbar">
        <Input.Search
          className="grow"
          aria-label={t('region.searchVillage')}
          placeholder={t('region.searchVillage')}
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ maxWidth: 320 }}
        />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('region.addVillage')}
          </Button>
        )}
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : mobile ? (
        <RecordCards
          label={t('region.villages')}
          loading={list.isFetching}
          items={list.data?.items.map((v) => ({
            key: v.id,
            title: v.name,
            tag: <Tag>{t.enum('villageKind', v.kind)}</Tag>,
            lines: [`${t('common.code')} ${v.code} · ${t('region.sortOrder')} ${v.sortOrder}`],
            action: canEdit ? editButton(v) : undefined,
          }))}
          paging={{ ...page, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        />
      ) : (
        <DataTable<Village>
          label={t('region.villages')}
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 })}
          columns={[
            { key: 'code', dataIndex: 'code', title: t('common.code'), width: 120 },
            { key: 'name', dataIndex: 'name', title: t('common.name') },
            { key: 'kind', title: t('common.kind'), width: 90, render: (_, v) => t.enum('villageKind', v.kind) },
            { key: 'sortOrder', dataIndex: 'sortOrder', title: t('region.sortOrder'), width: 80 },
            ...(canEdit ? [{ key: 'actions', title: t('common.actions'), width: 90, render: (_: unknown, v: Village) => editButton(v) }] : []),
          ]}
        />
      )}
      <VillageFormModal open={editing !== null} village={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />
    </>
  );
}
