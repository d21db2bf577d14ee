import { Card, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { EChart } from '../../components/charts/EChart.tsx';
import type { EChartsCoreOption } from '../../components/charts/echarts.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * A chart with its numbers in a table beside it: the table is what a screen reader reads, and what a
 * reader copies. On a phone the two do not fit side by side, so a 图表/表格 switch shows one at a time.
 */
export function ChartPanel<T extends object>({
  id,
  title,
  summary,
  option,
  height = 300,
  columns,
  rows,
  rowKey,
  empty,
}: {
  id: string;
  title: string;
  summary: string;
  option: EChartsCoreOption;
  height?: number;
  columns: TableColumnsType<T>;
  rows: T[];
  rowKey: keyof T & string;
  empty?: string;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = `dash-${id}`;
  // The table scrolls inside its own region when it is wider or longer than its place: focusable, so a
  // keyboard can scroll it too.
  const table = (
    <div className="dash-side" tabIndex={0} role="region" aria-labelledby={headingId}>
      <Table<T> className="dash-table" size="small" rowKey={rowKey} columns={columns} dataSource={rows} pagination={false} />
    </div>
  );
  const chart = empty ? <p className="dash-empty">{empty}</p> : <EChart option={option} height={height} summary={summary} />;
  return (
    <Card
      data-testid={`dash-${id}`}
      title={
        <h2 id={headingId} className="dash-title">
          {title}
        </h2>
      }
      extra={
        mobile ? (
          <Segmented
            aria-label={t('dash.view')}
            size="middle"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('dash.chart') },
              { value: 'table', label: t('dash.table') },
            ]}
          />
        ) : undefined
      }
    >
      {mobile ? (
        view === 'chart' ? (
          chart
        ) : (
          table
        )
      ) : (
        <div className="dash-panel">
          <div className="dash-chart">{chart}</div>
          {table}
        </div>
      )}
    </Card>
  );
}
