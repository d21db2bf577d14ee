import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { documentsApi } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { DocumentFormDrawer } from './DocumentFormDrawer.tsx';
import { CategoryTag, DocumentStatusTag, ReadRateBar } from './documentFormat.tsx';

/** The documents linked to an activity (meeting papers, study material), on the activity's page; admins add one linked to it. */
export function ActivityDocumentsPanel({ activityId }: { activityId: string }) {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['documents', 'list', 'activity', activityId], queryFn: () => documentsApi.list({ activityId, pageSize: 100 }) });
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('document.linked')}</h2>}
      extra={
        isAdmin && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('document.linkedAdd')}
          </Button>
        )
      }
    >
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List
          size="small"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('document.linkedEmpty')}</Typography.Text> }}
          renderItem={(d) => (
            <List.Item>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <Space wrap size={6}>
                  <Link to={`/documents/${d.id}`}>{`${d.code} ${d.title}`}</Link>
                  <CategoryTag category={d.category} />
                  <DocumentStatusTag status={d.status} />
                </Space>
                <ReadRateBar counts={d.counts} title={d.title} />
              </Space>
            </List.Item>
          )}
        />
      )}
      {isAdmin && <DocumentFormDrawer open={adding} onClose={() => setAdding(false)} defaultActivityId={activityId} />}
    </Card>
  );
}
