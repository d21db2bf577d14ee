import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { FileMeta } from '../files/files.schemas.ts';
import { CLAIMANT_TYPES, MEMBER_ROLES, RESEARCH_GRADES, RESEARCH_STATUSES } from './research.rules.ts';

// Labels are global: names other areas already label (title, description 简介) are left as they are.
registerFieldLabels({
  year: '年度',
  dueDate: '截止日期',
  claimantType: '认领方类型',
  claimantId: '认领方',
  reportFileId: '调研报告',
  reportSummary: '报告摘要',
  grade: '评定等次',
  gradeComment: '评定意见',
  returnNote: '退回意见',
  activityIds: '调研活动',
  overdue: '逾期',
});

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Year = z.number().int('应为整数').min(2000, '年度应在 2000 到 2100 之间').max(2100, '年度应在 2000 到 2100 之间');
const YearQuery = z.coerce.number().int('应为整数').min(2000, '年度应在 2000 到 2100 之间').max(2100, '年度应在 2000 到 2100 之间');
const Version = z.number().int().positive();

// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.
export const TopicInput = z.object({
  year: Year,
  title: NonEmpty(100),
  description: Text(5000).optional(),
  dueDate: DateStr,
});
export const TopicUpdate = TopicInput.partial().extend({ version: Version });

export const ClaimInput = z.object({ claimantType: z.enum(CLAIMANT_TYPES), claimantId: IdField, version: Version });
export const VersionInput = z.object({ version: Version });
export const MemberItem = z.object({ deputyId: IdField, role: z.enum(MEMBER_ROLES) });
export const MembersInput = z.object({ members: z.array(MemberItem).max(100, '最多 100 名代表'), version: Version });
export const ReportInput = z.object({ reportFileId: IdField, reportSummary: Text(2000).optional(), version: Version });
export const ReturnInput = z.object({ returnNote: NonEmpty(500), version: Version });
export const GradeInput = z.object({ grade: z.enum(RESEARCH_GRADES), gradeComment: Text(1000).optional(), version: Version });
export const ActivitiesInput = z.object({ activityIds: z.array(IdField).max(50, '最多关联 50 次活动'), version: Version });

export const TopicQuery = PageQuery.extend({
  year: YearQuery.optional(),
  status: z.enum(RESEARCH_STATUSES).optional(),
  grade: z.enum(RESEARCH_GRADES).optional(),
  claimantType: z.enum(CLAIMANT_TYPES).optional(),
  claimantId: IdField.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export const MineQuery = PageQuery.extend({ year: YearQuery.optional() });
export const StatsQuery = z.object({ year: YearQuery });

const Claimant = z.object({ type: z.enum(CLAIMANT_TYPES), id: z.string(), code: z.string(), name: z.string() });
const Person = z.object({ id: z.string(), name: z.string() });

export const MemberOut = z.object({ deputyId: z.string(), code: z.string(), name: z.string(), role: z.enum(MEMBER_ROLES) });

export const TopicSummary = z.object({
  id: z.string(),
  /** External key (T001…), unique in the town; the workbook refers to the topic by it. */
  code: z.string(),
  year: z.number().int(),
  title: z.string(),
  dueDate: z.string(),
  status: z.enum(RESEARCH_STATUSES),
  claimant: Claimant.nullable(),
  claimedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  grade: z.enum(RESEARCH_GRADES).nullable(),
  /** Claimed, the due date passed, and no report yet. */
  overdue: z.boolean(),
  /** The report came after the due date. */
  submittedLate: z.boolean(),
  memberCount: z.number().int(),
  /** The lead deputy's name, if one is named. */
  leadName: z.string().nullable(),
  version: z.number().int(),
});
export const TopicPage = pageOf(TopicSummary);

export const TopicDetail = TopicSummary.extend({
  description: z.string(),
  claimedBy: Person.nullable(),
  report: FileMeta.nullable(),
  reportSummary: z.string(),
  submittedBy: Person.nullable(),
  returnNote: z.string(),
  gradeComment: z.string(),
  gradedAt: z.string().nullable(),
  gradedBy: Person.nullable(),
  members: z.array(MemberOut),
  activities: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), startAt: z.string(), status: z.string() })),
  createdAt: z.string(),
  /** What the caller may do now (status and role together), so the page shows only buttons that work. */
  can: z.object({
    edit: z.boolean(),
    claim: z.boolean(),
    release: z.boolean(),
    setMembers: z.boolean(),
    submit: z.boolean(),
    return: z.boolean(),
    grade: z.boolean(),
    withdraw: z.boolean(),
    reopen: z.boolean(),
    setActivities: z.boolean(),
  }),
});

/** A deputy's own topics: the topic and the part they take. */
export const MineItem = TopicSummary.extend({ myRole: z.enum(MEMBER_ROLES) });
export const MinePage = pageOf(MineItem);

export const SuggestedMembers = z.object({
  claimant: Claimant,
  deputies: z.array(z.object({ deputyId: z.string(), code: z.string(), name: z.string(), groupRole: z.string().nullable() })),
});

const GradeCounts = z.object({ excellent: z.number().int(), good: z.number().int(), pass: z.number().int(), fail: z.number().int() });
const Counts = z.object({
  /** Published this year and not withdrawn. */
  published: z.number().int(),
  open: z.number().int(),
  /** Claimed at some point and not given back: claimed, submitted or graded now. */
  claimed: z.number().int(),
  /** Reports in: submitted or graded. */
  submitted: z.number().int(),
  /** Graded: done. */
  graded: z.number().int(),
  overdue: z.number().int(),
  byGrade: GradeCounts,
});
export const StatsOut = Counts.extend({
  year: z.number().int(),
  withdrawn: z.number().int(),
  byClaimant: z.array(
    Claimant.extend({
      claimed: z.number().int(),
      submitted: z.number().int(),
      graded: z.number().int(),
      overdue: z.number().int(),
      byGrade: GradeCounts,
    }),
  ),
});
