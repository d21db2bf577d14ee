import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { ROLES, type Role } from '../../api/auth.ts';
import { type User, usersApi } from '../../api/users.ts';
import { ActiveTag } from '../../components/ActiveTag.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { DataTable } from '../../components/DataTable.tsx';

const KEYS = ['q', 'role'] as const;

export default function UserListPage() {
  const t = useT();
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const query = { q: values.q, role: values.role as Role | undefined, page, pageSize };
  const list = useQuery({ queryKey: ['users', query], queryFn: () => usersApi.list(query), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<User>>(
    () => [
      { key: 'username', dataIndex: 'username', title: t('user.username'), width: 120 },
      { key: 'displayName', dataIndex: 'displayName', title: t('user.displayName'), width: 110 },
      { key: 'role', title: t('user.role'), width: 120, render: (_, u) => t.enum('role', u.role) },
      { key: 'binding', title: t('user.binding'), render: (_, u) => u.deputyName ?? u.unitName ?? u.stationName ?? '—' },
      { key: 'phone', dataIndex: 'phone', title: t('user.phone'), width: 130 },
      {
        key: 'active',
        title: t('user.active'),
        width: 100,
        render: (_, u) => (
          <>
            <ActiveTag active={u.active} />
            {u.mustChangePassword && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.68)' }}>{t('user.mustChange')}</div>}
          </>
        ),
      },
      { key: 'lastLogin', title: t('user.lastLogin'), width: 140, render: (_, u) => (u.lastLoginAt ? dayjs(u.lastLoginAt).format('YYYY-MM-DD HH:mm') : '—') },
      {
        key: 'actions',
        title: t('common.actions'),
        width: 170,
        render: (_, u) => (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(u)} aria-label={`${t('common.edit')} ${u.displayName}`}>
              {t('common.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setResetting(u)} aria-label={`${t('user.resetPassword')} ${u.displayName}`}>
              {t('user.resetPassword')}
            </Button>
          </Space>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('user.add')}
          </Button>
        }
      />
      <div className="filter-grid">
        <Input.Search
          className="span-2"
          aria-label={t('user.searchLabel')}
          placeholder={t('user.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          aria-label={t('user.role')}
          placeholder={t('user.role')}
          allowClear
          value={values.role}
          onChange={(v) => set({ role: v })}
          options={ROLES.map((r) => ({ value: r, label: t.enum('role', r) }))}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<User>
          label={t('user.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <UserFormModal open={editing !== null} user={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
