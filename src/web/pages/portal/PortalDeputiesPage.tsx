import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { portalApi } from '../../api/portal.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { usePortal, usePortalTitle } from './PortalLayout.tsx';

/** 代表名单: the published facts of each serving deputy (Deputies Law Art. 58), by station, with a way to write to one. */
export default function PortalDeputiesPage() {
  const t = useT();
  const { portal, base } = usePortal();
  usePortalTitle(t('portal.deputies.title'), portal.town.name);
  const [stationId, setStationId] = useState<string | undefined>();
  const [name, setName] = useState('');
  const q = useQuery({ queryKey: ['portal', 'deputies', portal.town.code], queryFn: () => portalApi.deputies(portal.town.code), staleTime: 5 * 60_000 });
  const shown = useMemo(() => {
    const n = name.trim();
    return (q.data ?? []).filter((d) => (!stationId || d.stationId === stationId) && (!n || d.name.includes(n)));
  }, [q.data, stationId, name]);

  return (
    <>
      <h1>{t('portal.deputies.title')}</h1>
      <Typography.Paragraph type="secondary">{t('portal.deputies.law')}</Typography.Paragraph>
      <div role="search" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginBottom: 12 }}>
        <Select
          size="large"
          aria-label={t('portal.deputies.station')}
          allowClear
          placeholder={t('portal.deputies.allStations')}
          value={stationId}
          onChange={setStationId}
          options={portal.stations.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Input
          size="large"
          aria-label={t('portal.deputies.search')}
          placeholder={t('portal.deputies.search')}
          allowClear
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      {q.error ? (
        <Alert role="alert" type="error" showIcon title={(q.error as Error).message} />
      ) : !q.data ? (
        <Skeleton active />
      ) : shown.length === 0 ? (
        <Empty description={t('portal.deputies.none')} />
      ) : (
        <>
          <p aria-live="polite">{t('portal.deputies.count', { n: shown.length })}</p>
          <ul className="portal-list">
            {shown.map((d) => (
              <li key={d.id}>
                <Card size="small">
                  <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 6 }}>
                    <h2 style={{ margin: 0 }}>{d.name}</h2>
                    <Pill tone={d.level === 'town' ? 'info' : 'brown'}>{t(`portal.level.${d.level}`)}</Pill>
                  </div>
                  <p style={{ margin: '0 0 4px' }}>{[t(`portal.gender.${d.gender}`), d.party].filter(Boolean).join(' · ')}</p>
                  <dl className="portal-facts">
                    {d.station && (
                      <>
                        <dt>{t('portal.deputies.station')}</dt>
                        <dd>{d.station}</dd>
                      </>
                    )}
                    {d.constituency && (
                      <>
                        <dt>{t('portal.deputies.constituency')}</dt>
                        <dd>{d.constituency}</dd>
                      </>
                    )}
                    {(d.workplace || d.title) && (
                      <>
                        <dt>{t('portal.deputies.work')}</dt>
                        <dd>{[d.workplace, d.title].filter(Boolean).join(' ')}</dd>
                      </>
                    )}
                  </dl>
                  <Link to={`${base}/submit?deputy=${encodeURIComponent(d.id)}`} style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
                    {t('portal.deputies.write', { name: d.name })}
                  </Link>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
