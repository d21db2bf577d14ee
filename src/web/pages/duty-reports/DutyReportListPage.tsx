import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { percent } from '../appraisals/appraisalFormat.tsx';
import { ADMINS } from '../../api/auth.ts';
import { type DutyReportListItem, type DutyReportQuery, type EvalStatus, dutyReportsApi } from '../../api/dutyReports.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { DutyReportFormModal } from './DutyReportFormModal.tsx';
import { EvalStatusTag, ResultTag } from './dutyReportFormat.tsx';

const KEYS = ['q', 'year', 'status'] as const;
const STATUSES: EvalStatus[] = ['draft', 'voting', 'closed'];

/** 述职评议: the town's duty reports to voters, newest first, with their results. */
export default function DutyReportListPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [creating, setCreating] = useState(false);
  const query: DutyReportQuery = {
    q: values.q,
    year: values.year ? Number(values.year) : undefined,
    status: values.status as EvalStatus | undefined,
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['duty-reports', query], queryFn: () => dutyReportsApi.list(query), placeholderData: keepPreviousData });
  const thisYear = new Date().getFullYear();

  const columns = useMemo<TableColumnsType<DutyReportListItem>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('dutyReport.code'), width: 100 },
      { key: 'deputy', title: t('dutyReport.deputy'), render: (_, r) => <Link to={`/duty-reports/${r.id}`}>{r.deputy.name}</Link> },
      { key: 'heldOn', dataIndex: 'heldOn', title: t('dutyReport.heldOn'), width: 120 },
      { key: 'place', dataIndex: 'place', title: t('dutyReport.place') },
      { key: 'voterReps', dataIndex: 'voterReps', title: t('dutyReport.voterReps'), width: 110 },
      { key: 'status', title: t('dutyReport.status'), width: 100, render: (_, r) => <EvalStatusTag status={r.status} /> },
      { key: 'result', title: t('dutyReport.result'), width: 120, render: (_, r) => (r.status === 'closed' ? <ResultTag result={r.result} /> : '—') },
      { key: 'approval', title: t('dutyReport.approval'), width: 90, render: (_, r) => percent(r.approval) },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('dutyReport.nav')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('dutyReport.new')}
            </Button>
          )
        }
      />
      <div className="filter-grid">
        <Input.Search
          className="span-2"
          aria-label={t('dutyReport.search')}
          placeholder={t('dutyReport.search')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          aria-label={t('dutyReport.year')}
          placeholder={t('dutyReport.year')}
          allowClear
          value={values.year}
          onChange={(v) => set({ year: v })}
          options={[0, 1, 2, 3, 4].map((d) => ({ value: String(thisYear + 1 - d), label: String(thisYear + 1 - d) }))}
        />
        <Select
          aria-label={t('dutyReport.status')}
          placeholder={t('dutyReport.status')}
          allowClear
          value={values.status}
          onChange={(v) => set({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`appraisal.status.${s}` as MsgKey) }))}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<DutyReportListItem>
          label={t('dutyReport.nav')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 860 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <DutyReportFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
