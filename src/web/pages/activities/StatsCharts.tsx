import { useMemo } from 'react';
import type { StatsMonth } from '../../api/activities.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import { useT } from '../../i18n/index.tsx';
import { pct } from './activityFormat.ts';

// The home page's colour-blind-safe palette (Okabe–Ito based, led by congress red), lengthened so that a
// town's ~17 default kinds stack without two neighbours sharing a colour.
const PALETTE = [
  '#b71c1c',
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#6b6b6b',
  '#1d4f91',
  '#8c6d1f',
  '#7b3294',
  '#4d9221',
  '#f4a582',
  '#2c7bb6',
  '#c51b7d',
  '#80cdc1',
  '#3f3f3f',
  '#fdb863',
];

/** A chart's numbers as a table for screen readers (the canvas is only a picture); sighted users have the chart. */
function HiddenTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r[0])}>
              <th scope="row">{r[0]}</th>
              {r.slice(1).map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed-width row
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Activities per month, one stacked bar segment per kind; the kinds in the order they first appear. */
export function MonthKindChart({ title, months }: { title: string; months: StatsMonth[] }) {
  const t = useT();
  const kinds = useMemo(() => {
    const m = new Map<string, string>();
    for (const mo of months) for (const k of mo.kinds) if (!m.has(k.kindId)) m.set(k.kindId, k.kindName);
    return [...m];
  }, [months]);
  const label = (month: string) => `${Number(month.slice(5))}${t('activityView.monthSuffix')}`;
  const multiYear = months.length > 12 || (months.length > 0 && months[0].month.slice(0, 4) !== months[months.length - 1].month.slice(0, 4));
  const axis = months.map((m) => (multiYear ? m.month : label(m.month)));
  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: axis, axisLabel: { color: '#333' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#444' } },
      series: kinds.map(([id, name]) => ({
        type: 'bar',
        name,
        stack: 'kinds',
        barMaxWidth: 28,
        data: months.map((m) => m.kinds.find((k) => k.kindId === id)?.activities ?? 0),
      })),
    }),
    [months, kinds, axis],
  );
  const summary = `${title}：${months.map((m, i) => `${axis[i]} ${m.activities}`).join('，')}`;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <EChart option={option} height={300} summary={summary} />
      <HiddenTable
        caption={title}
        head={[t('activityView.month'), ...kinds.map(([, n]) => n), t('activityView.total')]}
        rows={months.map((m, i) => [axis[i], ...kinds.map(([id]) => m.kinds.find((k) => k.kindId === id)?.activities ?? 0), m.activities])}
      />
    </figure>
  );
}

export type RateRow = { label: string; activities?: number; invited: number; attended: number; rate: number | null };

/** Attendance rate per group as horizontal bars (percent); a group with no rate shows no bar and "—" in the table. */
export function RateChart({ title, rows }: { title: string; rows: RateRow[] }) {
  const t = useT();
  const ordered = useMemo(() => [...rows].reverse(), [rows]);
  const option = useMemo(
    () => ({
      color: [PALETTE[1]],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { color: '#444', formatter: '{value}%' } },
      yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { color: '#333', width: 110, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: ordered.map((r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10)),
          label: { show: true, position: 'right', color: '#333', formatter: '{c}%' },
        },
      ],
    }),
    [ordered],
  );
  const summary = `${title}：${rows.map((r) => `${r.label} ${pct(r.rate)}`).join('，')}`;
  const withActivities = rows.some((r) => r.activities !== undefined);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <EChart option={option} height={Math.max(140, rows.length * 30 + 24)} summary={summary} />
      <HiddenTable
        caption={title}
        head={[
          t('activityView.group'),
          ...(withActivities ? [t('activityView.activities')] : []),
          t('activity.countInvited'),
          t('activityView.personTimes'),
          t('attendance.rate'),
        ]}
        rows={rows.map((r) => [r.label, ...(withActivities ? [r.activities ?? 0] : []), r.invited, r.attended, pct(r.rate)])}
      />
    </figure>
  );
}
