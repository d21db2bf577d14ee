import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { type AdjustmentItem, type Scheme, pointsApi } from '../../api/points.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import { chinaTime } from '../suggestions/suggestionFormat.ts';
import { AdjustmentModal } from './AdjustmentModal.tsx';
import { monthsOf, signed } from './pointsFormat.ts';

/** 积分调整: manual points with a reason; a published month refuses changes (409, the server says why). */
export function Adjustments({ scheme, canEdit }: { scheme: Scheme; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [month, setMonth] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['points', 'adjustments', scheme.id, month ?? ''], queryFn: () => pointsApi.adjustments(scheme.id, { month }) });

  const remove = async (a: AdjustmentItem) => {
    try {
      await pointsApi.deleteAdjustment(scheme.id, a.id);
      message.success(t('points.adj.deleted'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) message.warning(e.message, 8);
      else message.error((e as Error).message, 6);
    }
    void qc.invalidateQueries({ queryKey: ['points'] });
  };

  const columns: TableColumnsType<AdjustmentItem> = [
    { key: 'month', title: t('points.adj.month'), width: 90, dataIndex: 'month' },
    {
      key: 'deputy',
      title: t('points.adj.deputy'),
      width: 100,
      render: (_, a) => <Link to={`/points/deputies/${a.deputyId}?month=${a.month}`}>{a.deputyName}</Link>,
    },
    { key: 'points', title: t('points.adj.points'), width: 80, align: 'right', render: (_, a) => signed(a.points) },
    { key: 'reason', title: t('points.adj.reason'), dataIndex: 'reason' },
    { key: 'at', title: t('points.adj.at'), width: 150, render: (_, a) => chinaTime(a.createdAt) },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 80,
            render: (_: unknown, a: AdjustmentItem) => (
              <Popconfirm title={t('points.adj.deleteConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove(a)}>
                <Button type="link" danger icon={<DeleteOutlined />} aria-label={`${t('points.adj.delete')} ${a.deputyName} ${a.month}`} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('points.adj.filterMonth')}
          placeholder={t('points.adj.filterMonth')}
          allowClear
          style={{ width: 150 }}
          value={month}
          onChange={setMonth}
          options={monthsOf(scheme.year).map((m) => ({ value: m, label: m }))}
        />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('points.adj.add')}
          </Button>
        )}
      </Space>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<AdjustmentItem>
          label={t('points.adjustments')}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          locale={{ emptyText: t('points.adj.none') }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 640 }}
        />
      )}
      {adding && <AdjustmentModal scheme={scheme} defaultMonth={month} onClose={() => setAdding(false)} />}
    </>
  );
}
