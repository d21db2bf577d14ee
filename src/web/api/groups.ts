import { http } from './client.ts';

export type GroupRole = 'leader' | 'vice_leader' | 'member';
export type Group = {
  id: string;
  code: string;
  name: string;
  stationId: string | null;
  stationName: string | null;
  memberCount: number;
  leaderName: string | null;
};
export type GroupDetail = Group & { description: string; members: { deputyId: string; name: string; role: GroupRole }[]; version: number };

export const groupsApi = {
  list: () => http.get<Group[]>('/groups'),
  get: (id: string) => http.get<GroupDetail>(`/groups/${id}`),
};
