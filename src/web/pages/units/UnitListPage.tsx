import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { ADMINS } from '../../api/auth.ts';
import { UNIT_KINDS, type Unit, type UnitKind, type UnitQuery, unitsApi } from '../../api/units.ts';
import { ActiveTag } from '../../components/ActiveTag.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { UnitFormModal } from './UnitFormModal.tsx';
import { DataTable } from '../../components/DataTable.tsx';

const KEYS = ['q', 'kind', 'active'] as const;

export default function UnitListPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  const query: UnitQuery = { q: values.q, kind: values.kind as UnitKind | undefined, active: values.active as 'true' | 'false' | undefined, page, pageSize };
  const list = useQuery({ queryKey: ['units', query], queryFn: () => unitsApi.list(query), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<Unit>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('unit.code'), width: 110 },
      { key: 'name', dataIndex: 'name', title: t('unit.name') },
      { key: 'kind', title: t('unit.kind'), width: 120, render: (_, u) => t.enum('unitKind', u.kind) },
      { key: 'contactName', dataIndex: 'contactName', title: t('unit.contactName'), width: 110 },
      { key: 'contactPhone', dataIndex: 'contactPhone', title: t('unit.contactPhone'), width: 140 },
      { key: 'active', title: t('unit.active'), width: 90, render: (_, u) => <ActiveTag active={u.active} /> },
      ...(isAdmin
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              width: 90,
              render: (_: unknown, u: Unit) => (
                <Button type="link" size="small" onClick={() => setEditing(u)} aria-label={`${t('common.edit')} ${u.name}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, isAdmin],
  );

  return (
    <>
      <PageHeader
        title={t('unit.title')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('unit.add')}
            </Button>
          )
        }
      />
      <div className="filter-grid">
        <Input.Search
          className="span-2"
          aria-label={t('unit.searchLabel')}
          placeholder={t('unit.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          aria-label={t('unit.kind')}
          placeholder={t('unit.kind')}
          allowClear
          value={values.kind}
          onChange={(v) => set({ kind: v })}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t.enum('unitKind', k) }))}
        />
        <Select
          aria-label={t('unit.active')}
          placeholder={t('common.status')}
          allowClear
          value={values.active}
          onChange={(v) => set({ active: v })}
          options={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<Unit>
          label={t('unit.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 800 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <UnitFormModal open={editing !== null} unit={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />
    </>
  );
}
