import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RouteGuard } from './components/RouteGuard.tsx';
import LoginPage from './pages/login/LoginPage.tsx';
import { appRoutes } from './routes.tsx';

const SignedInShell = lazy(() => import('./components/SignedInShell.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
// The public portal (群众意见): no sign-in, so outside the signed-in shell.
const PortalApp = lazy(() => import('./pages/portal/PortalApp.tsx'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/p/*',
    element: (
      <Suspense fallback={null}>
        <PortalApp />
      </Suspense>
    ),
  },
  {
    element: (
      <Suspense fallback={null}>
        <SignedInShell />
      </Suspense>
    ),
    children: [
      ...appRoutes.map((r) => ({ path: r.path, element: <RouteGuard route={r} /> })),
      {
        path: '*',
        element: (
          <Suspense fallback={null}>
            <NotFoundPage />
          </Suspense>
        ),
      },
    ],
  },
]);
