import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { COUNTS_AS } from '../activities/activities.schemas.ts';
import { DOCUMENT_CATEGORIES } from '../documents/documents.rules.ts';
import { MEMBER_ROLES, RESEARCH_GRADES, RESEARCH_STATUSES } from '../research/research.rules.ts';
import { STATES as SUGGESTION_STATES } from '../suggestions/suggestion.machine.ts';

registerFieldLabels({ year: '年份', month: '月份' });

// Optional: the service fills in the current China year / month (no .default() in input schemas).
export const DutyRecordQuery = z.object({
  year: z
    .string()
    .regex(/^(19|20)\d\d$|^2100$/, '年份应为 1900 到 2100 之间的四位数字')
    .optional(),
});
export const BoardQuery = z.object({
  month: z
    .string()
    .regex(/^((19|20)\d\d|2100)-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
});

export const ENTRY_STATUSES = ['present', 'late', 'on_leave', 'absent', 'pending'] as const;

const Counts = z.object({
  /** Every invitation of the period, the pending ones included. */
  invited: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  onLeave: z.number().int(),
  absent: z.number().int(),
  /** Invitations to activities that have not ended yet. */
  pending: z.number().int(),
  /** attendanceRate over the decided invitations; null when nobody was expected. */
  rate: z.number().nullable(),
});

/**
 * One line of the record. `source` says what it comes from; later features add their own kinds of
 * entry (suggestions, receptions on duty, duty reports, points) as further members of this union.
 */
const ActivityEntry = z.object({
  source: z.literal('activity'),
  id: z.string(),
  code: z.string(),
  /** China date of the start. */
  date: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  title: z.string(),
  kindName: z.string(),
  countsAs: z.enum(COUNTS_AS),
  place: z.string(),
  status: z.enum(ENTRY_STATUSES),
});
/** A document sent to the deputy, dated by the day they first opened it. */
const DocumentEntry = z.object({
  source: z.literal('document'),
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  sentAt: z.string(),
  readAt: z.string(),
});
/** A research topic the deputy worked on, dated by its report (or by the claim while there is none). */
const ResearchEntry = z.object({
  source: z.literal('research'),
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  role: z.enum(MEMBER_ROLES),
  status: z.enum(RESEARCH_STATUSES),
  grade: z.enum(RESEARCH_GRADES).nullable(),
  dueDate: z.string(),
});
/** A reception (接待) the deputy was on duty at, dated by the day it was held. */
const ReceptionEntry = z.object({
  source: z.literal('reception'),
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  station: z.object({ id: z.string(), name: z.string() }),
  matterCount: z.number().int(),
  visitorCount: z.number().int(),
});
/** A suggestion the deputy raised (领衔) or joined (附议), dated by the day it was submitted. */
const SuggestionEntry = z.object({
  source: z.literal('suggestion'),
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  role: z.enum(['lead', 'co']),
  state: z.enum(SUGGESTION_STATES),
  grade: z.string().nullable(),
  rating: z.enum(['satisfied', 'basically', 'dissatisfied']).nullable(),
});
/** A congress session (人代会) the deputy was on the roll of, dated by its start; status is the roll mark. */
const SessionEntry = z.object({
  source: z.literal('session'),
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  shortName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['expected', 'present', 'late', 'on_leave', 'absent']),
  leaveReason: z.string(),
});
/** A motion (议案) the deputy sponsored at a session, dated by its submission. */
const MotionEntry = z.object({
  source: z.literal('motion'),
  id: z.string(),
  code: z.string(),
  date: z.string(),
  title: z.string(),
  number: z.number().int(),
  role: z.enum(['lead', 'co']),
  status: z.enum(['submitted', 'on_agenda', 'to_suggestion', 'not_accepted', 'withdrawn', 'passed', 'failed']),
  session: z.object({ id: z.string(), shortName: z.string() }),
});
export const DutyEntry = z.discriminatedUnion('source', [
  ActivityEntry,
  DocumentEntry,
  ResearchEntry,
  ReceptionEntry,
  SuggestionEntry,
  SessionEntry,
  MotionEntry,
]);

export const DutyRecordOut = z.object({
  year: z.number().int(),
  deputy: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    status: z.string(),
    termNumber: z.number().int(),
    isTownLevel: z.boolean(),
    isCountyLevel: z.boolean(),
    station: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    groups: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), role: z.enum(['leader', 'vice_leader', 'member']) })),
    /** The latest presidium seat held during the year, if any. */
    presidium: z
      .object({ position: z.enum(['chair', 'vice_chair', 'member']), termNumber: z.number().int(), startDate: z.string(), endDate: z.string().nullable() })
      .nullable(),
  }),
  months: z.array(
    z.object({
      month: z.number().int(),
      entries: z.array(DutyEntry),
      /** Per source; later features add their own counts beside these. */
      counts: z.object({ activities: Counts, documentsRead: z.number().int(), research: z.number().int() }),
    }),
  ),
  totals: z.object({
    activities: Counts.extend({
      /** present + late */
      attended: z.number().int(),
      trainings: z.number().int(),
      inspections: z.number().int(),
      research: z.number().int(),
      /** Activities attended, by what their kind counts as. */
      attendedByCountsAs: z.record(z.enum(COUNTS_AS), z.number().int()),
    }),
    /** Documents the deputy first opened in the year. */
    documentsRead: z.number().int(),
    /** Receptions the deputy was on duty at in the year, with the matters and visitors received there. */
    receptions: z.object({ onDuty: z.number().int(), matters: z.number().int(), visitors: z.number().int() }),
    /** Suggestions submitted in the year that the deputy led or joined; of them, answered and rated satisfied. */
    suggestions: z.object({ lead: z.number().int(), co: z.number().int(), replied: z.number().int(), satisfied: z.number().int() }),
    /** Sessions of the year on the deputy's roll: attended (present or late), on leave, absent without leave. */
    sessions: z.object({ attended: z.number().int(), onLeave: z.number().int(), absent: z.number().int() }),
    /** Motions submitted in the year that the deputy led or co-sponsored. */
    motions: z.object({ lead: z.number().int(), co: z.number().int() }),
    research: z.object({
      /** Topics the deputy worked on in the year, as lead or member. */
      topics: z.number().int(),
      lead: z.number().int(),
      /** Of those, reported in the year (and not sent back). */
      reported: z.number().int(),
      /** Graded topics by grade. */
      byGrade: z.record(z.enum(RESEARCH_GRADES), z.number().int()),
    }),
  }),
  trainingTopics: z.array(z.object({ id: z.string(), title: z.string(), date: z.string() })),
  /** Duty reports to voters held in the year (述职) and the year's average peer / voter review scores (null: none). */
  evaluation: z.object({
    dutyReports: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        heldOn: z.string(),
        place: z.string(),
        status: z.enum(['draft', 'voting', 'closed']),
        result: z.string().nullable(),
        approval: z.number().nullable(),
      }),
    ),
    reviewScores: z.object({ peer: z.number().nullable(), voter: z.number().nullable() }),
  }),
});

const BoardCounts = Counts.extend({ trainings: z.number().int() });

export const BoardOut = z.object({
  month: z.string(),
  station: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  /** Highest rate first (no rate last), then by name. */
  rows: z.array(BoardCounts.extend({ deputyId: z.string(), code: z.string(), name: z.string(), status: z.string() })),
  totals: BoardCounts.extend({ deputies: z.number().int(), activities: z.number().int() }),
});
