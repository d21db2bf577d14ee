import { Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { menuRoutesFor } from '../../routes.tsx';
import { MyDocumentsCard } from '../documents/MyDocumentsCard.tsx';
import { MyAssignmentsCard, MySuggestionsCard } from '../suggestions/HomeCards.tsx';
import { RosterStatsCard } from './RosterStatsCard.tsx';

export default function HomePage() {
  const me = useMe();
  const t = useT();
  const links = menuRoutesFor(me.user).filter((r) => r.path !== '/');
  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.user.displayName })} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('home.roleIs', { role: t.enum('role', me.user.role) })}</Typography.Text>
        {me.user.role === 'deputy' && <MyDocumentsCard />}
        {me.user.role === 'deputy' && <MySuggestionsCard />}
        {me.user.role === 'handler' && <MyAssignmentsCard />}
        {STAFF.includes(me.user.role) && <RosterStatsCard />}
        {links.length > 0 && (
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.quickLinks')}</h2>}>
            <nav aria-label={t('home.quickLinks')} style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
              {links.map((r) => (
                <Link
                  key={r.path}
                  to={r.path}
                  style={{ display: 'inline-flex', gap: 6, alignItems: 'center', padding: '6px 10px', border: '1px solid #e0e0e0', borderRadius: 6 }}
                >
                  {r.menu?.icon}
                  {t(r.title)}
                </Link>
              ))}
            </nav>
          </Card>
        )}
      </Space>
    </>
  );
}
