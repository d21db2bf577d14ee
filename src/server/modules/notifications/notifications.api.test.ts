import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeUnit, makeUser } from '../../../../test/factories.ts';
import { makeSuggestion, makeSuggestionUnit } from '../../../../test/search-factories.ts';
import { todayInChina } from '../../lib/time.ts';
import { sendPendingEmails } from './mail-outbox.ts';
import { notifyUsers } from './notify.ts';
import { runReminders } from './reminders.ts';
import type { MailMessage } from './smtp.ts';

/*
 * Notifications through the API on both engines: a user's own list, read and read-all (another user's
 * notification is 404), the reminder address, and the reminders with their daily dedupe.
 */
let t: TestCtx;
let mine: string[];
let othersId: string;

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const today = todayInChina();

beforeAll(async () => {
  t = await setupApi();
  const { townA, users } = t.world;
  for (let i = 1; i <= 3; i++) await notifyUsers(t.db, townA.id, [users.handler.id], { kind: 'test', title: `通知 ${i}`, link: `/x/${i}` });
  await notifyUsers(t.db, townA.id, [users.town_admin.id], { kind: 'test', title: '别人的通知' });
  const rows = await t.db.selectFrom('notification').select(['id', 'userId', 'title']).orderBy('title').execute();
  mine = rows.filter((r) => r.userId === users.handler.id).map((r) => r.id);
  othersId = rows.find((r) => r.userId === users.town_admin.id)?.id ?? '';
});
afterAll(async () => t.close());

describe('GET /notifications', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get('/api/v1/notifications')).statusCode).toBe(401);
  });

  it('lists only the caller’s own, newest first, with the unread count; pages', async () => {
    const r = await (await t.as('handler')).get('/api/v1/notifications?pageSize=2');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({ kind: 'test', link: expect.stringMatching(/^\/x\//), readAt: null, body: '' });
    const deputy = (await (await t.as('deputy')).get('/api/v1/notifications')).json();
    expect(deputy).toMatchObject({ items: [], total: 0, unread: 0 });
  });

  it('400 for a bad page size', async () => {
    expect((await (await t.as('handler')).get('/api/v1/notifications?pageSize=0')).statusCode).toBe(400);
  });
});

describe('POST /notifications/:id/read and /read-all', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).post(`/api/v1/notifications/${mine[0]}/read`)).statusCode).toBe(401);
    expect((await anon(t.app).post('/api/v1/notifications/read-all')).statusCode).toBe(401);
  });

  it('404 for another user’s notification or an unknown id; nothing changes', async () => {
    const h = await t.as('handler');
    expect((await h.post(`/api/v1/notifications/${othersId}/read`)).statusCode).toBe(404);
    expect((await h.post('/api/v1/notifications/01ZZZZZZZZZZZZZZZZZZZZZZZZ/read')).statusCode).toBe(404);
    const other = await t.db.selectFrom('notification').select('readAt').where('id', '=', othersId).executeTakeFirstOrThrow();
    expect(other.readAt).toBeNull();
  });

  it('marks one read, keeping the first time on a repeat, and the unread count follows', async () => {
    const h = await t.as('handler');
    const r1 = await h.post(`/api/v1/notifications/${mine[0]}/read`);
    expect(r1.statusCode).toBe(200);
    expect(r1.json().readAt).toEqual(expect.any(String));
    const r2 = await h.post(`/api/v1/notifications/${mine[0]}/read`);
    expect(r2.json().readAt).toBe(r1.json().readAt);
    expect((await h.get('/api/v1/notifications')).json().unread).toBe(2);
    expect((await h.get('/api/v1/notifications?unread=true')).json()).toMatchObject({ total: 2, unread: 2 });
  });

  it('marks all of the caller’s read, and only theirs', async () => {
    const h = await t.as('handler');
    expect((await h.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await h.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 0 });
    expect((await (await t.as('town_admin')).get('/api/v1/notifications')).json().unread).toBe(1);
  });
});

