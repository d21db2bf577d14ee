import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { regionsApi } from '../api/regions.ts';
import { useT } from '../i18n/index.tsx';

type Props = {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Extra words after a village's name, e.g. the station that covers it now. */
  note?: (villageId: string) => string | null | undefined;
  'aria-label'?: string;
  'aria-describedby'?: string;
};

/** Choose villages and communities of the town (a town has tens of them, so all are loaded and filtered here). */
export function VillagePicker({ id, value, onChange, note, ...aria }: Props) {
  const t = useT();
  const villages = useQuery({ queryKey: ['villages', 'all'], queryFn: () => regionsApi.villages({ pageSize: 200 }), staleTime: 5 * 60_000 });
  const options = (villages.data?.items ?? []).map((v) => {
    const extra = note?.(v.id);
    return { value: v.id, label: v.name, note: extra, search: `${v.name} ${v.code}` };
  });
  return (
    <Select<string[]>
      {...aria}
      id={id}
      mode="multiple"
      style={{ width: '100%' }}
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      loading={villages.isFetching}
      options={options}
      placeholder={t('region.searchVillage')}
      showSearch={{ optionFilterProp: 'search' }}
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.note && <span style={{ color: '#595959' }}> · {o.data.note}</span>}
        </span>
      )}
    />
  );
}
