import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  ACHIEVEMENT_CATEGORIES,
  type Achievement,
  type AchievementCategory,
  type AchievementQuery,
  achievementsApi,
  formatAmount,
} from '../../api/achievements.ts';
import { ADMINS } from '../../api/auth.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { AchievementFormModal } from './AchievementFormModal.tsx';
import { CategoryTag, amountText } from './achievementFormat.tsx';

const KEYS = ['q', 'from', 'to', 'category'] as const;

/** 成效台账: what the town's work brought about, newest first, with the amounts summed per unit. */
export default function AchievementListPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const pushQ = useCallback((q: string) => set({ q }), [set]);
  const [search, setSearch] = useSearchBox(values.q, pushQ);
  const [creating, setCreating] = useState(false);
  const query: AchievementQuery = {
    q: values.q,
    from: values.from,
    to: values.to,
    category: values.category as AchievementCategory | undefined,
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['achievements', query], queryFn: () => achievementsApi.list(query), placeholderData: keepPreviousData });

  const columns = useMemo<TableColumnsType<Achievement>>(
    () => [
      // The entry and its amount first: on a phone they are what shows before the table scrolls.
      { key: 'title', title: t('achievement.title'), render: (_, a) => <Link to={`/achievements/${a.id}`}>{a.title}</Link> },
      { key: 'amount', title: t('achievement.amount'), width: 130, align: 'right', render: (_, a) => amountText(a) },
      { key: 'date', dataIndex: 'date', title: t('achievement.date'), width: 110 },
      { key: 'category', title: t('achievement.category'), width: 110, render: (_, a) => <CategoryTag category={a.category} /> },
      { key: 'code', dataIndex: 'code', title: t('achievement.code'), width: 100 },
      {
        key: 'activity',
        title: t('achievement.activity'),
        render: (_, a) => (a.activity ? <Link to={`/activities/${a.activity.id}`}>{a.activity.title}</Link> : '—'),
      },
    ],
    [t],
  );

  const totals = list.data?.totals ?? [];
  return (
    <>
      <PageHeader
        title={t('achievement.nav')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('achievement.new')}
            </Button>
          )
        }
      />
      <div className="filter-grid">
        <Input.Search
          className="span-2"
          aria-label={t('achievement.search')}
          placeholder={t('achievement.search')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <DatePicker.RangePicker
          className="span-2"
          aria-label={t('achievement.period')}
          placeholder={[t('achievement.from'), t('achievement.to')]}
          value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select
          aria-label={t('achievement.category')}
          placeholder={t('achievement.category')}
          allowClear
          value={values.category}
          onChange={(v) => set({ category: v })}
          options={ACHIEVEMENT_CATEGORIES.map((c) => ({ value: c, label: t(`achievement.category.${c}` as MsgKey) }))}
        />
      </div>
      <section aria-label={t('achievement.totals')} style={{ margin: '0 0 12px' }}>
        <Typography.Text strong>{t('achievement.totals')}：</Typography.Text>{' '}
        {totals.length === 0 ? (
          <Typography.Text type="secondary">{t('achievement.totalsNone')}</Typography.Text>
        ) : (
          totals.map((x) => (
            <span key={x.unit} style={{ marginRight: 16, display: 'inline-block' }}>
              {t('achievement.totalLine', { amount: formatAmount(x.amount), unit: x.unit, count: x.count })}
            </span>
          ))
        )}
      </section>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<Achievement>
          label={t('achievement.nav')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 760 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => set({ page: p.current, pageSize: p.pageSize })}
        />
      )}
      <AchievementFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
