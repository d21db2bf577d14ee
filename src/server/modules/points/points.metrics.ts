import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { chinaDateOf, chinaDateRange } from '../activities/activities.rules.ts';
import { FINAL } from '../activities/stats.repo.ts';
import { type RecordKind, recordRef } from './points.catalogue.ts';
import type { MetricValue } from './points.rules.ts';

/*
 * What the scheme's items count, from the records of the other areas. One set query per metric family
 * (activities, sessions, suggestions, suggestion grades, receptions, research, research grades, duty
 * reports, documents, motions) over the whole town — never one per deputy — returning one row per counted
 * record with its deputy, its metric and its China date. The definitions follow the duty record
 * (履职档案, the *.duty.ts readers), so a point always stands on an entry the deputy can see there:
 * - activities: the town's activities not cancelled, already ended, starting in the range; the deputy's
 *   final mark (FINAL, as the statistics and the monthly board read it): present/late → attended by the
 *   kind's `counts_as`, approved leave → leave, otherwise absent;
 * - sessions: the roll of sessions starting in the range (present/late, on_leave, absent);
 * - suggestions: sponsored (lead / co) by submission time, not draft, withdrawn or merged; the grade
 *   metrics count the led ones whose reply grade is the letter, dated by the reply;
 * - receptions: the days the deputy was on duty; research: topics reported (submitted or graded) in the
 *   range by role, grades by the grading time for every member; duty reports: closed ones held in the
 *   range; documents: first read in the range; motions: led or co-sponsored, submitted in the range, not
 *   withdrawn.
 */

export type Range = { from: string; to: string };
export type CountedRecord = { deputyId: string; metric: string; ref: string; date: string };

const NOT_COUNTED_SUGGESTION = ['draft', 'withdrawn', 'merged'] as const;

function familiesOf(metrics: readonly string[]): Set<string> {
  return new Set(metrics.map((m) => (m.startsWith('activity_') ? 'activity' : m.startsWith('session_') ? 'session' : m.split(':')[0])));
}

type Q = { db: Kysely<DB>; townId: string; r: Range; utc: { start: string; end: string }; now: string; deputyIds?: readonly string[] };

async function activityRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('activityInvitation')
    .innerJoin('activity', 'activity.id', 'activityInvitation.activityId')
    .innerJoin('activityKind', 'activityKind.id', 'activity.kindId')
    .select(['activityInvitation.deputyId', 'activity.id', 'activity.startAt', 'activityKind.countsAs', FINAL.as('final')])
    .where('activityInvitation.townId', '=', q.townId)
    .where('activity.townId', '=', q.townId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.endAt', '<', q.now)
    .where('activity.startAt', '>=', q.utc.start)
    .where('activity.startAt', '<', q.utc.end);
  if (q.deputyIds) qb = qb.where('activityInvitation.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({
    deputyId: x.deputyId,
    metric: x.final === 'present' || x.final === 'late' ? `activity_attended:${x.countsAs}` : x.final === 'on_leave' ? 'activity_leave' : 'activity_absent',
    ref: recordRef('activity', x.id),
    date: chinaDateOf(x.startAt),
  }));
}

async function sessionRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('sessionAttendee as a')
    .innerJoin('congressSession as s', 's.id', 'a.sessionId')
    .select(['a.deputyId', 's.id', 's.startDate', 'a.status'])
    .where('a.townId', '=', q.townId)
    .where('s.townId', '=', q.townId)
    .where('a.status', '!=', 'expected')
    .where('s.startDate', '>=', q.r.from)
    .where('s.startDate', '<=', q.r.to);
  if (q.deputyIds) qb = qb.where('a.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({
    deputyId: x.deputyId,
    metric: x.status === 'present' || x.status === 'late' ? 'session_attended' : x.status === 'on_leave' ? 'session_leave' : 'session_absent',
    ref: recordRef('session', x.id),
    date: x.startDate,
  }));
}

