import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS, STAFF } from '../../api/auth.ts';
import { type ReceptionItem, receptionsApi } from '../../api/receptions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useStations } from '../../hooks/useLookups.ts';
import { useHasRole, useMe } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { ReceptionCards } from './ReceptionCards.tsx';
import { ReceptionStatsCard } from './ReceptionStatsCard.tsx';
import { routingSummary, timeRange } from './receptionFormat.ts';

const KEYS = ['stationId', 'from', 'to', 'q'] as const;

/**
 * 接待记录: the figures of the period, then the receptions with filters (station, period, text). Admins
 * see every station; a liaison their own (the server holds them to it); a deputy the receptions they
 * were on duty at, without the figures.
 */
export default function ReceptionListPage() {
  const t = useT();
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const staff = useHasRole(STAFF);
  const admin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const [search, setSearch] = useState(values.q ?? '');
  const stations = useStations();
  const ownStation = me.user.role === 'liaison' ? me.user.stationId : null;
  const stationId = ownStation ?? values.stationId;

  const filters = { stationId, from: values.from, to: values.to, q: values.q };
  const q = useQuery({
    queryKey: ['receptions', 'list', filters, page, pageSize],
    queryFn: () => receptionsApi.list({ ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const routing = (r: ReceptionItem) => routingSummary(r.routingCounts, (x) => t(`reception.routing.${x}`)) || '—';

  const columns: TableColumnsType<ReceptionItem> = [
    {
      key: 'date',
      title: t('reception.date'),
      width: 130,
      render: (_, r) => (
        <>
          <Link to={`/receptions/${r.id}`}>{r.date}</Link>
          {r.startTime && <div style={{ fontSize: 12, color: '#595959' }}>{timeRange(r)}</div>}
        </>
      ),
    },
    { key: 'station', title: t('reception.station'), width: 200, render: (_, r) => r.station.name },
    { key: 'deputies', title: t('reception.deputies'), render: (_, r) => r.deputies.map((d) => d.name).join('、') || '—' },
    { key: 'matters', dataIndex: 'matterCount', title: t('reception.matterCount'), width: 70, align: 'right' },
    { key: 'visitors', dataIndex: 'visitorCount', title: t('reception.visitorCount'), width: 90, align: 'right' },
    { key: 'routing', title: t('reception.routingSummary'), width: 260, render: (_, r) => routing(r) },
    { key: 'code', dataIndex: 'code', title: t('reception.code'), width: 80 },
  ];

  return (
    <>
      <PageHeader
        title={me.user.role === 'deputy' ? t('reception.titleMine') : t('reception.title')}
        extra={
          staff && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/receptions/new')}>
              {t('reception.new')}
            </Button>
          )
        }
      />
      {staff && <ReceptionStatsCard from={values.from} to={values.to} stationId={stationId} />}
      <div role="search" aria-label={t('common.filters')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '16px 0' }}>
        {admin && (
          <Select<string>
            aria-label={t('reception.station')}
            style={{ width: mobile ? '100%' : 220 }}
            allowClear
            placeholder={t('reception.stationAll')}
            value={values.stationId}
            onChange={(v) => set({ stationId: v })}
            options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <DatePicker.RangePicker
          aria-label={t('reception.period')}
          placeholder={[t('common.dateFrom'), t('common.dateTo')]}
          style={{ width: mobile ? '100%' : 260 }}
          value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Input.Search
          aria-label={t('common.search')}
          style={{ width: mobile ? '100%' : 240 }}
          allowClear
          placeholder={t('reception.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <ReceptionCards
          items={q.data?.items}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
          routing={routing}
        />
      ) : (
        <DataTable<ReceptionItem>
          label={t('reception.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          locale={{ emptyText: t('reception.empty') }}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
        />
      )}
    </>
  );
}
