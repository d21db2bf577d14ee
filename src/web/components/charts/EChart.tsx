import { useEffect, useRef } from 'react';
import { type EChartsCoreOption, echarts } from './echarts.ts';

/**
 * One ECharts instance bound to a div: created on mount, resized with its box, disposed on unmount.
 * The canvas says nothing to a screen reader, so callers pass a summary and show the numbers as text too.
 */
export function EChart({ option, height = 240, summary }: { option: EChartsCoreOption; height?: number; summary: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={summary} style={{ width: '100%', height }} />;
}
