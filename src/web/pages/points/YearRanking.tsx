import { useQuery } from '@tanstack/react-query';
import { Card, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { type Scheme, type YearRow, pointsApi } from '../../api/points.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { MissingMonths } from './MissingMonths.tsx';
import { score } from './pointsFormat.ts';

/**
 * 年度考评: records points from the published months, each part, the combined score, grade and rank, and the
 * commendation list. The months the sum leaves out come from the year's ranking (`missing`).
 */
export function YearRanking({ scheme }: { scheme: Scheme }) {
  const t = useT();
  const year = useQuery({ queryKey: ['points', 'year', scheme.id], queryFn: () => pointsApi.year(scheme.id) });
  const months = useQuery({
    queryKey: ['points', 'ranking', scheme.id, String(scheme.year)],
    queryFn: () => pointsApi.ranking(scheme.id, String(scheme.year)),
  });
  const top = scheme.bands.length ? [...scheme.bands].sort((a, b) => b.min - a.min)[0].label : null;
  const lastMonth = months.data?.months.at(-1);

  const columns = useMemo<TableColumnsType<YearRow>>(
    () => [
      { key: 'rank', title: t('points.rank'), width: 60, fixed: 'left', render: (_, r) => r.rank ?? '—' },
      {
        key: 'name',
        title: t('points.name'),
        width: 100,
        fixed: 'left',
        render: (_, r) => (lastMonth ? <Link to={`/points/deputies/${r.deputyId}?month=${lastMonth}`}>{r.name}</Link> : r.name),
      },
      { key: 'station', title: t('points.station'), width: 220, render: (_, r) => r.stationName ?? '—' },
      { key: 'records', title: t('points.records'), width: 90, align: 'right', render: (_, r) => score(r.records) },
      { key: 'recordsPercent', title: t('points.recordsPercent'), width: 80, align: 'right', render: (_, r) => score(r.recordsPercent) },
      { key: 'peer', title: t('points.peer'), width: 70, align: 'right', render: (_, r) => score(r.peer) },
      { key: 'voter', title: t('points.voter'), width: 80, align: 'right', render: (_, r) => score(r.voter) },
      { key: 'presidium', title: t('points.presidium'), width: 80, align: 'right', render: (_, r) => score(r.presidium) },
      { key: 'score', title: t('points.score'), width: 90, align: 'right', render: (_, r) => <strong>{score(r.score)}</strong> },
      {
        key: 'grade',
        title: t('points.grade'),
        width: 90,
        render: (_, r) =>
          r.grade ? <Pill tone={r.grade === top ? 'good' : r.grade === scheme.bands.find((b) => b.min === 0)?.label ? 'bad' : 'info'}>{r.grade}</Pill> : '—',
      },
      { key: 'commended', title: t('points.commended'), width: 80, render: (_, r) => (r.commended ? <Pill tone="brown">{t('points.commended')}</Pill> : '') },
    ],
    [t, lastMonth, top, scheme.bands],
  );

  if (year.error) return <LoadError error={year.error} onRetry={() => void year.refetch()} />;
  const missing = months.data?.missing ?? year.data?.missing ?? [];
  const used = months.data?.months ?? year.data?.months ?? scheme.publishedMonths;
  return (
    <>
      {(months.data || year.data) && <MissingMonths used={used} missing={missing} />}
      <Card size="small" title={`${t('points.commendation')}（${year.data?.commendation.length ?? 0}）`} style={{ marginBottom: 16 }}>
        {year.data && year.data.commendation.length === 0 ? (
          <p style={{ margin: 0, color: '#595959' }}>{t('points.noCommendation')}</p>
        ) : (
          <ol style={{ margin: 0, paddingLeft: 24 }}>
            {(year.data?.commendation ?? []).map((c) => (
              <li key={c.deputyId}>
                {c.name}　{score(c.score)}　{c.grade ?? ''}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <DataTable<YearRow>
        label={t('points.tab.year')}
        rowKey="deputyId"
        size="small"
        columns={columns}
        dataSource={year.data?.rows}
        loading={year.isFetching}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 1040 }}
      />
    </>
  );
}
