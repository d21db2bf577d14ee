import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { type CountRow, type DeputyStats, deputiesApi } from '../../api/deputies.ts';
import { CountChart } from '../../components/charts/CountChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { type EnumGroup, type Translate, useT } from '../../i18n/index.tsx';

function labelled(t: Translate, group: EnumGroup | null, rows: CountRow[]) {
  return rows.map((r) => ({ label: group ? t.enum(group, r.key) : r.key, count: r.count }));
}

function levelRows(t: Translate, s: DeputyStats) {
  return (['town', 'county', 'both'] as const).map((k) => ({ label: t.enum('level', k), count: s.byLevel[k] }));
}

/** Serving deputies of the town by level, gender, age band, party and occupation. */
export function RosterStatsCard() {
  const t = useT();
  const q = useQuery({ queryKey: ['deputies', 'stats'], queryFn: () => deputiesApi.stats() });

  let body: ReactNode;
  if (q.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (q.data.total === 0) body = <Empty description={t('home.noStats')} />;
  else {
    const s = q.data;
    // Categories nobody falls in only crowd a pie or a long list; the fixed age bands and occupations stay.
    const nonZero = (rows: { label: string; count: number }[]) => rows.filter((r) => r.count > 0);
    const charts = [
      { title: t('home.byLevel'), rows: nonZero(levelRows(t, s)), kind: 'pie' as const },
      { title: t('home.byGender'), rows: nonZero(labelled(t, 'gender', s.byGender)), kind: 'pie' as const },
      { title: t('home.byAgeBand'), rows: labelled(t, 'ageBand', s.byAgeBand), kind: 'bar' as const },
      { title: t('home.byParty'), rows: nonZero(labelled(t, 'party', s.byParty)), kind: 'bar' as const },
      { title: t('home.byOccupation'), rows: labelled(t, 'occupation', s.byOccupation), kind: 'bar' as const },
    ];
    body = (
      <>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title={t('home.total')} value={s.total} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('home.serving')} value={s.serving} />
          </Col>
        </Row>
        <Row gutter={[24, 24]}>
          {charts.map((c) => (
            <Col key={c.title} xs={24} md={12} xl={8}>
              <CountChart title={c.title} rows={c.rows} kind={c.kind} />
            </Col>
          ))}
        </Row>
      </>
    );
  }

  return <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.rosterStats')}</h2>}>{body}</Card>;
}
