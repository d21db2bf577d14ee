import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useMemo } from 'react';
import { type ReviewResults as Results, reviewsApi } from '../../api/reviews.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';

type Row = Results['rows'][number];

/** Per deputy: rank, counts 满意 / 基本满意 / 不满意, valid votes, score; and a bar chart of the scores. */
export function ReviewResults({ reviewId, stamp }: { reviewId: string; stamp: number }) {
  const t = useT();
  const q = useQuery({ queryKey: ['reviews', reviewId, 'results', stamp], queryFn: () => reviewsApi.results(reviewId) });
  const r = q.data;
  const option = useMemo(() => {
    if (!r) return null;
    const rows = r.rows.filter((x) => x.score !== null).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: { width: 90, overflow: 'truncate' } },
      series: [{ type: 'bar', barMaxWidth: 22, itemStyle: { color: '#1f5fa8' }, label: { show: true, position: 'right' }, data: rows.map((x) => x.score) }],
    };
  }, [r]);
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Card loading title={t('review.results')} />;
  const scored = r.rows.filter((x) => x.score !== null);
  const summary = `${t('review.chart')}：${scored.map((x) => `${x.name} ${x.score}`).join('，')}`;
  return (
    <Card title={`${t('review.results')}（${t('appraisal.ballots')} ${r.ballots}）`} style={{ marginBottom: 16 }}>
      <DataTable<Row>
        label={t('review.results')}
        size="small"
        rowKey="deputyId"
        pagination={false}
        dataSource={r.rows}
        scroll={{ x: 520 }}
        columns={[
          { key: 'rank', title: t('review.rank'), width: 60, render: (_, x) => x.rank ?? '—' },
          { key: 'name', title: t('review.deputies'), dataIndex: 'name' },
          {
            key: 'counts',
            title: `${t('appraisal.rating.satisfied')} / ${t('appraisal.rating.basic')} / ${t('appraisal.rating.dissatisfied')}`,
            render: (_, x) => `${x.counts.satisfied} / ${x.counts.basic} / ${x.counts.dissatisfied}`,
          },
          { key: 'valid', title: t('review.valid'), width: 80, dataIndex: 'valid' },
          { key: 'score', title: t('review.score'), width: 80, render: (_, x) => (x.score === null ? t('review.noVotes') : x.score.toFixed(2)) },
        ]}
      />
      {option && scored.length > 0 && (
        <figure style={{ margin: '16px 0 0' }}>
          <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{t('review.chart')}</figcaption>
          <EChart option={option} height={Math.max(140, scored.length * 34 + 32)} summary={summary} />
        </figure>
      )}
    </Card>
  );
}
