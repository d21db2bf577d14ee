import type { z } from 'zod';
import type { ActivityCountsAs } from '../../db/schema.ts';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { chinaDateOf } from '../activities/activities.rules.ts';
import { COUNTS_AS } from '../activities/activities.schemas.ts';
import { documentDutyEntries } from '../documents/documents.duty.ts';
import { RESEARCH_GRADES } from '../research/research.rules.ts';
import { researchDutyEntries } from '../research/research.duty.ts';
import { receptionDutyEntries } from '../receptions/receptions.duty.ts';
import { suggestionDutyEntries } from '../suggestions/suggestions.duty.ts';
import { sessionDutyEntries, sessionDutyTotals } from '../sessions/sessions.duty.ts';
import { dutyReportDutyFacts } from '../duty-reports/duty-reports.duty.ts';
import { activityEntries, findDeputyInfo, groupsOfDeputy, presidiumSeats } from './duty-record.repo.ts';
import { type EntryStatus, attended, chinaMonthOf, entryStatus, periodCounts, yearRange } from './duty-record.rules.ts';
import type { DutyRecordQuery } from './duty-record.schemas.ts';

/**
 * A deputy's duty record for one China calendar year. Staff of the town read any deputy's (a liaison
 * only those of their own station, else 403); a deputy reads only their own — another deputy's answers
 * 404, as if it did not exist, so a deputy cannot even learn which ids are deputies.
 */
