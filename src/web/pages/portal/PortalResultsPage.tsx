import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { portalApi } from '../../api/portal.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { usePortal, usePortalTitle } from './PortalLayout.tsx';

const PAGE_SIZE = 10;

/** 办理结果: the suggestions the town has published, with their public answers. */
export default function PortalResultsPage() {
  const t = useT();
  const { portal } = usePortal();
  usePortalTitle(t('portal.results.title'), portal.town.name);
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const q = useQuery({
    queryKey: ['portal', 'results', portal.town.code, page],
    queryFn: () => portalApi.results(portal.town.code, { page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <h1>{t('portal.results.title')}</h1>
      <Typography.Paragraph type="secondary">{t('portal.results.intro')}</Typography.Paragraph>
      {q.error ? (
        <Alert role="alert" type="error" showIcon title={(q.error as Error).message} />
      ) : !q.data ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty description={t('portal.results.empty')} />
      ) : (
        <>
          <ul className="portal-list" aria-busy={q.isFetching}>
            {q.data.items.map((r) => (
              <li key={r.code}>
                <Card size="small">
                  <h2 style={{ fontSize: 17 }}>{r.title}</h2>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
                    <span>{r.code}</span>
                    <span>{r.category}</span>
                    {r.gradeLabel && <Pill tone="good">{r.gradeLabel}</Pill>}
                  </div>
                  <p className="portal-text">{r.publicAnswer}</p>
                  <dl className="portal-facts" style={{ marginTop: 8 }}>
                    {r.repliedOn && (
                      <>
                        <dt>{t('portal.results.repliedOn')}</dt>
                        <dd>{r.repliedOn}</dd>
                      </>
                    )}
                    {r.closedDate && (
                      <>
                        <dt>{t('portal.results.closedDate')}</dt>
                        <dd>{r.closedDate}</dd>
                      </>
                    )}
                  </dl>
                </Card>
              </li>
            ))}
          </ul>
          {q.data.total > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 16, textAlign: 'center' }}
              current={page}
              pageSize={PAGE_SIZE}
              total={q.data.total}
              showSizeChanger={false}
              onChange={(p) => setSp({ page: String(p) })}
            />
          )}
        </>
      )}
    </>
  );
}
