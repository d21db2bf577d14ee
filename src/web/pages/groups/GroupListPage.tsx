import { useQuery } from '@tanstack/react-query';
import { Skeleton, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { type Group, groupsApi } from '../../api/groups.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

/** The members of one group, loaded when its row is expanded. */
function GroupMembers({ id }: { id: string }) {
  const t = useT();
  const q = useQuery({ queryKey: ['groups', 'one', id], queryFn: () => groupsApi.get(id) });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.error) return <LoadError error={q.error} />;
  return (
    <ul aria-label={t('group.members')} style={{ margin: 0, paddingInlineStart: 20, columns: '12em' }}>
      {q.data.members.map((m) => (
        <li key={m.deputyId}>
          <Link to={`/deputies/${m.deputyId}`}>{m.name}</Link>
          {m.role !== 'member' && `（${t.enum('groupRole', m.role)}）`}
        </li>
      ))}
    </ul>
  );
}

export default function GroupListPage() {
  const t = useT();
  const q = useQuery({ queryKey: ['groups', 'list'], queryFn: groupsApi.list });
  const columns = useMemo<TableColumnsType<Group>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('common.code'), width: 100 },
      { key: 'name', dataIndex: 'name', title: t('common.name') },
      { key: 'station', dataIndex: 'stationName', title: t('group.station'), width: 160 },
      { key: 'leader', dataIndex: 'leaderName', title: t('group.leader'), width: 110 },
      { key: 'memberCount', dataIndex: 'memberCount', title: t('group.memberCount'), width: 90 },
    ],
    [t],
  );
  return (
    <>
      <PageHeader title={t('group.title')} />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
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
          expandable={{ expandedRowRender: (g) => <GroupMembers id={g.id} /> }}
        />
      )}
    </>
  );
}
