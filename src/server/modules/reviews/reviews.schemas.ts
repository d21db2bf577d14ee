import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { IdField, PageQuery, pageOf } from '../../http/schemas.ts';
import { PollStatusOut } from '../polls/polls.schemas.ts';

registerFieldLabels({ period: '期间', scalePoints: '分值', stationId: '联络站' });

export const REVIEW_KINDS = ['peer_review', 'voter_review'] as const;
export const REVIEW_STATUSES = ['draft', 'voting', 'closed'] as const;

const Points = z.number().min(0, '分值须在 0–100 之间').max(100, '分值须在 0–100 之间');
const ScalePoints = z.object({ satisfied: Points, basic: Points, dissatisfied: Points });

// No .default(): the service fills scalePoints (100 / 60 / 0) on create.
export const ReviewInput = z.object({
  kind: z.enum(REVIEW_KINDS),
  stationId: IdField,
  period: z.string().trim().min(1, '必填').max(10),
  scalePoints: ScalePoints.optional(),
});
export const ReviewUpdate = z.object({ scalePoints: ScalePoints, version: z.number().int().positive() });
export const VersionInput = z.object({ version: z.number().int().positive() });

const Count = z.number().int().min(0, '票数不能为负').max(100000);
export const ReviewPaperInput = z.object({
  ballots: z.number().int().min(1, '纸质票数至少为 1').max(100000),
  counts: z
    .array(z.object({ deputyId: IdField, satisfied: Count, basic: Count, dissatisfied: Count }))
    .min(1, '请填写票数')
    .max(200),
});

export const ReviewQuery = PageQuery.extend({
  kind: z.enum(REVIEW_KINDS).optional(),
  stationId: IdField.optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  /** A year (YYYY) or a period prefix: 2026, 2026-09, 2026-Q3. */
  period: z.string().trim().max(10).optional(),
});

export const ReviewListItem = z.object({
  id: z.string(),
  kind: z.enum(REVIEW_KINDS),
  station: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  status: z.enum(REVIEW_STATUSES),
  version: z.number().int(),
});

export const ReviewOut = ReviewListItem.extend({
  scalePoints: ScalePoints,
  poll: PollStatusOut.nullable(),
  /** The deputies rated (the poll's subjects once voting opened; the station's deputies in office before). */
  deputies: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** Returned once when a peer review opens (or its unused codes are re-issued): whom to hand each code to. */
export const ReviewOpenedOut = ReviewOut.extend({
  codes: z.array(z.object({ deputyId: z.string(), name: z.string(), code: z.string() })),
});

export const ReviewPage = pageOf(ReviewListItem);

const Counts = z.object({ satisfied: z.number().int(), basic: z.number().int(), dissatisfied: z.number().int() });
export const ReviewResultsOut = z.object({
  reviewId: z.string(),
  status: z.enum(REVIEW_STATUSES),
  ballots: z.number().int(),
  rows: z.array(
    z.object({
      deputyId: z.string(),
      name: z.string(),
      counts: Counts,
      valid: z.number().int(),
      /** Average points on a 100 scale, two decimals; null without votes. */
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
    }),
  ),
});
