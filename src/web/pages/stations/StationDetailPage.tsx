import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { stationsApi } from '../../api/stations.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';

export default function StationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useQuery({ queryKey: ['stations', 'one', id], queryFn: () => stationsApi.get(id) });
  if (q.isPending) return <Skeleton active />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const h2 = (k: Parameters<typeof t>[0]) => <h2 style={{ fontSize: 16, margin: 0 }}>{t(k)}</h2>;
  return (
    <>
      <PageHeader title={s.name} back="/stations" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions
            className="nowrap-labels"
            column={{ xs: 1, md: 2 }}
            size="small"
            bordered
            items={[
              { key: 'kind', label: t('station.kind'), children: t.enum('stationKind', s.kind) },
              { key: 'head', label: t('station.head'), children: s.headDeputyName ?? '—' },
              { key: 'address', label: t('common.address'), children: s.address || '—' },
              { key: 'phone', label: t('common.phone'), children: s.phone || '—' },
              { key: 'schedule', label: t('station.schedule'), children: s.scheduleText || '—' },
              { key: 'next', label: t('station.nextDays'), children: s.nextReceptionDays.join('、') || '—' },
              { key: 'description', label: t('station.description'), children: s.description || '—', span: 'filled' },
            ]}
          />
        </Card>
        <Card title={h2('station.villages')}>{s.villages.length ? s.villages.map((v) => <Tag key={v.id}>{v.name}</Tag>) : t('common.none')}</Card>
        <Card title={h2('station.deputies')}>
          <ul style={{ margin: 0, paddingInlineStart: 20, columns: '12em' }}>
            {s.deputies.map((d) => (
              <li key={d.id}>
                <Link to={`/deputies/${d.id}`}>{d.name}</Link> {d.status !== 'serving' && <StatusTag status={d.status} />}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={h2('station.liaisons')}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {s.liaisons.map((l) => (
              <li key={l.id}>
                {l.displayName} {l.phone ?? ''}
              </li>
            ))}
          </ul>
        </Card>
      </Space>
    </>
  );
}
