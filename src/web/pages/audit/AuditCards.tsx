import { Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AuditEvent } from '../../api/audit.ts';
import { AuditChanges } from '../../components/AuditChanges.tsx';
import { useT } from '../../i18n/index.tsx';

type Props = { items: AuditEvent[] | undefined; loading: boolean; total: number; page: number; pageSize: number; onPage: (page: number, size: number) => void };

/** The audit log on a phone: one card per event, the changes underneath. */
export function AuditCards({ items, loading, total, page, pageSize, onPage }: Props) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('common.empty')} />;
  return (
    <>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }} aria-busy={loading}>
        {items.map((e) => (
          <li key={e.id}>
            <Card size="small">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <strong>
                  {t.enum('action', e.action)} · {t.enum('entity', e.entity)}
                </strong>
                <time dateTime={e.at}>{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</time>
              </div>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {e.actorName}（{t.enum('role', e.actorRole)}）
              </Typography.Text>
              <div style={{ overflowWrap: 'anywhere' }}>{e.summary}</div>
              {e.changes && <AuditChanges changes={e.changes} entity={e.entity} />}
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
