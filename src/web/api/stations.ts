import type { DeputyStatus } from './deputies.ts';
import { http } from './client.ts';

export const STATION_KINDS = ['station', 'home', 'studio'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export type ScheduleRule =
  | { type: 'monthly_days'; days: number[] }
  | { type: 'monthly_nth_weekday'; nth: number; weekday: number }
  | { type: 'first_weekend' }
  | { type: 'weekly'; weekdays: number[] };

export type Station = {
  id: string;
  code: string;
  name: string;
  kind: StationKind;
  address: string;
  phone: string | null;
  headDeputyId: string | null;
  headDeputyName: string | null;
  villageCount: number;
  deputyCount: number;
  liaisonCount: number;
  scheduleText: string;
};

export type StationDetail = Station & {
  description: string;
  scheduleRule: ScheduleRule | null;
  villages: { id: string; code: string; name: string }[];
  deputies: { id: string; code: string; name: string; isTownLevel: boolean; isCountyLevel: boolean; status: DeputyStatus }[];
  liaisons: { id: string; displayName: string; phone: string | null }[];
  nextReceptionDays: string[];
  version: number;
};

export type StationInput = {
  code?: string;
  name: string;
  kind: StationKind;
  address?: string;
  phone?: string | null;
  headDeputyId?: string | null;
  description?: string;
  scheduleRule?: ScheduleRule | null;
};

export type ReceptionDays = { rule: ScheduleRule | null; text: string; dates: string[] };

export const stationsApi = {
  list: () => http.get<Station[]>('/stations'),
  get: (id: string) => http.get<StationDetail>(`/stations/${id}`),
  create: (body: StationInput) => http.post<StationDetail>('/stations', body),
  update: (id: string, body: Partial<StationInput> & { version: number }) => http.patch<StationDetail>(`/stations/${id}`, body),
  setVillages: (id: string, villageIds: string[], version: number) => http.put<StationDetail>(`/stations/${id}/villages`, { villageIds, version }),
  setDeputies: (id: string, deputyIds: string[], version: number) => http.put<StationDetail>(`/stations/${id}/deputies`, { deputyIds, version }),
  receptionDays: (id: string, range: { from?: string; to?: string } = {}) => http.get<ReceptionDays>(`/stations/${id}/reception-days`, range),
};
