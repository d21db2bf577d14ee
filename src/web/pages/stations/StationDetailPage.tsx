import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { stationsApi } from '../../api/stations.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { StationDeputiesModal } from './StationDeputiesModal.tsx';
import { StationFormDrawer } from './StationFormDrawer.tsx';
import { StationVillagesModal } from './StationVillagesModal.tsx';

export default function StationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const [editing, setEditing] = useState<'station' | 'villages' | 'deputies' | null>(null);
  const q = useQuery({ queryKey: ['stations', 'one', id], queryFn: () => stationsApi.get(id) });
  if (q.isPending) return <Skeleton active />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const h2 = (k: MsgKey, count?: number) => (
    <h2 style={{ fontSize: 16, margin: 0 }}>
      {t(k)}
      {count !== undefined && <span style={{ fontWeight: 'normal' }}>（{count}）</span>}
    </h2>
  );
  const close = () => setEditing(null);
  return (
    <>
      <PageHeader
        title={s.name}
        back="/stations"
        extra={
          isAdmin ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing('station')}>
              {t('common.edit')}
            </Button>
          ) : undefined
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions
            className="nowrap-labels"
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            bordered
            items={[
              { key: 'code', label: t('common.code'), children: s.code },
              { key: 'kind', label: t('station.kind'), children: t.enum('stationKind', s.kind) },
              { key: 'head', label: t('station.head'), children: s.headDeputyId ? <Link to={`/deputies/${s.headDeputyId}`}>{s.headDeputyName}</Link> : '—' },
              { key: 'phone', label: t('common.phone'), children: s.phone || '—' },
              { key: 'address', label: t('common.address'), children: s.address || '—', span: 'filled' },
              { key: 'schedule', label: t('station.schedule'), children: s.scheduleText || t('station.noSchedule') },
              {
                key: 'next',
                label: t('station.nextDays'),
                children: s.nextReceptionDays.length ? (
                  <ul aria-label={t('station.nextDays')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                    {s.nextReceptionDays.map((d) => (
                      <li key={d}>
                        <Tag style={{ marginInlineEnd: 0 }}>{d}</Tag>
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
              },
              {
                key: 'description',
                label: t('station.description'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{s.description || '—'}</span>,
                span: 'filled',
              },
            ]}
          />
        </Card>
        <Card
          title={h2('station.villages', s.villages.length)}
          extra={
            isAdmin && (
              <Button icon={<EditOutlined />} onClick={() => setEditing('villages')}>
                {t('station.editVillages')}
              </Button>
            )
          }
        >
          {s.villages.length ? (
            <ul aria-label={t('station.villages')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {s.villages.map((v) => (
                <li key={v.id}>
                  <Tag style={{ marginInlineEnd: 0 }}>{v.name}</Tag>
                </li>
              ))}
            </ul>
          ) : (
            t('common.none')
          )}
        </Card>
        <Card
          title={h2('station.deputies', s.deputies.length)}
          extra={
            isAdmin && (
              <Button icon={<TeamOutlined />} onClick={() => setEditing('deputies')}>
                {t('station.editDeputies')}
              </Button>
            )
          }
        >
          {s.deputies.length ? (
            <ul aria-label={t('station.deputies')} style={{ margin: 0, paddingInlineStart: 20, columns: '12em' }}>
              {s.deputies.map((d) => (
                <li key={d.id}>
                  <Link to={`/deputies/${d.id}`}>{d.name}</Link> {d.status !== 'serving' && <StatusTag status={d.status} />}
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} />
          )}
        </Card>
        <Card title={h2('station.liaisons', s.liaisons.length)}>
          {s.liaisons.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {s.liaisons.map((l) => (
                <li key={l.id}>
                  {l.displayName} {l.phone ?? ''}
                </li>
              ))}
            </ul>
          ) : (
            t('common.none')
          )}
        </Card>
      </Space>
      {isAdmin && (
        <>
          <StationFormDrawer open={editing === 'station'} station={s} onClose={close} onSaved={close} />
          <StationVillagesModal open={editing === 'villages'} station={s} onClose={close} />
          <StationDeputiesModal open={editing === 'deputies'} station={s} onClose={close} />
        </>
      )}
    </>
  );
}
