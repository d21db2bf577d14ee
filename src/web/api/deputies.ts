import { type Query, download, http, type Page, type PageQuery } from './client.ts';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const DEPUTY_STATUSES = ['serving', 'resigned', 'recalled', 'terminated', 'transferred'] as const;
export type DeputyStatus = (typeof DEPUTY_STATUSES)[number];
export const LEAVING_STATUSES: readonly DeputyStatus[] = ['resigned', 'recalled', 'terminated', 'transferred'];
export const PARTIES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;
export const OCCUPATIONS = ['村(社区)干部', '企业负责人', '企业职工', '机关事业单位', '农民', '专业技术人员', '个体工商户', '其他'] as const;
export const LEVELS = ['town', 'county', 'both'] as const;
export type Level = (typeof LEVELS)[number];
export const AGE_BANDS = ['35岁以下', '36-45岁', '46-55岁', '56岁以上', '未知'] as const;

export type Deputy = {
  id: string;
  code: string;
  termId: string;
  termName: string;
  name: string;
  gender: Gender;
  birthDate: string | null;
  age: number | null;
  ethnicity: string;
  party: string;
  isTownLevel: boolean;
  isCountyLevel: boolean;
  constituencyId: string | null;
  constituencyName: string | null;
  stationId: string | null;
  stationName: string | null;
  occupation: string;
  workplace: string;
  title: string;
  phone: string | null;
  idNumber: string | null;
  status: DeputyStatus;
  statusDate: string | null;
  statusReason: string | null;
  hardship: boolean;
  hasPhoto: boolean;
  notes: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type DeputyInput = {
  code?: string;
  termId: string;
  name: string;
  gender: Gender;
  birthDate?: string | null;
  ethnicity?: string;
  party: string;
  isTownLevel: boolean;
  isCountyLevel: boolean;
  constituencyId?: string | null;
  stationId?: string | null;
  occupation: string;
  workplace?: string;
  title?: string;
  phone?: string | null;
  idNumber?: string | null;
  hardship?: boolean;
  notes?: string;
};

export type DeputySort = 'code' | 'name' | 'birthDate' | 'updatedAt';

export type DeputyFilters = {
  q?: string;
  stationId?: string;
  level?: Level;
  party?: string;
  status?: DeputyStatus;
  occupation?: string;
  gender?: Gender;
  termId?: string;
  constituencyId?: string;
  sort?: DeputySort;
  order?: 'asc' | 'desc';
};

export type DeputyQuery = PageQuery & DeputyFilters;

export type CountRow = { key: string; count: number };
export type DeputyStats = {
  total: number;
  serving: number;
  byLevel: { town: number; county: number; both: number };
  byGender: CountRow[];
  byAgeBand: CountRow[];
  byParty: CountRow[];
  byOccupation: CountRow[];
  byEthnicity: CountRow[];
};

export type StatusChange = { status: DeputyStatus; date: string; reason: string };

export const deputiesApi = {
  list: (q: DeputyQuery) => http.get<Page<Deputy>>('/deputies', q),
  get: (id: string) => http.get<Deputy>(`/deputies/${id}`),
  create: (body: DeputyInput) => http.post<Deputy>('/deputies', body),
  update: (id: string, body: Partial<DeputyInput> & { version: number }) => http.patch<Deputy>(`/deputies/${id}`, body),
  changeStatus: (id: string, body: StatusChange) => http.post<Deputy>(`/deputies/${id}/status`, body),
  uploadPhoto: (id: string, file: File) => http.upload<Deputy>('PUT', `/deputies/${id}/photo`, file),
  photoUrl: (d: Pick<Deputy, 'id' | 'version'>) => `/api/v1/deputies/${d.id}/photo?v=${d.version}`,
  revealIdNumber: (id: string) => http.get<{ idNumber: string }>(`/deputies/${id}/id-number`),
  stats: (termId?: string) => http.get<DeputyStats>('/deputies/stats', { termId }),
  exportXlsx: (filters: DeputyFilters) => download('/deputies/export.xlsx', filters as Query, '代表名册.xlsx'),
  downloadTemplate: () => download('/deputies/import-template.xlsx', undefined, '代表名册导入模板.xlsx'),
  startImport: (file: File) => http.upload<{ jobId: string }>('POST', '/deputies/import', file),
};
