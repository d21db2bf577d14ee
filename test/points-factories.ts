import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { chinaDayStart } from '../src/server/modules/activities/activities.rules.ts';
import { newId } from '../src/server/lib/ids.ts';
import { nowIso } from '../src/server/lib/time.ts';
import { makeActivity, makeActivityKind, makeInvitation } from './factories.ts';

/*
 * Records the points scheme counts, straight in the tables (the tests of the points module care about
 * what is counted, not how each area's forms create it). Dates are China dates; times derive from them.
 */

/** A China date and hour as the stored UTC instant. */
export const at = (date: string, hour = 9) => new Date(Date.parse(chinaDayStart(date)) + hour * 3600_000).toISOString();

let seq = 0;
const code = (p: string) => `${p}${String(++seq).padStart(5, '0')}`;

export async function makeKind(db: Kysely<DB>, townId: string, countsAs: import('../src/server/db/schema.ts').ActivityCountsAs) {
  return makeActivityKind(db, townId, code('K'), `类别${seq}`, countsAs);
}

/** An activity held on a China date (09:00–11:00), its invitations with final marks. */
export async function heldActivity(
  db: Kysely<DB>,
  townId: string,
  kindId: string,
  date: string,
  marks: Record<string, 'present' | 'late' | 'absent' | 'on_leave' | 'leave_approved' | null>,
  over: { status?: 'planned' | 'held' | 'cancelled'; title?: string } = {},
) {
  const a = await makeActivity(db, townId, kindId, {
    startAt: at(date, 9),
    endAt: at(date, 11),
    status: over.status ?? 'held',
    title: over.title ?? `活动${date}`,
    code: code('A'),
  });
  for (const [deputyId, mark] of Object.entries(marks)) {
    if (mark === 'leave_approved') await makeInvitation(db, townId, a.id, deputyId, { leaveStatus: 'approved' });
    else await makeInvitation(db, townId, a.id, deputyId, { attendance: mark });
  }
  return a;
}

