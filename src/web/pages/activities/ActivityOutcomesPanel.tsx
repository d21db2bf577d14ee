import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useState } from 'react';
import type { ActivityDetail } from '../../api/activities.ts';
import { activityFilesApi } from '../../api/activityFiles.ts';
import { useT } from '../../i18n/index.tsx';
import { ActivityEditDrawer } from './ActivityEditDrawer.tsx';
import { OUTCOME_PANELS } from './outcomePanels.ts';

const heading = { fontSize: 16, margin: 0 } as const;

/**
 * 成果: what the activity achieved, as the organisers wrote it (the `outcomes` text, edited in the
 * activity's edit drawer), then the records other areas link to it (OUTCOME_PANELS; none yet).
 */
export function ActivityOutcomesPanel({ activity: a }: { activity: ActivityDetail }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  // The server says who may edit the activity; the files list carries it (same query as the files panel).
  const files = useQuery({ queryKey: ['activities', 'files', a.id], queryFn: () => activityFilesApi.list(a.id) });
  const canEdit = files.data?.canEdit ?? false;
  return (
    <Card
      size="small"
      title={<h2 style={heading}>{t('activityFile.outcomes')}</h2>}
      extra={
        canEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('activityFile.editOutcomes')}
          </Button>
        )
      }
    >
      {a.outcomes ? (
        <p style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="activity-outcomes">
          {a.outcomes}
        </p>
      ) : (
        <p style={{ margin: 0, color: 'rgba(0,0,0,0.68)' }}>
          {t('activityFile.outcomesEmpty')} {canEdit && t('activityFile.outcomesEditHint')}
        </p>
      )}
      {OUTCOME_PANELS.map(({ area, title, Panel }) => (
        <section key={area} style={{ marginTop: 16 }}>
          <h3 style={{ fontSize: 14, margin: '0 0 8px' }}>{t(title)}</h3>
          <Panel activity={a} />
        </section>
      ))}
      {canEdit && <ActivityEditDrawer activity={a} open={editing} onClose={() => setEditing(false)} />}
    </Card>
  );
}
