import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../../../test/app.ts';
import { freshDatabase } from '../../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/kysely.ts';
import { isOverdue } from '../presidium-meetings/presidium-meetings.rules.ts';
import { idNumberProblem } from '../roster/deputy.rules.ts';
import { buildDemoCounty } from './demo.generator.ts';
import { DEMO_PASSWORD, type DemoLogin, seedDemo, seedDemoIfEmpty } from './demo.seed.ts';

let database: Database;
let app: FastifyInstance;
let logins: DemoLogin[] | null;
// The seed decides what has already happened by the clock (as `renda serve` does on first start).
let seededAt: Date;

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ db: database.db, engine: database.engine, config: { ...loadConfig({}), webDist: '/nonexistent' } });
  seededAt = new Date();
  logins = await seedDemoIfEmpty(database.db, seededAt);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Counted =
  | 'deputy'
  | 'auditEvent'
  | 'appUser'
  | 'town'
  | 'activity'
  | 'activityInvitation'
  | 'activitySeries'
  | 'presidiumMeeting'
  | 'presidiumDecision'
  | 'presidiumDecisionProgress'
  | 'document'
  | 'documentRecipient'
  | 'researchTopic'
  | 'researchTopicMember';

async function count(table: Counted) {
  const r = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('demo data', () => {
  // How long seeding takes is not asserted here (speed is measured by `npm run bench`, not by timed tests).
  it('loads the demo county into an empty database', async () => {
    expect(logins?.map((l) => l.username)).toEqual(['county', 'admin', 'liaison', 'deputy', 'handler', 'admin2']);
    expect(logins?.every((l) => l.password === DEMO_PASSWORD && l.note.length > 0)).toBe(true);
    const towns = await database.db
      .selectFrom('town')
      .innerJoin('county', 'county.id', 'town.countyId')
      .select(['town.code', 'town.name', 'county.name as county'])
      .orderBy('town.code')
      .execute();
    expect(towns).toEqual([
      { code: 'DEMO01', name: '青石镇', county: '云溪县' },
      { code: 'DEMO02', name: '白沙镇', county: '云溪县' },
    ]);
  });

  it('has 79 + about 45 deputies, every ID number valid', async () => {
    const rows = await database.db.selectFrom('deputy').innerJoin('town', 'town.id', 'deputy.townId').select(['town.code', 'deputy.idNumber']).execute();
    expect(rows.filter((r) => r.code === 'DEMO01')).toHaveLength(79);
    const second = rows.filter((r) => r.code === 'DEMO02').length;
    expect(second).toBeGreaterThanOrEqual(40);
    expect(second).toBeLessThanOrEqual(50);
    for (const r of rows) expect(idNumberProblem(r.idNumber ?? ''), r.idNumber ?? 'null').toBeNull();
  });

  it('every demo login works through the login API, in the right town and role', async () => {
    const expected: Record<string, { role: string; town: string }> = {
      county: { role: 'county_admin', town: 'DEMO01' },
      admin: { role: 'town_admin', town: 'DEMO01' },
      liaison: { role: 'liaison', town: 'DEMO01' },
      deputy: { role: 'deputy', town: 'DEMO01' },
      handler: { role: 'handler', town: 'DEMO01' },
      admin2: { role: 'town_admin', town: 'DEMO02' },
    };
    for (const l of logins ?? []) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: l.username, password: l.password } });
      expect(res.statusCode, l.username).toBe(200);
      const me = res.json();
      expect(me.user.role, l.username).toBe(expected[l.username].role);
      expect(me.town?.code, l.username).toBe(expected[l.username].town);
      expect(me.user.mustChangePassword).toBe(false);
    }
    const county = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'county', password: DEMO_PASSWORD } });
    expect(county.json().towns.map((t: { code: string }) => t.code)).toEqual(['DEMO01', 'DEMO02']);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password-1' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('links the role accounts to their deputy, unit and station', async () => {
    const rows = await database.db
      .selectFrom('appUser as u')
      .leftJoin('deputy as d', 'd.id', 'u.deputyId')
      .leftJoin('handlingUnit as h', 'h.id', 'u.unitId')
      .leftJoin('station as s', 's.id', 'u.stationId')
      .select(['u.username', 'd.name as deputy', 'h.name as unit', 's.kind as station'])
      .where('u.username', 'in', ['deputy', 'handler', 'liaison'])
      .orderBy('u.username')
      .execute();
    expect(rows[0].deputy).toBeTruthy();
    expect(rows[1].unit).toBe('民政办');
    expect(rows[2].station).toBe('studio');
  });

  it('a second seedDemoIfEmpty does nothing', async () => {
    const before = await Promise.all([count('deputy'), count('appUser'), count('town'), count('auditEvent')]);
    expect(await seedDemoIfEmpty(database.db)).toBeNull();
    expect(await Promise.all([count('deputy'), count('appUser'), count('town'), count('auditEvent')])).toEqual(before);
  });

  it("loads each town's year of activities, inviting only deputies of the town", async () => {
    const expected = buildDemoCounty(undefined, seededAt).documents;
    const rows = await database.db
      .selectFrom('activity as a')
      .innerJoin('town as t', 't.id', 'a.townId')
      .select(['t.code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('t.code')
      .orderBy('t.code')
      .execute();
    expect(rows.map((r) => [r.code, Number(r.n)])).toEqual(expected.map((d) => [d.town.code, d.activities?.length]));
    expect(await count('activitySeries')).toBe(expected.reduce((n, d) => n + (d.activitySeries?.length ?? 0), 0));
    expect(await count('activityInvitation')).toBe(expected.flatMap((d) => d.activities ?? []).reduce((n, a) => n + a.invitations.length, 0));
    const strangers = await database.db
      .selectFrom('activityInvitation as i')
      .innerJoin('activity as a', 'a.id', 'i.activityId')
      .innerJoin('deputy as d', 'd.id', 'i.deputyId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('d.townId', '!=', eb.ref('a.townId')), eb('i.townId', '!=', eb.ref('a.townId')), eb('d.status', '!=', 'serving')]))
      .executeTakeFirstOrThrow();
    expect(Number(strangers.n)).toBe(0);
  });

  it('records attendance only for activities that had ended when it was seeded', async () => {
    const marked = await database.db
      .selectFrom('activityInvitation as i')
      .innerJoin('activity as a', 'a.id', 'i.activityId')
      .select(['a.endAt', 'a.status'])
      .where((eb) => eb.or([eb('i.attendance', 'is not', null), eb('i.signedInAt', 'is not', null)]))
      .execute();
    expect(marked.length).toBeGreaterThan(0);
    for (const m of marked) {
      expect(Date.parse(m.endAt)).toBeLessThanOrEqual(seededAt.getTime());
      expect(m.status).toBe('held');
    }
    const heldLater = await database.db
      .selectFrom('activity')
      .select('code')
      .where('status', '=', 'held')
      .where('startAt', '>', seededAt.toISOString())
      .execute();
    expect(heldLater).toEqual([]);
  });

  it("周红静's duty record, her station's monthly board and the town's statistics have a year of data", async () => {
    const deputy = await login(app, 'deputy', DEMO_PASSWORD);
    const me = (await deputy.get('/api/v1/auth/me')).json();
    const record = await deputy.get(`/api/v1/deputies/${me.user.deputyId}/duty-record?year=2026`);
    expect(record.statusCode).toBe(200);
    const totals = record.json().totals.activities;
    expect(totals.trainings).toBeGreaterThanOrEqual(4);
    for (const k of ['present', 'late', 'onLeave', 'absent']) expect(totals[k], k).toBeGreaterThan(0);
    expect(record.json().trainingTopics.length).toBe(totals.trainings);
    expect(record.json().months.filter((m: { entries: unknown[] }) => m.entries.length > 0)).toHaveLength(12);

    const liaison = await login(app, 'liaison', DEMO_PASSWORD);
    const station = (await liaison.get('/api/v1/auth/me')).json().user.stationId;
    const board = await liaison.get(`/api/v1/stations/${station}/board?month=2026-10`);
    expect(board.statusCode).toBe(200);
    expect(board.json().rows.length).toBeGreaterThan(50);
    expect(board.json().totals.activities).toBeGreaterThanOrEqual(5);
    expect(board.json().totals.rate).toBeGreaterThan(0.75);

    const admin = await login(app, 'admin', DEMO_PASSWORD);
    const stats = (await admin.get('/api/v1/activities/stats?from=2026-01-01&to=2026-10-31')).json();
    expect(stats.totals.activities).toBeGreaterThan(50);
    expect(stats.totals.rate).toBeGreaterThanOrEqual(0.85);
    expect(stats.totals.rate).toBeLessThanOrEqual(0.92);
  });

  it("the liaison has leave requests to decide on the station's coming days", async () => {
    const liaison = await login(app, 'liaison', DEMO_PASSWORD);
    const station = (await liaison.get('/api/v1/auth/me')).json().user.stationId;
    const coming = await database.db
      .selectFrom('activity')
      .select('id')
      .where('stationId', '=', station)
      .where('status', '=', 'planned')
      .where('startAt', '>', seededAt.toISOString())
      .execute();
    const requests = (await liaison.get('/api/v1/activities/leave-requests?status=requested&pageSize=100')).json();
    const ids = new Set(coming.map((c) => c.id));
    // Seeded after the demo year (February 2027 on) nothing is coming and there is nothing to decide.
    expect(requests.items.some((r: { activityId: string }) => ids.has(r.activityId))).toBe(coming.length > 0);
    expect(requests.items.every((r: { startAt: string }) => Date.parse(r.startAt) > seededAt.getTime())).toBe(true);
  });

  it('loads the meetings, documents with their receipts and research topics the generator made, each in its town', async () => {
    const expected = buildDemoCounty(undefined, seededAt).documents;
    const perTown = async (table: 'presidiumMeeting' | 'presidiumDecision' | 'document' | 'documentRecipient' | 'researchTopic') => {
      const rows = await database.db
        .selectFrom(table)
        .innerJoin('town as t', 't.id', `${table}.townId`)
        .select(['t.code', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('t.code')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
    };
    const want = (f: (d: (typeof expected)[number]) => number) => Object.fromEntries(expected.map((d) => [d.town.code, f(d)]).filter(([, n]) => n));
    expect(await perTown('presidiumMeeting')).toEqual(want((d) => d.presidiumMeetings?.length ?? 0));
    expect(await perTown('presidiumDecision')).toEqual(want((d) => (d.presidiumMeetings ?? []).reduce((n, m) => n + m.decisions.length, 0)));
    expect(await perTown('document')).toEqual(want((d) => d.documents?.length ?? 0));
    expect(await perTown('documentRecipient')).toEqual(want((d) => (d.documents ?? []).reduce((n, x) => n + x.recipients.length, 0)));
    expect(await perTown('researchTopic')).toEqual(want((d) => d.researchTopics?.length ?? 0));

    // Every meeting is linked to a presidium-meeting activity of its own town.
    const links = await database.db
      .selectFrom('presidiumMeeting as m')
      .innerJoin('activity as a', 'a.id', 'm.activityId')
      .innerJoin('activityKind as k', 'k.id', 'a.kindId')
      .select(['a.townId', 'm.townId as meetingTown', 'k.code'])
      .execute();
    expect(links.length).toBe(await count('presidiumMeeting'));
    expect(links.every((l) => l.townId === l.meetingTown && l.code === 'presidium_meeting')).toBe(true);

    // Receipts only from recipients of the document's town, after the sending and before the seeding moment.
    const receipts = await database.db
      .selectFrom('documentRecipient as r')
      .innerJoin('document as d', 'd.id', 'r.documentId')
      .innerJoin('deputy as p', 'p.id', 'r.deputyId')
      .select(['r.firstReadAt', 'r.lastReadAt', 'r.lastRemindedAt', 'd.sentAt', 'd.townId', 'p.townId as deputyTown', 'r.townId as receiptTown'])
      .execute();
    expect(receipts.filter((r) => r.firstReadAt).length).toBeGreaterThan(0);
    for (const r of receipts) {
      expect(r.townId === r.deputyTown && r.townId === r.receiptTown).toBe(true);
      for (const t of [r.firstReadAt, r.lastReadAt, r.lastRemindedAt])
        if (t) expect(t > (r.sentAt as string) && Date.parse(t) <= seededAt.getTime()).toBe(true);
    }
  });

  it('周红静 sees her documents and research topic, and her duty record lists what she read and worked on', async () => {
    const expected = buildDemoCounty(undefined, seededAt).documents[0];
    const code = expected.users?.find((u) => u.username === 'deputy')?.deputy;
    const receipts = (expected.documents ?? []).flatMap((d) => d.recipients.filter((r) => r.deputy === code));
    const deputy = await login(app, 'deputy', DEMO_PASSWORD);
    const me = (await deputy.get('/api/v1/auth/me')).json();

    const docs = (await deputy.get('/api/v1/documents/mine?pageSize=50')).json();
    expect(docs.counts).toEqual({
      total: receipts.length,
      unread: receipts.filter((r) => !r.firstReadAt).length,
      reminded: receipts.filter((r) => !r.firstReadAt && r.remindedCount > 0).length,
    });
    const topics = (await deputy.get('/api/v1/research-topics/mine?year=2026')).json();
    const mine = (expected.researchTopics ?? []).filter((t) => t.members.some((m) => m.deputy === code));
    expect(topics.items.map((t: { code: string }) => t.code)).toEqual(mine.map((t) => t.code));

    const record = (await deputy.get(`/api/v1/deputies/${me.user.deputyId}/duty-record?year=2026`)).json();
    // The China year 2026 as UTC instants.
    const inYear = (t: string | null) => t !== null && t >= '2025-12-31T16:00:00.000Z' && t < '2026-12-31T16:00:00.000Z';
    expect(record.totals.documentsRead).toBe(receipts.filter((r) => inYear(r.firstReadAt)).length);
    expect(record.totals.research.topics).toBe(mine.filter((t) => inYear(t.claimedAt) || inYear(t.submittedAt)).length);
    const entries = record.months.flatMap((m: { entries: { source: string }[] }) => m.entries);
    expect(entries.filter((e: { source: string }) => e.source === 'document')).toHaveLength(record.totals.documentsRead);
    expect(entries.filter((e: { source: string }) => e.source === 'research')).toHaveLength(record.totals.research.topics);
    // Seeded in late 2026 or later, she has read several documents, left one unread though reminded, and works on a topic.
    if (seededAt >= new Date('2026-11-21T00:00:00+08:00')) {
      expect(record.totals.documentsRead).toBeGreaterThanOrEqual(2);
      expect(docs.counts.unread).toBe(1);
      expect(docs.counts.reminded).toBe(1);
      expect(record.totals.research.topics).toBe(1);
    }
  });

  it('the decision tracking page counts the overdue decisions of the town', async () => {
    const expected = buildDemoCounty(undefined, seededAt).documents;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const [username, doc] of [
      ['admin', expected[0]],
      ['admin2', expected[1]],
    ] as const) {
      const admin = await login(app, username, DEMO_PASSWORD);
      const page = (await admin.get('/api/v1/presidium-decisions?status=active&pageSize=100')).json();
      const decisions = (doc.presidiumMeetings ?? []).flatMap((m) => m.decisions);
      expect(page.summary.overdue, username).toBe(decisions.filter((d) => isOverdue(d, today)).length);
      expect(page.summary.done).toBe(decisions.filter((d) => d.status === 'done').length);
      expect(page.total).toBe(decisions.filter((d) => d.status === 'open' || d.status === 'in_progress').length);
    }
  });

  it('seeding again at the same moment changes no activity, meeting, document or topic', async () => {
    const tables: Counted[] = [
      'activity',
      'activityInvitation',
      'activitySeries',
      'presidiumMeeting',
      'presidiumDecisionProgress',
      'documentRecipient',
      'researchTopicMember',
    ];
    const before = await Promise.all(tables.map(count));
    const events = () =>
      database.db
        .selectFrom('auditEvent')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity', 'in', ['activity', 'activity_series', 'activity_kind', 'presidium_meeting', 'document', 'research_topic'])
        .executeTakeFirstOrThrow();
    const eventsBefore = Number((await events()).n);
    await seedDemo(database.db, seededAt);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(Number((await events()).n)).toBe(eventsBefore);
  });

  // Last: it moves the demo on to a later year (as `renda seed-demo` run again would).
  it('seeding again later moves meetings, receipts and topics on through the importer', async () => {
    const later = new Date('2030-01-01T00:00:00Z');
    await seedDemo(database.db, later);
    const expected = buildDemoCounty(undefined, later).documents;
    const decisions = await database.db.selectFrom('presidiumDecision').select('status').execute();
    expect(decisions.length).toBe(expected.flatMap((d) => (d.presidiumMeetings ?? []).flatMap((m) => m.decisions)).length);
    expect(decisions.every((d) => d.status === 'done' || d.status === 'cancelled')).toBe(true);
    expect(await count('documentRecipient')).toBe(expected.flatMap((d) => (d.documents ?? []).flatMap((x) => x.recipients)).length);
    const topics = await database.db.selectFrom('researchTopic').select('status').execute();
    expect(topics.map((t) => t.status).sort()).toEqual(expected.flatMap((d) => (d.researchTopics ?? []).map((t) => t.status)).sort());
  });
});
