import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { STAGES } from './portal.rules.ts';

// Labels are global: names other areas already label (stationId, category, content, reason …) keep theirs.
registerFieldLabels({
  townCode: '乡镇',
  captchaId: '验证码',
  captchaAnswer: '验证码',
  idempotencyKey: '提交标识',
  targetType: '提交对象',
  trackingCode: '查询码',
  publicReply: '答复内容',
});

const Version = z.number().int().positive();
const OptId = IdField.nullish();

// ---- Public ----

export const TownCodeParam = z.object({ townCode: z.string().trim().min(1).max(32) });
export const TrackParam = z.object({ trackingCode: z.string().trim().min(1).max(40) });

export const PublicTown = z.object({ code: z.string(), name: z.string() });
export const PublicTowns = z.array(PublicTown);

export const PublicStation = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  /** The reception days in words (每月9日、19日), empty when the station has no schedule. */
  schedule: z.string(),
  /** The next reception days, China dates. */
  nextDays: z.array(z.string()),
});

export const PublicTownPortal = z.object({
  town: PublicTown,
  stations: z.array(PublicStation),
  categories: z.array(z.string()),
  villages: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** Only what the Deputies Law (Art.58) has published: basic and duty information; no phone, ID number, birth date or notes. */
export const PublicDeputy = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  party: z.string(),
  level: z.enum(['town', 'county', 'both']),
  stationId: z.string().nullable(),
  station: z.string().nullable(),
  constituency: z.string().nullable(),
  workplace: z.string(),
  title: z.string(),
});
export const PublicDeputies = z.array(PublicDeputy);

export const CaptchaOut = z.object({ id: z.string(), svg: z.string(), expiresAt: z.string() });

export const OpinionInput = z.object({
  captchaId: IdField,
  captchaAnswer: z.string().trim().min(1, '请输入验证码').max(10, '验证码不正确'),
  /** Made by the page once per opinion and sent again on every retry. */
  idempotencyKey: z
    .string()
    .trim()
    .min(8, '至少 8 个字符')
    .max(64, '不能超过 64 个字符')
    .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、-、_'),
  targetType: z.enum(['station', 'deputy']),
  stationId: OptId,
  deputyId: OptId,
  name: z.string().trim().max(20, '不能超过 20 个字').nullish(),
  phone: z.string().trim().max(20, '不能超过 20 个字符').nullish(),
  villageId: OptId,
  category: NonEmpty(20),
  content: z.string().trim().min(5, '至少 5 个字').max(2000, '不能超过 2000 个字'),
});

export const OpinionOut = z.object({ trackingCode: z.string() });

export const TrackOut = z.object({
  trackingCode: z.string(),
  town: PublicTown,
  target: z.object({ type: z.enum(['station', 'deputy']), name: z.string() }),
  category: z.string(),
  content: z.string(),
  status: z.enum(['received', 'accepted', 'declined']),
  stage: z.enum(STAGES),
  stageLabel: z.string(),
  receivedAt: z.string(),
  steps: z.array(z.object({ stage: z.enum(STAGES), label: z.string(), date: z.string() })),
  answer: z.string().nullable(),
  declineReason: z.string().nullable(),
});

export const ResultsQuery = PageQuery;
export const PublicResult = z.object({
  code: z.string(),
  title: z.string(),
  category: z.string(),
  grade: z.string().nullable(),
  gradeLabel: z.string().nullable(),
  publicAnswer: z.string(),
  repliedOn: z.string().nullable(),
  closedDate: z.string().nullable(),
});
export const ResultsPage = pageOf(PublicResult);

// ---- Staff ----

export const SUBMISSION_STATUSES = ['received', 'accepted', 'declined'] as const;

export const SubmissionQuery = PageQuery.extend({ status: z.enum(SUBMISSION_STATUSES).optional() });
export const DeclineInput = z.object({ reason: NonEmpty(500), version: Version });
export const AnswerInput = z.object({ publicReply: NonEmpty(2000), version: Version });

const Named = z.object({ id: z.string(), name: z.string() });

export const SubmissionOut = z.object({
  id: z.string(),
  trackingCode: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  targetType: z.enum(['station', 'deputy']),
  station: Named.nullable(),
  deputy: Named.nullable(),
  name: z.string(),
  /** In full for admins and the station's liaison (they call back), masked otherwise. */
  phone: z.string().nullable(),
  village: Named.nullable(),
  category: z.string(),
  content: z.string(),
  declineReason: z.string(),
  publicReply: z.string(),
  suggestion: z.object({ id: z.string(), code: z.string(), state: z.string() }).nullable(),
  handledByName: z.string().nullable(),
  handledAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const SubmissionPage = pageOf(SubmissionOut);