async function suggestionRecords(q: Q): Promise<CountedRecord[]> {
  // Items entered before submission was timed (imported ones) fall back to their creation, as the duty record does.
  const at = sql<string>`coalesce(${sql.ref('s.submittedAt')}, ${sql.ref('s.createdAt')})`;
  let qb = q.db
    .selectFrom('suggestionSponsor as sp')
    .innerJoin('suggestion as s', 's.id', 'sp.suggestionId')
    .select(['sp.deputyId', 's.id', 'sp.role', at.as('at')])
    .where('sp.townId', '=', q.townId)
    .where('s.townId', '=', q.townId)
    .where('s.state', 'not in', NOT_COUNTED_SUGGESTION)
    .where(at, '>=', q.utc.start)
    .where(at, '<', q.utc.end);
  if (q.deputyIds) qb = qb.where('sp.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({ deputyId: x.deputyId, metric: `suggestion_${x.role}`, ref: recordRef('suggestion', x.id), date: chinaDateOf(x.at) }));
}

async function suggestionGradeRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('suggestionSponsor as sp')
    .innerJoin('suggestion as s', 's.id', 'sp.suggestionId')
    .select(['sp.deputyId', 's.id', 's.grade', 's.repliedOn'])
    .where('sp.townId', '=', q.townId)
    .where('s.townId', '=', q.townId)
    .where('sp.role', '=', 'lead')
    .where('s.state', 'not in', NOT_COUNTED_SUGGESTION)
    .where('s.grade', 'is not', null)
    .where('s.repliedOn', '>=', q.r.from)
    .where('s.repliedOn', '<=', q.r.to);
  if (q.deputyIds) qb = qb.where('sp.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({ deputyId: x.deputyId, metric: `suggestion_grade:${x.grade}`, ref: recordRef('suggestion', x.id), date: x.repliedOn as string }));
}

async function receptionRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('receptionDeputy as rd')
    .innerJoin('reception as r', 'r.id', 'rd.receptionId')
    .select(['rd.deputyId', 'r.id', 'r.date'])
    .where('rd.townId', '=', q.townId)
    .where('r.townId', '=', q.townId)
    .where('r.date', '>=', q.r.from)
    .where('r.date', '<=', q.r.to);
  if (q.deputyIds) qb = qb.where('rd.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({ deputyId: x.deputyId, metric: 'reception_on_duty', ref: recordRef('reception', x.id), date: x.date }));
}

async function researchRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('researchTopicMember as m')
    .innerJoin('researchTopic as t', 't.id', 'm.topicId')
    .select(['m.deputyId', 't.id', 'm.role', 't.submittedAt'])
    .where('m.townId', '=', q.townId)
    .where('t.townId', '=', q.townId)
    .where('t.status', 'in', ['submitted', 'graded'])
    .where('t.submittedAt', '>=', q.utc.start)
    .where('t.submittedAt', '<', q.utc.end);
  if (q.deputyIds) qb = qb.where('m.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({
    deputyId: x.deputyId,
    metric: `research_${x.role}`,
    ref: recordRef('research', x.id),
    date: chinaDateOf(x.submittedAt as string),
  }));
}

async function researchGradeRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('researchTopicMember as m')
    .innerJoin('researchTopic as t', 't.id', 'm.topicId')
    .select(['m.deputyId', 't.id', 't.grade', 't.gradedAt'])
    .where('m.townId', '=', q.townId)
    .where('t.townId', '=', q.townId)
    .where('t.status', '=', 'graded')
    .where('t.grade', 'is not', null)
    .where('t.gradedAt', '>=', q.utc.start)
    .where('t.gradedAt', '<', q.utc.end);
  if (q.deputyIds) qb = qb.where('m.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({
    deputyId: x.deputyId,
    metric: `research_grade:${x.grade}`,
    ref: recordRef('research', x.id),
    date: chinaDateOf(x.gradedAt as string),
  }));
}

async function dutyReportRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('dutyReport')
    .select(['deputyId', 'id', 'heldOn'])
    .where('townId', '=', q.townId)
    .where('status', '=', 'closed')
    .where('heldOn', '>=', q.r.from)
    .where('heldOn', '<=', q.r.to);
  if (q.deputyIds) qb = qb.where('deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({ deputyId: x.deputyId, metric: 'duty_report_held', ref: recordRef('duty_report', x.id), date: x.heldOn }));
}