describe('the reminder address: GET/PUT /notifications/settings', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get('/api/v1/notifications/settings')).statusCode).toBe(401);
    expect((await anon(t.app).put('/api/v1/notifications/settings', { email: 'a@b.cn' })).statusCode).toBe(401);
  });

  it('400 naming the field for a bad address; nothing written', async () => {
    const r = await (await t.as('handler')).put('/api/v1/notifications/settings', { email: 'not an address' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('提醒邮箱');
    expect((await (await t.as('handler')).get('/api/v1/notifications/settings')).json()).toEqual({ email: null, mailEnabled: false });
  });

  it('sets and clears the caller’s own address, audited', async () => {
    const h = await t.as('handler');
    expect((await h.put('/api/v1/notifications/settings', { email: 'handler@unit.test' })).json()).toEqual({ email: 'handler@unit.test', mailEnabled: false });
    const ev = await t.db
      .selectFrom('auditEvent')
      .selectAll()
      .where('entity', '=', 'user')
      .where('entityId', '=', t.world.users.handler.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(ev.summary).toContain('提醒邮箱');
    expect((await h.put('/api/v1/notifications/settings', { email: null })).json().email).toBeNull();
    await h.put('/api/v1/notifications/settings', { email: 'handler@unit.test' });
  });
});

describe('POST /supervision/remind', () => {
  const URL = '/api/v1/supervision/remind';
  let overdue: { id: string; code: string };
  let soon: { id: string; code: string };

  beforeAll(async () => {
    const { townA, townB, unitA, unitB, county } = t.world;
    const unit2 = await makeUnit(t.db, townA.id, 'U002', '甲镇交通办');
    await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'handler', username: 'handler_a2', unitId: unit2.id });
    await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'handler', username: 'handler_off', unitId: unitA.id, active: 0 });
    await makeUser(t.db, { countyId: county.id, townId: townB.id, role: 'handler', username: 'handler_b', unitId: unitB.id });
    overdue = await makeSuggestion(t.db, townA.id, { title: '逾期的建议', state: 'handling', assignedOn: addDays(today, -100), dueDate: addDays(today, -3) });
    await makeSuggestionUnit(t.db, townA.id, overdue.id, unitA.id, 'lead');
    await makeSuggestionUnit(t.db, townA.id, overdue.id, unit2.id, 'co');
    soon = await makeSuggestion(t.db, townA.id, { title: '快到期的建议', state: 'assigned', assignedOn: addDays(today, -80), dueDate: addDays(today, 5) });
    await makeSuggestionUnit(t.db, townA.id, soon.id, unitA.id);
    const far = await makeSuggestion(t.db, townA.id, { title: '还早', state: 'assigned', dueDate: addDays(today, 40) });
    await makeSuggestionUnit(t.db, townA.id, far.id, unitA.id);
    const replied = await makeSuggestion(t.db, townA.id, { title: '已答复', state: 'replied', dueDate: addDays(today, -10) });
    await makeSuggestionUnit(t.db, townA.id, replied.id, unitA.id);
    const bItem = await makeSuggestion(t.db, townB.id, { title: '乙镇逾期', state: 'handling', dueDate: addDays(today, -1) });
    await makeSuggestionUnit(t.db, townB.id, bItem.id, unitB.id);
  });

  const reminders = (userId: string) =>
    t.db
      .selectFrom('notification')
      .select(['kind', 'title', 'entityId', 'dedupeKey', 'link'])
      .where('userId', '=', userId)
      .where('kind', '!=', 'test')
      .orderBy('kind')
      .execute();

  it('401 without a session; 403 for a liaison, deputy or handler; nothing written', async () => {
    expect((await anon(t.app).post(URL)).statusCode).toBe(401);
    for (const role of ['liaison', 'deputy', 'handler'] as const) expect((await (await t.as(role)).post(URL)).statusCode, role).toBe(403);
    expect(await reminders(t.world.users.handler.id)).toEqual([]);
  });

  it('reminds the lead office’s handlers per item and the town admins once, for this town only', async () => {
    const r = await (await t.as('town_admin')).post(URL);
    expect(r.statusCode, r.body).toBe(200);
    // handler_a: overdue + soon (2); town_admin: 1 digest. Co-office, inactive and other-town accounts: none.
    expect(r.json()).toEqual({ sent: 3 });
    const h = await reminders(t.world.users.handler.id);
    expect(h.map((x) => [x.kind, x.entityId])).toEqual([
      ['suggestion_due_soon', soon.id],
      ['suggestion_overdue', overdue.id],
    ]);
    expect(h[1].title).toBe(`建议 ${overdue.code} 已逾期 3 天（答复期限 ${addDays(today, -3)}）`);
    expect(h[1].dedupeKey).toBe(`remind:${overdue.id}:${today}`);
    const a = await reminders(t.world.users.town_admin.id);
    expect(a).toEqual([
      {
        kind: 'supervision_digest',
        title: '督办提醒：1 件已逾期，1 件即将到期',
        entityId: null,
        dedupeKey: `remind-digest:${t.world.townA.id}:${today}`,
        link: '/supervision',
      },
    ]);
    const ev = await t.db.selectFrom('auditEvent').selectAll().where('entity', '=', 'supervision').executeTakeFirstOrThrow();
    expect(ev.summary).toContain('发送催办提醒 3 条');
  });

  it('sends nothing more the same day (the button twice, or the daily run after it)', async () => {
    expect((await (await t.as('town_admin')).post(URL)).json()).toEqual({ sent: 0 });
    const all = await runReminders(t.db);
    // Only town B's are new: its handler's item and its admin's summary.
    expect(all.sent).toBe(2);
    expect((await runReminders(t.db)).sent).toBe(0);
  });

  it('two runs at once (two server processes) still notify each user once', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const [x, y] = await Promise.all([runReminders(t.db, { now: tomorrow }), runReminders(t.db, { now: tomorrow })]);
    expect(x.sent + y.sent).toBe(5);
    const keys = await t.db
      .selectFrom('notification')
      .select(['userId', 'dedupeKey'])
      .where('dedupeKey', 'like', `%${todayInChina(tomorrow)}`)
      .execute();
    expect(new Set(keys.map((k) => `${k.userId} ${k.dedupeKey}`)).size).toBe(keys.length);
  });
});

