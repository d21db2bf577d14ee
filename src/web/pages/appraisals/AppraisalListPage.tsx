import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type AppraisalListItem, type AppraisalQuery, type AppraisalStatus, appraisalsApi } from '../../api/appraisals.ts';
import { ADMINS } from '../../api/auth.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { AppraisalFormModal } from './AppraisalFormModal.tsx';
import { AppraisalStatusTag } from './appraisalFormat.tsx';

const KEYS = ['q', 'year', 'status'] as const;
const STATUSES: AppraisalStatus[] = ['draft', 'voting', 'closed'];

/** 民主评议: the town's appraisals of offices, newest year first. */
export default function AppraisalListPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [creating, setCreating] = useState(false);
  const query: AppraisalQuery = {
    q: values.q,
    year: values.year ? Number(values.year) : undefined,
    status: values.status as AppraisalStatus | undefined,
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['appraisals', query], queryFn: () => appraisalsApi.list(query), placeholderData: keepPreviousData });
  const thisYear = new Date().getFullYear();

  const columns = useMemo<TableColumnsType<AppraisalListItem>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('appraisal.code'), width: 90 },
      { key: 'title', title: t('appraisal.title'), render: (_, a) => <Link to={`/appraisals/${a.id}`}>{a.title}</Link> },
      { key: 'year', dataIndex: 'year', title: t('appraisal.year'), width: 80 },
      { key: 'hearingDate', dataIndex: 'hearingDate', title: t('appraisal.hearingDate'), width: 120 },
      { key: 'unitCount', dataIndex: 'unitCount', title: t('appraisal.unitCount'), width: 80 },
      { key: 'status', title: t('appraisal.status'), width: 100, render: (_, a) => <AppraisalStatusTag status={a.status} /> },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('appraisal.nav')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('appraisal.new')}
            </Button>
          )
        }
      />
      <div className="filter-grid">
        <Input.Search
          className="span-2"
          aria-label={t('appraisal.search')}
          placeholder={t('appraisal.search')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          aria-label={t('appraisal.year')}
          placeholder={t('appraisal.year')}
          allowClear
          value={values.year}
          onChange={(v) => set({ year: v })}
          options={[0, 1, 2, 3, 4].map((d) => ({ value: String(thisYear + 1 - d), label: String(thisYear + 1 - d) }))}
        />
        <Select
          aria-label={t('appraisal.status')}
          placeholder={t('appraisal.status')}
          allowClear
          value={values.status}
          onChange={(v) => set({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`appraisal.status.${s}` as MsgKey) }))}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<AppraisalListItem>
          label={t('appraisal.nav')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 700 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <AppraisalFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
