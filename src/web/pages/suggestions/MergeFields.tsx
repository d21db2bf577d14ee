import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Suggestion, suggestionsApi } from '../../api/suggestions.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useT } from '../../i18n/index.tsx';
import { StatePill } from './SuggestionTags.tsx';
import { MERGE_TARGET_STATES } from './suggestionFormat.ts';

function useDuplicates(s: Suggestion) {
  return useQuery({
    queryKey: ['suggestions', 'duplicates', s.id],
    queryFn: () => suggestionsApi.duplicates({ title: s.title, content: s.content.slice(0, 500), excludeId: s.id }),
    staleTime: 60_000,
    retry: false,
  });
}

/** Likely duplicates of a suggestion being registered (title and content compared on the server). */
export function DuplicateList({ suggestion }: { suggestion: Suggestion }) {
  const t = useT();
  const q = useDuplicates(suggestion);
  if (q.isLoading) return <Spin size="small" />;
  const items = q.data?.items ?? [];
  return (
    <section aria-label={t('suggestion.form.duplicates')}>
      <Typography.Text strong>{t('suggestion.form.duplicates')}</Typography.Text>
      {items.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('suggestion.form.noDuplicates')}</Typography.Paragraph>
      ) : (
        <ul style={{ paddingLeft: 20, margin: '4px 0 0' }}>
          {items.map((d) => (
            <li key={d.id} style={{ marginBottom: 4 }}>
              <Link to={`/suggestions/${d.id}`} target="_blank" style={{ textDecoration: 'underline' }}>
                {d.code} {d.title}
              </Link>{' '}
              <StatePill state={d.state} />{' '}
              <Typography.Text type="secondary">{t('suggestion.form.similarity', { score: Math.round(d.score * (d.score <= 1 ? 100 : 1)) })}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The suggestion to merge into: likely duplicates first, then any open suggestion of the town found
 * by code or subject on the server.
 */
export function MergePicker({
  suggestion,
  id,
  value,
  onChange,
}: {
  suggestion: Suggestion;
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const dup = useDuplicates(suggestion);
  const found = useQuery({
    queryKey: ['suggestions', 'merge-pick', q],
    queryFn: () => suggestionsApi.list({ q: q || undefined, states: MERGE_TARGET_STATES.join(','), pageSize: 20, sort: 'updated', order: 'desc' }),
    staleTime: 30_000,
  });
  const seen = new Map<string, string>();
  for (const d of dup.data?.items ?? []) if (d.id !== suggestion.id) seen.set(d.id, `${d.code} ${d.title}`);
  for (const d of found.data?.items ?? []) if (d.id !== suggestion.id) seen.set(d.id, `${d.code} ${d.title}`);
  const options = [...seen].map(([value, label]) => ({ value, label }));
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      placeholder={t('suggestion.form.mergeSearch')}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.empty')}
    />
  );
}
