import { http } from './client.ts';

export const GROUP_ROLES = ['leader', 'vice_leader', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export type Group = {
  id: string;
  code: string;
  name: string;
  stationId: string | null;
  stationName: string | null;
  memberCount: number;
  leaderName: string | null;
};
export type GroupMember = { deputyId: string; name: string; role: GroupRole };
export type GroupDetail = Group & { description: string; members: GroupMember[]; version: number };
export type GroupInput = { code?: string; name: string; stationId?: string | null; description?: string };

export const groupsApi = {
  list: () => http.get<Group[]>('/groups'),
  get: (id: string) => http.get<GroupDetail>(`/groups/${id}`),
  create: (body: GroupInput) => http.post<GroupDetail>('/groups', body),
  update: (id: string, body: Partial<GroupInput> & { version: number }) => http.patch<GroupDetail>(`/groups/${id}`, body),
  setMembers: (id: string, members: { deputyId: string; role: GroupRole }[], version: number) => http.put<GroupDetail>(`/groups/${id}/members`, { members, version }),
};
