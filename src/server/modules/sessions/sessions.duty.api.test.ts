import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';
import { makeRoll, makeSession } from '../../../../test/session-factories.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { sessionShortName } from './sessions.rules.ts';

/*
 * Congress sessions in a deputy's duty record (履职档案), on SQLite and (TEST_DB=postgres) PostgreSQL:
 * each session of the year on the deputy's roll is an entry with the roll mark, each motion they
 * sponsored is an entry with their role, and the totals count sessions attended / on leave / absent and
 * motions led / joined. Other years, other deputies and other towns stay out.
 */
let t: TestCtx;
let admin: Client;
let deputy: Client;
const url = (deputyId: string, year = 2026) => `/api/v1/deputies/${deputyId}/duty-record?year=${year}`;
let march: { id: string; number: number };
let june: { id: string; number: number };
let motionLead: string;
let motionCo: string;

beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
  deputy = await t.as('deputy');
  const { townA, termA, townB, termB, deputyA, deputyB } = t.world;
  const A = townA.id;
  const d2 = await makeDeputy(t.db, A, termA.id, { code: 'D002', name: '张秀英' });
  march = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2026-03-10', endDate: '2026-03-11' });
  const sept = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2026-09-01', endDate: '2026-09-01' });
  june = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2026-06-15', endDate: '2026-06-15' });
  const dec = await makeSession(t.db, A, termA.id, { status: 'preparing', startDate: '2026-12-28', endDate: '2026-12-29' });
  const lastYear = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2025-12-20', endDate: '2025-12-21' });
  const notOnRoll = await makeSession(t.db, A, termA.id, { status: 'closed', startDate: '2026-10-10', endDate: '2026-10-10' });
  const other = await makeSession(t.db, townB.id, termB.id, { status: 'closed', startDate: '2026-03-10', endDate: '2026-03-10' });
  await makeRoll(t.db, A, march.id, [deputyA.id, d2.id], ['late', 'present']);
  await makeRoll(t.db, A, june.id, [deputyA.id], 'on_leave');
  await makeRoll(t.db, A, sept.id, [deputyA.id], 'absent');
  await makeRoll(t.db, A, dec.id, [deputyA.id], 'expected');
  await makeRoll(t.db, A, lastYear.id, [deputyA.id], 'present');
  await makeRoll(t.db, A, notOnRoll.id, [d2.id], 'present');
  await makeRoll(t.db, townB.id, other.id, [deputyB.id], 'present');

  const ts = nowIso();
  const m = (sessionId: string, number: number, status: 'passed' | 'to_suggestion', submittedOn: string) => ({
    id: newId(),
    townId: A,
    sessionId,
    number,
    proposerType: 'deputies' as const,
    subject: `关于第${number}件事的议案`,
    submittedOn,
    status,
    createdAt: ts,
    updatedAt: ts,
  });
  const rows = [m(march.id, 1, 'passed', '2026-03-10'), m(march.id, 2, 'to_suggestion', '2026-03-10'), m(lastYear.id, 1, 'passed', '2025-12-20')];
  await t.db.insertInto('motion').values(rows).execute();
  motionLead = rows[0].id;
  motionCo = rows[1].id;
  await t.db
    .insertInto('motionSponsor')
    .values([
      { motionId: rows[0].id, deputyId: deputyA.id, townId: A, role: 'lead' },
      { motionId: rows[0].id, deputyId: d2.id, townId: A, role: 'co' },
      { motionId: rows[1].id, deputyId: d2.id, townId: A, role: 'lead' },
      { motionId: rows[1].id, deputyId: deputyA.id, townId: A, role: 'co' },
      { motionId: rows[2].id, deputyId: deputyA.id, townId: A, role: 'lead' },
    ])
    .execute();
});
afterAll(async () => t.close());

type Entry = { source: string; id: string; date: string; status?: string; role?: string; shortName?: string; session?: { shortName: string } };

function entriesOf(body: { months: { month: number; entries: Entry[] }[] }) {
  return body.months.flatMap((mo) => mo.entries.map((e) => ({ ...e, month: mo.month })));
}

describe('sessions and motions in the duty record', () => {
  it('lists the year sessions on the roll with the mark, and the motions sponsored, with totals', async () => {
    const res = await deputy.get(url(t.world.deputyA.id));
    expect(res.statusCode, res.body).toBe(200);
    const all = entriesOf(res.json());
    const sessions = all.filter((e) => e.source === 'session');
    expect(sessions.map((e) => [e.month, e.status])).toEqual([
      [3, 'late'],
      [6, 'on_leave'],
      [9, 'absent'],
      [12, 'expected'],
    ]);
    expect(sessions[0]).toMatchObject({ id: march.id, date: '2026-03-10', shortName: sessionShortName(18, march.number), endDate: '2026-03-11' });
    expect(sessions[1]).toMatchObject({ id: june.id, leaveReason: '公务' });
    const motions = all.filter((e) => e.source === 'motion');
    expect(motions.map((e) => [e.id, e.role, e.status])).toEqual([
      [motionLead, 'lead', 'passed'],
      [motionCo, 'co', 'to_suggestion'],
    ]);
    expect(motions[0].session?.shortName).toBe(sessionShortName(18, march.number));
    expect(res.json().totals.sessions).toEqual({ attended: 1, onLeave: 1, absent: 1 });
    expect(res.json().totals.motions).toEqual({ lead: 1, co: 1 });
  });

  it('keeps other years apart, and staff read it; another town 404', async () => {
    const last = await admin.get(url(t.world.deputyA.id, 2025));
    expect(last.statusCode).toBe(200);
    expect(last.json().totals.sessions).toEqual({ attended: 1, onLeave: 0, absent: 0 });
    expect(last.json().totals.motions).toEqual({ lead: 1, co: 0 });
    const none = await admin.get(url(t.world.deputyA.id, 2024));
    expect(none.json().totals).toMatchObject({ sessions: { attended: 0, onLeave: 0, absent: 0 }, motions: { lead: 0, co: 0 } });
    expect((await admin.get(url(t.world.deputyB.id))).statusCode).toBe(404);
    const b = await (await t.as('admin_b')).get(url(t.world.deputyB.id));
    expect(b.statusCode).toBe(200);
    expect(b.json().totals.sessions).toEqual({ attended: 1, onLeave: 0, absent: 0 });
    expect(entriesOf(b.json()).filter((e) => e.source === 'session')).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: url(t.world.deputyA.id) })).statusCode).toBe(401);
    expect((await (await t.as('handler')).get(url(t.world.deputyA.id))).statusCode).toBe(403);
  });
});
