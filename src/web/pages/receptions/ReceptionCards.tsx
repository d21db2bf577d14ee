import { Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ReceptionItem } from '../../api/receptions.ts';
import { useT } from '../../i18n/index.tsx';
import { timeRange } from './receptionFormat.ts';

type Props = {
  items: ReceptionItem[] | undefined;
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number, size: number) => void;
  routing: (r: ReceptionItem) => string;
};

/** Receptions on a phone: one card each; the date opens the reception. */
export function ReceptionCards({ items, loading, total, page, pageSize, onPage, routing }: Props) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('reception.empty')} />;
  return (
    <>
      <ul aria-label={t('reception.title')} aria-busy={loading} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
        {items.map((r) => (
          <li key={r.id}>
            <Card size="small">
              <Link to={`/receptions/${r.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                {r.date} {r.station.name}
              </Link>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {[r.code, timeRange(r)].filter(Boolean).join(' · ')}
              </Typography.Text>
              <div>
                {t('reception.deputies')}：{r.deputies.map((d) => d.name).join('、') || '—'}
              </div>
              <div>
                {t('reception.matterCount')} {r.matterCount} · {t('reception.visitorCount')} {r.visitorCount}
              </div>
              <div>
                {t('reception.routingSummary')}：{routing(r)}
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <nav aria-label={t('common.pagination')} style={{ marginTop: 12, display: 'flex', justifyContent: 'center' }}>
        <Pagination simple current={page} pageSize={pageSize} total={total} onChange={onPage} />
      </nav>
    </>
  );
}
