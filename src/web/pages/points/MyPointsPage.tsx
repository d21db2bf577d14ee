import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { pointsApi } from '../../api/points.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { PointsBreakdown } from './PointsBreakdown.tsx';
import { chinaMonth, defaultMonth } from './pointsFormat.ts';

/** /my/points — the deputy's own breakdown (GET /points/mine), month by month. */
export default function MyPointsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const m = params.get('month');
  const month = m && /^\d{4}-\d{2}$/.test(m) ? m : defaultMonth(Number(chinaMonth().slice(0, 4)));
  const year = Number(month.slice(0, 4));
  const q = useQuery({ queryKey: ['points', 'mine', month], queryFn: () => pointsApi.mine(year, month), placeholderData: keepPreviousData, retry: false });
  const none = q.error instanceof ApiError && q.error.status === 404 && q.error.message !== '接口不存在';
  return (
    <>
      <PageHeader title={t('points.navMine')} />
      {none ? (
        <Empty description={t('points.noneForYou', { year })} />
      ) : q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active />
      ) : (
        <PointsBreakdown data={q.data} month={q.data.month ?? month} year={year} onMonth={(next) => setParams({ month: next }, { replace: true })} />
      )}
    </>
  );
}
