import { AppLayout } from './AppLayout.tsx';
import { RequireAuth } from './RequireAuth.tsx';

/** Everything behind the login, as one lazily loaded piece so the login page downloads only what it shows. */
export default function SignedInShell() {
  return (
    <RequireAuth>
      <AppLayout />
    </RequireAuth>
  );
}
