import { type Page, type PageQuery, http, request } from './client.ts';

/* 成效台账 (the achievements ledger); docs/achievements.md. */

export const ACHIEVEMENT_CATEGORIES = ['economy', 'project', 'livelihood', 'environment', 'governance', 'other'] as const;
export type AchievementCategory = (typeof ACHIEVEMENT_CATEGORIES)[number];
export const COMMON_UNITS = ['万元', '个', '件', '人', '公里', '亩'] as const;

type Ref = { id: string; code: string; title: string };

export type Achievement = {
  id: string;
  code: string;
  date: string;
  title: string;
  category: AchievementCategory;
  amount: number | null;
  unit: string;
  description: string;
  activity: Ref | null;
  suggestion: Ref | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type AchievementInput = {
  date: string;
  title: string;
  category: AchievementCategory;
  amount?: number | null;
  unit?: string | null;
  description?: string | null;
  activityId?: string | null;
  suggestionId?: string | null;
};

export type UnitTotal = { unit: string; amount: number; count: number };
export type AchievementPage = Page<Achievement> & { totals: UnitTotal[] };
export type AchievementQuery = PageQuery & { q?: string; from?: string; to?: string; category?: AchievementCategory; activityId?: string };

export const achievementsApi = {
  list: (q: AchievementQuery) => http.get<AchievementPage>('/achievements', q),
  get: (id: string) => http.get<Achievement>(`/achievements/${id}`),
  create: (body: AchievementInput) => http.post<Achievement>('/achievements', body),
  update: (id: string, body: Partial<AchievementInput> & { version: number }) => http.patch<Achievement>(`/achievements/${id}`, body),
  remove: (id: string, version: number) => request<{ ok: true }>('DELETE', `/achievements/${id}`, { body: { version } }),
};

/** 1967 → "1,967"; as the report writes amounts. */
export function formatAmount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
