import type { TownDashboard } from '../../api/dashboards.ts';
import type { MsgKey, Translate } from '../../i18n/index.tsx';
import { AXIS_LABEL, BASE, OKABE_ITO, pctText, pctValue } from './chartKit.ts';

/*
 * The ECharts options of the town dashboard, pure: each takes the figures and the words and gives the
 * option and the one-line summary read out for the chart (aria-label). Values show on hover and as labels.
 */

type Tr = Translate;

const barLabel = { show: true, fontSize: 14, color: '#222' };
const grid = { left: 8, right: 40, top: 36, bottom: 8, containLabel: true };

/** Horizontal bars, the first row on top (a funnel, categories, grades). */
export function hbars(labels: string[], values: number[], name: string, color = OKABE_ITO[0]) {
  return {
    ...BASE,
    tooltip: { ...BASE.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid,
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { ...AXIS_LABEL, width: 120, overflow: 'truncate' } },
    series: [{ type: 'bar', name, data: values, itemStyle: { color }, barMaxWidth: 28, label: { ...barLabel, position: 'right' } }],
  };
}

export function funnelChart(d: TownDashboard, t: Tr) {
  const labels = d.funnel.map((f) => t(`dash.stage.${f.stage}` as MsgKey));
  const values = d.funnel.map((f) => f.count);
  return { option: hbars(labels, values, t('dash.count')), summary: `${t('dash.funnel')}：${labels.map((l, i) => `${l} ${values[i]} 件`).join('，')}` };
}

export function onTimeChart(d: TownDashboard, t: Tr) {
  const rows = d.onTimeByUnit;
  return {
    option: {
      ...BASE,
      tooltip: {
        ...BASE.tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const r = rows[ps[0]?.dataIndex ?? 0];
          return r ? `${r.name}<br/>${t('dash.rate')} ${pctText(r.rate)}（${r.onTime}/${r.replied}）` : '';
        },
      },
      grid,
      xAxis: { type: 'value', max: 100, axisLabel: { ...AXIS_LABEL, formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { ...AXIS_LABEL, width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('dash.rate'),
          data: rows.map((r) => pctValue(r.rate)),
          itemStyle: { color: OKABE_ITO[2] },
          barMaxWidth: 28,
          label: { ...barLabel, position: 'right', formatter: '{c}%' },
        },
      ],
    },
    summary: `${t('dash.onTime')}：${rows.map((r) => `${r.name} ${pctText(r.rate)}（${r.onTime}/${r.replied}）`).join('，')}`,
  };
}

export function categoriesChart(d: TownDashboard, t: Tr) {
  const labels = d.categories.map((c) => c.name);
  const values = d.categories.map((c) => c.count);
  return {
    option: hbars(labels, values, t('dash.count'), OKABE_ITO[1]),
    summary: `${t('dash.categories')}：${labels.map((l, i) => `${l} ${values[i]} 件`).join('，')}`,
  };
}

export function monthlyChart(d: TownDashboard, t: Tr) {
  const m = d.monthly;
  return {
    option: {
      ...BASE,
      tooltip: { ...BASE.tooltip, trigger: 'axis' },
      legend: { ...BASE.legend, data: [t('dash.activities'), t('dash.attendance')] },
      grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: m.map((x) => `${Number(x.month.slice(5))}月`), axisLabel: AXIS_LABEL },
      yAxis: [
        { type: 'value', name: t('dash.activities'), minInterval: 1, axisLabel: AXIS_LABEL, nameTextStyle: AXIS_LABEL },
        {
          type: 'value',
          name: t('dash.attendance'),
          min: 0,
          max: 100,
          axisLabel: { ...AXIS_LABEL, formatter: '{value}%' },
          nameTextStyle: AXIS_LABEL,
          splitLine: { show: false },
        },
      ],
      series: [
        { type: 'bar', name: t('dash.activities'), data: m.map((x) => x.activities), itemStyle: { color: OKABE_ITO[0] }, barMaxWidth: 28 },
        {
          type: 'line',
          name: t('dash.attendance'),
          yAxisIndex: 1,
          data: m.map((x) => pctValue(x.attendanceRate)),
          itemStyle: { color: OKABE_ITO[3] },
          lineStyle: { width: 3 },
          symbol: 'circle',
          symbolSize: 9,
          connectNulls: false,
          tooltip: { valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
        },
      ],
    },
    summary: `${t('dash.monthly')}：${m.map((x) => `${Number(x.month.slice(5))}月 ${x.activities} 次、出席率 ${pctText(x.attendanceRate)}`).join('，')}`,
  };
}

export function stationsChart(d: TownDashboard, t: Tr) {
  const s = d.stations;
  const series = (['receptions', 'visitors', 'opinions'] as const).map((k, i) => ({
    type: 'bar',
    name: t(`dash.${k}` as MsgKey),
    data: s.map((x) => x[k]),
    itemStyle: { color: OKABE_ITO[i] },
    barMaxWidth: 24,
    label: { ...barLabel, position: 'top', fontSize: 13 },
  }));
  return {
    option: {
      ...BASE,
      tooltip: { ...BASE.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { ...BASE.legend },
      grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.map((x) => x.name), axisLabel: { ...AXIS_LABEL, interval: 0, width: 110, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
      series,
    },
    summary: `${t('dash.stations')}：${s.map((x) => `${x.name} 接待 ${x.receptions} 次、${x.visitors} 人次、意见 ${x.opinions} 件`).join('；')}`,
  };
}

export function pointsChart(d: TownDashboard, t: Tr) {
  const g = d.points?.grades ?? [];
  const labels = g.map((x) => x.label);
  const values = g.map((x) => x.count);
  return {
    option: {
      ...BASE,
      tooltip: { ...BASE.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: AXIS_LABEL },
      yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
      series: [
        { type: 'bar', name: t('dash.deputies'), data: values, itemStyle: { color: OKABE_ITO[4] }, barMaxWidth: 48, label: { ...barLabel, position: 'top' } },
      ],
    },
    summary: `${t('dash.points')}：${labels.map((l, i) => `${l} ${values[i]} 名`).join('，')}`,
  };
}
