import { matchPath } from 'react-router-dom';
import type { Me } from '../../api/auth.ts';
import { appRoutes, routeAllows } from '../../routes.tsx';

/**
 * Where a counted record's link goes for this user. The API gives the staff path of the record; a deputy
 * reads their documents at /my/documents/:id, and a record whose page the user may not open (an
 * activity's staff page, say) is shown as text rather than as a link to a "no access" page.
 */
export function recordHref(href: string, user: Me['user']): string | null {
  const path = user.role === 'deputy' ? href.replace(/^\/documents\//, '/my/documents/') : href;
  const pathname = path.split('?')[0];
  // The most specific route first, as the router picks it (/sessions/stats before /sessions/:id).
  const route =
    appRoutes.find((r) => matchPath({ path: r.path, end: true }, pathname) && !r.path.includes(':')) ??
    appRoutes.find((r) => matchPath({ path: r.path, end: true }, pathname));
  return route && routeAllows(route, user) ? path : null;
}
