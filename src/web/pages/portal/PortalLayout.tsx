import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import { useEffect } from 'react';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { portalApi, type TownPortal } from '../../api/portal.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { PRIMARY } from '../../theme.ts';
import './portal.css';

export type PortalContext = { portal: TownPortal; base: string };

/** The town's portal data, loaded once by the layout for every page under /p/:townCode. */
export function usePortal(): PortalContext {
  return useOutletContext<PortalContext>();
}

/** The page's title in the browser tab: page · town · site. */
export function usePortalTitle(title: string, town?: string) {
  const t = useT();
  useEffect(() => {
    document.title = [title, town, t('portal.siteTitle')].filter(Boolean).join(' - ');
  }, [title, town, t]);
}

const NAV: { to: string; key: MsgKey }[] = [
  { to: '', key: 'portal.nav.home' },
  { to: 'deputies', key: 'portal.nav.deputies' },
  { to: 'submit', key: 'portal.nav.submit' },
  { to: 'track', key: 'portal.nav.track' },
  { to: 'results', key: 'portal.nav.results' },
];

/** Header with the town, the five sections as large tabs, the page, and a footer for staff. */
export function PortalLayout() {
  const t = useT();
  const { townCode = '' } = useParams();
  const base = `/p/${encodeURIComponent(townCode)}`;
  const q = useQuery({
    queryKey: ['portal', 'town', townCode],
    queryFn: () => portalApi.town(townCode),
    staleTime: 5 * 60_000,
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });

  return (
    <div className="portal">
      <a className="skip-link" href="#portal-main">
        {t('app.skipToContent')}
      </a>
      <header className="portal-header" style={{ borderTopColor: PRIMARY }}>
        <Link to={base} className="portal-brand">
          {q.data ? t('portal.townTitle', { town: q.data.town.name }) : t('portal.siteTitle')}
        </Link>
        <LanguageSwitch compact />
      </header>
      <nav aria-label={t('portal.navLabel')} className="portal-nav">
        {NAV.map((n) => (
          <NavLink key={n.key} to={n.to ? `${base}/${n.to}` : base} end className={({ isActive }) => (isActive ? 'active' : undefined)}>
            {t(n.key)}
          </NavLink>
        ))}
      </nav>
      <main id="portal-main" className="portal-main" tabIndex={-1}>
        {q.data ? (
          <Outlet context={{ portal: q.data, base } satisfies PortalContext} />
        ) : q.error ? (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={q.error instanceof ApiError && q.error.status === 404 ? t('portal.townNotFound') : (q.error as Error).message}
            action={
              <Button onClick={() => void q.refetch()} size="small">
                {t('app.retry')}
              </Button>
            }
          />
        ) : (
          <Skeleton active />
        )}
      </main>
      <footer className="portal-footer">
        <Link to="/p">{t('portal.backToTowns')}</Link>
        <Link to="/login">{t('portal.staffLogin')}</Link>
      </footer>
    </div>
  );
}
