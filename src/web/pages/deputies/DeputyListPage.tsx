import { DownloadOutlined, FilterOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Input, type TableProps } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ADMINS, STAFF } from '../../api/auth.ts';
import { type Deputy, type DeputyFilters as Filters, type DeputyQuery, deputiesApi } from '../../api/deputies.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { DeputyCards } from './DeputyCards.tsx';
import { DeputyFilters, FILTER_KEYS } from './DeputyFilters.tsx';
import { DeputyFormDrawer } from './DeputyFormDrawer.tsx';
import { deputyColumns } from './deputyColumns.tsx';
import { DataTable } from '../../components/DataTable.tsx';

const KEYS = ['q', ...FILTER_KEYS, 'sort', 'order'] as const;

export default function DeputyListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const isAdmin = useHasRole(ADMINS);
  const canExport = useHasRole(STAFF);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = FILTER_KEYS.filter((k) => values[k]).length;

  const filters = values as Filters;
  const query: DeputyQuery = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const list = useQuery({ queryKey: ['deputies', 'list', query], queryFn: () => deputiesApi.list(query), placeholderData: keepPreviousData });
  const columns = useMemo(() => deputyColumns(t, values), [t, values]);

  async function exportList() {
    setExporting(true);
    try {
      await deputiesApi.exportXlsx(filters);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  const actions = (
    <>
      {canExport && (
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList}>
          {exporting ? t('common.exporting') : t('deputy.exportList')}
        </Button>
      )}
      {isAdmin && (
        <Button icon={<UploadOutlined />} onClick={() => navigate('/deputies/import')}>
          {t('deputy.import')}
        </Button>
      )}
      {isAdmin && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('deputy.add')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('nav.deputies')} extra={actions} />
      <div className="page-toolbar">
        <Input.Search
          className="grow"
          aria-label={t('deputy.searchLabel')}
          placeholder={t('deputy.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ maxWidth: 420 }}
        />
        {mobile && (
          <Button icon={<FilterOutlined />} aria-expanded={filtersOpen} aria-controls="deputy-filters" onClick={() => setFiltersOpen((o) => !o)}>
            {activeFilters ? `${t('common.filters')} (${activeFilters})` : t('common.filters')}
          </Button>
        )}
      </div>
      {(!mobile || filtersOpen) && <DeputyFilters id="deputy-filters" values={values} onChange={(k, v) => set({ [k]: v })} />}
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : mobile ? (
        <DeputyCards
          items={list.data?.items}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
        />
      ) : (
        <DataTable<Deputy>
          label={t('nav.deputies')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 1040 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(p, _f, sorter, extra) => {
            if (extra.action === 'sort') {
              const s = sorter as Extract<Parameters<NonNullable<TableProps<Deputy>['onChange']>>[2], { columnKey?: unknown }>;
              set({ sort: s.order ? String(s.columnKey) : undefined, order: s.order === 'descend' ? 'desc' : s.order ? 'asc' : undefined });
            } else set({ page: p.current, pageSize: p.pageSize });
          }}
        />
      )}
      <DeputyFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(d) => {
          setCreating(false);
          navigate(`/deputies/${d.id}`);
        }}
      />
    </>
  );
}
