import { LineChart } from 'echarts/charts';
import { echarts } from '../../components/charts/echarts.ts';

// The dashboards draw a line (attendance rate over bars of activities); the shared set has bars and pies only.
echarts.use([LineChart]);

/**
 * The Okabe–Ito palette: told apart by people with the common colour-vision deficiencies. Yellow is last,
 * since it is faint on white.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];

/** Large type for older readers: axis labels ≥ 14 px, everything on a dark grey that passes contrast. */
export const AXIS_LABEL = { fontSize: 14, color: '#333' };
export const BASE = {
  color: OKABE_ITO,
  textStyle: { fontSize: 14, color: '#333' },
  tooltip: { textStyle: { fontSize: 15 }, confine: true },
  legend: { textStyle: { fontSize: 14, color: '#333' }, top: 0 },
};

export const pctText = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
export const pctValue = (r: number | null | undefined) => (r === null || r === undefined ? null : Math.round(r * 1000) / 10);

/** The current year in China (the period picker's default). */
export const chinaYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

const YMD = /^\d{4}-\d{2}-\d{2}$/;
/** The period of the address bar (?from=&to=), else the current China year. */
export function periodOf(sp: URLSearchParams): { from: string; to: string } {
  const from = sp.get('from');
  const to = sp.get('to');
  if (from && to && YMD.test(from) && YMD.test(to) && from <= to) return { from, to };
  const y = chinaYear();
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}
