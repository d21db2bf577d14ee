import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, DatePicker, Input, Pagination, Select, Space, Statistic, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useMe } from '../../hooks/useMe.ts';
import { FINDING_STATUSES, type FindingItem, type FindingQuery, SEVERITIES, findingsApi } from '../../api/findings.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { FindingCards } from './FindingCards.tsx';
import {
  CloseModal,
  FindingStatusTag,
  NoticeModal,
  OVERDUE_ROW_CSS,
  ReinspectModal,
  SEVERITY_COLOR,
  useUnitOptions,
  useVillageOptions,
} from './FindingDialogs.tsx';
import { FindingDrawer } from './FindingDrawer.tsx';
import { FindingCode, FindingRowActions } from './FindingsPanel.tsx';

/** This year's figures (admins only: the route answers 403 to a liaison). */
function Totals() {
  const t = useT();
  const year = dayjs().year();
  const q = useQuery({ queryKey: ['findings', 'totals', year], queryFn: () => findingsApi.totals(`${year}-01-01`, `${year}-12-31`) });
  if (!q.data) return null;
  const d = q.data;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finding.totals')}</h2>}>
      <Space wrap size={32}>
        <Statistic title={t('finding.totals.found')} value={d.found.length} />
        <Statistic title={t('finding.totals.notices')} value={d.noticesIssued.length} />
        <Statistic title={t('finding.totals.fixedOnTime')} value={d.fixedOnTime.length} />
        <Statistic title={t('finding.totals.fixedLate')} value={d.fixedLate.length} />
        <Statistic title={t('finding.totals.stillOpen')} value={d.stillOpen.length} />
        <Statistic title={t('finding.totals.overdue')} value={d.overdue.length} valueStyle={d.overdue.length ? { color: '#cf1322' } : undefined} />
      </Space>
    </Card>
  );
}

/** 问题整改: every finding of the town (a liaison: their station's activities), with filters; overdue rows stand out. */
export default function FindingsPage() {
  const t = useT();
  const me = useMe().user;
  const [filters, setFilters] = useState<FindingQuery>({ page: 1, pageSize: 20 });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [noticeFor, setNoticeFor] = useState<FindingItem | null>(null);
  const [reinspecting, setReinspecting] = useState<FindingItem | null>(null);
  const [closing, setClosing] = useState<FindingItem | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const mobile = useIsMobile();
  const units = useUnitOptions();
  const villages = useVillageOptions();
  const q = useQuery({ queryKey: ['findings', 'list', filters], queryFn: () => findingsApi.list(filters) });
  const set = (patch: Partial<FindingQuery>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const actions = (f: FindingItem) => (
    <FindingRowActions f={f} onNotice={() => setNoticeFor(f)} onReinspect={() => setReinspecting(f)} onClose={() => setClosing(f)} />
  );

  return (
    <>
      <style>{OVERDUE_ROW_CSS}</style>
      <PageHeader title={t('finding.title')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {me.role !== 'liaison' && <Totals />}
        <Card size="small">
          <Space wrap>
            <Input.Search
              aria-label={t('finding.filters.q')}
              placeholder={t('finding.filters.q')}
              allowClear
              style={{ width: 260 }}
              onSearch={(v) => set({ q: v.trim() || undefined })}
            />
            <Select
              aria-label={t('finding.status')}
              placeholder={t('finding.filters.status')}
              allowClear
              style={{ width: 130 }}
              options={FINDING_STATUSES.map((s) => ({ value: s, label: t(`finding.status.${s}`) }))}
              onChange={(v) => set({ status: v })}
            />
            <Select
              aria-label={t('finding.severity')}
              placeholder={t('finding.filters.severity')}
              allowClear
              style={{ width: 120 }}
              options={SEVERITIES.map((s) => ({ value: s, label: t(`finding.severity.${s}`) }))}
              onChange={(v) => set({ severity: v })}
            />
            <Select
              aria-label={t('finding.filters.unit')}
              placeholder={t('finding.filters.unit')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 170 }}
              options={units}
              onChange={(v) => set({ unitId: v })}
            />
            <Select
              aria-label={t('finding.filters.village')}
              placeholder={t('finding.filters.village')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 150 }}
              options={villages}
              onChange={(v) => set({ villageId: v })}
            />
            <DatePicker.RangePicker
              aria-label={t('finding.foundOn')}
              placeholder={[t('finding.filters.from'), t('finding.filters.to')]}
              value={range}
              onChange={(r) => {
                setRange(r);
                set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') });
              }}
            />
            <Checkbox onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })}>{t('finding.overdueOnly')}</Checkbox>
          </Space>
        </Card>
        {q.error ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : mobile ? (
          <>
            <FindingCards items={q.data?.items} loading={q.isFetching} onOpen={(f) => setViewing(f.id)} actions={actions} />
            <Pagination
              style={{ marginTop: 12, justifyContent: 'center' }}
              size="small"
              current={filters.page}
              pageSize={filters.pageSize}
              total={q.data?.total ?? 0}
              hideOnSinglePage
              onChange={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
            />
          </>
        ) : (
          <DataTable<FindingItem>
            label={t('finding.title')}
            rowKey="id"
            size="small"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            rowClassName={(f) => (f.overdue ? 'finding-overdue' : '')}
            // Fits a 1280 px screen beside the menu without scrolling sideways; narrower screens scroll.
            scroll={{ x: 1040 }}
            locale={{ emptyText: t('finding.empty') }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
            }}
            columns={[
              {
                title: t('finding.code'),
                dataIndex: 'code',
                width: 76,
                fixed: 'left',
                render: (_v, f) => <FindingCode f={f} onOpen={() => setViewing(f.id)} />,
              },
              { title: t('finding.foundOn'), dataIndex: 'foundOn', width: 96 },
              {
                title: t('finding.description'),
                dataIndex: 'description',
                width: 220,
                // The severity rides with the description: one column fewer keeps the deadline in view.
                render: (v: string, f) => (
                  <>
                    <Tag color={SEVERITY_COLOR[f.severity]}>{t(`finding.severity.${f.severity}`)}</Tag>
                    {v}
                  </>
                ),
              },
              {
                title: t('finding.activity'),
                key: 'activity',
                width: 130,
                render: (_v, f) => <Link to={`/activities/${f.activity.id}`}>{f.activity.title}</Link>,
              },
              { title: t('finding.responsible'), dataIndex: 'responsible', width: 110 },
              { title: t('finding.status'), key: 'status', width: 120, render: (_v, f) => <FindingStatusTag f={f} /> },
              {
                title: t('finding.deadline'),
                key: 'notice',
                width: 150,
                render: (_v, f) => (f.notice ? <Link to={`/findings/notices/${f.notice.id}`}>{`${f.notice.deadline}（${f.notice.number}）`}</Link> : '—'),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 160,
                // Kept in view at the right edge: the buttons are what people come to the list for.
                fixed: 'right',
                render: (_v, f) => actions(f),
              },
            ]}
          />
        )}
      </Space>
      <NoticeModal
        open={!!noticeFor}
        candidates={noticeFor ? [noticeFor] : []}
        preselected={noticeFor ? [noticeFor.id] : []}
        onClose={() => setNoticeFor(null)}
      />
      <ReinspectModal finding={reinspecting} onClose={() => setReinspecting(null)} />
      <CloseModal finding={closing} onClose={() => setClosing(null)} />
      <FindingDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
