import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { useMemo } from 'react';
import { type ResultLine, type Results, appraisalsApi } from '../../api/appraisals.ts';
import { API_BASE } from '../../api/client.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { RatingTag, percent } from './appraisalFormat.tsx';

type Row = Results['units'][number];

function LineCell({ line }: { line: ResultLine }) {
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <RatingTag rating={line.rating} />
      <div style={{ fontSize: 12, color: '#555' }}>
        {line.counts.satisfied} / {line.counts.basic} / {line.counts.dissatisfied}
      </div>
    </div>
  );
}

/** Results per office: rank, overall and each dimension (rating and counts 满意/基本满意/不满意), approval, a stacked bar chart. */
export function AppraisalResults({ appraisalId, dims }: { appraisalId: string; dims: string }) {
  const t = useT();
  const q = useQuery({ queryKey: ['appraisals', appraisalId, 'results', dims], queryFn: () => appraisalsApi.results(appraisalId) });
  const r = q.data;
  const option = useMemo(() => {
    if (!r) return null;
    const units = [...r.units].reverse();
    const series = (['satisfied', 'basic', 'dissatisfied'] as const).map((k, i) => ({
      name: t(`appraisal.rating.${k}` as MsgKey),
      type: 'bar',
      stack: 'all',
      barMaxWidth: 22,
      itemStyle: { color: ['#1b7f3b', '#e69f00', '#b71c1c'][i] },
      label: { show: true, color: '#fff', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      data: units.map((u) => u.overall.counts[k]),
    }));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series,
    };
  }, [r, t]);
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Card loading title={t('appraisal.results')} />;
  const summary = `${t('appraisal.chart')}：${r.units.map((u) => `${u.name} ${u.overall.counts.satisfied}/${u.overall.counts.basic}/${u.overall.counts.dissatisfied}`).join('，')}`;

  return (
    <Card
      title={`${t('appraisal.results')}（${t('appraisal.ballots')} ${r.ballots}）`}
      style={{ marginBottom: 16 }}
      extra={
        // The results as Excel: one row per office and question (GET /appraisals/:id/results.xlsx).
        <Button icon={<DownloadOutlined />} href={`${API_BASE}/appraisals/${appraisalId}/results.xlsx`} download>
          {t('appraisal.exportResults')}
        </Button>
      }
    >
      <Table<Row>
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={r.units}
        scroll={{ x: 600 }}
        columns={[
          { key: 'rank', title: t('appraisal.rank'), width: 60, render: (_, u) => u.rank ?? '—' },
          { key: 'name', title: t('appraisal.issue.unit'), dataIndex: 'name' },
          { key: 'overall', title: t('appraisal.overall'), render: (_, u) => <LineCell line={u.overall} /> },
          { key: 'approval', title: t('appraisal.approval'), width: 90, render: (_, u) => percent(u.overall.approvalShare) },
          { key: 'valid', title: t('appraisal.valid'), width: 70, render: (_, u) => u.overall.valid },
          ...r.questions
            .filter((x) => x.key !== 'overall')
            .map((x) => ({
              key: x.key,
              title: x.label,
              render: (_: unknown, u: Row) => {
                const d = u.dimensions.find((y) => y.key === x.key);
                return d ? <LineCell line={d} /> : '—';
              },
            })),
        ]}
      />
      <p style={{ fontSize: 12, color: '#555', marginTop: 8 }}>
        {t('appraisal.rating.satisfied')} / {t('appraisal.rating.basic')} / {t('appraisal.rating.dissatisfied')}
      </p>
      {option && r.ballots > 0 && (
        <figure style={{ margin: 0 }}>
          <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{t('appraisal.chart')}</figcaption>
          <EChart option={option} height={Math.max(160, r.units.length * 36 + 56)} summary={summary} />
        </figure>
      )}
    </Card>
  );
}

/** Offices whose overall rating is not 满意: the candidates for the issue list. */
export function poorOffices(r: Results | undefined): Row[] {
  return (r?.units ?? []).filter((u) => u.overall.rating === 'basic' || u.overall.rating === 'dissatisfied');
}
