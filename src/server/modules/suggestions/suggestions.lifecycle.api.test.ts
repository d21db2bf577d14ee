import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeUnit, makeUser } from '../../../../test/factories.ts';
import { newId } from '../../lib/ids.ts';
import { todayInChina } from '../../lib/time.ts';
import { addDays, addMonths } from '../../lib/working-days.ts';

/*
 * The lifecycle through the API, on SQLite and (TEST_DB=postgres) PostgreSQL: every action route's
 * 401/400/403/404/409, the whole walk from submission to closing with its events, the return window on
 * the town's holiday calendar (the clock is set with vi.setSystemTime, Date only), extensions and
 * their 6-month bound, merging, and that a refused action changes nothing.
 */
let t: TestCtx;
let admin: Client;
let deputy: Client;
let handler: Client;
let coHandler: Client;
let adminB: Client;
let deputy2: { id: string };
let coUnit: { id: string };
let closedUnit: { id: string };
const URL = '/api/v1/suggestions';

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, stationA, county } = t.world;
  deputy2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', stationId: stationA.id });
  coUnit = await makeUnit(t.db, townA.id, 'U002', '甲镇交通办');
  closedUnit = await makeUnit(t.db, townA.id, 'U003', '已撤并的办公室');
  await t.db.updateTable('handlingUnit').set({ active: 0 }).where('id', '=', closedUnit.id).execute();
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'handler', username: 'handler_co', unitId: coUnit.id });
  admin = await t.as('town_admin');
  deputy = await t.as('deputy');
  handler = await t.as('handler');
  coHandler = await login(t.app, 'handler_co');
  adminB = await t.as('admin_b');
});
afterAll(async () => t.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Set the server's clock to a China date (10:00 there); only Date is faked, timers run as usual. */
function setToday(date: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T02:00:00Z`));
}

type S = { id: string; version: number; state: string; [k: string]: any };

async function create(over: Record<string, unknown> = {}, c: Client = admin): Promise<S> {
  const res = await c.post(URL, {
    kind: 'suggestion',
    title: '修复村口路灯',
    content: '村口路灯不亮',
    category: '城建',
    sourceType: 'deputy',
    leadDeputyId: t.world.deputyA.id,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const act = (c: Client, s: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
  c.post(`${URL}/${s.id}/actions/${action}`, { version: s.version, ...body });

async function ok(c: Client, s: { id: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<S> {
  const res = await act(c, s, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

async function registered(over: Record<string, unknown> = {}) {
  const s = await create({ submit: true, ...over });
  return ok(admin, s, 'register');
}

async function assigned(over: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
  return ok(admin, await registered(over), 'assign', { leadUnitId: t.world.unitA.id, ...body });
}

const row = (id: string) => t.db.selectFrom('suggestion').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const counts = async () =>
  Promise.all(
    (['suggestionEvent', 'auditEvent', 'suggestionRequest', 'suggestionReply', 'suggestionRating', 'suggestionUnit', 'notification'] as const).map(
      async (table) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
    ),
  );
const notified = (userId: string, entityId: string) =>
  t.db.selectFrom('notification').select(['kind', 'title']).where('userId', '=', userId).where('entityId', '=', entityId).orderBy('createdAt').execute();

describe('every action route', () => {
  const ACTIONS = [
    'submit',
    'register',
    'not-accept',
    'withdraw',
    'merge',
    'assign',
    'start',
    'consult',
    'request-return',
    'decide-return',
    'request-extension',
    'decide-extension',
    'reply',
    'rate',
    'close',
    'key',
    'publish',
  ];
  // Who may not call each route at all (the role check, before anything is loaded).
  const OUTSIDE: Record<string, string> = {
    submit: 'handler',
    register: 'liaison',
    'not-accept': 'deputy',
    withdraw: 'liaison',
    merge: 'handler',
    assign: 'handler',
    start: 'town_admin',
    consult: 'deputy',
    'request-return': 'town_admin',
    'decide-return': 'handler',
    'request-extension': 'deputy',
    'decide-extension': 'liaison',
    reply: 'deputy',
    rate: 'handler',
    close: 'deputy',
    key: 'liaison',
    publish: 'handler',
  };

  const HANDLER_ONLY = ['start', 'request-return', 'request-extension'];
  const VALID: Record<string, Record<string, unknown>> = {
    'not-accept': { reason: '个人事项' },
    merge: { intoId: newId() },
    assign: { leadUnitId: t0() },
    consult: { heldOn: '2026-11-01', method: 'face', stage: 'before', note: '面商' },
    'decide-return': { approved: true },
    'decide-extension': { approved: true },
    reply: { grade: 'A', content: '答复' },
    rate: { attitude: 'satisfied', result: 'satisfied' },
    key: { key: true },
    publish: { published: false },
  };
  function t0() {
    return newId();
  }

  it('401 without a session, 403 for a role outside the route, 404 for another town, 400 without a version', async () => {
    const s = await create();
    for (const a of ACTIONS) {
      const url = `${URL}/${s.id}/actions/${a}`;
      expect((await anon(t.app).post(url, { version: 1 })).statusCode, a).toBe(401);
      expect((await (await t.as(OUTSIDE[a] as 'handler')).post(url, { version: 1 })).statusCode, a).toBe(403);
      if (HANDLER_ONLY.includes(a)) continue;
      // Another town's admin, on a route admins may call, with a body that passes validation: 404.
      const other = await adminB.post(url, { version: 1, ...VALID[a] });
      expect(other.statusCode, `${a}: ${other.body}`).toBe(404);
      const bad = await admin.post(url, {});
      expect(bad.statusCode, a).toBe(400);
      expect(
        bad.json().details.issues.map((i: { field: string }) => i.field),
        a,
      ).toContain('body.version');
    }
  });

  it('403 for a caller in the role but without the part: a co-sponsor submitting, the co-office replying', async () => {
    await makeUser(t.db, { countyId: t.world.county.id, townId: t.world.townA.id, role: 'deputy', username: 'deputy_co', deputyId: deputy2.id });
    const coDeputy = await login(t.app, 'deputy_co');
    const draft = await create({ coSponsorIds: [deputy2.id] });
    expect((await act(coDeputy, draft, 'submit')).statusCode).toBe(403);
    const s = await assigned({}, { coUnitIds: [coUnit.id] });
    expect((await act(coHandler, s, 'reply', { grade: 'A', content: '已修复' })).statusCode).toBe(403);
    expect((await act(coHandler, s, 'start')).statusCode).toBe(403);
    const consulted = await ok(coHandler, s, 'consult', { heldOn: todayInChina(), method: 'phone', stage: 'before', note: '电话联系代表' });
    expect(consulted.state).toBe('handling');
    expect(consulted.consultations[0]).toMatchObject({ unit: { id: coUnit.id, name: '甲镇交通办' }, method: 'phone', createdByName: 'handler_co' });
  });
});

describe('the whole walk', () => {
  it('submit → register → assign → consult → reply B → dissatisfied → re-handling → reply → rate → following → close, every step an event', async () => {
    let s = await create({ leadDeputyId: undefined, sourceType: 'deputy', coSponsorIds: [deputy2.id] }, deputy);
    s = await ok(deputy, s, 'submit');
    expect(await notified(t.world.users.town_admin.id, s.id)).toEqual([expect.objectContaining({ kind: 'suggestion.submitted' })]);
    s = await ok(admin, s, 'register');
    expect((await admin.get(`${URL}/${s.id}`)).json().actions).toEqual(['edit', 'withdraw', 'merge', 'assign', 'key']);

    const today = todayInChina();
    s = await ok(admin, s, 'assign', { leadUnitId: t.world.unitA.id, coUnitIds: [coUnit.id] });
    expect(s).toMatchObject({
      state: 'assigned',
      assignedOn: today,
      dueDate: addMonths(today, 3),
      latestDueDate: addMonths(today, 6),
      leadUnit: { id: t.world.unitA.id },
      coUnits: [{ id: coUnit.id, name: '甲镇交通办' }],
      due: { overdue: false, dueSoon: false },
    });
    expect(s.returnDeadline > today).toBe(true);
    expect((await notified(t.world.users.handler.id, s.id)).map((n) => n.kind)).toEqual(['suggestion.assigned']);

    const seen = (await handler.get(`${URL}/${s.id}`)).json();
    expect(seen.actions).toEqual(['start', 'consult', 'request-return', 'request-extension', 'reply']);
    s = await ok(handler, seen, 'consult', { heldOn: today, method: 'face', stage: 'before', note: '与代表当面商量办理方案' });
    expect(s.state).toBe('handling');

    s = await ok(handler, s, 'reply', { grade: 'B', content: '已列入明年改造计划' });
    expect(s).toMatchObject({ state: 'replied', grade: 'B', repliedOn: today, followUp: true });
    expect(s.replies).toEqual([
      expect.objectContaining({ round: 1, grade: 'B', gradeLabel: '正在解决或列入规划', onTime: true, unit: { id: t.world.unitA.id, name: '甲镇民政办' } }),
    ]);
    expect((await notified(t.world.users.deputy.id, s.id)).map((n) => n.kind)).toEqual(['suggestion.replied']);
    expect((await deputy.get(`${URL}/${s.id}`)).json().actions).toEqual(['rate']);

    s = await ok(deputy, s, 'rate', { attitude: 'satisfied', result: 'dissatisfied', comment: '希望尽快落实' });
    expect(s).toMatchObject({ state: 'rehandling', round: 2, rating: 'dissatisfied', dueDate: addDays(today, 30) });
    expect(s.ratings).toEqual([
      expect.objectContaining({ round: 1, deputy: { id: t.world.deputyA.id, name: '李明华' }, attitude: 'satisfied', result: 'dissatisfied' }),
    ]);
    expect((await notified(t.world.users.handler.id, s.id)).map((n) => n.kind)).toEqual(['suggestion.assigned', 'suggestion.rehandle']);
    // No return during re-handling.
    expect((await handler.get(`${URL}/${s.id}`)).json().actions).toEqual(['consult', 'request-extension', 'reply']);

    s = await ok(handler, s, 'reply', { grade: 'B', content: '已完成设计，下月施工' });
    expect(s.replies.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    s = await ok(deputy, s, 'rate', { attitude: 'satisfied', result: 'basically' });
    expect(s).toMatchObject({ state: 'following', round: 2, rating: 'basically' });
    s = await ok(admin, s, 'close', { note: '施工完成' });
    expect(s.state).toBe('closed');
    expect(s.actions).toEqual(['publish']);

    expect(s.events.map((e: { type: string; fromState: string | null; toState: string }) => [e.type, e.fromState, e.toState])).toEqual([
      ['create', null, 'draft'],
      ['submit', 'draft', 'submitted'],
      ['register', 'submitted', 'registered'],
      ['assign', 'registered', 'assigned'],
      ['consult', 'assigned', 'handling'],
      ['reply', 'handling', 'replied'],
      ['rate', 'replied', 'rehandling'],
      ['reply', 'rehandling', 'replied'],
      ['rate', 'replied', 'following'],
      ['close', 'following', 'closed'],
    ]);
    expect(s.events[3].data).toMatchObject({ leadUnit: { id: t.world.unitA.id }, coUnits: [{ id: coUnit.id }], dueDate: addMonths(today, 3) });
    expect(s.events.every((e: { actorName: string }) => e.actorName)).toBe(true);
    const r = await row(s.id);
    expect(r.closedAt).not.toBeNull();
    const audits = await t.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'suggestion')
      .where('entityId', '=', s.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'submit', 'register', 'assign', 'consult', 'reply', 'rate', 'reply', 'rate', 'close']);
    // The handler still sees what their office answered; the published result needs a public answer.
    expect((await act(admin, s, 'publish', { published: true })).json().details.issues[0].field).toBe('body.publicAnswer');
    s = await ok(admin, s, 'publish', { published: true, publicAnswer: '路灯已修复' });
    expect(s).toMatchObject({ published: true, publicAnswer: '路灯已修复' });
  });

  it('admins may reply for the office; rate on behalf only for items not raised by a deputy', async () => {
    const own = await assigned();
    const replied = await ok(admin, own, 'reply', { grade: 'A', content: '已修复' });
    expect((await act(admin, replied, 'rate', { attitude: 'satisfied', result: 'satisfied' })).statusCode).toBe(403);
    const portal = await assigned({ sourceType: 'visit', leadDeputyId: null });
    const r2 = await ok(admin, portal, 'reply', { grade: 'A', content: '已修复' });
    const rated = await ok(admin, r2, 'rate', { attitude: 'satisfied', result: 'satisfied' });
    expect(rated).toMatchObject({ state: 'closed' });
    expect(rated.ratings[0].deputy).toBeNull();
  });

  it('intake: not accepted with a reason, withdrawn by the lead deputy, key supervision on and off', async () => {
    const s = await create({ submit: true });
    expect((await act(admin, s, 'not-accept', {})).json().details.issues[0].field).toBe('body.reason');
    const refused = await ok(admin, s, 'not-accept', { reason: '属于个人诉求' });
    expect(refused).toMatchObject({ state: 'not_accepted', notAcceptedReason: '属于个人诉求', actions: [] });
    expect((await notified(t.world.users.deputy.id, s.id)).map((n) => n.kind)).toEqual(['suggestion.not_accepted']);

    const d = await create({ submit: true, leadDeputyId: undefined }, deputy);
    const w = await ok(deputy, d, 'withdraw', { reason: '已自行解决' });
    expect(w.state).toBe('withdrawn');
    expect(w.events.at(-1)).toMatchObject({ type: 'withdraw', note: '已自行解决' });

    let k = await registered();
    k = await ok(admin, k, 'key', { key: true, note: '主席团重点督办' });
    expect(k).toMatchObject({ keySupervision: true, keyNote: '主席团重点督办', state: 'registered' });
    expect(k.events.at(-1)).toMatchObject({ type: 'key', fromState: 'registered', toState: 'registered' });
    k = await ok(admin, k, 'key', { key: false });
    expect(k).toMatchObject({ keySupervision: false, keyNote: '' });
    const draft = await create();
    expect((await act(admin, draft, 'key', { key: true })).json().code).toBe('INVALID_TRANSITION');
  });
});

describe('assignment rules', () => {
  it('400 naming the field: unknown, inactive or repeated offices; a due date past 6 months or before today', async () => {
    const s = await registered();
    const today = todayInChina();
    const cases: [Record<string, unknown>, string][] = [
      [{ leadUnitId: t.world.unitB.id }, 'body.leadUnitId'],
      [{ leadUnitId: closedUnit.id }, 'body.leadUnitId'],
      [{ leadUnitId: t.world.unitA.id, coUnitIds: [t.world.unitA.id] }, 'body.coUnitIds'],
      [{ leadUnitId: t.world.unitA.id, coUnitIds: [newId()] }, 'body.coUnitIds'],
      [{ leadUnitId: t.world.unitA.id, dueDate: addDays(addMonths(today, 6), 1) }, 'body.dueDate'],
      [{ leadUnitId: t.world.unitA.id, dueDate: today }, 'body.dueDate'],
    ];
    for (const [body, field] of cases) {
      const res = await act(admin, s, 'assign', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    expect((await act(admin, s, 'assign', { leadUnitId: t.world.unitA.id, dueDate: addDays(addMonths(today, 6), 1) })).json().message).toContain('最长 6 个月');
    const a = await ok(admin, s, 'assign', { leadUnitId: t.world.unitA.id, dueDate: addMonths(today, 6) });
    expect(a.dueDate).toBe(addMonths(today, 6));
  });

  it('a reply grade outside the town’s set is refused by field; a reply date in the future too', async () => {
    const s = await assigned();
    expect((await act(handler, s, 'reply', { grade: 'E', content: '答复' })).json().details.issues[0]).toEqual({
      field: 'body.grade',
      message: '答复等次应为：A、B、C、D',
    });
    expect((await act(handler, s, 'reply', { grade: 'A', content: '答复', repliedOn: addDays(todayInChina(), 1) })).json().details.issues[0].field).toBe(
      'body.repliedOn',
    );
    expect(
      (await act(handler, s, 'consult', { heldOn: addDays(todayInChina(), 1), method: 'face', stage: 'before', note: '面商' })).json().details.issues[0].field,
    ).toBe('body.heldOn');
  });
});

describe('return window on the town’s holiday calendar', () => {
  beforeAll(async () => {
    const res = await admin.put('/api/v1/holidays/2026', {
      items: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']
        .map((date) => ({ date, kind: 'holiday', name: '国庆节' }))
        .concat([
          { date: '2026-09-27', kind: 'workday', name: '国庆调休' },
          { date: '2026-10-10', kind: 'workday', name: '国庆调休' },
        ]),
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('within 7 working days (holidays skipped): the request waits; approval sends it back to registered without offices', async () => {
    setToday('2026-09-29');
    const s = await assigned();
    expect(s).toMatchObject({ assignedOn: '2026-09-29', returnDeadline: '2026-10-14', dueDate: '2026-12-29' });
    setToday('2026-10-14');
    const seen = (await handler.get(`${URL}/${s.id}`)).json();
    expect(seen.actions).toContain('request-return');
    expect((await act(handler, seen, 'request-return', {})).json().details.issues[0].field).toBe('body.reason');
    const asked = await ok(handler, seen, 'request-return', { reason: '不属于本单位职责' });
    expect(asked).toMatchObject({ pending: 'return', state: 'assigned' });
    expect(asked.requests).toEqual([
      expect.objectContaining({
        kind: 'return',
        reason: '不属于本单位职责',
        decision: null,
        requestedByName: 'handler_a',
        unit: { id: t.world.unitA.id, name: '甲镇民政办' },
      }),
    ]);
    expect(asked.actions).toEqual([]);
    expect((await notified(t.world.users.town_admin.id, s.id)).map((n) => n.kind)).toEqual(['suggestion.submitted', 'suggestion.request']);
    expect(((await admin.get(`${URL}?pending=return`)).json().items as { id: string }[]).map((i) => i.id)).toEqual([s.id]);
    // While the return waits, the office cannot reply.
    expect((await act(handler, asked, 'reply', { grade: 'A', content: 'x' })).json().code).toBe('INVALID_TRANSITION');

    const back = await ok(admin, asked, 'decide-return', { approved: true, note: '改交交通办' });
    expect(back).toMatchObject({ state: 'registered', pending: null, units: [], leadUnit: null, assignedOn: null, dueDate: null, due: null });
    expect(back.requests[0]).toMatchObject({ decision: 'approved', decisionNote: '改交交通办' });
    expect((await notified(t.world.users.handler.id, s.id)).map((n) => n.kind)).toEqual(['suggestion.assigned', 'suggestion.decision']);
    // The office no longer holds it and never replied: it is gone from its view.
    expect((await handler.get(`${URL}/${s.id}`)).statusCode).toBe(404);
    const again = await ok(admin, back, 'assign', { leadUnitId: coUnit.id });
    expect(again.leadUnit.id).toBe(coUnit.id);
  });

  it('a refused return leaves the item with the office', async () => {
    setToday('2026-09-29');
    const s = await assigned();
    const asked = await ok(handler, s, 'request-return', { reason: '不属于本单位职责' });
    const kept = await ok(admin, asked, 'decide-return', { approved: false, note: '属于本单位职责' });
    expect(kept).toMatchObject({ state: 'assigned', pending: null, leadUnit: { id: t.world.unitA.id }, dueDate: '2026-12-29' });
    expect(kept.requests[0].decision).toBe('refused');
  });

  it('after the window: not offered, and asking answers 409 INVALID_TRANSITION with nothing written', async () => {
    setToday('2026-09-29');
    const s = await assigned();
    setToday('2026-10-15');
    const seen = (await handler.get(`${URL}/${s.id}`)).json();
    expect(seen.actions).not.toContain('request-return');
    const before = [await row(s.id), await counts()];
    const res = await act(handler, seen, 'request-return', { reason: '不属于本单位职责' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', message: '申请退回应在交办后 7 个工作日内（截至 2026-10-14）提出' });
    expect([await row(s.id), await counts()]).toEqual(before);
  });
});

describe('extensions', () => {
  it('beyond 6 months from assignment is refused by field; within it waits for approval, which moves the due date', async () => {
    const s = await assigned();
    const latest = s.latestDueDate;
    const far = await act(handler, s, 'request-extension', { reason: '需要招标', requestedDue: addDays(latest, 1) });
    expect(far.statusCode).toBe(400);
    expect(far.json().details.issues[0]).toEqual({ field: 'body.requestedDue', message: `办理期限自交办之日起最长 6 个月，最晚为 ${latest}` });
    expect((await act(handler, s, 'request-extension', { reason: '需要招标', requestedDue: s.dueDate })).json().details.issues[0].field).toBe(
      'body.requestedDue',
    );
    const asked = await ok(handler, s, 'request-extension', { reason: '需要招标', requestedDue: latest });
    expect(asked.pending).toBe('extension');
    expect((await act(handler, asked, 'request-return', { reason: 'x' })).json().code).toBe('INVALID_TRANSITION');
    expect((await act(admin, asked, 'decide-extension', { approved: true, dueDate: addDays(latest, 1) })).json().details.issues[0].field).toBe('body.dueDate');
    const granted = await ok(admin, asked, 'decide-extension', { approved: true });
    expect(granted).toMatchObject({ pending: null, dueDate: latest });
    expect(granted.requests[0]).toMatchObject({ kind: 'extension', requestedDue: latest, decision: 'approved' });
  });

  it('in re-handling the bound is 30 days after the dissatisfied rating, not 6 months after the first assignment', async () => {
    setToday('2026-01-10');
    let s = await assigned({ title: '重新办理延期' });
    s = await ok(handler, s, 'reply', { grade: 'C', content: '待以后解决' });
    setToday('2026-11-02');
    s = await ok(deputy, s, 'rate', { attitude: 'satisfied', result: 'dissatisfied' });
    expect(s).toMatchObject({ state: 'rehandling', dueDate: '2026-12-02', latestDueDate: '2026-12-02' });
    const far = await act(handler, s, 'request-extension', { reason: '需要协调资金', requestedDue: '2026-12-03' });
    expect(far.statusCode).toBe(400);
    expect(far.json().details.issues[0]).toEqual({ field: 'body.requestedDue', message: '重新办理期限自代表不满意评价之日起最长 30 天，最晚为 2026-12-02' });
    // A town that gives 15 days for re-handling may extend up to the month.
    await t.db.updateTable('suggestion').set({ dueDate: '2026-11-17' }).where('id', '=', s.id).execute();
    const asked = await ok(handler, s, 'request-extension', { reason: '需要协调资金', requestedDue: '2026-12-02' });
    expect((await act(admin, asked, 'decide-extension', { approved: true, dueDate: '2026-12-03' })).json().details.issues[0].field).toBe('body.dueDate');
    const granted = await ok(admin, asked, 'decide-extension', { approved: true });
    expect(granted).toMatchObject({ state: 'rehandling', pending: null, dueDate: '2026-12-02' });
  });

  it('replying withdraws a pending extension request', async () => {
    const s = await assigned();
    const asked = await ok(handler, s, 'request-extension', { reason: '需要招标', requestedDue: addDays(s.dueDate, 10) });
    const replied = await ok(handler, asked, 'reply', { grade: 'C', content: '受资金限制，待以后解决' });
    expect(replied).toMatchObject({ state: 'replied', pending: null, followUp: false, dueDate: s.dueDate });
    expect(replied.requests[0]).toMatchObject({ decision: 'withdrawn' });
  });
});

describe('merging duplicates', () => {
  it('the source becomes merged; the target keeps its lead and gains the sponsors as co; events on both', async () => {
    const target = await registered({ title: '东风路路灯维修' });
    const source = await create({ submit: true, title: '东风路路灯不亮', leadDeputyId: deputy2.id, coSponsorIds: [t.world.deputyA.id] });
    expect((await act(admin, source, 'merge', { intoId: source.id })).json().details.issues[0].field).toBe('body.intoId');
    const closed = await create({ submit: true });
    const nac = await ok(admin, closed, 'not-accept', { reason: '个人事项' });
    expect((await act(admin, source, 'merge', { intoId: nac.id })).json().details.issues[0].field).toBe('body.intoId');
    expect((await act(admin, source, 'merge', { intoId: newId() })).json().details.issues[0].field).toBe('body.intoId');

    const merged = await ok(admin, source, 'merge', { intoId: target.id });
    expect(merged).toMatchObject({ state: 'merged', mergedInto: { id: target.id, code: target.code }, actions: [] });
    expect(merged.events.at(-1)).toMatchObject({
      type: 'merge',
      fromState: 'submitted',
      toState: 'merged',
      data: { intoId: target.id, intoCode: target.code },
    });
    const after = (await admin.get(`${URL}/${target.id}`)).json();
    expect(after.sponsors).toEqual([
      { deputyId: t.world.deputyA.id, name: '李明华', role: 'lead' },
      { deputyId: deputy2.id, name: '张秀英', role: 'co' },
    ]);
    expect(after.merged).toEqual([{ id: source.id, code: source.code, title: '东风路路灯不亮' }]);
    expect(after.events.at(-1)).toMatchObject({ type: 'merge_in', fromState: 'registered', toState: 'registered', data: { fromId: source.id } });
    expect(after.version).toBe(target.version + 1);
    expect((await row(target.id)).searchText).toContain('张秀');
  });

  it('two items merged into each other at once: one merges, the other answers 409 (both rows locked in id order, no deadlock)', async () => {
    // Deterministic in outcome on both engines: SQLite runs the two transactions one after the other;
    // PostgreSQL queues the second on the row locks, and it then finds its item moved on.
    const a = await registered({ title: '并案竞争甲' });
    const b = await registered({ title: '并案竞争乙' });
    const [ab, ba] = await Promise.all([act(admin, a, 'merge', { intoId: b.id }), act(admin, b, 'merge', { intoId: a.id })]);
    expect([ab.statusCode, ba.statusCode].sort()).toEqual([200, 409]);
    const [ra, rb] = [await row(a.id), await row(b.id)];
    // Exactly one is merged, into the other, which is still open: no cycle.
    const merged = [ra, rb].filter((r) => r.state === 'merged');
    expect(merged).toHaveLength(1);
    const open = merged[0].id === a.id ? rb : ra;
    expect(merged[0].mergedIntoId).toBe(open.id);
    expect(open.state).toBe('registered');
    expect(open.mergedIntoId).toBeNull();
  });
});

describe('refusals change nothing', () => {
  it('an illegal transition answers 409 INVALID_TRANSITION and leaves the row, events and audit as they were', async () => {
    const draft = await create();
    for (const [action, body] of [
      ['assign', { leadUnitId: t.world.unitA.id }],
      ['register', {}],
      ['close', {}],
      ['decide-return', { approved: true }],
      ['publish', { published: true, publicAnswer: 'x' }],
    ] as const) {
      const before = [await row(draft.id), await counts()];
      const res = await act(admin, draft, action, body);
      expect(res.statusCode, action).toBe(409);
      expect(res.json().code, action).toBe('INVALID_TRANSITION');
      expect([await row(draft.id), await counts()], action).toEqual(before);
    }
    expect((await act(admin, draft, 'assign', { leadUnitId: t.world.unitA.id })).json().message).toBe('当前状态为“草稿”，不能执行此操作');
  });

  it('a stale version answers 409 CONFLICT and changes nothing', async () => {
    const s = await registered();
    const before = [await row(s.id), await counts()];
    const res = await act(admin, { id: s.id, version: s.version - 1 }, 'assign', { leadUnitId: t.world.unitA.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect([await row(s.id), await counts()]).toEqual(before);
  });

  it('a handler of another office cannot see or act on an item: 404, and absent from the list', async () => {
    const s = await assigned({ title: '只给民政办的建议' });
    expect((await coHandler.get(`${URL}/${s.id}`)).statusCode).toBe(404);
    expect((await act(coHandler, s, 'consult', { heldOn: todayInChina(), method: 'face', stage: 'before', note: '面商' })).statusCode).toBe(404);
    const list = (await coHandler.get(`${URL}?pageSize=200`)).json().items as { id: string }[];
    expect(list.map((i) => i.id)).not.toContain(s.id);
    expect((await handler.get(`${URL}?pageSize=200`)).json().items.map((i: { id: string }) => i.id)).toContain(s.id);
  });
});
