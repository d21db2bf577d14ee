import { http } from './client.ts';

export const POSITIONS = ['chair', 'vice_chair', 'member'] as const;
export type PresidiumPosition = (typeof POSITIONS)[number];
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

/** `termId` is null when the town has no term that has started yet. */
export type Presidium = { termId: string | null; members: PresidiumMember[] };

export type PresidiumMemberInput = { termId: string; deputyId: string; position: PresidiumPosition; startDate: string; sortOrder?: number };
export type PresidiumMemberUpdate = Partial<{ position: PresidiumPosition; startDate: string; endDate: string | null; sortOrder: number }>;

export const presidiumApi = {
  get: (termId?: string) => http.get<Presidium>('/presidium', { termId }),
  createMember: (body: PresidiumMemberInput) => http.post<PresidiumMember>('/presidium/members', body),
  updateMember: (id: string, body: PresidiumMemberUpdate) => http.patch<PresidiumMember>(`/presidium/members/${id}`, body),
  setLiaisons: (id: string, deputyIds: string[]) => http.put<PresidiumMember>(`/presidium/members/${id}/liaisons`, { deputyIds }),
};
