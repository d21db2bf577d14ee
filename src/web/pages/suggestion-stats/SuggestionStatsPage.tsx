import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Empty, Row, Select, Skeleton, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { searchStatsApi } from '../../api/searchStats.ts';
import { CountChart } from '../../components/charts/CountChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { UnitFiguresTable } from './UnitFiguresTable.tsx';
import { type PagePeriod, byStage, labelOf, labelled, periodDates, periodFromParams, periodQuery, rateText } from './statsFormat.ts';

function chinaYear(): number {
  return Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
}

/**
 * 建议统计: the figures of a year or a period — raised, assigned, replied, closed, on-time and
 * satisfaction rates — by category, state and source, and per office; with the two ledgers to download.
 * Admins and liaisons (the town's figures).
 */
export default function SuggestionStatsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const thisYear = chinaYear();
  const period = periodFromParams(sp, thisYear);
  const q = useQuery({
    queryKey: ['suggestions', 'stats', periodQuery(period)],
    queryFn: () => searchStatsApi.stats(periodQuery(period)),
    placeholderData: keepPreviousData,
  });
  const [busy, setBusy] = useState<'s' | 'r' | null>(null);
  const setPeriod = (p: PagePeriod) => setSp(p.kind === 'year' ? { year: String(p.year) } : { from: p.from, to: p.to }, { replace: true });
  const exportLedger = async (which: 's' | 'r') => {
    setBusy(which);
    try {
      if (which === 's') await searchStatsApi.suggestionLedger(periodQuery(period));
      else await searchStatsApi.receptionLedger(periodDates(period));
      message.success(t('sstats.exported'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const dates = periodDates(period);
  const toolbar = (
    <div className="page-toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      <Select
        aria-label={t('sstats.year')}
        style={{ width: 140 }}
        value={period.kind === 'year' ? period.year : 'custom'}
        onChange={(y) => (y === 'custom' ? undefined : setPeriod({ kind: 'year', year: Number(y) }))}
        options={[...years.map((y) => ({ value: y, label: t('sstats.yearOf', { y }) })), { value: 'custom', label: t('sstats.customPeriod'), disabled: true }]}
      />
      <DatePicker.RangePicker
        aria-label={t('sstats.period')}
        allowClear={false}
        value={[dayjs(dates.from), dayjs(dates.to)]}
        onChange={(v) => v?.[0] && v[1] && setPeriod({ kind: 'range', from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
      />
      <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
        {t('sstats.periodHint')}
      </Typography.Text>
    </div>
  );

  let body: ReactNode;
  if (q.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (q.error) body = <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  else if (q.data.total === 0) body = <Empty description={t('sstats.none')} />;
  else {
    const s = q.data;
    const figures: { key: MsgKey; value: ReactNode; hint?: string }[] = [
      { key: 'sstats.total', value: s.total },
      { key: 'sstats.assigned', value: s.assigned },
      { key: 'sstats.replied', value: s.replied },
      { key: 'sstats.closed', value: s.closed },
      { key: 'sstats.followUp', value: s.followUp },
      { key: 'sstats.rehandled', value: s.rehandled },
      { key: 'sstats.onTimeRate', value: rateText(s.onTimeRate), hint: t('sstats.onTimeDetail', { a: s.onTime, b: s.replies }) },
      { key: 'sstats.satisfactionRate', value: rateText(s.satisfactionRate), hint: t('sstats.satisfactionDetail', { a: s.satisfied, b: s.ratings }) },
    ];
    body = (
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small">
            <Row gutter={[16, 16]}>
              {figures.map((f) => (
                <Col key={f.key} xs={12} md={6} xl={3}>
                  <Statistic title={t(f.key)} value={f.value as string | number} />
                  {f.hint && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.hint}
                    </Typography.Text>
                  )}
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small">
            <CountChart title={t('sstats.byCategory')} rows={labelled(s.byCategory, (k) => k)} kind="bar" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small">
            <CountChart title={t('sstats.byState')} rows={labelled(byStage(s.byState), (k) => t(`sstats.stage.${k}` as MsgKey))} kind="pie" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small">
            <CountChart title={t('sstats.bySource')} rows={labelled(s.bySource, (k) => labelOf(t, 'suggestion.sourceType', k))} kind="pie" />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small">
            <UnitFiguresTable rows={s.byUnit} title={t('sstats.byUnit')} />
          </Card>
        </Col>
      </Row>
    );
  }

  return (
    <div>
      <PageHeader
        title={t('sstats.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={busy === 's'} onClick={() => void exportLedger('s')}>
              {t('sstats.exportSuggestions')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={busy === 'r'} onClick={() => void exportLedger('r')}>
              {t('sstats.exportReceptions')}
            </Button>
          </>
        }
      />
      {toolbar}
      {body}
    </div>
  );
}
