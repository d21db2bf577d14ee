import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, DatePicker, Input, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../hooks/useMe.ts';
import { FINDING_STATUSES, type FindingItem, type FindingQuery, SEVERITIES, findingsApi } from '../../api/findings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { CloseModal, FindingStatusTag, NoticeModal, ReinspectModal, SEVERITY_COLOR, useUnitOptions, useVillageOptions } from './FindingDialogs.tsx';
import { FindingRowActions } from './FindingsPanel.tsx';

const ROW_CSS = `.finding-overdue td { background: #fff1f0 !important; }`;

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
  const units = useUnitOptions();
  const villages = useVillageOptions();
  const q = useQuery({ queryKey: ['findings', 'list', filters], queryFn: () => findingsApi.list(filters) });
  const set = (patch: Partial<FindingQuery>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  return (
    <>
      <style>{ROW_CSS}</style>
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
        ) : (
          <Table<FindingItem>
            rowKey="id"
            size="small"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            rowClassName={(f) => (f.overdue ? 'finding-overdue' : '')}
            scroll={{ x: 1400 }}
            locale={{ emptyText: t('finding.empty') }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
            }}
            columns={[
              { title: t('finding.code'), dataIndex: 'code', width: 80 },
              { title: t('finding.foundOn'), dataIndex: 'foundOn', width: 105 },
              { title: t('finding.description'), dataIndex: 'description', width: 280 },
              {
                title: t('finding.activity'),
                key: 'activity',
                width: 160,
                render: (_v, f) => <Link to={`/activities/${f.activity.id}`}>{f.activity.title}</Link>,
              },
              { title: t('finding.responsible'), dataIndex: 'responsible', width: 140 },
              {
                title: t('finding.severity'),
                dataIndex: 'severity',
                width: 80,
                render: (s: FindingItem['severity']) => <Tag color={SEVERITY_COLOR[s]}>{t(`finding.severity.${s}`)}</Tag>,
              },
              { title: t('finding.status'), key: 'status', width: 120, render: (_v, f) => <FindingStatusTag f={f} /> },
              {
                title: t('finding.deadline'),
                key: 'notice',
                width: 170,
                render: (_v, f) => (f.notice ? <Link to={`/findings/notices/${f.notice.id}`}>{`${f.notice.deadline}（${f.notice.number}）`}</Link> : '—'),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 200,
                render: (_v, f) => (
                  <FindingRowActions f={f} onNotice={() => setNoticeFor(f)} onReinspect={() => setReinspecting(f)} onClose={() => setClosing(f)} />
                ),
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
    </>
  );
}
