import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, Select, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { groupsApi } from '../../api/groups.ts';
import { RESEARCH_GRADES, RESEARCH_STATUSES, type ResearchGrade, type ResearchStatus, type TopicSummary, researchApi } from '../../api/research.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useStations } from '../../hooks/useLookups.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { ResearchCards } from './ResearchCards.tsx';
import { ResearchStatsCard } from './ResearchStatsCard.tsx';
import { TopicState } from './ResearchTags.tsx';
import { ResearchTopicDrawer } from './ResearchTopicDrawer.tsx';
import { TopicFormModal } from './TopicFormModal.tsx';
import { claimantText, parseClaimantValue, yearOptions } from './researchFormat.ts';

const KEYS = ['year', 'status', 'grade', 'claimant', 'overdue', 'q'] as const;
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/**
 * 调研课题 for the town's staff: the year's figures, the topics with filters, and one topic in a drawer
 * (`?topic=<id>`), where it is claimed, staffed, reported on and graded.
 */
export default function ResearchListPage() {
  const t = useT();
  const mobile = useIsMobile();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const [sp, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(values.q ?? '');
  const year = Number(values.year) || thisYear();
  const openId = sp.get('topic');
  const show = (id: string | null) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('topic', id);
        else next.delete('topic');
        return next;
      },
      { replace: !id },
    );

  const stations = useStations();
  const groups = useQuery({ queryKey: ['groups', 'list'], queryFn: groupsApi.list, staleTime: 5 * 60_000 });
  const claimantOptions = [
    { label: t('research.claimantType.station'), options: (stations.data ?? []).map((s) => ({ value: `station:${s.id}`, label: s.name })) },
    { label: t('research.claimantType.group'), options: (groups.data ?? []).map((g) => ({ value: `group:${g.id}`, label: g.name })) },
  ];

  const filters = {
    year,
    status: values.status as ResearchStatus | undefined,
    grade: values.grade as ResearchGrade | undefined,
    ...parseClaimantValue(values.claimant),
    overdue: values.overdue === 'true' ? ('true' as const) : undefined,
    q: values.q,
  };
  const q = useQuery({
    queryKey: ['research', 'list', filters, page, pageSize],
    queryFn: () => researchApi.list({ ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<TableColumnsType<TopicSummary>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('research.code'), width: 80 },
      { key: 'title', title: t('research.topic'), render: (_, r) => <Link to={`?${new URLSearchParams({ ...Object.fromEntries(sp), topic: r.id })}`}>{r.title}</Link> },
      { key: 'claimant', title: t('research.claimant'), width: 190, render: (_, r) => claimantText(r.claimant) },
      { key: 'lead', title: t('research.members'), width: 130, render: (_, r) => (r.memberCount ? `${r.leadName ?? ''}${r.leadName ? ' · ' : ''}${t('research.memberCount', { n: r.memberCount })}` : '—') },
      { key: 'dueDate', dataIndex: 'dueDate', title: t('research.dueDate'), width: 110 },
      { key: 'state', title: t('common.status'), width: 200, render: (_, r) => <TopicState status={r.status} grade={r.grade} overdue={r.overdue} late={r.submittedLate} /> },
    ],
    [t, sp],
  );

  return (
    <>
      <PageHeader
        title={t('research.title')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('research.publish')}
            </Button>
          )
        }
      />
      <ResearchStatsCard year={year} />
      <div role="search" aria-label={t('common.filters')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '16px 0' }}>
        <Select
          aria-label={t('research.year')}
          style={{ width: 110 }}
          value={year}
          onChange={(v) => set({ year: v })}
          options={yearOptions(thisYear()).map((y) => ({ value: y, label: `${y} 年` }))}
        />
        <Select<ResearchStatus>
          aria-label={t('common.status')}
          style={{ width: 140 }}
          allowClear
          placeholder={t('research.allStatuses')}
          value={filters.status}
          onChange={(v) => set({ status: v })}
          options={RESEARCH_STATUSES.map((s) => ({ value: s, label: t(`research.status.${s}`) }))}
        />
        <Select<ResearchGrade>
          aria-label={t('research.grade')}
          style={{ width: 120 }}
          allowClear
          placeholder={t('research.allGrades')}
          value={filters.grade}
          onChange={(v) => set({ grade: v })}
          options={RESEARCH_GRADES.map((g) => ({ value: g, label: t(`research.grade.${g}`) }))}
        />
        <Select<string>
          aria-label={t('research.claimant')}
          style={{ width: 200 }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('research.claimantAll')}
          value={values.claimant}
          onChange={(v) => set({ claimant: v })}
          options={claimantOptions}
        />
        <Input.Search
          aria-label={t('common.search')}
          style={{ width: 200 }}
          allowClear
          placeholder={t('research.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        <Checkbox checked={values.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })} style={{ alignSelf: 'center' }}>
          {t('research.onlyOverdue')}
        </Checkbox>
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <ResearchCards items={q.data?.items} loading={q.isFetching} onOpen={(r) => show(r.id)} />
      ) : (
        <DataTable<TopicSummary>
          label={t('research.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
        />
      )}
      <ResearchTopicDrawer topicId={openId} onClose={() => show(null)} />
      {isAdmin && (
        <TopicFormModal
          open={creating}
          defaultYear={year}
          onClose={() => setCreating(false)}
          onSaved={(topic) => {
            setCreating(false);
            show(topic.id);
          }}
        />
      )}
    </>
  );
}
