import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { type Group, groupsApi } from '../../api/groups.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { GroupCards } from './GroupCards.tsx';
import { GroupDetailDrawer } from './GroupDetailDrawer.tsx';
import { GroupFormDrawer } from './GroupFormDrawer.tsx';

/** The town's deputy groups; `?group=<id>` opens one (so a group can be linked to). */
export default function GroupListPage() {
  const t = useT();
  const mobile = useIsMobile();
  const isAdmin = useHasRole(ADMINS);
  const [params, setParams] = useSearchParams();
  const openId = params.get('group');
  // undefined: closed; null: a new group; an id: that group.
  const [form, setForm] = useState<string | null | undefined>(undefined);
  const q = useQuery({ queryKey: ['groups', 'list'], queryFn: groupsApi.list });
  const linkTo = (g: Group) => `?group=${g.id}`;
  const show = (id: string | null) => setParams(id ? { group: id } : {});
  const columns = useMemo<TableColumnsType<Group>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('common.code'), width: 100 },
      { key: 'name', title: t('common.name'), render: (_, g) => <Link to={`?group=${g.id}`}>{g.name}</Link> },
      { key: 'station', dataIndex: 'stationName', title: t('group.station'), width: 200 },
      { key: 'leader', dataIndex: 'leaderName', title: t('group.leader'), width: 110 },
      { key: 'memberCount', dataIndex: 'memberCount', title: t('group.memberCount'), width: 90 },
    ],
    [t],
  );
  const actions = isAdmin ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm(null)}>
      {t('group.add')}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title={t('group.title')} extra={actions} />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <GroupCards items={q.data} loading={q.isFetching} linkTo={linkTo} />
      ) : (
        <DataTable<Group>
          label={t('group.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data}
          loading={q.isFetching}
          scroll={{ x: 640 }}
          pagination={false}
        />
      )}
      <GroupDetailDrawer groupId={openId} canEdit={isAdmin} onClose={() => show(null)} onEdit={(id) => setForm(id)} />
      {isAdmin && (
        <GroupFormDrawer
          open={form !== undefined}
          groupId={form ?? undefined}
          onClose={() => setForm(undefined)}
          onSaved={(g) => {
            setForm(undefined);
            show(g.id);
          }}
        />
      )}
    </>
  );
}
