import { http, type Page, type PageQuery } from './client.ts';

export type Town = { id: string; code: string; name: string; population: number | null; deputyCount: number; villageCount: number };
export const VILLAGE_KINDS = ['village', 'community'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];
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

export type TownInput = { code: string; name: string; population?: number | null };
export type VillageInput = { code: string; name: string; kind: VillageKind; sortOrder?: number };
export type TermInput = { number: number; startDate: string; endDate?: string | null };
export type ConstituencyInput = { termId: string; code: string; name: string; seats: number; villageIds: string[] };

/** The largest page the server gives (lists are paged at 200 at most). */
export const MAX_PAGE_SIZE = 200;

export const regionsApi = {
  towns: () => http.get<Town[]>('/towns'),
  createTown: (body: TownInput) => http.post<Town>('/towns', body),
  updateTown: (id: string, body: Partial<Omit<TownInput, 'code'>>) => http.patch<Town>(`/towns/${id}`, body),
  villages: (q: PageQuery & { q?: string }) => http.get<Page<Village>>('/villages', q),
  /** Every village of the town, for choosers (a town has dozens; the loop is for the rare large one). */
  allVillages: async (): Promise<Village[]> => {
    const first = await http.get<Page<Village>>('/villages', { page: 1, pageSize: MAX_PAGE_SIZE });
    const items = [...first.items];
    for (let page = 2; items.length < first.total && page <= 50; page++) {
      const next = await http.get<Page<Village>>('/villages', { page, pageSize: MAX_PAGE_SIZE });
      if (!next.items.length) break;
      items.push(...next.items);
    }
    return items;
  },
  createVillage: (body: VillageInput) => http.post<Village>('/villages', body),
  updateVillage: (id: string, body: Partial<VillageInput>) => http.patch<Village>(`/villages/${id}`, body),
  terms: () => http.get<Term[]>('/terms'),
  createTerm: (body: TermInput) => http.post<Term>('/terms', body),
  updateTerm: (id: string, body: Partial<TermInput>) => http.patch<Term>(`/terms/${id}`, body),
  constituencies: (termId?: string) => http.get<Constituency[]>('/constituencies', { termId }),
  createConstituency: (body: ConstituencyInput) => http.post<Constituency>('/constituencies', body),
  updateConstituency: (id: string, body: Partial<Omit<ConstituencyInput, 'termId'>>) => http.patch<Constituency>(`/constituencies/${id}`, body),
};
