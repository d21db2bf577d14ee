import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import type { EvalStatus } from '../../api/dutyReports.ts';
import { REVIEW_KINDS, type ReviewKind, type ReviewListItem, type ReviewQuery, reviewsApi } from '../../api/reviews.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { EvalStatusTag } from '../duty-reports/dutyReportFormat.tsx';
import { ReviewFormModal } from './ReviewFormModal.tsx';

const KEYS = ['period', 'kind', 'status'] as const;
const STATUSES: EvalStatus[] = ['draft', 'voting', 'closed'];

/** 代表互评与比评: monthly peer reviews and quarterly voter reviews per station, newest period first. */
export default function ReviewListPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushPeriod = useCallback((period: string) => set({ period }), [set]);
  const [search, setSearch] = useSearchBox(values.period, pushPeriod);
  const [creating, setCreating] = useState(false);
  const query: ReviewQuery = {
    period: values.period,
    kind: values.kind as ReviewKind | undefined,
    status: values.status as EvalStatus | undefined,
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['reviews', query], queryFn: () => reviewsApi.list(query), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<ReviewListItem>>(
    () => [
      { key: 'period', title: t('review.period'), width: 110, render: (_, r) => <Link to={`/reviews/${r.id}`}>{r.period}</Link> },
      { key: 'kind', title: t('review.kind'), width: 150, render: (_, r) => t(`review.kind.${r.kind}` as MsgKey) },
      { key: 'station', title: t('review.station'), render: (_, r) => r.station.name },
      { key: 'status', title: t('review.status'), width: 100, render: (_, r) => <EvalStatusTag status={r.status} /> },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('review.nav')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('review.new')}
            </Button>
          )
        }
      />
      <div className="filter-grid">
        <Input.Search aria-label={t('review.search')} placeholder={t('review.search')} allowClear value={search} onChange={(e) => setSearch(e.target.value)} />
        <Select
          aria-label={t('review.kind')}
          placeholder={t('review.kind')}
          allowClear
          value={values.kind}
          onChange={(v) => set({ kind: v })}
          options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`review.kind.${k}` as MsgKey) }))}
        />
        <Select
          aria-label={t('review.status')}
          placeholder={t('review.status')}
          allowClear
          value={values.status}
          onChange={(v) => set({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`appraisal.status.${s}` as MsgKey) }))}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<ReviewListItem>
          label={t('review.nav')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 560 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <ReviewFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
