import { z } from 'zod';
import { DateStr, IdField } from '../../http/schemas.ts';

const ITEM_KINDS = ['work_report', 'written_report', 'motion', 'election', 'decision', 'other'] as const;
const MOTION_STATUSES = ['submitted', 'on_agenda', 'to_suggestion', 'not_accepted', 'withdrawn', 'passed', 'failed'] as const;
const POSTS = ['chair', 'vice_chair', 'town_head', 'deputy_head', 'presidium_member', 'other'] as const;
const Rate = z.number().nullable().describe('0–1, four decimals; null when nobody was on the roll');

/** Both optional: the service takes the current China year for what is missing; from after to → 400 naming `to`. */
export const SessionStatsQuery = z.object({ from: DateStr.optional(), to: DateStr.optional() });

const Attendance = z.object({
  /** Deputies on the roll (全体代表). */
  all: z.number().int(),
  /** present + late */
  attended: z.number().int(),
  late: z.number().int(),
  onLeave: z.number().int(),
  absent: z.number().int(),
  /** attended / all */
  rate: Rate,
});

const SuggestionCounts = z.object({ total: z.number().int(), replied: z.number().int(), closed: z.number().int() });

export const SessionStatsOut = z.object({
  from: z.string(),
  to: z.string(),
  /** Closed sessions whose start date is in the range, by start date; the other figures are of these sessions. */
  sessions: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      shortName: z.string(),
      kind: z.enum(['ordinary', 'extraordinary']),
      startDate: z.string(),
      endDate: z.string(),
      attendance: Attendance,
      suggestions: SuggestionCounts,
    }),
  ),
  /** Over every roll of those sessions (a deputy counts once per session). */
  attendance: Attendance,
  /** Agenda items by kind: reviewed (审议 of a report), passed and failed by vote, still pending. */
  items: z.array(
    z.object({
      kind: z.enum(ITEM_KINDS),
      total: z.number().int(),
      reviewed: z.number().int(),
      passed: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
    }),
  ),
  /** Motions (议案) by their fate; every status is present (0 when none). */
  motions: z.object({ total: z.number().int(), byStatus: z.record(z.enum(MOTION_STATUSES), z.number().int()) }),
  /** Everyone elected, in agenda order then by round. */
  elected: z.array(
    z.object({
      sessionId: z.string(),
      shortName: z.string(),
      electionId: z.string(),
      post: z.enum(POSTS),
      postName: z.string(),
      name: z.string(),
      deputyId: z.string().nullable(),
      round: z.number().int(),
      votes: z.number().int(),
    }),
  ),
  /** Suggestions raised at those sessions (drafts and withdrawn left out): replied = an office answered, closed = 办结. */
  suggestions: SuggestionCounts,
});

export const SessionOptionsOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      shortName: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      status: z.enum(['preparing', 'open', 'closed']),
    }),
  ),
});

export const SessionIdParams = z.object({ id: IdField });
export const SessionSuggestionCountsOut = SuggestionCounts;
