import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { chinaYear } from './chartKit.ts';

/** A year (the usual choice) or any range; the page keeps it in the address bar (?from=&to=). */
export function PeriodPicker({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const t = useT();
  const thisYear = chinaYear();
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const wholeYear = from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31` ? Number(from.slice(0, 4)) : null;
  return (
    <>
      <Select
        aria-label={t('dash.year')}
        style={{ width: 140 }}
        size="large"
        value={wholeYear ?? 'custom'}
        onChange={(y) => (y === 'custom' ? undefined : onChange(`${y}-01-01`, `${y}-12-31`))}
        options={[...years.map((y) => ({ value: y, label: t('dash.yearOf', { y }) })), { value: 'custom', label: t('dash.custom'), disabled: true }]}
      />
      <DatePicker.RangePicker
        aria-label={t('dash.period')}
        size="large"
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        onChange={(v) => v?.[0] && v[1] && onChange(v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD'))}
      />
    </>
  );
}
