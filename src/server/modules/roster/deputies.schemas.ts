import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { CodeField, DateStr, IdField, NonEmpty, OptText, PageQuery, pageOf } from '../../http/schemas.ts';
import { AGE_BANDS, ETHNICITIES, GENDERS, LEVELS, OCCUPATIONS, PARTIES, STATUSES, idNumberProblem, normalizeIdNumber, phoneProblem } from './deputy.rules.ts';

// `name`, `code`, `phone` and `title` keep their shared labels (名称/编码/电话 are registered for every
// module; a bare-name label for `title` would clash with modules where it means 标题).
registerFieldLabels({
  termId: '届次',
  termName: '届次',
  gender: '性别',
  birthDate: '出生日期',
  age: '年龄',
  ethnicity: '民族',
  party: '政治面貌',
  isTownLevel: '镇级代表',
  isCountyLevel: '县级代表',
  level: '代表层级',
  constituencyId: '选区',
  constituencyName: '选区',
  stationId: '联络站',
  stationName: '联络站',
  occupation: '职业类别',
  workplace: '工作单位',
  idNumber: '身份证号',
  status: '状态',
  statusDate: '状态变动日期',
  statusReason: '状态变动原因',
  date: '日期',
  reason: '原因',
  hardship: '困难代表',
  photo: '照片',
  hasPhoto: '照片',
  notes: '备注',
  file: '文件',
  q: '关键词',
  sort: '排序字段',
  order: '排序方向',
  jobId: '导入任务',
});

const RefId = z.string().trim().min(1, '必填').max(64);

const PhoneIn = z
  .string()
  .trim()
  .max(30)
  .superRefine((s, ctx) => {
    const p = s === '' ? null : phoneProblem(s);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

const IdNumberIn = z
  .string()
  .trim()
  .max(30)
  .superRefine((s, ctx) => {
    const p = s === '' ? null : idNumberProblem(normalizeIdNumber(s));
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

export const DeputyInput = z.object({
  code: CodeField.optional(),
  termId: RefId,
  name: NonEmpty(50),
  gender: z.enum(GENDERS),
  birthDate: DateStr.nullish(),
  ethnicity: z.enum(ETHNICITIES).optional(),
  party: z.enum(PARTIES),
  isTownLevel: z.boolean(),
  isCountyLevel: z.boolean(),
  constituencyId: RefId.nullish(),
  stationId: RefId.nullish(),
  occupation: z.enum(OCCUPATIONS),
  workplace: OptText(200),
  title: OptText(100),
  phone: PhoneIn.nullish(),
  idNumber: IdNumberIn.nullish(),
  hardship: z.boolean().optional(),
  notes: OptText(1000),
});
// No .default() in input schemas: zod applies defaults inside .partial(), which would blank fields on PATCH.

export const DeputyUpdate = DeputyInput.partial().extend({ version: z.number().int().positive() });

export const StatusInput = z.object({
  status: z.enum(STATUSES),
  date: DateStr.nullish(),
  reason: OptText(200),
  // Optional while older clients do not send it; when sent, a stale one answers 409.
  version: z.number().int().positive().optional(),
});

export const Deputy = z.object({
  id: z.string(),
  code: z.string(),
  termId: z.string(),
  termName: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  ethnicity: z.string(),
  party: z.string(),
  isTownLevel: z.boolean(),
  isCountyLevel: z.boolean(),
  constituencyId: z.string().nullable(),
  constituencyName: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  occupation: z.string(),
  workplace: z.string(),
  title: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  status: z.enum(STATUSES),
  statusDate: z.string().nullable(),
  statusReason: z.string().nullable(),
  hardship: z.boolean(),
  hasPhoto: z.boolean(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The filters shared by the list and the Excel export. */
export const DeputyFilter = z.object({
  q: z.string().trim().max(50).optional(),
  stationId: z.string().max(64).optional(),
  level: z.enum(LEVELS).optional(),
  party: z.enum(PARTIES).optional(),
  status: z.enum(STATUSES).optional(),
  occupation: z.enum(OCCUPATIONS).optional(),
  gender: z.enum(GENDERS).optional(),
  termId: z.string().max(64).optional(),
  constituencyId: z.string().max(64).optional(),
  sort: z.enum(['code', 'name', 'birthDate', 'updatedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type DeputyFilterT = z.infer<typeof DeputyFilter>;

export const DeputyQuery = PageQuery.extend(DeputyFilter.shape);

export const DeputyPage = pageOf(Deputy);

export const IdNumberOut = z.object({ idNumber: z.string().nullable() });

export const StatsQuery = z.object({ termId: z.string().max(64).optional() });

const Counted = z.array(z.object({ key: z.string(), count: z.number().int() }));

export const DeputyStats = z.object({
  total: z.number().int(),
  serving: z.number().int(),
  byLevel: z.object({ town: z.number().int(), county: z.number().int(), both: z.number().int() }),
  byGender: Counted,
  byAgeBand: z.array(z.object({ key: z.enum(AGE_BANDS), count: z.number().int() })),
  byParty: Counted,
  byOccupation: Counted,
  byEthnicity: Counted,
});

export const JobIdParam = z.object({ jobId: IdField });

export const ImportIssueOut = z.object({ row: z.number().int().nullable(), column: z.string().nullable(), field: z.string(), message: z.string() });

export const ImportJobOut = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  result: z
    .object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      errors: z.array(ImportIssueOut),
    })
    .nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const JobAccepted = z.object({ jobId: z.string() });