export async function dutyRecord(ctx: Ctx, deputyId: string, q: z.infer<typeof DutyRecordQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  if (p.role === 'deputy' && p.deputyId !== deputyId) throw new NotFoundError('代表');
  const d = await findDeputyInfo(ctx.db, townId, deputyId);
  if (!d) throw new NotFoundError('代表');
  if (p.role === 'liaison' && (p.stationId === null || d.stationId !== p.stationId)) throw new ForbiddenError('联络员只能查看本联络站代表的履职档案');

  const year = q.year ? Number(q.year) : Number(chinaDateOf(now.toISOString()).slice(0, 4));
  const range = yearRange(year);
  const [groups, seats, rows, reads, topics, onDuty, raised, congress, evaluation] = await Promise.all([
    groupsOfDeputy(ctx.db, townId, deputyId),
    presidiumSeats(ctx.db, townId, deputyId, `${year}-01-01`, `${year}-12-31`),
    activityEntries(ctx.db, townId, deputyId, range),
    documentDutyEntries(ctx.db, townId, deputyId, range),
    researchDutyEntries(ctx.db, townId, deputyId, range),
    receptionDutyEntries(ctx.db, townId, deputyId, range),
    suggestionDutyEntries(ctx.db, townId, deputyId, range),
    sessionDutyEntries(ctx.db, townId, deputyId, year),
    dutyReportDutyFacts(ctx.db, townId, deputyId, year),
  ]);

  const entries = rows.map((r) => ({
    source: 'activity' as const,
    id: r.id,
    code: r.code,
    date: chinaDateOf(r.startAt),
    startAt: r.startAt,
    endAt: r.endAt,
    title: r.title,
    kindName: r.kindName,
    countsAs: r.countsAs,
    place: r.place,
    status: entryStatus(r, r, now),
  }));
  const documents = reads.map((r) => ({ source: 'document' as const, id: r.id, code: r.code, date: chinaDateOf(r.readAt), title: r.title, category: r.category, sentAt: r.sentAt, readAt: r.readAt }));
  // A topic shows once a year: in the month of its report when the report is in this year, else in the
  // month of its claim (a topic claimed in December and reported in May shows in both years' records).
  const inYear = (at: string | null) => at !== null && at >= range.start && at < range.end;
  const reportedInYear = new Set(topics.filter((r) => inYear(r.submittedAt) && (r.status === 'submitted' || r.status === 'graded')).map((r) => r.id));
  const research = topics
    .map((r) => ({ r, at: inYear(r.submittedAt) ? r.submittedAt : r.claimedAt }))
    .filter((x): x is typeof x & { at: string } => x.at !== null && x.at >= range.start && x.at < range.end)
    .map(({ r, at }) => ({ source: 'research' as const, id: r.id, code: r.code, date: chinaDateOf(at), title: r.title, role: r.role, status: r.status, grade: r.grade, dueDate: r.dueDate }));
  const suggestions = raised.map((r) => ({ source: 'suggestion' as const, id: r.id, code: r.code, date: chinaDateOf(r.at), title: r.title, role: r.role, state: r.state, grade: r.grade, rating: r.rating }));
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const acts = entries.filter((e) => chinaMonthOf(e.startAt) === month);
    const docs = documents.filter((e) => Number(e.date.slice(5, 7)) === month);
    const res = research.filter((e) => Number(e.date.slice(5, 7)) === month);
    const recs = onDuty.filter((e) => Number(e.date.slice(5, 7)) === month);
    const sugs = suggestions.filter((e) => Number(e.date.slice(5, 7)) === month);
    const cong = [...congress.sessions, ...congress.motions].filter((e) => Number(e.date.slice(5, 7)) === month);
    // Within a month, by date; on one day activities first, then reading, then research.
    const all = [...acts, ...docs, ...res, ...recs, ...sugs, ...cong].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { month, entries: all, counts: { activities: periodCounts(acts.map((e) => e.status)), documentsRead: docs.length, research: res.length } };
  });
  // Grades count in the year of the report they grade.
  const byGrade = Object.fromEntries(RESEARCH_GRADES.map((g) => [g, research.filter((r) => r.grade === g && reportedInYear.has(r.id)).length])) as Record<(typeof RESEARCH_GRADES)[number], number>;

  const done = entries.filter((e) => attended(e.status));
  const attendedByCountsAs = Object.fromEntries(COUNTS_AS.map((c) => [c, 0])) as Record<ActivityCountsAs, number>;
  for (const e of done) attendedByCountsAs[e.countsAs]++;
  const totals = periodCounts(entries.map((e): EntryStatus => e.status));
  const seat = seats[0];

  return {
    year,
    deputy: {
      id: d.id,
      code: d.code,
      name: d.name,
      status: d.status,
      termNumber: d.termNumber,
      isTownLevel: d.isTownLevel === 1,
      isCountyLevel: d.isCountyLevel === 1,
      station: d.stationId ? { id: d.stationId, code: d.stationCode ?? '', name: d.stationName ?? '' } : null,
      groups,
      presidium: seat ? { position: seat.position, termNumber: seat.termNumber, startDate: seat.startDate, endDate: seat.endDate } : null,
    },
    months,
    totals: {
      activities: {
        ...totals,
        attended: totals.present + totals.late,
        trainings: attendedByCountsAs.training,
        inspections: attendedByCountsAs.inspection,
        research: attendedByCountsAs.research,
        attendedByCountsAs,
      },
      documentsRead: documents.length,
      receptions: { onDuty: onDuty.length, matters: onDuty.reduce((n, e) => n + e.matterCount, 0), visitors: onDuty.reduce((n, e) => n + e.visitorCount, 0) },
      suggestions: {
        lead: raised.filter((r) => r.role === 'lead').length,
        co: raised.filter((r) => r.role === 'co').length,
        replied: raised.filter((r) => r.replied).length,
        satisfied: raised.filter((r) => r.rating === 'satisfied').length,
      },
      ...sessionDutyTotals(congress),
      research: {
        topics: research.length,
        lead: research.filter((r) => r.role === 'lead').length,
        reported: reportedInYear.size,
        byGrade,
      },
    },
    trainingTopics: done.filter((e) => e.countsAs === 'training').map((e) => ({ id: e.id, title: e.title, date: e.date })),
    // 述职 and the year's peer / voter review scores (duty-reports.duty.ts).
    evaluation,
  };
}
