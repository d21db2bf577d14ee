import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { portalApi } from '../../api/portal.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useT } from '../../i18n/index.tsx';
import { PRIMARY } from '../../theme.ts';
import { usePortalTitle } from './PortalLayout.tsx';
import './portal.css';

/** /p: the towns, for a resident who came without a town's link (e.g. from the login page). */
export default function TownListPage() {
  const t = useT();
  usePortalTitle(t('portal.pickTown'));
  const q = useQuery({ queryKey: ['portal', 'towns'], queryFn: portalApi.towns, staleTime: 5 * 60_000 });
  return (
    <div className="portal">
      <header className="portal-header" style={{ borderTopColor: PRIMARY }}>
        <span className="portal-brand">{t('portal.siteTitle')}</span>
        <LanguageSwitch compact />
      </header>
      <main id="portal-main" className="portal-main">
        <h1>{t('portal.pickTown')}</h1>
        {q.error ? (
          <Alert role="alert" type="error" showIcon title={(q.error as Error).message} />
        ) : !q.data ? (
          <Skeleton active />
        ) : q.data.length === 0 ? (
          <Empty description={t('portal.noTowns')} />
        ) : (
          <ul className="portal-list">
            {q.data.map((town) => (
              <li key={town.code}>
                <Link to={`/p/${encodeURIComponent(town.code)}`} style={{ display: 'block' }}>
                  <Card
                    size="small"
                    hoverable
                    styles={{ body: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', minHeight: 56, fontSize: 18 } }}
                  >
                    {town.name}
                    <RightOutlined aria-hidden />
                  </Card>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
      <footer className="portal-footer">
        <Link to="/login">{t('portal.staffLogin')}</Link>
      </footer>
    </div>
  );
}
