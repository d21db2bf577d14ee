import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { deputiesApi } from '../../api/deputies.ts';
import type { RollEntry } from '../../api/elections.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useT } from '../../i18n/index.tsx';

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The session's roll (GET /sessions/:id/roll entries). */
  roll: readonly RollEntry[];
  rollLoading?: boolean;
  /** Chair, vice-chair, presidium member: only deputies on the roll may stand. */
  rollOnly: boolean;
  'aria-label'?: string;
};

const PAGE = 20;
const labelOf = (d: { name: string; code: string }) => `${d.name}（${d.code}）`;

/**
 * The candidate picker of a nomination. The server takes a deputy as a candidate only when they are on
 * the session's roll, so: for posts that must go to a deputy the roll is the whole list; for the others
 * the deputies on the roll come first, then the rest of the roster (found by a server search) shown but
 * not choosable — someone not on the roll is entered by hand (手工录入).
 */
export function CandidatePicker({ id, value, onChange, roll, rollLoading, rollOnly, ...aria }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['deputies', 'pick', q],
    queryFn: () => deputiesApi.list({ q: q || undefined, pageSize: PAGE, sort: 'code' }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: !rollOnly,
  });
  const onRoll = new Set(roll.map((e) => e.deputyId));
  const rollOptions = roll
    .filter((e) => !needle || e.name.toLowerCase().includes(needle) || e.code.toLowerCase().includes(needle))
    .map((e) => ({ value: e.deputyId, label: labelOf(e) }));
  // The chosen deputy keeps their name in the box whatever the search.
  if (value && !rollOptions.some((o) => o.value === value)) {
    const e = roll.find((x) => x.deputyId === value);
    rollOptions.push({ value, label: e ? labelOf(e) : value });
  }
  const rest = (found.data?.items ?? []).filter((d) => !onRoll.has(d.id)).map((d) => ({ value: d.id, label: labelOf(d), disabled: true }));
  const options = rollOnly
    ? rollOptions
    : [{ label: t('election.onRoll', { n: roll.length }), options: rollOptions }, ...(rest.length ? [{ label: t('election.notOnRoll'), options: rest }] : [])];
  return (
    <Select<string | null>
      {...aria}
      id={id}
      style={{ width: '100%' }}
      placeholder={rollOnly ? t('election.pickFromRoll') : t('deputy.searchPlaceholder')}
      allowClear
      value={value ?? null}
      loading={rollLoading}
      onChange={(v) => {
        setSearch('');
        onChange?.(v ?? null);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      notFoundContent={rollLoading || found.isFetching ? <Spin size="small" /> : t('common.empty')}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
