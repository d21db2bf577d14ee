import { ApiError, http, type Page, type PageQuery, request } from './client.ts';

/* Receptions (接待) at liaison stations, as in docs/api-contract-suggestions.md "Receptions". */

export const ROUTINGS = ['on_spot', 'village', 'suggestion', 'county_deputy', 'not_accepted'] as const;
export type Routing = (typeof ROUTINGS)[number];
export type RoutingCounts = Record<Routing, number>;

/** The categories when the town has none of its own (or the settings route is not there yet). */
export const DEFAULT_CATEGORIES = ['交通', '卫生', '城建', '民政', '国土', '教育', '环保', '农业农村', '安全生产', '社会保障', '其他'] as const;

type Named = { id: string; name: string };

export type ReceptionItem = {
  id: string;
  code: string;
  station: Named & { code: string };
  date: string;
  startTime: string | null;
  endTime: string | null;
  deputies: Named[];
  matterCount: number;
  visitorCount: number;
  routingCounts: RoutingCounts;
  activityId: string | null;
  version: number;
};

export type Matter = {
  id: string;
  seq: number;
  visitorName: string;
  /** Masked (138****5678) unless the caller is an admin or the station's liaison. */
  visitorPhone: string | null;
  visitorCount: number;
  village: Named | null;
  category: string;
  content: string;
  routing: Routing;
  routingNote: string;
  suggestion: { id: string; code: string; state: string } | null;
};

export type Reception = ReceptionItem & {
  place: string;
  notes: string;
  activity: { id: string; code: string; title: string } | null;
  matters: Matter[];
  createdBy: Named | null;
  createdAt: string;
  updatedAt: string;
  phonesVisible: boolean;
  can: { edit: boolean; delete: boolean };
};

export type MatterInput = {
  id?: string | null;
  visitorName?: string | null;
  visitorPhone?: string | null;
  visitorCount?: number | null;
  villageId?: string | null;
  category: string;
  content: string;
  routing: Routing;
  routingNote?: string | null;
};

export type ReceptionInput = {
  stationId: string;
  date: string;
  startTime?: string | null;
  endTime?: string | null;
  place?: string | null;
  activityId?: string | null;
  deputyIds: string[];
  notes?: string | null;
  matters: MatterInput[];
};

export type ReceptionFilters = { stationId?: string; from?: string; to?: string; q?: string };

type Figures = { receptions: number; visitors: number; matters: number };
export type ReceptionStats = Figures & {
  from: string;
  to: string;
  byRouting: RoutingCounts;
  byCategory: { category: string; matters: number; visitors: number }[];
  byStation: (Figures & { station: Named & { code: string } })[];
  byMonth: (Figures & { month: string })[];
};

const base = '/receptions';

export const receptionsApi = {
  list: (q: ReceptionFilters & PageQuery) => http.get<Page<ReceptionItem>>(base, q),
  get: (id: string) => http.get<Reception>(`${base}/${id}`),
  create: (body: ReceptionInput) => http.post<Reception>(base, body),
  update: (id: string, body: ReceptionInput & { version: number }) => http.put<Reception>(`${base}/${id}`, body),
  remove: (id: string, version: number) => request<{ ok: true }>('DELETE', `${base}/${id}`, { body: { version } }),
  stats: (q: { from?: string; to?: string; stationId?: string }) => http.get<ReceptionStats>(`${base}/stats`, q),
  /**
   * The town's categories of opinions (GET /suggestion-settings); the default list while that route is
   * not there (404) or the caller may not read it.
   */
  categories: async (): Promise<string[]> => {
    try {
      const s = await http.get<{ categories?: string[] }>('/suggestion-settings');
      return s.categories?.length ? s.categories : [...DEFAULT_CATEGORIES];
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return [...DEFAULT_CATEGORIES];
      throw e;
    }
  },
};
