import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { groupsApi } from '../../api/groups.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { byRole } from './groupMembers.ts';

type Props = { groupId: string | null; canEdit: boolean; onClose: () => void; onEdit: (id: string) => void };

// Role tags in colours dark enough on their backgrounds (antd's presets are about 3.4:1).
const ROLE_STYLE = {
  leader: { color: '#8e0000', background: '#ffebee', borderColor: '#ef9a9a' },
  vice_leader: { color: '#0d3c78', background: '#e3f2fd', borderColor: '#90caf9' },
  member: { color: '#37474f', background: '#eceff1', borderColor: '#b0bec5' },
} as const;

/** One deputy group: its station, description and members with their roles. */
export function GroupDetailDrawer({ groupId, canEdit, onClose, onEdit }: Props) {
  const t = useT();
  const mobile = useIsMobile();
  const q = useQuery({ queryKey: ['groups', 'one', groupId], queryFn: () => groupsApi.get(groupId as string), enabled: !!groupId });
  const g = q.data;
  return (
    <Drawer
      open={!!groupId}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={g?.name ?? t('group.title')}
      extra={
        canEdit &&
        g && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(g.id)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !g ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            className="nowrap-labels"
            column={1}
            size="small"
            bordered
            items={[
              { key: 'code', label: t('common.code'), children: g.code },
              { key: 'station', label: t('group.station'), children: g.stationId ? <Link to={`/stations/${g.stationId}`}>{g.stationName}</Link> : '—' },
              { key: 'leader', label: t('group.leader'), children: g.leaderName ?? '—' },
              { key: 'description', label: t('group.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{g.description || '—'}</span> },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: '20px 0 8px' }}>
            {t('group.members')}（{g.members.length}）
          </Typography.Title>
          <ul aria-label={t('group.members')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
            {[...g.members].sort(byRole).map((m) => (
              <li key={m.deputyId} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Tag style={{ ...ROLE_STYLE[m.role], minWidth: 56, textAlign: 'center' }}>{t.enum('groupRole', m.role)}</Tag>
                <Link to={`/deputies/${m.deputyId}`}>{m.name}</Link>
              </li>
            ))}
          </ul>
          {g.members.length === 0 && <Typography.Text type="secondary">{t('group.noMembers')}</Typography.Text>}
        </>
      )}
    </Drawer>
  );
}
