import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { achievementsApi } from '../../api/achievements.ts';
import { ADMINS } from '../../api/auth.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { AchievementFormModal } from './AchievementFormModal.tsx';
import { CategoryTag, amountText } from './achievementFormat.tsx';

/** One entry of the ledger with the activity and suggestion behind it; admins edit or delete it. */
export default function AchievementDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const isAdmin = useHasRole(ADMINS);
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['achievements', 'one', id], queryFn: () => achievementsApi.get(id) });
  const remove = useMutation({
    mutationFn: () => achievementsApi.remove(id, q.data?.version ?? 0),
    onSuccess: () => {
      message.success(t('achievement.deleted'));
      void qc.invalidateQueries({ queryKey: ['achievements'] });
      navigate('/achievements');
    },
    onError: (e) => message.error((e as Error).message),
  });

  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  return (
    <>
      <PageHeader
        title={a.title}
        back="/achievements"
        extra={
          isAdmin && (
            <>
              <Popconfirm title={t('achievement.deleteConfirm')} onConfirm={() => remove.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('achievement.delete')}
                </Button>
              </Popconfirm>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            </>
          )
        }
      />
      <Card size="small">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'code', label: t('achievement.code'), children: a.code },
            { key: 'date', label: t('achievement.date'), children: a.date },
            { key: 'category', label: t('achievement.category'), children: <CategoryTag category={a.category} /> },
            { key: 'amount', label: t('achievement.amount'), children: amountText(a) },
            {
              key: 'activity',
              label: t('achievement.activity'),
              children: a.activity ? <Link to={`/activities/${a.activity.id}`}>{`${a.activity.code} ${a.activity.title}`}</Link> : t('achievement.none'),
            },
            {
              key: 'suggestion',
              label: t('achievement.suggestion'),
              children: a.suggestion ? (
                <Link to={`/suggestions/${a.suggestion.id}`}>{`${a.suggestion.code} ${a.suggestion.title}`}</Link>
              ) : (
                t('achievement.none')
              ),
            },
            {
              key: 'description',
              label: t('achievement.description'),
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.description || '—'}</span>,
              span: 'filled',
            },
          ]}
        />
      </Card>
      <AchievementFormModal open={editing} achievement={a} onClose={() => setEditing(false)} />
    </>
  );
}
