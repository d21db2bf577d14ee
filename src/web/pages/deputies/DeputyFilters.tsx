import { Select } from 'antd';
import { DEPUTY_STATUSES, LEVELS, OCCUPATIONS, PARTIES } from '../../api/deputies.ts';
import { useStationOptions } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';

export const FILTER_KEYS = ['stationId', 'level', 'party', 'status', 'occupation'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The list's drop-down filters; each is labelled for screen readers by its placeholder's words. */
export function DeputyFilters({
  id,
  values,
  onChange,
}: {
  id?: string;
  values: Partial<Record<FilterKey, string>>;
  onChange: (k: FilterKey, v: string | undefined) => void;
}) {
  const t = useT();
  const stations = useStationOptions();
  const filters: { key: FilterKey; label: string; options: { value: string; label: string }[] }[] = [
    { key: 'stationId', label: t('deputy.filterStation'), options: stations },
    { key: 'level', label: t('deputy.filterLevel'), options: LEVELS.map((v) => ({ value: v, label: t.enum('level', v) })) },
    { key: 'party', label: t('deputy.filterParty'), options: PARTIES.map((v) => ({ value: v, label: t.enum('party', v) })) },
    { key: 'status', label: t('deputy.filterStatus'), options: DEPUTY_STATUSES.map((v) => ({ value: v, label: t.enum('status', v) })) },
    { key: 'occupation', label: t('deputy.filterOccupation'), options: OCCUPATIONS.map((v) => ({ value: v, label: t.enum('occupation', v) })) },
  ];
  return (
    <div id={id} className="filter-grid">
      {filters.map((f) => (
        <Select
          key={f.key}
          aria-label={f.label}
          placeholder={f.label}
          allowClear
          value={values[f.key]}
          options={f.options}
          onChange={(v) => onChange(f.key, v)}
          showSearch={f.options.length > 8 ? { optionFilterProp: 'label' } : false}
        />
      ))}
    </div>
  );
}
