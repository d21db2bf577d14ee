import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { RESEARCH_GRADES, type ResearchStats, researchApi } from '../../api/research.ts';
import { CountChart } from '../../components/charts/CountChart.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';

type ClaimantRow = ResearchStats['byClaimant'][number];

/**
 * The year's figures a work report quotes: published, claimed, reports in, graded, overdue; the grades
 * as a chart; claimed, reports in and done per station or group as a table.
 */
export function ResearchStatsCard({ year }: { year: number }) {
  const t = useT();
  const q = useQuery({ queryKey: ['research', 'stats', year], queryFn: () => researchApi.stats(year) });

  let body: ReactNode;
  if (q.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (q.data.published + q.data.withdrawn === 0) body = <Empty description={t('research.stats.none')} />;
  else {
    const s = q.data;
    const figures = [
      { key: 'published', value: s.published },
      { key: 'open', value: s.open },
      { key: 'claimed', value: s.claimed },
      { key: 'submitted', value: s.submitted },
      { key: 'graded', value: s.graded },
      { key: 'overdue', value: s.overdue },
    ] as const;
    const grades = RESEARCH_GRADES.map((g) => ({ label: t(`research.grade.${g}`), count: s.byGrade[g] }));
    body = (
      <>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {figures.map((f) => (
            <Col key={f.key} xs={8} md={4}>
              <Statistic
                title={t(`research.stats.${f.key}`)}
                value={f.value}
                styles={f.key === 'overdue' && f.value > 0 ? { content: { color: '#8e0000' } } : undefined}
              />
            </Col>
          ))}
        </Row>
        <Row gutter={[24, 16]}>
          {s.graded > 0 && (
            <Col xs={24} md={8}>
              <CountChart title={t('research.stats.byGrade')} rows={grades.filter((g) => g.count > 0)} kind="pie" />
            </Col>
          )}
          {s.byClaimant.length > 0 && (
            <Col xs={24} md={s.graded > 0 ? 16 : 24}>
              <DataTable<ClaimantRow>
                label={t('research.stats.byClaimant')}
                title={() => <strong>{t('research.stats.byClaimant')}</strong>}
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={s.byClaimant}
                columns={[
                  { key: 'name', title: t('research.claimant'), render: (_, c) => `${c.name}（${c.code}）` },
                  { key: 'claimed', dataIndex: 'claimed', title: t('research.stats.claimed'), width: 72 },
                  { key: 'submitted', dataIndex: 'submitted', title: t('research.stats.submitted'), width: 72, responsive: ['md'] },
                  { key: 'graded', dataIndex: 'graded', title: t('research.stats.graded'), width: 88 },
                  {
                    key: 'grades',
                    responsive: ['md'],
                    title: t('research.stats.byGrade'),
                    render: (_, c) =>
                      RESEARCH_GRADES.filter((g) => c.byGrade[g] > 0)
                        .map((g) => `${t(`research.grade.${g}`)} ${c.byGrade[g]}`)
                        .join('、') || '—',
                  },
                  { key: 'overdue', dataIndex: 'overdue', title: t('research.stats.overdue'), width: 72 },
                ]}
              />
            </Col>
          )}
        </Row>
      </>
    );
  }
  return <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('research.stats', { year })}</h2>}>{body}</Card>;
}
