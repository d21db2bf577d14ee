import type { Role } from './auth.ts';
import { http, type Page, type PageQuery } from './client.ts';

export type User = {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  role: Role;
  deputyId: string | null;
  deputyName: string | null;
  unitId: string | null;
  unitName: string | null;
  stationId: string | null;
  stationName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
};

export type UserInput = {
  username: string;
  displayName: string;
  phone?: string;
  role: Role;
  deputyId?: string;
  unitId?: string;
  stationId?: string;
  password: string;
};

export type UserUpdate = Partial<Omit<UserInput, 'username' | 'password'>> & { active?: boolean; version: number };

export const usersApi = {
  list: (q: PageQuery & { q?: string; role?: Role }) => http.get<Page<User>>('/users', q),
  create: (body: UserInput) => http.post<User>('/users', body),
  update: (id: string, body: UserUpdate) => http.patch<User>(`/users/${id}`, body),
  resetPassword: (id: string, newPassword: string) => http.post<{ ok: true }>(`/users/${id}/reset-password`, { newPassword }),
};