describe('reminder e-mail (sendPendingEmails)', () => {
  const smtp = { host: '127.0.0.1', port: 2525, user: '', pass: '', from: 'renda@town.test' };

  it('mails each user with an address one message of their fresh notifications, once', async () => {
    const sent: MailMessage[] = [];
    const send = async (_: unknown, m: MailMessage) => {
      sent.push(m);
    };
    const r = await sendPendingEmails(t.db, smtp, { send });
    expect(r).toEqual({ sent: 1, failed: 0 });
    expect(sent[0].to).toEqual(['handler@unit.test']);
    expect(sent[0].subject).toMatch(/^人大工作台：\d+ 条新提醒$/);
    expect(sent[0].text).toContain('已逾期');
    expect(await sendPendingEmails(t.db, smtp, { send })).toEqual({ sent: 0, failed: 0 });
    const unsent = await t.db
      .selectFrom('notification as n')
      .innerJoin('appUser as u', 'u.id', 'n.userId')
      .select('n.id')
      .where('u.email', '=', 'handler@unit.test')
      .where('n.emailedAt', 'is', null)
      .execute();
    expect(unsent).toEqual([]);
  });

  it('counts a failed send and does not retry it', async () => {
    await notifyUsers(t.db, t.world.townA.id, [t.world.users.handler.id], { kind: 'test', title: '新的一条' });
    const failing = async () => {
      throw new Error('down');
    };
    const errors: string[] = [];
    expect(await sendPendingEmails(t.db, smtp, { send: failing, onError: (_e, email) => errors.push(email) })).toEqual({ sent: 0, failed: 1 });
    expect(errors).toEqual(['handler@unit.test']);
    expect(await sendPendingEmails(t.db, smtp, { send: failing })).toEqual({ sent: 0, failed: 0 });
  });
});
