import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { achievementsApi } from '../../api/achievements.ts';
import { ADMINS } from '../../api/auth.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { AchievementFormModal } from './AchievementFormModal.tsx';
import { amountText } from './achievementFormat.tsx';

/** 成效 on an activity's page: the ledger entries it led to; an admin records one linked to it. */
export function ActivityAchievementsPanel({ activityId }: { activityId: string }) {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: ['achievements', 'activity', activityId],
    queryFn: () => achievementsApi.list({ activityId, page: 1, pageSize: 50 }),
  });
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('achievement.panel')}</h2>}
      extra={
        isAdmin && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('achievement.panelAdd')}
          </Button>
        )
      }
    >
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('achievement.panelEmpty')} />
      ) : (
        <List
          size="small"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          renderItem={(a) => (
            <List.Item>
              <Link to={`/achievements/${a.id}`}>{a.title}</Link>
              <span>
                {a.amount === null ? '' : amountText(a)} <span style={{ color: 'rgba(0,0,0,0.65)' }}>{a.date}</span>
              </span>
            </List.Item>
          )}
        />
      )}
      <AchievementFormModal open={adding} activityId={activityId} onClose={() => setAdding(false)} />
    </Card>
  );
}
