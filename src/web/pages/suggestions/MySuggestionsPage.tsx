import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Skeleton, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { type SuggestionItem, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { QuickAction } from './QuickAction.tsx';
import { SuggestionCards } from './SuggestionCards.tsx';
import { latestReply } from './suggestionFormat.ts';
import { detailKey } from './useSuggestionAction.ts';
import { useSuggestionSettings } from './useSuggestionSettings.ts';

const KEYS = [] as const;

/** 我的建议 for a deputy (phone first): the suggestions they lead or co-sponsor, newest first. */
export default function MySuggestionsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { page, pageSize, set } = useUrlParams(KEYS);
  const grades = useSuggestionSettings().data?.grades;
  const q = useQuery({
    queryKey: ['suggestions', 'mine', page, pageSize],
    queryFn: () => suggestionsApi.list({ sort: 'updated', order: 'desc', page, pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('suggestion.mine.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/suggestions/new')}>
            {t('suggestion.new')}
          </Button>
        }
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <SuggestionCards
          items={q.data?.items}
          loading={q.isFetching}
          grades={grades}
          total={q.data?.total}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
          label={t('suggestion.mine.title')}
          emptyText={t('suggestion.mine.empty')}
          show="unit"
          extra={(r) => (r.state === 'replied' ? <AwaitingRating item={r} /> : null)}
        />
      )}
    </>
  );
}

/**
 * A replied suggestion on the deputy's card: the reply's words and, when the server offers it to
 * this deputy (the lead), the 评价 button.
 */
function AwaitingRating({ item }: { item: SuggestionItem }) {
  const t = useT();
  const q = useQuery({ queryKey: detailKey(item.id), queryFn: () => suggestionsApi.get(item.id), staleTime: 30_000 });
  if (!q.data) return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  const reply = latestReply(q.data.replies);
  return (
    <div style={{ marginTop: 8, borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
      {reply && (
        <>
          <Typography.Text strong>{t('suggestion.mine.latestReply')}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: '2px 0 8px', whiteSpace: 'pre-wrap' }}>
            {reply.content}
          </Typography.Paragraph>
        </>
      )}
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Link to={`/suggestions/${item.id}`}>{t('suggestion.mine.open')}</Link>
        {q.data.actions.includes('rate') && <QuickAction id={item.id} action="rate" label={t('suggestion.mine.rate')} primary />}
      </div>
    </div>
  );
}
