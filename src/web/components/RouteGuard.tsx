import { lazy, Suspense, useEffect } from 'react';
import { useMe } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';
import { type AppRoute, routeAllows } from '../routes.tsx';
import { FullPageSpin } from './FullPageSpin.tsx';

// Rarely shown (the menu hides what a role may not open), so its illustration is not in the first download.
const ForbiddenPage = lazy(() => import('./ForbiddenPage.tsx'));

/** One page of the registry: its role check, its document title, and its code loaded on demand. */
export function RouteGuard({ route }: { route: AppRoute }) {
  const t = useT();
  const me = useMe();
  const title = t(route.title);
  useEffect(() => {
    document.title = `${title} - ${t('app.title')}`;
  }, [title, t]);
  const Page = routeAllows(route, me.user) ? route.Page : ForbiddenPage;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}
