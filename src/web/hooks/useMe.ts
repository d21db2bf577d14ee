import { useQuery } from '@tanstack/react-query';
import { authApi, type Me, type Role } from '../api/auth.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in user (null when signed out). Loaded once by the app shell; pages read it from the cache. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: authApi.me, staleTime: 5 * 60_000, retry: false });
}

/** For pages inside the shell, where a user is certain. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside the signed-in shell');
  return data;
}

export function useHasRole(roles: readonly Role[]): boolean {
  return roles.includes(useMe().user.role);
}
