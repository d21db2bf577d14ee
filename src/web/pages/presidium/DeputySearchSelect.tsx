import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Typography } from 'antd';
import { useRef, useState } from 'react';
import { type DeputyQuery, deputiesApi } from '../../api/deputies.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useT } from '../../i18n/index.tsx';

type Known = { id: string; name: string };
type Option = { value: string; label: string; code?: string; note?: string | null; disabled?: boolean };

type Props = Omit<SelectProps<string | string[], Option>, 'options' | 'mode' | 'showSearch'> & {
  termId: string;
  multiple?: boolean;
  /** Deputies already chosen, so their names show before any search finds them. */
  known?: Known[];
  /** A remark beside a deputy in the list (e.g. who keeps in touch with them now). */
  note?: (deputyId: string) => string | null;
  /** Deputies that cannot be chosen here (e.g. already on the presidium). */
  unavailable?: (deputyId: string) => boolean;
};

/**
 * Choose serving deputies of a term by typing part of a name or a code; the server searches
 * (GET /deputies?q&termId), so a town of any size works. Kept here rather than shared while the
 * shared picker is being written for the stations and groups pages.
 */
export function DeputySearchSelect({ termId, multiple, known = [], note, unavailable, ...rest }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const query: DeputyQuery = { q: q || undefined, termId, status: 'serving', sort: 'code', pageSize: 50 };
  const found = useQuery({ queryKey: ['deputies', 'list', query], queryFn: () => deputiesApi.list(query), placeholderData: keepPreviousData });
  // Names seen in earlier searches, so a chosen deputy keeps its name when a new search leaves it out.
  const seen = useRef(new Map<string, Known & { code?: string }>());
  for (const k of known) if (!seen.current.has(k.id)) seen.current.set(k.id, k);
  for (const d of found.data?.items ?? []) seen.current.set(d.id, { id: d.id, name: d.name, code: d.code });

  const value = rest.value;
  const chosen = (Array.isArray(value) ? value : value ? [value] : []).filter((id) => !found.data?.items.some((d) => d.id === id));
  const toOption = (d: Known & { code?: string }): Option => ({
    value: d.id,
    label: d.name,
    code: d.code,
    note: note?.(d.id) ?? null,
    disabled: unavailable?.(d.id) ?? false,
  });
  const options: Option[] = [
    ...chosen.map((id) => toOption(seen.current.get(id) ?? { id, name: id })),
    ...(found.data?.items ?? []).map((d) => toOption({ id: d.id, name: d.name, code: d.code })),
  ];

  return (
    <Select<string | string[], Option>
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onSelect={(v, o) => {
        // Controlled search text: clear it as antd would, ready for the next name.
        setText('');
        rest.onSelect?.(v, o);
      }}
      onOpenChange={(open) => {
        if (!open) setText('');
        rest.onOpenChange?.(open);
      }}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('app.loading') : t('presidium.noMatch')}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.code && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
              {o.data.code}
            </Typography.Text>
          )}
          {o.data.note && (
            <Typography.Text type="warning" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {o.data.note}
            </Typography.Text>
          )}
        </span>
      )}
    />
  );
}
