import type { FactInfo } from '../../shared/report/catalogue.ts';
import type { ReportBody } from '../../shared/report/draft.ts';
import type { Facts, RecordKind } from '../../shared/report/facts.ts';
import type { TemplateSet } from '../../shared/report/template.ts';
import { download, http, type Page, type PageQuery, request } from './client.ts';

/* 工作总结 (work reports), their versions and templates, and the records behind a figure; docs/api-contract-reports.md. */

export type ReportKind = 'year' | 'half' | 'custom';

export type ReportListItem = {
  id: string;
  code: string;
  title: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  frozenNumber: number | null;
  versions: number;
  updatedAt: string;
};

export type VersionSummary = { number: number; frozenAt: string; frozenBy: string | null; note: string };

export type Report = Omit<ReportListItem, 'versions'> & {
  templateId: string | null;
  template: { id: string | null; name: string };
  body: ReportBody;
  facts: Facts;
  versions: VersionSummary[];
  version: number;
};

export type ReportVersion = VersionSummary & { body: ReportBody; facts: Facts };

export type ReportInput = { kind: ReportKind; year?: number; half?: 1 | 2; from?: string; to?: string; templateId?: string | null; title?: string };

export type CharOp = { op: 'same' | 'added' | 'removed'; text: string };
export type CompareParagraph = { id: string; kind: string; heading?: string; text: string };
export type Comparison = {
  a: string;
  b: string;
  titleChanged: boolean;
  changes: { op: 'same' | 'changed' | 'added' | 'removed'; a?: CompareParagraph; b?: CompareParagraph; chars?: CharOp[] }[];
};

export type FactRecord = { ref: string; kind: RecordKind; id: string; code: string; title: string; date: string | null; href: string | null };

export type TemplateSummary = { id: string; name: string; version: number; updatedAt: string };
export type TemplateList = { items: TemplateSummary[]; builtIn: TemplateSet; facts: FactInfo[] };
export type Template = TemplateSummary & { body: TemplateSet };

/** 'current' or a version number: the two sides of a comparison, and what an export is of. */
export type Side = 'current' | number;

export const reportsApi = {
  list: (q: PageQuery) => http.get<Page<ReportListItem>>('/reports', q),
  get: (id: string) => http.get<Report>(`/reports/${id}`),
  create: (input: ReportInput) => http.post<Report>('/reports', input),
  update: (id: string, input: { version: number; title?: string; body?: ReportBody }) => http.patch<Report>(`/reports/${id}`, input),
  regenerate: (id: string, version: number) => http.post<Report>(`/reports/${id}/regenerate`, { version }),
  freeze: (id: string, version: number, note?: string) => http.post<{ number: number }>(`/reports/${id}/freeze`, { version, note }),
  version: (id: string, n: number) => http.get<ReportVersion>(`/reports/${id}/versions/${n}`),
  compare: (id: string, a: Side, b: Side) => http.get<Comparison>(`/reports/${id}/compare`, { a, b }),
  exportFile: (id: string, format: 'docx' | 'md' | 'json', version: number | undefined, fallback: string) =>
    download(`/reports/${id}/export.${format}`, { version }, `${fallback}.${format}`),
  /** The records behind a figure, by the ids the figure carries (live or frozen). */
  records: (refs: string[]) => http.post<{ records: FactRecord[] }>('/facts/records', { refs }),
};

export const templatesApi = {
  list: () => http.get<TemplateList>('/report-templates'),
  get: (id: string) => http.get<Template>(`/report-templates/${id}`),
  create: (name: string, body?: TemplateSet) => http.post<Template>('/report-templates', { name, body }),
  update: (id: string, input: { version: number; name?: string; body?: TemplateSet }) => http.patch<Template>(`/report-templates/${id}`, input),
  remove: (id: string, version: number) => request<{ ok: true }>('DELETE', `/report-templates/${id}`, { body: { version } }),
};
