import { http } from './client.ts';

export type PresidiumPosition = 'chair' | 'vice_chair' | 'member';
export type PresidiumMember = {
  id: string;
  deputyId: string;
  deputyName: string;
  position: PresidiumPosition;
  startDate: string;
  endDate: string | null;
  sortOrder: number;
  liaisonDeputies: { id: string; name: string }[];
};

export const presidiumApi = {
  get: (termId?: string) => http.get<{ termId: string; members: PresidiumMember[] }>('/presidium', { termId }),
};
