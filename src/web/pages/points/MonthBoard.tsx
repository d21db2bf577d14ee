import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { type MonthRow, type Scheme, pointsApi } from '../../api/points.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { Pill } from '../../components/Pill.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { chinaTime } from '../suggestions/suggestionFormat.ts';
import { PointsChart } from './PointsChart.tsx';
import { monthEnded, monthsOf, score } from './pointsFormat.ts';

/** 月晒: one month's points of every deputy, live or as published; admins publish a finished month. */
export function MonthBoard({ scheme, month, onMonth, canPublish }: { scheme: Scheme; month: string; onMonth: (m: string) => void; canPublish: boolean }) {
  const t = useT();
  // On a phone the station goes under the name, so rank, name and points fit without scrolling.
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['points', 'month', scheme.id, month], queryFn: () => pointsApi.month(scheme.id, month) });
  const board = q.data;
  const ended = monthEnded(month);

  const publish = () =>
    modal.confirm({
      title: board?.published ? t('points.republish') : t('points.publish'),
      content: t('points.publishConfirm', { month }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await pointsApi.publish(scheme.id, month);
          message.success(t('points.publishedOk', { month }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) message.warning(e.message, 6);
          else message.error((e as Error).message, 6);
        }
        void qc.invalidateQueries({ queryKey: ['points'] });
      },
    });

  const columns = useMemo<TableColumnsType<MonthRow>>(
    () => [
      { key: 'rank', title: t('points.rank'), width: 64, render: (_, r) => r.rank ?? '—' },
      {
        key: 'name',
        title: t('points.name'),
        render: (_, r) => (
          <>
            <Link to={`/points/deputies/${r.deputyId}?month=${month}`}>{r.name}</Link>
            {mobile && r.stationName && <div style={{ fontSize: 12, color: '#595959' }}>{r.stationName}</div>}
          </>
        ),
      },
      ...(mobile ? [] : [{ key: 'station', title: t('points.station'), render: (_: unknown, r: MonthRow) => r.stationName ?? '—' }]),
      { key: 'total', title: t('points.total'), width: 90, align: 'right', render: (_, r) => score(r.total) },
    ],
    [t, month, mobile],
  );
  const top = useMemo(() => (board?.rows ?? []).slice(0, 20).map((r) => ({ label: r.name, value: r.total })), [board]);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('points.month')}
          style={{ width: 130 }}
          value={month}
          onChange={onMonth}
          options={monthsOf(scheme.year).map((m) => ({ value: m, label: m }))}
        />
        {board && (board.live ? <Pill tone="warn">{t('points.live')}</Pill> : <Pill tone="good">{t('points.published')}</Pill>)}
        {board?.published && (
          <span style={{ color: '#595959', fontSize: 13 }}>
            {t('points.publishedAt', { time: chinaTime(board.published.publishedAt), version: board.published.version })}
          </span>
        )}
        {canPublish && (
          <Button type="primary" onClick={publish} disabled={!ended || scheme.status !== 'active'} title={!ended ? t('points.notEnded') : undefined}>
            {board?.published ? t('points.republish') : t('points.publish')}
          </Button>
        )}
      </Space>
      {scheme.status !== 'active' && <Alert type="info" showIcon title={t('points.draftHint')} style={{ marginBottom: 12 }} />}
      {canPublish && !ended && scheme.status === 'active' && <p style={{ color: '#595959', fontSize: 13, marginTop: 0 }}>{t('points.notEnded')}</p>}
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 380px), 1fr))', gap: 16, alignItems: 'start' }}>
          <DataTable<MonthRow>
            label={t('points.tab.month')}
            rowKey="deputyId"
            size="small"
            columns={columns}
            dataSource={board?.rows}
            loading={q.isFetching}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            scroll={mobile ? undefined : { x: 480 }}
          />
          {top.length > 0 && <PointsChart title={`${month} ${t('points.top20')}`} bars={top} horizontal />}
        </div>
      )}
    </>
  );
}