export async function makeSession(
  db: Kysely<DB>,
  townId: string,
  termId: string,
  startDate: string,
  roll: Record<string, 'expected' | 'present' | 'late' | 'on_leave' | 'absent'>,
) {
  const ts = nowIso();
  const s = {
    id: newId(),
    townId,
    code: code('S'),
    termId,
    number: ++seq,
    kind: 'ordinary' as const,
    startDate,
    endDate: startDate,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('congressSession').values(s).execute();
  const rows = Object.entries(roll).map(([deputyId, status]) => ({ sessionId: s.id, deputyId, townId, status }));
  if (rows.length) await db.insertInto('sessionAttendee').values(rows).execute();
  return s;
}

export async function makeMotion(
  db: Kysely<DB>,
  townId: string,
  sessionId: string,
  submittedOn: string,
  sponsors: Record<string, 'lead' | 'co'>,
  status: 'submitted' | 'withdrawn' = 'submitted',
) {
  const ts = nowIso();
  const m = {
    id: newId(),
    townId,
    sessionId,
    number: ++seq,
    proposerType: 'deputies' as const,
    subject: `议案${seq}`,
    submittedOn,
    status,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('motion').values(m).execute();
  await db
    .insertInto('motionSponsor')
    .values(Object.entries(sponsors).map(([deputyId, role]) => ({ motionId: m.id, deputyId, townId, role })))
    .execute();
  return m;
}

export async function makeSuggestion(
  db: Kysely<DB>,
  townId: string,
  submittedOn: string,
  sponsors: Record<string, 'lead' | 'co'>,
  over: { state?: string; grade?: string | null; repliedOn?: string | null; title?: string } = {},
) {
  const ts = nowIso();
  const s = {
    id: newId(),
    townId,
    code: code('2026-'),
    year: Number(submittedOn.slice(0, 4)),
    kind: 'suggestion' as const,
    title: over.title ?? `建议${seq}`,
    sourceType: 'deputy' as const,
    category: '其他',
    state: (over.state ?? 'registered') as 'registered',
    pending: null,
    submittedAt: at(submittedOn, 10),
    grade: over.grade ?? null,
    repliedOn: over.repliedOn ?? null,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('suggestion').values(s).execute();
  await db
    .insertInto('suggestionSponsor')
    .values(Object.entries(sponsors).map(([deputyId, role]) => ({ suggestionId: s.id, deputyId, townId, role })))
    .execute();
  return s;
}

export async function makeReception(db: Kysely<DB>, townId: string, stationId: string, date: string, deputyIds: string[]) {
  const ts = nowIso();
  const r = {
    id: newId(),
    townId,
    code: code('R'),
    stationId,
    date,
    startTime: null,
    endTime: null,
    activityId: null,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('reception').values(r).execute();
  await db
    .insertInto('receptionDeputy')
    .values(deputyIds.map((deputyId) => ({ receptionId: r.id, deputyId, townId })))
    .execute();
  return r;
}

export async function makeResearch(
  db: Kysely<DB>,
  townId: string,
  members: Record<string, 'lead' | 'member'>,
  over: { submittedOn?: string; gradedOn?: string; grade?: 'excellent' | 'good' | 'pass' | 'fail' } = {},
) {
  const ts = nowIso();
  const t = {
    id: newId(),
    townId,
    code: code('T'),
    year: 2026,
    title: `课题${seq}`,
    dueDate: '2026-12-31',
    status: (over.gradedOn ? 'graded' : over.submittedOn ? 'submitted' : 'claimed') as 'graded',
    claimantType: null,
    stationId: null,
    groupId: null,
    claimedAt: ts,
    claimedBy: null,
    reportFileId: null,
    submittedAt: over.submittedOn ? at(over.submittedOn) : null,
    submittedBy: null,
    grade: over.grade ?? null,
    gradedAt: over.gradedOn ? at(over.gradedOn) : null,
    gradedBy: null,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('researchTopic').values(t).execute();
  await db
    .insertInto('researchTopicMember')
    .values(Object.entries(members).map(([deputyId, role]) => ({ topicId: t.id, deputyId, townId, role })))
    .execute();
  return t;
}

export async function makeDutyReport(db: Kysely<DB>, townId: string, deputyId: string, heldOn: string, status: 'draft' | 'voting' | 'closed' = 'closed') {
  const ts = nowIso();
  const r = {
    id: newId(),
    townId,
    code: code('DR'),
    deputyId,
    year: Number(heldOn.slice(0, 4)),
    heldOn,
    stationId: null,
    reportFileId: null,
    bands: '[]',
    pollId: null,
    status,
    result: null,
    approval: null,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('dutyReport').values(r).execute();
  return r;
}

export async function makeReadDocument(db: Kysely<DB>, townId: string, deputyId: string, readOn: string) {
  const ts = nowIso();
  const d = {
    id: newId(),
    townId,
    code: code('W'),
    title: `资料${seq}`,
    category: 'study' as const,
    issueDate: null,
    fileId: null,
    activityId: null,
    status: 'sent' as const,
    sentAt: at(readOn, 8),
    sentBy: null,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('document').values(d).execute();
  await db
    .insertInto('documentRecipient')
    .values({ id: newId(), townId, documentId: d.id, deputyId, sentAt: at(readOn, 8), sentBy: null, firstReadAt: at(readOn, 12), lastReadAt: at(readOn, 12) })
    .execute();
  return d;
}

/** A closed review (peer or voter) with a poll whose overall counters rate the deputies. */
export async function makeClosedReview(
  db: Kysely<DB>,
  townId: string,
  stationId: string,
  kind: 'peer_review' | 'voter_review',
  period: string,
  counts: Record<string, { satisfied: number; basic: number; dissatisfied: number }>,
) {
  const ts = nowIso();
  const pollId = newId();
  await db
    .insertInto('poll')
    .values({
      id: pollId,
      townId,
      kind,
      title: `${period} 评议`,
      subjects: JSON.stringify(Object.keys(counts).map((k) => ({ id: k, name: k }))),
      questionnaire: JSON.stringify({ dimensions: [], scale: [] }),
      status: 'closed',
      createdAt: ts,
      updatedAt: ts,
    })
    .execute();
  const rows = Object.entries(counts).flatMap(([subjectId, c]) =>
    (['satisfied', 'basic', 'dissatisfied'] as const).map((answer) => ({ pollId, townId, subjectId, question: 'overall', answer, count: c[answer] })),
  );
  await db.insertInto('pollCount').values(rows).execute();
  const r = {
    id: newId(),
    townId,
    kind,
    stationId,
    period,
    pollId,
    scalePoints: JSON.stringify({ satisfied: 100, basic: 60, dissatisfied: 0 }),
    status: 'closed' as const,
    createdBy: null,
    createdAt: ts,
    updatedAt: ts,
  };
  await db.insertInto('deputyReview').values(r).execute();
  return r;
}
