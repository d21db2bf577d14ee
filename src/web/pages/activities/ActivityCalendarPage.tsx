import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Calendar, Card, Empty, List, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ACTIVITY_STATUSES, type ActivityStatus, type ActivitySummary, activitiesApi, type OrganiserType } from '../../api/activities.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { ActivityFormDrawer } from './ActivityFormDrawer.tsx';
import { ActivityStatusTag } from './ActivityStatusTag.tsx';
import { cn, timeRange } from './activityFormat.ts';
import { useActivityOptions } from './useActivityLookups.ts';

type Filters = { kindId?: string; organiser?: string; status?: ActivityStatus };

/** 'station:ID' / 'group:ID' / 'town' in one select, split for the query. */
function organiserQuery(v?: string): { organiserType?: OrganiserType; organiserId?: string } {
  if (!v) return {};
  const [type, id] = v.split(':');
  return { organiserType: type as OrganiserType, organiserId: id || undefined };
}

export default function ActivityCalendarPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const opts = useActivityOptions();
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const liaisonStation = me.user.role === 'liaison' ? me.user.stationId : null;

  const query = {
    from: month.startOf('month').format('YYYY-MM-DD'),
    to: month.endOf('month').format('YYYY-MM-DD'),
    kindId: filters.kindId,
    status: filters.status,
    ...organiserQuery(filters.organiser),
    pageSize: 200,
  };
  const list = useQuery({ queryKey: ['activities', 'list', query], queryFn: () => activitiesApi.list(query), placeholderData: keepPreviousData });
  const byDay = useMemo(() => {
    const m = new Map<string, ActivitySummary[]>();
    for (const a of list.data?.items ?? []) {
      const k = cn(a.startAt).format('YYYY-MM-DD');
      m.set(k, [...(m.get(k) ?? []), a]);
    }
    return m;
  }, [list.data]);

  const organiserOptions = [
    { value: 'town', label: t('activity.organiser.town') },
    { label: t('activity.organiser.station'), options: opts.stations.map((o) => ({ value: `station:${o.value}`, label: o.label })) },
    { label: t('activity.organiser.group'), options: opts.groups.map((o) => ({ value: `group:${o.value}`, label: o.label })) },
  ];

  const monthNav = (
    <Space>
      <Button icon={<LeftOutlined />} aria-label={t('activity.prevMonth')} onClick={() => setMonth((m) => m.subtract(1, 'month'))} />
      <Typography.Text strong aria-live="polite" style={{ minWidth: 96, display: 'inline-block', textAlign: 'center' }}>
        {month.format(t('activity.monthFormat'))}
      </Typography.Text>
      <Button icon={<RightOutlined />} aria-label={t('activity.nextMonth')} onClick={() => setMonth((m) => m.add(1, 'month'))} />
      <Button onClick={() => setMonth(dayjs().startOf('month'))}>{t('activity.thisMonth')}</Button>
    </Space>
  );

  const dayCell = (d: Dayjs) => {
    const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
    return (
      <ul className="activity-day">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={`/activities/${a.id}`} style={a.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
              {cn(a.startAt).format('HH:mm')} {a.title}
            </Link>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <>
      <PageHeader
        title={t('nav.activities')}
        extra={
          <>
            <Button onClick={() => navigate('/activities/leave-requests')}>{t('activity.leaveRequests')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('activity.create')}
            </Button>
          </>
        }
      />
      <div className="page-toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {monthNav}
        <Select
          allowClear
          aria-label={t('activity.kind')}
          placeholder={t('activity.kind')}
          style={{ width: 160 }}
          value={filters.kindId}
          onChange={(kindId) => setFilters((f) => ({ ...f, kindId }))}
          options={opts.allKinds}
        />
        <Select
          allowClear
          aria-label={t('activity.organiser')}
          placeholder={t('activity.organiser')}
          style={{ width: 180 }}
          value={filters.organiser}
          onChange={(organiser) => setFilters((f) => ({ ...f, organiser }))}
          options={organiserOptions}
        />
        <Select
          allowClear
          aria-label={t('activity.status')}
          placeholder={t('activity.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activity.status.${s}`) }))}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : mobile ? (
        <List
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('activity.noneThisMonth')} /> }}
          renderItem={(a) => (
            <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
              <Card size="small" style={{ marginBottom: 8 }}>
                <Link to={`/activities/${a.id}`}>
                  <strong>{a.title}</strong>
                </Link>
                <div>{timeRange(a)}</div>
                <div>
                  {a.kindName} · {a.organiserName} <ActivityStatusTag status={a.status} />
                </div>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Calendar
          value={month}
          headerRender={() => null}
          fullscreen
          onSelect={(d, info) => {
            if (info.source === 'date' && !d.isSame(month, 'month')) setMonth(d.startOf('month'));
          }}
          cellRender={(d, info) => (info.type === 'date' ? dayCell(d) : info.originNode)}
        />
      )}
      <ActivityFormDrawer
        open={creating}
        stationId={liaisonStation}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          if (r.kind === 'one') navigate(`/activities/${r.activity.id}`);
          else setMonth(dayjs(r.series.fromDate).startOf('month'));
        }}
      />
    </>
  );
}
