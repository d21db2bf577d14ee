import { PhoneOutlined } from '@ant-design/icons';
import { Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Deputy } from '../../api/deputies.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { levelOf } from './deputyRules.ts';

type Props = { items: Deputy[] | undefined; loading: boolean; total: number; page: number; pageSize: number; onPage: (page: number, size: number) => void };

/** The roster on a phone: one card per deputy, name first, tap to open. */
export function DeputyCards({ items, loading, total, page, pageSize, onPage }: Props) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('common.empty')} />;
  return (
    <>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={loading}>
        {items.map((d) => (
          <li key={d.id}>
            <Card size="small">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
                <Link to={`/deputies/${d.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                  {d.name}
                </Link>
                <StatusTag status={d.status} />
              </div>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {[d.code, t.enum('gender', d.gender), d.age != null ? `${d.age}` : null, t.enum('level', levelOf(d)), t.enum('party', d.party)]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              {(d.workplace || d.stationName) && <div style={{ overflowWrap: 'anywhere' }}>{[d.workplace, d.stationName].filter(Boolean).join(' · ')}</div>}
              {d.phone && (
                <div>
                  <PhoneOutlined aria-hidden /> <span className="visually-hidden">{t('deputy.phone')}</span>
                  {d.phone}
                </div>
              )}
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
