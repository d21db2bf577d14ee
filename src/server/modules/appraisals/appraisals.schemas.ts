import { z } from 'zod';
import { DateStr, IdField, NonEmpty, OptText, PageQuery, pageOf } from '../../http/schemas.ts';
import { PollStatusOut } from '../polls/polls.schemas.ts';

export const DIMENSION_KEYS = ['policy', 'duty', 'service', 'style', 'integrity'] as const;
export const APPRAISAL_STATUSES = ['draft', 'voting', 'closed'] as const;

export const AppraisalInput = z.object({
  title: NonEmpty(100),
  year: z.number().int().min(2000, '年份应在 2000 到 2100 之间').max(2100, '年份应在 2000 到 2100 之间'),
  hearingDate: DateStr.nullish(),
  hearingNotes: OptText(5000),
  unitIds: z.array(IdField).min(1, '至少选择一个被评议单位').max(50, '最多 50 个单位'),
  dimensions: z.array(z.enum(DIMENSION_KEYS)).max(DIMENSION_KEYS.length).optional(),
  previousId: IdField.nullish(),
});
// No .default(): the service fills defaults on create.

export const AppraisalUpdate = AppraisalInput.partial().extend({ version: z.number().int().positive() });
export const VersionInput = z.object({ version: z.number().int().positive() });

const Ref = z.object({ id: z.string(), code: z.string(), title: z.string() });

export const AppraisalListItem = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  year: z.number().int(),
  hearingDate: z.string().nullable(),
  status: z.enum(APPRAISAL_STATUSES),
  unitCount: z.number().int(),
  previousId: z.string().nullable(),
  version: z.number().int(),
});

export const IssueOut = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  description: z.string(),
  deadline: z.string().nullable(),
  status: z.enum(['open', 'done']),
  doneOn: z.string().nullable(),
  notes: z.string(),
  overdue: z.boolean(),
  version: z.number().int(),
});

export const AppraisalOut = AppraisalListItem.extend({
  hearingNotes: z.string(),
  dimensions: z.array(z.enum(DIMENSION_KEYS)),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  poll: PollStatusOut.nullable(),
  previous: Ref.nullable(),
  followUps: z.array(Ref),
  issues: z.array(IssueOut),
});

export const AppraisalQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(APPRAISAL_STATUSES).optional(),
});
export const AppraisalPage = pageOf(AppraisalListItem);

const Count = z.number().int().min(0, '票数不能为负').max(100000);
export const PaperInput = z.object({
  ballots: z.number().int().min(1, '纸质票数至少为 1').max(100000),
  counts: z
    .array(z.object({ unitId: IdField, question: z.string().min(1).max(40), satisfied: Count, basic: Count, dissatisfied: Count }))
    .min(1, '请填写票数')
    .max(500),
});

export const IssueInput = z.object({
  unitId: IdField,
  description: NonEmpty(1000),
  deadline: DateStr.nullish(),
  notes: OptText(1000),
});
export const IssueUpdate = z.object({
  description: NonEmpty(1000).optional(),
  deadline: DateStr.nullish(),
  status: z.enum(['open', 'done']).optional(),
  doneOn: DateStr.nullish(),
  notes: OptText(1000),
  version: z.number().int().positive(),
});
export const IssueParams = z.object({ id: IdField, issueId: IdField });

const Counts = z.object({ satisfied: z.number().int(), basic: z.number().int(), dissatisfied: z.number().int() });
const Line = z.object({
  counts: Counts,
  valid: z.number().int(),
  rating: z.enum(['satisfied', 'basic', 'dissatisfied']).nullable(),
  approvalShare: z.number().nullable(),
});

export const ResultsOut = z.object({
  appraisalId: z.string(),
  status: z.enum(APPRAISAL_STATUSES),
  ballots: z.number().int(),
  codesUsed: z.number().int(),
  paperBallots: z.number().int(),
  questions: z.array(z.object({ key: z.string(), label: z.string() })),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      rank: z.number().int().nullable(),
      overall: Line,
      dimensions: z.array(Line.extend({ key: z.string(), label: z.string() })),
    }),
  ),
});
