import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Skeleton, Timeline } from 'antd';
import dayjs from 'dayjs';
import { auditApi } from '../../api/audit.ts';
import { AuditChanges } from '../../components/AuditChanges.tsx';
import { useT } from '../../i18n/index.tsx';

/** The last changes to one deputy, from the audit log (admins only: the log is theirs). */
export function DeputyHistory({ deputyId }: { deputyId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['audit', { entity: 'deputy', entityId: deputyId }],
    queryFn: () => auditApi.list({ entity: 'deputy', entityId: deputyId, pageSize: 20 }),
  });
  let body: ReactNode;
  if (q.isPending) body = <Skeleton active />;
  else if (q.error || !q.data.items.length) body = <Empty description={q.error ? q.error.message : t('common.empty')} />;
  else
    body = (
      <Timeline
        items={q.data.items.map((e) => ({
          key: e.id,
          content: (
            <div>
              <div>
                <time dateTime={e.at}>{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</time> · {e.actorName} · {t.enum('action', e.action)}
              </div>
              <div style={{ color: 'rgba(0,0,0,0.68)' }}>{e.summary}</div>
              {e.changes && <AuditChanges changes={e.changes} entity={e.entity} />}
            </div>
          ),
        }))}
      />
    );
  return <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('deputy.history')}</h2>}>{body}</Card>;
}
