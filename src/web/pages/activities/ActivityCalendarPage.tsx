import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Calendar, Card, Empty, List, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ACTIVITY_STATUSES, type ActivityStatus, activitiesApi, type OrganiserType } from '../../api/activities.ts';
import { ADMINS } from '../../api/auth.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { ActivityFormDrawer } from './ActivityFormDrawer.tsx';
import { ActivityStatusTag } from './ActivityStatusTag.tsx';
import { cn, timeRange } from './activityFormat.ts';
import { groupByDay, readCalendarParams, stepDate, viewRange } from './calendarRange.ts';
import { useActivityOptions } from './useActivityLookups.ts';
import { WeekView } from './WeekView.tsx';

type Filters = { kindId?: string; organiser?: string; status?: ActivityStatus };

/** 'station:ID' / 'group:ID' / 'town' in one select, split for the query. */
function organiserQuery(v?: string): { organiserType?: OrganiserType; organiserId?: string } {
  if (!v) return {};
  const [type, id] = v.split(':');
  return { organiserType: type as OrganiserType, organiserId: id || undefined };
}

const chinaDay = (iso: string) => cn(iso).format('YYYY-MM-DD');

/**
 * 活动日历: a month or a week of the town's activities, filtered by kind, organiser and status. The view,
 * the date and the filters live in the address bar (?view=week&date=…&kind=…), so Back and shared links
 * open the same page. Phones get the month as a list and the week as seven day sections.
 */
export default function ActivityCalendarPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const opts = useActivityOptions();
  const [sp, setSp] = useSearchParams();
  const today = cn(new Date().toISOString()).format('YYYY-MM-DD');
  const { view, date } = readCalendarParams(sp.get('view'), sp.get('date'), today);
  const filters: Filters = { kindId: sp.get('kind') ?? undefined, organiser: sp.get('organiser') ?? undefined, status: (sp.get('status') as ActivityStatus) ?? undefined };
  const [creating, setCreating] = useState(false);
  const liaisonStation = me.user.role === 'liaison' ? me.user.stationId : null;

  const setParams = useCallback(
    (patch: Record<string, string | undefined>) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setSp],
  );

  const range = useMemo(() => viewRange(view, date), [view, date]);
  const query = { from: range.from, to: range.to, kindId: filters.kindId, status: filters.status, ...organiserQuery(filters.organiser), pageSize: 200 };
  const list = useQuery({ queryKey: ['activities', 'list', query], queryFn: () => activitiesApi.list(query), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  const byDay = useMemo(() => groupByDay(list.data?.items ?? [], range.days, chinaDay), [list.data, range.days]);

  const organiserOptions = [
    { value: 'town', label: t('activity.organiser.town') },
    { label: t('activity.organiser.station'), options: opts.stations.map((o) => ({ value: `station:${o.value}`, label: o.label })) },
    { label: t('activity.organiser.group'), options: opts.groups.map((o) => ({ value: `group:${o.value}`, label: o.label })) },
  ];

  const week = view === 'week';
  const periodLabel = week
    ? t('activityView.weekOf', { from: dayjs(range.from).format('YYYY-MM-DD'), to: dayjs(range.to).format('MM-DD') })
    : dayjs(date).format(t('activity.monthFormat'));
  const nav = (
    <Space wrap>
      <Segmented
        aria-label={t('activityView.view')}
        value={view}
        onChange={(v) => setParams({ view: v === 'week' ? 'week' : undefined })}
        options={[
          { value: 'month', label: t('activityView.month') },
          { value: 'week', label: t('activityView.week') },
        ]}
      />
      <Button
        icon={<LeftOutlined />}
        aria-label={week ? t('activityView.prevWeek') : t('activity.prevMonth')}
        onClick={() => setParams({ date: stepDate(view, date, -1) })}
      />
      <Typography.Text strong aria-live="polite" style={{ minWidth: 96, display: 'inline-block', textAlign: 'center' }}>
        {periodLabel}
      </Typography.Text>
      <Button
        icon={<RightOutlined />}
        aria-label={week ? t('activityView.nextWeek') : t('activity.nextMonth')}
        onClick={() => setParams({ date: stepDate(view, date, 1) })}
      />
      <Button onClick={() => setParams({ date: undefined })}>{week ? t('activityView.thisWeek') : t('activity.thisMonth')}</Button>
    </Space>
  );

  const dayCell = (d: Dayjs) => {
    const dayItems = byDay.get(d.format('YYYY-MM-DD')) ?? [];
    return (
      <ul className="activity-day" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {dayItems.map((a) => (
          <li key={a.id}>
            <Link to={`/activities/${a.id}`} style={a.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
              {cn(a.startAt).format('HH:mm')} {a.title}
            </Link>
          </li>
        ))}
      </ul>
    );
  };

  let body: ReactNode;
  if (list.error) body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  else if (week) body = <WeekView days={range.days} byDay={byDay} today={today} list={mobile} />;
  else if (mobile)
    body = (
      <List
        loading={list.isFetching}
        dataSource={items}
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
    );
  else
    body = (
      <Calendar
        value={dayjs(date)}
        headerRender={() => null}
        fullscreen
        onSelect={(d, info) => {
          if (info.source === 'date' && !d.isSame(dayjs(date), 'month')) setParams({ date: d.startOf('month').format('YYYY-MM-DD') });
        }}
        cellRender={(d, info) => (info.type === 'date' ? dayCell(d) : info.originNode)}
      />
    );

  return (
    <>
      <PageHeader
        title={t('nav.activities')}
        extra={
          <>
            <Button onClick={() => navigate('/activities/stats')}>{t('activityView.stats')}</Button>
            {ADMINS.includes(me.user.role) && <Button onClick={() => navigate('/activities/kinds')}>{t('activityView.kinds')}</Button>}
            <Button onClick={() => navigate('/activities/leave-requests')}>{t('activity.leaveRequests')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('activity.create')}
            </Button>
          </>
        }
      />
      <div className="page-toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {nav}
        <Select
          allowClear
          aria-label={t('activity.kind')}
          placeholder={t('activity.kind')}
          style={{ width: 160 }}
          value={filters.kindId}
          onChange={(kind) => setParams({ kind })}
          options={opts.allKinds}
        />
        <Select
          allowClear
          aria-label={t('activity.organiser')}
          placeholder={t('activity.organiser')}
          style={{ width: 180 }}
          value={filters.organiser}
          onChange={(organiser) => setParams({ organiser })}
          options={organiserOptions}
        />
        <Select
          allowClear
          aria-label={t('activity.status')}
          placeholder={t('activity.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => setParams({ status })}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activity.status.${s}`) }))}
        />
      </div>
      {body}
      <ActivityFormDrawer
        open={creating}
        stationId={liaisonStation}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          if (r.kind === 'one') navigate(`/activities/${r.activity.id}`);
          // A new series: its first month, where its days now show (the series page is one click away on each).
          else setParams({ view: undefined, date: dayjs(r.series.fromDate).startOf('month').format('YYYY-MM-DD') });
        }}
      />
    </>
  );
}
