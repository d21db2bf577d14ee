import { Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PresidiumMember } from '../../api/presidium.ts';
import { useT } from '../../i18n/index.tsx';

type Props = {
  members: PresidiumMember[] | undefined;
  loading: boolean;
  canEdit: boolean;
  onEdit: (m: PresidiumMember) => void;
  onLiaisons: (m: PresidiumMember) => void;
};

/** The presidium on a phone: one card per member, with the deputies they keep in touch with. */
export function PresidiumCards({ members, loading, canEdit, onEdit, onLiaisons }: Props) {
  const t = useT();
  if (loading && !members) return <Skeleton active />;
  if (!members?.length) return <Empty description={t('common.empty')} />;
  return (
    <ul aria-label={t('presidium.title')} aria-busy={loading} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {members.map((m) => (
        <li key={m.id}>
          <Card size="small">
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <Link to={`/deputies/${m.deputyId}`} style={{ fontSize: 16, fontWeight: 600 }}>
                {m.deputyName}
              </Link>
              <Space size={4}>
                <PositionTag member={m} />
              </Space>
            </div>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {m.endDate ? `${m.startDate} – ${m.endDate}` : t('presidium.since', { date: m.startDate })}
            </Typography.Text>
            <div style={{ overflowWrap: 'anywhere' }}>
              {t('presidium.liaisonDeputies')}（{m.liaisonDeputies.length}）：{m.liaisonDeputies.map((d) => d.name).join('、') || '—'}
            </div>
            {canEdit && (
              <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 4, marginTop: 4 }}>
                <Button size="small" onClick={() => onEdit(m)} aria-label={`${t('common.edit')} ${m.deputyName}`}>
                  {t('common.edit')}
                </Button>
                <Button size="small" onClick={() => onLiaisons(m)} aria-label={`${t('presidium.editLiaisons')} ${m.deputyName}`}>
                  {t('presidium.editLiaisons')}
                </Button>
              </div>
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** The position, and for a member who has left, that they have left. */
export function PositionTag({ member }: { member: PresidiumMember }) {
  const t = useT();
  const color = member.position === 'chair' ? 'red' : member.position === 'vice_chair' ? 'geekblue' : undefined;
  return (
    <>
      <Tag color={member.endDate ? undefined : color}>{t.enum('position', member.position)}</Tag>
      {member.endDate && <Tag>{t('presidium.left')}</Tag>}
    </>
  );
}
