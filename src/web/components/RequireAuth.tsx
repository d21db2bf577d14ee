import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMeQuery } from '../hooks/useMe.ts';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { FullPageSpin } from './FullPageSpin.tsx';
import { LoadError } from './LoadError.tsx';

/** The signed-in part of the app: without a session, the login page; with an initial password, a forced change. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, error, refetch } = useMeQuery();
  const loc = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return (
    <>
      {children}
      {me.user.mustChangePassword && <ChangePasswordDialog open forced onClose={() => {}} />}
    </>
  );
}
