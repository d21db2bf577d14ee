import { useMemo } from 'react';
import { CountTable, type LabelledCount } from './CountTable.tsx';
import { EChart } from './EChart.tsx';

// Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito based), led by congress red.
const PALETTE = ['#b71c1c', '#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6b6b6b', '#f0e442', '#1d4f91'];

/** A titled count breakdown: pie for a few categories, horizontal bars for many; always with the table. */
export function CountChart({ title, rows, kind }: { title: string; rows: LabelledCount[]; kind: 'pie' | 'bar' }) {
  const option = useMemo(() => {
    if (kind === 'pie') {
      return {
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: ['38%', '64%'],
            center: ['50%', '44%'],
            label: { formatter: '{b}\n{c}', color: '#333' },
            data: rows.map((r) => ({ name: r.label, value: r.count })),
          },
        ],
      };
    }
    const ordered = [...rows].reverse();
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#444' } },
      yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { color: '#333', width: 96, overflow: 'truncate' } },
      series: [{ type: 'bar', data: ordered.map((r) => r.count), barMaxWidth: 18, label: { show: true, position: 'right', color: '#333' } }],
    };
  }, [rows, kind]);

  const summary = `${title}：${rows.map((r) => `${r.label} ${r.count}`).join('，')}`;
  const height = kind === 'pie' ? 240 : Math.max(160, rows.length * 28 + 24);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <EChart option={option} height={height} summary={summary} />
      <CountTable caption={title} rows={rows} />
    </figure>
  );
}
