import { EditOutlined, EnvironmentOutlined, PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/index.tsx';
import { usePortal, usePortalTitle } from './PortalLayout.tsx';

/** The town's portal home: what it is for, the two main actions, and every station with its reception days. */
export default function PortalHomePage() {
  const t = useT();
  const navigate = useNavigate();
  const { portal, base } = usePortal();
  usePortalTitle(t('portal.home.stations'), portal.town.name);
  return (
    <>
      <h1>{t('portal.townTitle', { town: portal.town.name })}</h1>
      <Typography.Paragraph>{t('portal.home.intro')}</Typography.Paragraph>
      <div className="portal-actions" style={{ gridTemplateColumns: '1fr 1fr', marginBottom: 20 }}>
        <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => navigate(`${base}/submit`)}>
          {t('portal.home.submit')}
        </Button>
        <Button size="large" icon={<SearchOutlined />} onClick={() => navigate(`${base}/track`)}>
          {t('portal.home.track')}
        </Button>
      </div>
      <h2>{t('portal.home.stations')}</h2>
      {portal.stations.length === 0 ? (
        <Empty description={t('portal.home.noStations')} />
      ) : (
        <ul className="portal-list">
          {portal.stations.map((s) => (
            <li key={s.id}>
              <Card size="small" title={<h3 style={{ fontSize: 17, margin: 0, whiteSpace: 'normal' }}>{s.name}</h3>}>
                <dl className="portal-facts">
                  {s.address && (
                    <>
                      <dt>
                        <EnvironmentOutlined aria-hidden /> {t('portal.station.address')}
                      </dt>
                      <dd>{s.address}</dd>
                    </>
                  )}
                  {s.phone && (
                    <>
                      <dt>
                        <PhoneOutlined aria-hidden /> {t('portal.station.phone')}
                      </dt>
                      <dd>
                        <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}>{s.phone}</a>
                      </dd>
                    </>
                  )}
                  <dt>{t('portal.station.schedule')}</dt>
                  <dd>{s.schedule || t('portal.station.noSchedule')}</dd>
                  {s.nextDays.length > 0 && (
                    <>
                      <dt>{t('portal.station.nextDays')}</dt>
                      <dd>{s.nextDays.join('、')}</dd>
                    </>
                  )}
                </dl>
                <Link
                  to={`${base}/submit?station=${encodeURIComponent(s.id)}`}
                  style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44, marginTop: 4 }}
                >
                  <EditOutlined aria-hidden style={{ marginRight: 4 }} />
                  {t('portal.station.write')}
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
