import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { pointsApi } from '../../api/points.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { PointsBreakdown } from './PointsBreakdown.tsx';
import { defaultMonth, chinaMonth } from './pointsFormat.ts';

/** /points/deputies/:deputyId?month= — one deputy's breakdown for staff; the scheme is the month's year's. */
export default function DeputyPointsPage() {
  const t = useT();
  const { deputyId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const m = params.get('month');
  const month = m && /^\d{4}-\d{2}$/.test(m) ? m : defaultMonth(Number(chinaMonth().slice(0, 4)));
  const year = Number(month.slice(0, 4));
  const schemes = useQuery({ queryKey: ['points', 'schemes', year], queryFn: () => pointsApi.schemes(year) });
  const scheme = schemes.data?.items[0];
  const q = useQuery({
    queryKey: ['points', 'breakdown', scheme?.id, deputyId, month],
    queryFn: () => pointsApi.breakdown(scheme?.id ?? '', deputyId, month),
    enabled: !!scheme,
    placeholderData: keepPreviousData,
  });
  const back = `/points?year=${year}&month=${month}`;
  const title = q.data ? `${q.data.deputy.name} · ${t('points.navDeputy')}` : t('points.navDeputy');
  const err = schemes.error ?? q.error;
  return (
    <>
      <PageHeader back={back} title={title} />
      {err ? (
        <LoadError error={err} onRetry={() => void (schemes.error ? schemes.refetch() : q.refetch())} />
      ) : schemes.data && !scheme ? (
        <Empty description={t('points.noScheme', { year })} />
      ) : !q.data ? (
        <Skeleton active />
      ) : (
        <PointsBreakdown data={q.data} month={month} year={year} onMonth={(next) => setParams({ month: next }, { replace: true })} />
      )}
    </>
  );
}
