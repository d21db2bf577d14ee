import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';

registerFieldLabels({
  foundOn: '发现日期',
  description: '问题描述',
  responsibleType: '责任方类型',
  responsibleUnitId: '责任单位',
  responsibleVillageId: '责任村(社区)',
  responsibleName: '责任方名称',
  severity: '严重程度',
  findingIds: '问题',
  number: '通知书文号',
  issuedOn: '签发日期',
  deadline: '整改期限',
  addressee: '送达对象',
  result: '复查结果',
  closedOn: '销号日期',
  reason: '理由',
});

export const RESPONSIBLE_TYPES = ['unit', 'village', 'enterprise', 'other'] as const;
export const SEVERITIES = ['minor', 'general', 'major'] as const;
export const FINDING_STATUSES = ['open', 'rectifying', 'reinspected', 'closed'] as const;
export const REINSPECTION_RESULTS = ['fixed', 'not_fixed'] as const;

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Version = z.number().int().positive();

// No .default() in input schemas (the project's convention); the service fills the defaults.
const FindingFields = {
  foundOn: DateStr,
  description: NonEmpty(2000),
  place: Text(200).nullish(),
  responsibleType: z.enum(RESPONSIBLE_TYPES, { error: '责任方类型应为：单位、村(社区)、企业或其他' }),
  responsibleUnitId: IdField.nullish(),
  responsibleVillageId: IdField.nullish(),
  responsibleName: Text(100).nullish(),
  severity: z.enum(SEVERITIES, { error: '严重程度应为：一般、较重或重大' }),
  /** Photos uploaded first with POST /files?use=image; the list replaces the finding's photos. */
  fileIds: z.array(IdField).max(20, '最多 20 张照片').nullish(),
};

export const FindingInput = z.object({ activityId: IdField, ...FindingFields });
export const FindingUpdate = z.object(FindingFields).partial().extend({ version: Version });
export const VersionInput = z.object({ version: Version });
export const CloseInput = z.object({ version: Version, closedOn: DateStr.nullish(), reason: Text(500).nullish() });
export const ReopenInput = z.object({ version: Version, reason: Text(500).nullish() });

export const NoticeInput = z.object({
  findingIds: z.array(IdField).min(1, '至少选择一个问题').max(100, '一份通知书最多 100 个问题'),
  number: NonEmpty(50),
  issuedOn: DateStr,
  deadline: DateStr,
  addressee: NonEmpty(200),
  content: Text(5000).nullish(),
});

export const ReinspectionInput = z.object({
  version: Version,
  date: DateStr,
  result: z.enum(REINSPECTION_RESULTS, { error: '复查结果应为：已整改或未整改' }),
  notes: Text(2000).nullish(),
  deputyIds: z.array(IdField).max(50, '最多 50 名代表').nullish(),
});

export const FindingQuery = PageQuery.extend({
  status: z.enum(FINDING_STATUSES).optional(),
  overdue: z.enum(['0', '1']).optional(),
  activityId: IdField.optional(),
  unitId: IdField.optional(),
  villageId: IdField.optional(),
  severity: z.enum(SEVERITIES).optional(),
  q: z.string().trim().max(50).optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
});
export const TotalsQuery = z.object({ from: DateStr, to: DateStr });
export const NextNumberQuery = z.object({ year: z.coerce.number().int().min(1900).max(2100).optional() });
export const FileParams = z.object({ id: IdField, fileId: IdField });

const Named = z.object({ id: z.string(), name: z.string() });
const NoticeRef = z.object({ id: z.string(), number: z.string(), issuedOn: z.string(), deadline: z.string() });

export const FindingItem = z.object({
  id: z.string(),
  code: z.string(),
  activity: z.object({ id: z.string(), title: z.string(), startAt: z.string() }),
  foundOn: z.string(),
  description: z.string(),
  place: z.string(),
  responsibleType: z.enum(RESPONSIBLE_TYPES),
  responsibleUnit: Named.nullable(),
  responsibleVillage: Named.nullable(),
  responsibleName: z.string(),
  /** The responsible party in words: the unit's or village's name, or the name given. */
  responsible: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(FINDING_STATUSES),
  /** The notice in force (the latest), if any. */
  notice: NoticeRef.nullable(),
  /** Derived: not fixed and today (China) is after the deadline of the notice in force. */
  overdue: z.boolean(),
  closedOn: z.string().nullable(),
  version: z.number().int(),
});
export const FindingPage = pageOf(FindingItem);

export const ReinspectionOut = z.object({
  id: z.string(),
  date: z.string(),
  result: z.enum(REINSPECTION_RESULTS),
  notes: z.string(),
  deputies: z.array(Named),
  noticeId: z.string().nullable(),
  recordedAt: z.string(),
});

export const FindingDetail = FindingItem.extend({
  closeReason: z.string(),
  photos: z.array(z.object({ id: z.string(), name: z.string(), url: z.string() })),
  notices: z.array(NoticeRef),
  reinspections: z.array(ReinspectionOut),
  /** The lifecycle actions allowed now (findingActions), and whether the caller may write. */
  actions: z.array(z.enum(['issue_notice', 'reinspect_fixed', 'reinspect_not_fixed', 'close', 'reopen'])),
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const NoticeDetail = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  deadline: z.string(),
  addressee: z.string(),
  content: z.string(),
  townName: z.string(),
  findings: z.array(FindingItem),
  createdAt: z.string(),
});

export const NextNumberOut = z.object({ number: z.string() });

const Ids = z.array(z.string());
export const TotalsOut = z.object({
  from: z.string(),
  to: z.string(),
  found: Ids,
  noticesIssued: Ids,
  fixedOnTime: Ids,
  fixedLate: Ids,
  stillOpen: Ids,
  overdue: Ids,
});
