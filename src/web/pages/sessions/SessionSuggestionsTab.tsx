import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Space, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import { sessionStatsApi } from '../../api/sessionStats.ts';
import { type SuggestionItem, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { StatePill } from '../suggestions/SuggestionTags.tsx';
import type { SessionTabProps } from './tabProps.ts';

const PAGE_SIZE = 20;

/**
 * 建议 tab of the session page: the suggestions raised at this session (GET /suggestions?sessionId=,
 * scoped to what the caller may see), the headline counts from one server query, and a button to enter
 * a new one for this session (the suggestion form prefilled with source 人代会期间 and the session).
 */
export default function SessionSuggestionsTab({ sessionId, canManage }: SessionTabProps) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const [page, setPage] = useState(1);
  const counts = useQuery({ queryKey: ['sessions', sessionId, 'suggestion-counts'], queryFn: () => sessionStatsApi.suggestionCounts(sessionId) });
  const list = useQuery({
    queryKey: ['sessions', sessionId, 'suggestions', page],
    queryFn: () => suggestionsApi.list({ sessionId, page, pageSize: PAGE_SIZE, sort: 'code', order: 'asc' }),
    placeholderData: keepPreviousData,
  });
  const mayEnter = canManage || me.user.role === 'deputy' || me.user.role === 'liaison';
  const isStaff = STAFF.includes(me.user.role);

  const columns = useMemo<TableColumnsType<SuggestionItem>>(
    () => [
      { key: 'code', dataIndex: 'code', title: t('suggestion.code'), width: 96 },
      {
        key: 'title',
        title: t('suggestion.title'),
        render: (_, r) => (
          <Link to={`/suggestions/${r.id}`} style={{ fontWeight: 500 }}>
            {r.title}
          </Link>
        ),
      },
      { key: 'lead', title: t('suggestion.leadDeputy'), width: 96, render: (_, r) => r.leadDeputy?.name ?? '—' },
      { key: 'state', title: t('suggestion.state'), width: 104, render: (_, r) => <StatePill state={r.state} /> },
      { key: 'grade', title: t('suggestion.grade'), width: 80, render: (_, r) => r.grade ?? '—' },
    ],
    [t],
  );

  const c = counts.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        {counts.error ? (
          <LoadError error={counts.error} onRetry={() => void counts.refetch()} />
        ) : (
          <Alert
            type="info"
            showIcon
            style={{ flex: '1 1 320px' }}
            title={c ? t('sessionStats.tab.headline', { n: c.total, m: c.replied, k: c.closed }) : '…'}
          />
        )}
        <Space wrap>
          {mayEnter && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/suggestions/new?sourceType=session&sessionId=${encodeURIComponent(sessionId)}`)}
            >
              {t('sessionStats.tab.new')}
            </Button>
          )}
          {isStaff && (
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/sessions/stats')}>
              {t('sessionStats.tab.stats')}
            </Button>
          )}
        </Space>
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<SuggestionItem>
          rowKey="id"
          size="small"
          aria-label={t('sessionStats.tab.list')}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 560 }}
          locale={{ emptyText: <Empty description={t('sessionStats.tab.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
        />
      )}
    </Space>
  );
}
