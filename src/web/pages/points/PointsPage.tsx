import { useQuery } from '@tanstack/react-query';
import { Select, Skeleton, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { pointsApi } from '../../api/points.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { Adjustments } from './Adjustments.tsx';
import { MonthBoard } from './MonthBoard.tsx';
import { PresidiumRatings } from './PresidiumRatings.tsx';
import { QuarterRanking } from './QuarterRanking.tsx';
import { SchemeCreate } from './SchemeCreate.tsx';
import { SchemeEditor } from './SchemeEditor.tsx';
import { ScoreSheetButton } from './ScoreSheetButton.tsx';
import { YearRanking } from './YearRanking.tsx';
import { chinaMonth, defaultMonth, quarterOf } from './pointsFormat.ts';

const TABS = ['month', 'quarter', 'year', 'presidium', 'adjustments', 'scheme'] as const;
type Tab = (typeof TABS)[number];

/**
 * 履职积分 (staff): the year's scheme, its months (live or published), quarterly and yearly rankings,
 * presidium ratings and adjustments. Year, tab and month live in the address so a link opens the same view.
 */
export default function PointsPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const [params, setParams] = useSearchParams();
  const thisYear = Number(chinaMonth().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'month';
  const monthParam = params.get('month');
  const month = monthParam?.startsWith(`${year}-`) ? monthParam : defaultMonth(year);
  const set = (next: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(next)) {
          if (v === null) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );

  const q = useQuery({ queryKey: ['points', 'schemes', year], queryFn: () => pointsApi.schemes(year) });
  const scheme = q.data?.items[0];
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];

  return (
    <>
      <PageHeader
        title={t('points.nav')}
        extra={
          <>
            <Select
              aria-label={t('points.year')}
              style={{ width: 110 }}
              value={year}
              onChange={(v) => set({ year: String(v), month: null })}
              options={years.map((y) => ({ value: y, label: `${y} 年` }))}
            />
            {scheme && <ScoreSheetButton scheme={scheme} month={month} />}
          </>
        }
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : !scheme ? (
        <SchemeCreate year={year} canCreate={isAdmin} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k })}
          destroyOnHidden
          items={[
            {
              key: 'month',
              label: t('points.tab.month'),
              children: <MonthBoard scheme={scheme} month={month} onMonth={(m) => set({ month: m })} canPublish={isAdmin} />,
            },
            { key: 'quarter', label: t('points.tab.quarter'), children: <QuarterRanking scheme={scheme} initial={quarterOf(month)} /> },
            { key: 'year', label: t('points.tab.year'), children: <YearRanking scheme={scheme} /> },
            { key: 'presidium', label: t('points.tab.presidium'), children: <PresidiumRatings scheme={scheme} canEdit={isAdmin} /> },
            { key: 'adjustments', label: t('points.tab.adjustments'), children: <Adjustments scheme={scheme} canEdit={isAdmin} /> },
            { key: 'scheme', label: t('points.tab.scheme'), children: <SchemeEditor scheme={scheme} canEdit={isAdmin} /> },
          ]}
        />
      )}
    </>
  );
}
