import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { researchApi } from '../../api/research.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ResearchCards } from './ResearchCards.tsx';
import { ResearchTopicDrawer } from './ResearchTopicDrawer.tsx';

/** 我的调研: the topics a deputy takes part in, as cards (phones first); one opens read-only. */
export default function MyResearchPage() {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const q = useQuery({ queryKey: ['research', 'mine'], queryFn: () => researchApi.mine({ pageSize: 100 }), placeholderData: keepPreviousData });
  const openId = sp.get('topic');
  return (
    <>
      <PageHeader title={t('research.myTitle')} />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.items.length === 0 ? (
        <Empty description={t('research.emptyMine')} />
      ) : (
        <ResearchCards items={q.data?.items} loading={q.isFetching} onOpen={(r) => setSp({ topic: r.id })} />
      )}
      <ResearchTopicDrawer topicId={openId} onClose={() => setSp({}, { replace: true })} />
    </>
  );
}
