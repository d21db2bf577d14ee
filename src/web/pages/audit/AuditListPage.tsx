import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Input, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { type AuditEvent, type AuditQuery, auditApi } from '../../api/audit.ts';
import { AuditChanges } from '../../components/AuditChanges.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { AuditCards } from './AuditCards.tsx';
import { DataTable } from '../../components/DataTable.tsx';

const KEYS = ['entity', 'actor', 'action', 'from', 'to'] as const;
const ENTITIES = [
  'deputy',
  'handling_unit',
  'user',
  'station',
  'deputy_group',
  'presidium_member',
  'town',
  'village',
  'term',
  'constituency',
  'import_job',
  'session',
];

export default function AuditListPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushActor = useCallback((actor: string) => set({ actor }), [set]);
  const [actor, setActor] = useSearchBox(values.actor, pushActor);

  const query: AuditQuery = { ...values, page, pageSize };
  const list = useQuery({ queryKey: ['audit', query], queryFn: () => auditApi.list(query), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<AuditEvent>>(
    () => [
      {
        key: 'at',
        title: t('audit.at'),
        width: 150,
        render: (_, e) => <time dateTime={e.at}>{dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}</time>,
      },
      {
        key: 'actor',
        title: t('audit.actor'),
        width: 140,
        render: (_, e) => (
          <>
            <div>{e.actorName}</div>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.68)' }}>{t.enum('role', e.actorRole)}</div>
          </>
        ),
      },
      { key: 'entity', title: t('audit.entity'), width: 100, render: (_, e) => t.enum('entity', e.entity) },
      { key: 'action', title: t('audit.action'), width: 110, render: (_, e) => t.enum('action', e.action) },
      { key: 'summary', dataIndex: 'summary', title: t('audit.summary'), width: 220 },
      { key: 'changes', title: t('audit.changes'), render: (_, e) => (e.changes ? <AuditChanges changes={e.changes} entity={e.entity} /> : '—') },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <div className="filter-grid">
        <Select
          aria-label={t('audit.entity')}
          placeholder={t('audit.entity')}
          allowClear
          value={values.entity}
          onChange={(v) => set({ entity: v })}
          options={ENTITIES.map((e) => ({ value: e, label: t.enum('entity', e) }))}
        />
        <Input aria-label={t('audit.actor')} placeholder={t('audit.actorPlaceholder')} allowClear value={actor} onChange={(e) => setActor(e.target.value)} />
        <DatePicker.RangePicker
          aria-label={t('audit.dateRange')}
          placeholder={[t('common.dateFrom'), t('common.dateTo')]}
          value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          style={{ gridColumn: mobile ? undefined : 'span 2' }}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : mobile ? (
        <AuditCards
          items={list.data?.items}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
        />
      ) : (
        <DataTable<AuditEvent>
          label={t('audit.title')}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
    </>
  );
}