async function documentRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('documentRecipient as dr')
    .innerJoin('document as d', 'd.id', 'dr.documentId')
    .select(['dr.deputyId', 'd.id', 'dr.firstReadAt'])
    .where('dr.townId', '=', q.townId)
    .where('d.townId', '=', q.townId)
    .where('dr.firstReadAt', '>=', q.utc.start)
    .where('dr.firstReadAt', '<', q.utc.end);
  if (q.deputyIds) qb = qb.where('dr.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({ deputyId: x.deputyId, metric: 'document_read', ref: recordRef('document', x.id), date: chinaDateOf(x.firstReadAt as string) }));
}

async function motionRecords(q: Q): Promise<CountedRecord[]> {
  let qb = q.db
    .selectFrom('motionSponsor as ms')
    .innerJoin('motion as m', 'm.id', 'ms.motionId')
    .select(['ms.deputyId', 'm.id', 'm.submittedOn'])
    .where('ms.townId', '=', q.townId)
    .where('m.townId', '=', q.townId)
    .where('m.status', '!=', 'withdrawn')
    .where('m.submittedOn', '>=', q.r.from)
    .where('m.submittedOn', '<=', q.r.to);
  if (q.deputyIds) qb = qb.where('ms.deputyId', 'in', q.deputyIds);
  const rows = await qb.execute();
  return rows.map((x) => ({ deputyId: x.deputyId, metric: 'motion_sponsored', ref: recordRef('motion', x.id), date: x.submittedOn }));
}

const FAMILY_READERS: Record<string, (q: Q) => Promise<CountedRecord[]>> = {
  activity: activityRecords,
  session: sessionRecords,
  suggestion_lead: suggestionRecords,
  suggestion_co: suggestionRecords,
  suggestion_grade: suggestionGradeRecords,
  reception_on_duty: receptionRecords,
  research_lead: researchRecords,
  research_member: researchRecords,
  research_grade: researchGradeRecords,
  duty_report_held: dutyReportRecords,
  document_read: documentRecords,
  motion_sponsored: motionRecords,
};

/**
 * Every counted record of the asked metrics in the China dates [from, to], one query per reader (the
 * suggestion and research readers serve two metrics each). `deputyIds` narrows to some deputies (one
 * deputy's breakdown); `now` decides which activities have ended.
 */
export async function countedRecords(
  db: Kysely<DB>,
  townId: string,
  range: Range,
  metrics: readonly string[],
  opts: { deputyIds?: readonly string[]; now?: string } = {},
): Promise<CountedRecord[]> {
  const wanted = new Set(metrics);
  const readers = new Set<(q: Q) => Promise<CountedRecord[]>>();
  for (const f of familiesOf(metrics)) {
    const r = FAMILY_READERS[f];
    if (r) readers.add(r);
  }
  if (opts.deputyIds && opts.deputyIds.length === 0) return [];
  const q: Q = { db, townId, r: range, utc: chinaDateRange(range.from, range.to), now: opts.now ?? new Date().toISOString(), deputyIds: opts.deputyIds };
  const all = await Promise.all([...readers].map((read) => read(q)));
  return all.flat().filter((x) => wanted.has(x.metric));
}

/** Counted records per deputy and metric, record ids in a stable order. */
export function groupCounted(rows: readonly CountedRecord[]): Map<string, Record<string, MetricValue>> {
  const tmp = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    let byMetric = tmp.get(r.deputyId);
    if (!byMetric) tmp.set(r.deputyId, (byMetric = new Map()));
    const list = byMetric.get(r.metric);
    if (list) list.push(r.ref);
    else byMetric.set(r.metric, [r.ref]);
  }
  const out = new Map<string, Record<string, MetricValue>>();
  for (const [deputyId, byMetric] of tmp) {
    const rec: Record<string, MetricValue> = {};
    for (const [metric, refs] of byMetric) {
      const uniq = [...new Set(refs)].sort();
      rec[metric] = { count: uniq.length, recordIds: uniq };
    }
    out.set(deputyId, rec);
  }
  return out;
}

/** Per deputy, per metric: the count and the ids (`<kind>:<id>`) of the records counted in the range. */
export async function computeMetrics(
  db: Kysely<DB>,
  townId: string,
  range: Range,
  metrics: readonly string[],
  opts: { deputyIds?: readonly string[]; now?: string } = {},
): Promise<Map<string, Record<string, MetricValue>>> {
  return groupCounted(await countedRecords(db, townId, range, metrics, opts));
}

export type { RecordKind };
