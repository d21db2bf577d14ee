import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useRef, useState } from 'react';
import { type Deputy, deputiesApi } from '../api/deputies.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useT } from '../i18n/index.tsx';

/** What the picker needs to show a deputy it has not searched for (the current value). */
export type KnownDeputy = { id: string; name: string; code?: string };

type Props = {
  id?: string;
  value?: string | null;
  /** The chosen deputy comes along with the id, for callers that list names. */
  onChange?: (id: string | null, deputy?: Deputy) => void;
  placeholder?: string;
  disabled?: boolean;
  /** Deputies that cannot be chosen here (already in the list being edited). */
  excludeIds?: readonly string[];
  /** The name of the current value, which a search may not have returned. */
  known?: KnownDeputy | null;
  /** Extra words after a found deputy's name, e.g. the station they are at now. */
  note?: (d: Deputy) => string | null | undefined;
  'aria-label'?: string;
  'aria-describedby'?: string;
};

const PAGE = 20;

/**
 * Choose a deputy by typing part of a name, code or workplace: the town's roster is searched on the
 * server (GET /deputies?q=), so it works for a town of any size. Lists of deputies (a station's, a
 * group's) put this picker above the list and add what is picked.
 */
export function DeputyPicker({ id, value, onChange, placeholder, disabled, excludeIds, known, note, ...aria }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['deputies', 'pick', q],
    queryFn: () => deputiesApi.list({ q: q || undefined, pageSize: PAGE, sort: 'code' }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // Deputies seen in any search, so the chosen one can be handed to onChange whole.
  const seen = useRef(new Map<string, Deputy>());
  for (const d of found.data?.items ?? []) seen.current.set(d.id, d);
  const exclude = new Set(excludeIds ?? []);
  const options = (found.data?.items ?? []).filter((d) => !exclude.has(d.id)).map((d) => ({ value: d.id, label: `${d.name}（${d.code}）`, note: note?.(d) }));
  // The current value stays among the options so the box shows its name whatever the search.
  if (value && !options.some((o) => o.value === value)) {
    const k = known?.id === value ? known : seen.current.get(value);
    options.push({ value, label: k ? (k.code ? `${k.name}（${k.code}）` : k.name) : value, note: undefined });
  }
  return (
    <Select<string | null>
      {...aria}
      id={id}
      style={{ width: '100%' }}
      placeholder={placeholder ?? t('deputy.searchPlaceholder')}
      disabled={disabled}
      allowClear
      value={value ?? null}
      onChange={(v) => {
        setSearch('');
        onChange?.(v ?? null, v ? seen.current.get(v) : undefined);
      }}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.note && <span style={{ color: '#595959' }}> · {o.data.note}</span>}
        </span>
      )}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.empty')}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
