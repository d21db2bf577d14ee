import { useQuery } from '@tanstack/react-query';
import { Select, Space, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type RankingRow, type Scheme, pointsApi } from '../../api/points.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { MissingMonths } from './MissingMonths.tsx';
import { quartersOf, score } from './pointsFormat.ts';

/** The quarter's ranking: the sums of the published months of the quarter. */
export function QuarterRanking({ scheme, initial }: { scheme: Scheme; initial: string }) {
  const t = useT();
  // On a phone the station goes under the name, so rank, name and points fit without scrolling.
  const mobile = useIsMobile();
  const [period, setPeriod] = useState(initial);
  const q = useQuery({ queryKey: ['points', 'ranking', scheme.id, period], queryFn: () => pointsApi.ranking(scheme.id, period) });
  const lastMonth = q.data?.months.at(-1);
  const columns = useMemo<TableColumnsType<RankingRow>>(
    () => [
      { key: 'rank', title: t('points.rank'), width: 64, render: (_, r) => r.rank ?? '—' },
      {
        key: 'name',
        title: t('points.name'),
        render: (_, r) => (
          <>
            {lastMonth ? <Link to={`/points/deputies/${r.deputyId}?month=${lastMonth}`}>{r.name}</Link> : r.name}
            {mobile && r.stationName && <div style={{ fontSize: 12, color: '#595959' }}>{r.stationName}</div>}
          </>
        ),
      },
      ...(mobile ? [] : [{ key: 'station', title: t('points.station'), render: (_: unknown, r: RankingRow) => r.stationName ?? '—' }]),
      { key: 'records', title: t('points.total'), width: 90, align: 'right', render: (_, r) => score(r.records) },
    ],
    [t, lastMonth, mobile],
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('points.quarter')}
          style={{ width: 130 }}
          value={period}
          onChange={setPeriod}
          options={quartersOf(scheme.year).map((p) => ({ value: p, label: p.replace('-Q', ' 年第 ').concat(' 季度') }))}
        />
      </Space>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          {q.data && <MissingMonths used={q.data.months} missing={q.data.missing} />}
          <DataTable<RankingRow>
            label={t('points.tab.quarter')}
            rowKey="deputyId"
            size="small"
            columns={columns}
            dataSource={q.data?.rows}
            loading={q.isFetching}
            pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
            scroll={mobile ? undefined : { x: 480 }}
          />
        </>
      )}
    </>
  );
}
