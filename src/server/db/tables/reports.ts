import type { Generated } from 'kysely';

/* The achievements ledger, report templates, work reports and their frozen versions (migration 20261207_0210_reports). */

export type AchievementCategory = 'economy' | 'project' | 'livelihood' | 'environment' | 'governance' | 'other';
export type ReportKind = 'year' | 'half' | 'custom';

export interface AchievementTable {
  id: string;
  townId: string;
  code: string;
  date: string;
  title: string;
  category: AchievementCategory;
  amount: number | null;
  unit: Generated<string>;
  description: Generated<string>;
  activityId: string | null;
  suggestionId: string | null;
  searchText: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReportTemplateTable {
  id: string;
  townId: string;
  name: string;
  /** JSON TemplateSet */
  body: string;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkReportTable {
  id: string;
  townId: string;
  code: string;
  title: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  templateId: string | null;
  /** JSON ReportBody with {{fact}} tokens */
  body: string;
  frozenNumber: number | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkReportVersionTable {
  id: string;
  townId: string;
  reportId: string;
  number: number;
  body: string;
  /** JSON Facts */
  facts: string;
  note: Generated<string>;
  frozenAt: string;
  frozenBy: string | null;
}

export interface ReportTables {
  achievement: AchievementTable;
  reportTemplate: ReportTemplateTable;
  workReport: WorkReportTable;
  workReportVersion: WorkReportVersionTable;
}
