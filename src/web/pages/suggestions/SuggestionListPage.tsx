import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import {
  SOURCE_TYPES,
  SUGGESTION_KINDS,
  SUGGESTION_STATES,
  type SourceType,
  type SuggestionFilters,
  type SuggestionItem,
  type SuggestionKind,
  type SuggestionState,
  suggestionsApi,
} from '../../api/suggestions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { SuggestionCards } from './SuggestionCards.tsx';
import { DuePill, RatingPill, SuggestionBadges } from './SuggestionTags.tsx';
import { chinaToday, gradeText, yearOptions } from './suggestionFormat.ts';
import { useSuggestionSettings } from './useSuggestionSettings.ts';
import { useUnitOptions } from './useUnitOptions.ts';

const KEYS = ['q', 'state', 'kind', 'category', 'sourceType', 'unitId', 'year', 'key', 'due'] as const;
const SECONDARY = ['kind', 'category', 'sourceType', 'unitId', 'year', 'key'] as const;

/** 建议列表 for admins and liaisons: every suggestion of the town, filtered, newest first. */
export default function SuggestionListPage() {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set, reset } = useUrlParams(KEYS);
  const [search, setSearch] = useState(values.q ?? '');
  const settings = useSuggestionSettings();
  const units = useUnitOptions();
  const thisYear = Number(chinaToday().slice(0, 4));

  const filters: SuggestionFilters = {
    q: values.q,
    state: values.state as SuggestionState | undefined,
    kind: values.kind as SuggestionKind | undefined,
    category: values.category,
    sourceType: values.sourceType as SourceType | undefined,
    unitId: values.unitId,
    year: values.year ? Number(values.year) : undefined,
    key: values.key === 'true' ? 'true' : undefined,
    due: values.due === 'soon' || values.due === 'overdue' ? values.due : undefined,
    // Late and soon-due items are read soonest-due first; otherwise the latest work first.
    ...(values.due ? { sort: 'due' as const, order: 'asc' as const } : { sort: 'updated' as const, order: 'desc' as const }),
  };
  const q = useQuery({
    queryKey: ['suggestions', 'list', filters, page, pageSize],
    queryFn: () => suggestionsApi.list({ ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const grades = settings.data?.grades;
  const anyFilter = KEYS.some((k) => values[k]);
  // On a phone the search, state and due filters show; the others open with 更多筛选 (or when one is set).
  const secondarySet = SECONDARY.some((k) => values[k]);
  const [more, setMore] = useState(false);
  const showAll = !mobile || more || secondarySet;

  const columns = useMemo<TableColumnsType<SuggestionItem>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('suggestion.code'), width: 92 },
      {
        key: 'title',
        title: t('suggestion.title'),
        render: (_, r) => (
          <Link to={`/suggestions/${r.id}`} style={{ fontWeight: 500 }}>
            {r.title}
          </Link>
        ),
      },
      { key: 'lead', title: t('suggestion.leadDeputy'), width: 86, render: (_, r) => r.leadDeputy?.name ?? t(`suggestion.sourceType.${r.sourceType}`) },
      { key: 'category', dataIndex: 'category', title: t('suggestion.category'), width: 76 },
      { key: 'unit', title: t('suggestion.leadUnit'), width: 130, render: (_, r) => r.leadUnit?.name ?? '—' },
      {
        key: 'due',
        title: t('suggestion.dueDate'),
        width: 112,
        render: (_, r) =>
          r.dueDate ? (
            <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
              <span>{r.dueDate}</span>
              <DuePill due={r.due} />
            </span>
          ) : (
            '—'
          ),
      },
      { key: 'state', title: t('suggestion.state'), width: 112, render: (_, r) => <SuggestionBadges item={r} /> },
      {
        key: 'grade',
        title: t('suggestion.grade'),
        width: 76,
        render: (_, r) =>
          r.grade ? (
            <Typography.Text title={gradeText(r.grade, grades)} style={{ whiteSpace: 'nowrap' }}>
              {r.grade}
            </Typography.Text>
          ) : (
            '—'
          ),
      },
      { key: 'rating', title: t('suggestion.rating'), width: 92, render: (_, r) => (r.rating ? <RatingPill rating={r.rating} /> : '—') },
    ],
    [t, grades],
  );

  return (
    <>
      <PageHeader
        title={t('suggestion.listTitle')}
        extra={
          <>
            {isAdmin && (
              <Button icon={<SettingOutlined />} onClick={() => navigate('/suggestions/settings')}>
                {t('suggestion.settingsLink')}
              </Button>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/suggestions/new')}>
              {t('suggestion.new')}
            </Button>
          </>
        }
      />
      <div role="search" aria-label={t('common.filters')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Input.Search
          aria-label={t('common.search')}
          style={{ width: mobile ? '100%' : 220 }}
          allowClear
          placeholder={t('suggestion.filter.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        <Select<SuggestionState>
          aria-label={t('suggestion.state')}
          style={{ width: 130 }}
          allowClear
          placeholder={t('suggestion.filter.allStates')}
          value={filters.state}
          onChange={(v) => set({ state: v })}
          options={SUGGESTION_STATES.map((s) => ({ value: s, label: t(`suggestion.state.${s}`) }))}
        />
        <Select<'soon' | 'overdue'>
          aria-label={t('suggestion.filter.due')}
          style={{ width: 120 }}
          allowClear
          placeholder={t('suggestion.filter.anyDue')}
          value={filters.due as 'soon' | 'overdue' | undefined}
          onChange={(v) => set({ due: v })}
          options={[
            { value: 'soon', label: t('suggestion.filter.dueSoon') },
            { value: 'overdue', label: t('suggestion.filter.overdue') },
          ]}
        />
        {showAll && (
          <>
            <Select<SuggestionKind>
              aria-label={t('suggestion.kind')}
              style={{ width: 110 }}
              allowClear
              placeholder={t('suggestion.filter.allKinds')}
              value={filters.kind}
              onChange={(v) => set({ kind: v })}
              options={SUGGESTION_KINDS.map((k) => ({ value: k, label: t(`suggestion.kind.${k}`) }))}
            />
            <Select<string>
              aria-label={t('suggestion.category')}
              style={{ width: 120 }}
              allowClear
              placeholder={t('suggestion.filter.allCategories')}
              value={filters.category}
              onChange={(v) => set({ category: v })}
              options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
            />
            <Select<SourceType>
              aria-label={t('suggestion.source')}
              style={{ width: 120 }}
              allowClear
              placeholder={t('suggestion.filter.allSources')}
              value={filters.sourceType}
              onChange={(v) => set({ sourceType: v })}
              options={SOURCE_TYPES.map((s) => ({ value: s, label: t(`suggestion.sourceType.${s}`) }))}
            />
            <Select<string>
              aria-label={t('suggestion.filter.office')}
              style={{ width: 170 }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('suggestion.filter.allUnits')}
              value={filters.unitId}
              onChange={(v) => set({ unitId: v })}
              options={units.all}
            />
            <Select<number>
              aria-label={t('suggestion.year')}
              style={{ width: 110 }}
              allowClear
              placeholder={t('suggestion.filter.allYears')}
              value={filters.year}
              onChange={(v) => set({ year: v })}
              options={yearOptions(thisYear).map((y) => ({ value: y, label: t('suggestion.filter.yearOption', { year: y }) }))}
            />
            <Checkbox checked={values.key === 'true'} onChange={(e) => set({ key: e.target.checked ? 'true' : undefined })} style={{ alignSelf: 'center' }}>
              {t('suggestion.filter.keyOnly')}
            </Checkbox>
          </>
        )}
        {mobile && !secondarySet && (
          <Button type="link" aria-expanded={more} onClick={() => setMore((m) => !m)}>
            {t('common.moreFilters')}
          </Button>
        )}
        {anyFilter && (
          <Button
            type="link"
            onClick={() => {
              setSearch('');
              reset();
            }}
          >
            {t('suggestion.filter.reset')}
          </Button>
        )}
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <SuggestionCards
          items={q.data?.items}
          loading={q.isFetching && (q.isPlaceholderData || !q.data)}
          total={q.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
          grades={grades}
        />
      ) : (
        <DataTable<SuggestionItem>
          label={t('suggestion.listTitle')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching && (q.isPlaceholderData || !q.data)}
          scroll={{ x: 1040 }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
        />
      )}
    </>
  );
}
