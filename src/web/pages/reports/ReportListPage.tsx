import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { type ReportListItem, reportsApi } from '../../api/reports.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { GenerateDialog } from './GenerateDialog.tsx';
import { ReportStatusTag } from './ReportStatusTag.tsx';
import { dateTime, periodText } from './reportFormat.ts';

const KEYS = [] as const;

/** 工作总结: the town's reports, the newest period first; admins generate a new one from the records. */
export default function ReportListPage() {
  const t = useT();
  const navigate = useNavigate();
  const isAdmin = useHasRole(ADMINS);
  const { page, pageSize, set } = useUrlParams(KEYS);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['reports', { page, pageSize }], queryFn: () => reportsApi.list({ page, pageSize }), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<ReportListItem>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('report.code'), width: 90 },
      { key: 'title', title: t('report.title'), render: (_, r) => <Link to={`/reports/${r.id}`}>{r.title}</Link> },
      { key: 'period', title: t('report.period'), width: 200, render: (_, r) => periodText(r.periodFrom, r.periodTo) },
      { key: 'status', title: t('report.status'), width: 130, render: (_, r) => <ReportStatusTag frozenNumber={r.frozenNumber} versions={r.versions} /> },
      { key: 'versions', dataIndex: 'versions', title: t('report.versions'), width: 80, align: 'right' },
      { key: 'updatedAt', title: t('report.updatedAt'), width: 150, render: (_, r) => dateTime(r.updatedAt) },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('report.nav')}
        extra={
          <>
            <Button icon={<FileTextOutlined />} onClick={() => navigate('/reports/templates')}>
              {t('report.templates')}
            </Button>
            {isAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('report.generate')}
              </Button>
            )}
          </>
        }
      />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<ReportListItem>
          label={t('report.nav')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description={t('report.empty')} /> }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <GenerateDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
