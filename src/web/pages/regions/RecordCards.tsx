import { Card, Empty, Pagination, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.tsx';

export type RecordCard = { key: string; title: ReactNode; tag?: ReactNode; lines: ReactNode[]; action?: ReactNode };

type Props = {
  label: string;
  items: RecordCard[] | undefined;
  loading: boolean;
  paging?: { page: number; pageSize: number; total: number; onChange: (page: number, size: number) => void };
};

/** A regions list on a phone: one card per record, its name first, the edit button at hand. */
export function RecordCards({ label, items, loading, paging }: Props) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('common.empty')} />;
  return (
    <>
      <ul aria-label={label} aria-busy={loading} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
        {items.map((c) => (
          <li key={c.key}>
            <Card size="small">
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <span style={{ fontSize: 16, fontWeight: 600, overflowWrap: 'anywhere' }}>{c.title}</span>
                {c.tag}
              </div>
              <div style={{ display: 'flex', alignItems: 'flex-end', gap: 8 }}>
                <div style={{ flex: '1 1 auto', minWidth: 0 }}>
                  {c.lines.filter(Boolean).map((line, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a card are fixed in number and order
                    <div key={i} style={{ overflowWrap: 'anywhere', color: i === 0 ? 'rgba(0,0,0,0.65)' : undefined }}>
                      {line}
                    </div>
                  ))}
                </div>
                {c.action}
              </div>
            </Card>
          </li>
        ))}
      </ul>
      {paging && paging.total > paging.pageSize && (
        <nav aria-label={t('common.pagination')} style={{ marginTop: 12, display: 'flex', justifyContent: 'center' }}>
          <Pagination simple current={paging.page} pageSize={paging.pageSize} total={paging.total} onChange={paging.onChange} />
        </nav>
      )}
    </>
  );
}
