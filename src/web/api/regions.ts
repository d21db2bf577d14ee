import { http, type Page, type PageQuery } from './client.ts';

export type Town = { id: string; code: string; name: string; population: number | null; deputyCount: number; villageCount: number };
export type VillageKind = 'village' | 'community';
export type Village = { id: string; code: string; name: string; kind: VillageKind; sortOrder: number };
export type Term = { id: string; number: number; name: string; startDate: string; endDate: string | null; current: boolean; deputyCount: number };
export type Constituency = {
  id: string;
  termId: string;
  code: string;
  name: string;
  seats: number;
  villageIds: string[];
  villageNames: string[];
  deputyCount: number;
};

export const regionsApi = {
  towns: () => http.get<Town[]>('/towns'),
  createTown: (body: { code: string; name: string; population?: number }) => http.post<Town>('/towns', body),
  updateTown: (id: string, body: { name?: string; population?: number }) => http.patch<Town>(`/towns/${id}`, body),
  villages: (q: PageQuery & { q?: string }) => http.get<Page<Village>>('/villages', q),
  createVillage: (body: { code: string; name: string; kind: VillageKind; sortOrder?: number }) => http.post<Village>('/villages', body),
  updateVillage: (id: string, body: Partial<{ code: string; name: string; kind: VillageKind; sortOrder: number }>) =>
    http.patch<Village>(`/villages/${id}`, body),
  terms: () => http.get<Term[]>('/terms'),
  createTerm: (body: { number: number; startDate: string; endDate?: string | null }) => http.post<Term>('/terms', body),
  updateTerm: (id: string, body: Partial<{ number: number; startDate: string; endDate: string | null }>) => http.patch<Term>(`/terms/${id}`, body),
  constituencies: (termId?: string) => http.get<Constituency[]>('/constituencies', { termId }),
  createConstituency: (body: { termId: string; code: string; name: string; seats: number; villageIds: string[] }) =>
    http.post<Constituency>('/constituencies', body),
  updateConstituency: (id: string, body: Partial<{ code: string; name: string; seats: number; villageIds: string[] }>) =>
    http.patch<Constituency>(`/constituencies/${id}`, body),
};
