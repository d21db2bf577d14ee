import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Group } from '../../api/groups.ts';
import { useT } from '../../i18n/index.tsx';

/** The groups on a phone: one card each, the name opens the group. */
export function GroupCards({ items, loading, linkTo }: { items: Group[] | undefined; loading: boolean; linkTo: (g: Group) => string }) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('common.empty')} />;
  return (
    <ul aria-label={t('group.title')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={loading}>
      {items.map((g) => (
        <li key={g.id}>
          <Card size="small">
            <Link to={linkTo(g)} style={{ fontSize: 16, fontWeight: 600, overflowWrap: 'anywhere' }}>
              {g.name}
            </Link>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {[g.code, g.stationName].filter(Boolean).join(' · ')}
            </Typography.Text>
            <div>{t('group.cardLine', { leader: g.leaderName ?? '—', count: g.memberCount })}</div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
