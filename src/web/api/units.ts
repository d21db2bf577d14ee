import { http, type Page, type PageQuery } from './client.ts';

export const UNIT_KINDS = ['town_office', 'county_dept', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export type Unit = {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  contactName: string;
  contactPhone: string;
  address: string;
  active: boolean;
  version: number;
};

export type UnitInput = {
  code?: string;
  name: string;
  kind: UnitKind;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  active?: boolean;
};

export type UnitQuery = PageQuery & { q?: string; kind?: UnitKind; active?: 'true' | 'false' };

export const unitsApi = {
  list: (q: UnitQuery) => http.get<Page<Unit>>('/units', q),
  get: (id: string) => http.get<Unit>(`/units/${id}`),
  create: (body: UnitInput) => http.post<Unit>('/units', body),
  update: (id: string, body: Partial<UnitInput> & { version: number }) => http.patch<Unit>(`/units/${id}`, body),
};
