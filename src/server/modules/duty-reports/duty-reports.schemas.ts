import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, OptText, PageQuery, pageOf } from '../../http/schemas.ts';
import { PollStatusOut } from '../polls/polls.schemas.ts';

registerFieldLabels({
  deputyId: '代表',
  heldOn: '述职日期',
  place: '述职地点',
  stationId: '联络站',
  voterReps: '选民代表人数',
  summary: '述职内容摘要',
  reportFileId: '述职报告',
  bands: '结果档次',
});

export const DUTY_REPORT_STATUSES = ['draft', 'voting', 'closed'] as const;

const Band = z.object({ label: NonEmpty(20), minPercent: z.number().min(0, '下限不能小于 0').max(100, '下限不能大于 100') });

const Year = z.number().int().min(2000, '年份应在 2000 到 2100 之间').max(2100, '年份应在 2000 到 2100 之间');

// No .default(): the service fills defaults (bands, place, summary) on create.
export const DutyReportInput = z.object({
  deputyId: IdField,
  year: Year,
  heldOn: DateStr,
  place: OptText(200),
  stationId: IdField.nullish(),
  voterReps: z.number().int().min(0, '人数不能为负').max(100000),
  summary: OptText(5000),
  reportFileId: IdField.nullish(),
  bands: z.array(Band).min(1, '至少需要一个档次').max(10).optional(),
  notes: OptText(2000),
});
export const DutyReportUpdate = DutyReportInput.partial().extend({ version: z.number().int().positive() });
export const VersionInput = z.object({ version: z.number().int().positive() });

const Count = z.number().int().min(0, '票数不能为负').max(100000);
export const DutyPaperInput = z.object({
  ballots: z.number().int().min(1, '纸质票数至少为 1').max(100000),
  satisfied: Count,
  basic: Count,
  dissatisfied: Count,
});

export const DutyReportQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  deputyId: IdField.optional(),
  status: z.enum(DUTY_REPORT_STATUSES).optional(),
});

const Counts = z.object({ satisfied: z.number().int(), basic: z.number().int(), dissatisfied: z.number().int() });

export const DutyReportListItem = z.object({
  id: z.string(),
  code: z.string(),
  deputy: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  year: z.number().int(),
  heldOn: z.string(),
  place: z.string(),
  voterReps: z.number().int(),
  status: z.enum(DUTY_REPORT_STATUSES),
  /** The band label, set when voting closes. */
  result: z.string().nullable(),
  /** (satisfied + basic) / valid, 0–1, set when voting closes. */
  approval: z.number().nullable(),
  version: z.number().int(),
});

export const DutyReportOut = DutyReportListItem.extend({
  station: z.object({ id: z.string(), name: z.string() }).nullable(),
  summary: z.string(),
  notes: z.string(),
  reportFile: z.object({ id: z.string(), name: z.string() }).nullable(),
  bands: z.array(z.object({ label: z.string(), minPercent: z.number() })),
  poll: PollStatusOut.nullable(),
  /** The counters so far (null before voting opens). */
  counts: Counts.nullable(),
  /** Rules the record does not meet that do not stop it (e.g. fewer than 50 voter representatives). */
  warnings: z.array(z.string()),
});

export const DutyReportPage = pageOf(DutyReportListItem);
