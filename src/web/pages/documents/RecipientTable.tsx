import { BellOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Segmented, Space, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { type DocumentDetail, type Recipient, documentsApi } from '../../api/documents.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import { ReceiptTag, when } from './documentFormat.tsx';

type ReadFilter = 'all' | 'read' | 'unread';

/**
 * Who received the document and whether they opened it. Unread ones can be reminded, all at once or
 * the ticked ones; a reminder is what the deputy sees on their phone (催阅), there is no SMS.
 */
export function RecipientTable({ document: d }: { document: DocumentDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<ReadFilter>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<string[]>([]);
  const q = { ...page, read: filter === 'all' ? undefined : filter };
  const list = useQuery({
    queryKey: ['documents', 'recipients', d.id, q],
    queryFn: () => documentsApi.recipients(d.id, q),
    placeholderData: keepPreviousData,
  });

  const remind = useMutation({
    mutationFn: (ids?: string[]) => documentsApi.remind(d.id, ids),
    onSuccess: (r) => {
      if (r.reminded > 0) message.success(t('document.remindedMsg', { n: r.reminded }));
      else message.info(t('document.nothingToRemind'));
      setSelected([]);
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
    onError: (e) => message.error((e as Error).message),
  });

  const columns = useMemo<TableColumnsType<Recipient>>(
    () => [
      { key: 'code', dataIndex: 'deputyCode', title: t('document.code'), width: 80 },
      { key: 'name', dataIndex: 'deputyName', title: t('document.deputy'), width: 110 },
      { key: 'station', title: t('document.station'), render: (_, r) => r.stationName ?? '—' },
      { key: 'phone', title: t('document.phone'), width: 130, render: (_, r) => (r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : '—') },
      { key: 'state', title: t('document.readState'), width: 90, render: (_, r) => <ReceiptTag receipt={r} /> },
      { key: 'first', title: t('document.firstReadAt'), width: 150, render: (_, r) => when(r.firstReadAt) },
      { key: 'count', dataIndex: 'readCount', title: t('document.readCount'), width: 90 },
      { key: 'reminded', dataIndex: 'remindedCount', title: t('document.remindedCount'), width: 90 },
    ],
    [t],
  );

  const unread = d.counts.recipients - d.counts.read;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('document.recipients')}</h2>}>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented<ReadFilter>
          aria-label={t('document.readState')}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('document.filterAll') },
            { value: 'unread', label: t('document.filterUnread') },
            { value: 'read', label: t('document.filterRead') },
          ]}
        />
        <Space wrap>
          {selected.length > 0 && (
            <Button icon={<BellOutlined />} onClick={() => remind.mutate(selected)} loading={remind.isPending}>
              {t('document.remindSelected', { n: selected.length })}
            </Button>
          )}
          <Popconfirm title={t('document.remindConfirm')} onConfirm={() => remind.mutate(undefined)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button type="primary" icon={<BellOutlined />} disabled={unread === 0} loading={remind.isPending && !selected.length}>
              {t('document.remindAll')}
            </Button>
          </Popconfirm>
        </Space>
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<Recipient>
          label={t('document.recipients')}
          rowKey="deputyId"
          size="small"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 860 }}
          rowSelection={{
            // No select-all box: antd copies column titles into an aria-hidden measuring row, where a
            // checkbox would be focusable but hidden (axe: aria-hidden-focus). 提醒未读 covers "all".
            columnTitle: <span className="visually-hidden">{t('document.selectColumn')}</span>,
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) => ({ disabled: r.firstReadAt !== null, 'aria-label': t('document.selectRow', { name: r.deputyName }) }),
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        />
      )}
    </Card>
  );
}
