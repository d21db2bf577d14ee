import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Station } from '../../api/stations.ts';
import { useT } from '../../i18n/index.tsx';

/** The stations on a phone: one card each, name first, nothing cut off. */
export function StationCards({ items, loading }: { items: Station[] | undefined; loading: boolean }) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('common.empty')} />;
  return (
    <ul aria-label={t('station.title')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={loading}>
      {items.map((s) => (
        <li key={s.id}>
          <Card size="small">
            <Link to={`/stations/${s.id}`} style={{ fontSize: 16, fontWeight: 600, overflowWrap: 'anywhere' }}>
              {s.name}
            </Link>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {[s.code, t.enum('stationKind', s.kind), s.headDeputyName ? `${t('station.head')} ${s.headDeputyName}` : null].filter(Boolean).join(' · ')}
            </Typography.Text>
            {s.scheduleText && (
              <div>
                {t('station.schedule')}：{s.scheduleText}
              </div>
            )}
            <div>{t('station.counts', { villages: s.villageCount, deputies: s.deputyCount, liaisons: s.liaisonCount })}</div>
            {s.address && <div style={{ overflowWrap: 'anywhere' }}>{s.address}</div>}
          </Card>
        </li>
      ))}
    </ul>
  );
}
