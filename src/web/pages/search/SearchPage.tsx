import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, List, Segmented, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type SearchItem, searchStatsApi } from '../../api/searchStats.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pill } from '../../components/Pill.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { labelOf } from '../suggestion-stats/statsFormat.ts';

const KEYS = ['q', 'types'] as const;

/**
 * 全文搜索 over suggestions and reception matters (admins and liaisons; a liaison's receptions are
 * their station's). Two-character words match; the snippet is the record's own words around the hit.
 */
export default function SearchPage() {
  const t = useT();
  const me = useMe();
  const { values, page, set } = useUrlParams(KEYS);
  const text = values.q?.trim() ?? '';
  const types = values.types === 'suggestion' || values.types === 'reception' ? values.types : undefined;
  const q = useQuery({
    queryKey: ['search', text, types, page],
    queryFn: () => searchStatsApi.search({ q: text, types, page, pageSize: 20 }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  });
  const linkOf = (it: SearchItem) => (it.type === 'suggestion' ? `/suggestions/${it.id}` : `/receptions/${it.id}`);

  return (
    <div>
      <PageHeader title={t('search.title')} />
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Input.Search
          aria-label={t('search.title')}
          placeholder={t('search.placeholder')}
          enterButton={t('search.button')}
          defaultValue={text}
          maxLength={100}
          allowClear
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ maxWidth: 560 }}
        />
        <Segmented
          aria-label={t('search.scope')}
          value={types ?? 'all'}
          onChange={(v) => set({ types: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('search.all') },
            { value: 'suggestion', label: t('search.type.suggestion') },
            { value: 'reception', label: t('search.type.reception') },
          ]}
        />
        <Typography.Text type="secondary">
          {t('search.start')}
          {me.user.role === 'liaison' && ` ${t('search.liaisonScope')}`}
        </Typography.Text>
      </Space>
      {!text ? null : q.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List<SearchItem>
          header={<Typography.Text>{t('search.total', { n: q.data.total })}</Typography.Text>}
          dataSource={q.data.items}
          locale={{ emptyText: t('search.none') }}
          pagination={
            q.data.total > 20
              ? { current: page, pageSize: 20, total: Math.min(q.data.total, 1000), onChange: (p) => set({ page: p }), showSizeChanger: false, size: 'small' }
              : false
          }
          renderItem={(it) => (
            <List.Item key={it.matterId ?? it.id}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Space size={8} wrap>
                  <Pill tone={it.type === 'suggestion' ? 'info' : 'brown'}>{t(`search.type.${it.type}`)}</Pill>
                  <Typography.Text type="secondary">{it.code}</Typography.Text>
                  <Link to={linkOf(it)} style={{ overflowWrap: 'anywhere' }}>
                    {it.title}
                  </Link>
                  {it.state && <Typography.Text type="secondary">{labelOf(t, 'suggestion.state', it.state)}</Typography.Text>}
                  <Typography.Text type="secondary">{it.date}</Typography.Text>
                </Space>
                <div style={{ marginTop: 4, color: '#444', overflowWrap: 'anywhere' }}>{it.snippet}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
