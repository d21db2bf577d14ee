import { useMemo } from 'react';
import { EChart } from '../../components/charts/EChart.tsx';

/**
 * A bar chart of points by name (deputies) or by month. The numbers are also on the page as a table, so the
 * picture only needs a summary for screen readers.
 */
export function PointsChart({
  title,
  bars,
  horizontal,
  height,
  dimLabel = '',
}: {
  title: string;
  /** Said after a dimmed bar's value in the summary (e.g. （实时）). */
  dimLabel?: string;
  bars: { label: string; value: number; dim?: boolean }[];
  horizontal?: boolean;
  height?: number;
}) {
  const option = useMemo(() => {
    const ordered = horizontal ? [...bars].reverse() : bars;
    const category = { type: 'category', data: ordered.map((b) => b.label), axisLabel: { color: '#333', width: 96, overflow: 'truncate' } };
    const value = { type: 'value', axisLabel: { color: '#444' } };
    return {
      color: ['#b71c1c'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 16, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [
        {
          type: 'bar',
          data: ordered.map((b) => (b.dim ? { value: b.value, itemStyle: { color: '#90a4ae' } } : b.value)),
          barMaxWidth: 18,
          label: { show: true, position: horizontal ? 'right' : 'top', color: '#333' },
        },
      ],
    };
  }, [bars, horizontal]);
  const summary = `${title}：${bars.map((b) => `${b.label} ${b.value}${b.dim ? dimLabel : ''}`).join('，')}`;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <EChart option={option} height={height ?? (horizontal ? Math.max(160, bars.length * 24 + 32) : 200)} summary={summary} />
    </figure>
  );
}
