import { PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, List, Pagination, Select, Space, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES, type DocumentCategory, type DocumentStatus, type DocumentSummary, documentsApi } from '../../api/documents.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { DocumentFormDrawer } from './DocumentFormDrawer.tsx';
import { CategoryTag, DocumentStatusTag, ReadRateBar, when } from './documentFormat.tsx';

const KEYS = ['q', 'category', 'status'] as const;

/** 文件与学习资料: the town's documents with their read rates; admins add them, liaisons see their station's. */
export default function DocumentListPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [creating, setCreating] = useState(false);

  const query = {
    q: values.q,
    category: values.category as DocumentCategory | undefined,
    status: values.status as DocumentStatus | undefined,
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['documents', 'list', query], queryFn: () => documentsApi.list(query), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<DocumentSummary>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('document.code'), width: 90 },
      {
        key: 'title',
        title: t('document.docTitle'),
        render: (_, d) => (
          <Space orientation="vertical" size={0}>
            <Link to={`/documents/${d.id}`}>{d.title}</Link>
            {d.docNumber && <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.7)' }}>{d.docNumber}</span>}
          </Space>
        ),
      },
      { key: 'category', title: t('document.category'), width: 120, render: (_, d) => <CategoryTag category={d.category} /> },
      { key: 'status', title: t('document.status'), width: 90, render: (_, d) => <DocumentStatusTag status={d.status} /> },
      { key: 'sentAt', title: t('document.sentAt'), width: 150, render: (_, d) => when(d.sentAt) },
      { key: 'rate', title: t('document.readRate'), width: 200, render: (_, d) => <ReadRateBar counts={d.counts} title={d.title} /> },
    ],
    [t],
  );

  const cards = (
    <>
      <List
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: <Empty description={t('document.empty')} /> }}
        renderItem={(d) => (
          <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
            <Card size="small" style={{ marginBottom: 12 }}>
              <h2 style={{ fontSize: 16, margin: '0 0 4px' }}>
                <Link to={`/documents/${d.id}`}>{d.title}</Link>
              </h2>
              <Space wrap size={4} style={{ marginBottom: 6 }}>
                <span>{d.code}</span>
                <CategoryTag category={d.category} />
                <DocumentStatusTag status={d.status} />
              </Space>
              {d.docNumber && <div>{d.docNumber}</div>}
              {d.sentAt && (
                <div>
                  {t('document.sentAt')}：{when(d.sentAt)}
                </div>
              )}
              <ReadRateBar counts={d.counts} title={d.title} />
            </Card>
          </List.Item>
        )}
      />
      <Pagination
        size="small"
        current={page}
        pageSize={pageSize}
        total={list.data?.total ?? 0}
        onChange={(p, s) => set({ page: p, pageSize: s })}
        showTotal={(total) => t('common.total', { total })}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('document.title')}
        extra={
          <>
            <Button icon={<PhoneOutlined />} onClick={() => navigate('/documents/unread')}>
              {t('document.unreadList')}
            </Button>
            {isAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('document.add')}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-grid">
        <Input.Search
          className="span-2"
          aria-label={t('document.searchLabel')}
          placeholder={t('document.searchLabel')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          aria-label={t('document.category')}
          placeholder={t('document.category')}
          allowClear
          value={values.category}
          onChange={(v) => set({ category: v })}
          options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`document.category.${c}`) }))}
        />
        {isAdmin && (
          <Select
            aria-label={t('document.status')}
            placeholder={t('document.status')}
            allowClear
            value={values.status}
            onChange={(v) => set({ status: v })}
            options={DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`document.status.${s}`) }))}
          />
        )}
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : mobile ? (
        cards
      ) : (
        <DataTable<DocumentSummary>
          label={t('document.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          locale={{ emptyText: <Empty description={t('document.empty')} /> }}
          scroll={{ x: 860 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      {isAdmin && <DocumentFormDrawer open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
