import { http, setCsrfToken } from './client.ts';

export type Role = 'county_admin' | 'town_admin' | 'liaison' | 'deputy' | 'handler';
export const ROLES: readonly Role[] = ['county_admin', 'town_admin', 'liaison', 'deputy', 'handler'];
export const ADMINS: readonly Role[] = ['county_admin', 'town_admin'];
export const STAFF: readonly Role[] = ['county_admin', 'town_admin', 'liaison'];

export type TownRef = { id: string; code: string; name: string };

export type Me = {
  user: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    deputyId: string | null;
    unitId: string | null;
    stationId: string | null;
    mustChangePassword: boolean;
    onPresidium: boolean;
  };
  county: TownRef;
  town: TownRef | null;
  towns: TownRef[];
  csrfToken: string;
};

function remember(me: Me): Me {
  setCsrfToken(me.csrfToken);
  return me;
}

export const authApi = {
  login: (username: string, password: string) => http.post<Me>('/auth/login', { username, password }, { quietUnauthenticated: true }).then(remember),
  /** Null when there is no session: the app then shows the login page. */
  me: async (): Promise<Me | null> => {
    try {
      return remember(await http.get<Me>('/auth/me', undefined, { quietUnauthenticated: true }));
    } catch (e) {
      if ((e as { status?: number }).status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw e;
    }
  },
  logout: () => http.post<{ ok: true }>('/auth/logout').finally(() => setCsrfToken(null)),
  changePassword: (currentPassword: string, newPassword: string) => http.post<{ ok: true }>('/auth/password', { currentPassword, newPassword }),
  switchTown: (townId: string) => http.post<{ ok: true }>('/auth/switch-town', { townId }),
};
