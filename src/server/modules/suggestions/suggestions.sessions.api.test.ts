import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../../../../test/app.ts';
import { makeSession } from '../../../../test/session-factories.ts';
import { sessionShortName } from '../sessions/sessions.rules.ts';

/*
 * Suggestions raised at a congress session (人代会期间), on SQLite and (TEST_DB=postgres) PostgreSQL:
 * sessionId must be a session of the caller's town (400 naming body.sessionId otherwise), the item shows
 * the session's short name, GET /suggestions?sessionId= lists them, and the session tab's counts.
 */
let t: TestCtx;
let admin: Client;
let deputy: Client;
let sessionA: { id: string; number: number };
let sessionA2: { id: string; number: number };
let sessionB: { id: string };
const URL = '/api/v1/suggestions';

beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
  deputy = await t.as('deputy');
  sessionA = await makeSession(t.db, t.world.townA.id, t.world.termA.id, { status: 'closed' });
  sessionA2 = await makeSession(t.db, t.world.townA.id, t.world.termA.id);
  sessionB = await makeSession(t.db, t.world.townB.id, t.world.termB.id);
});
afterAll(async () => t.close());

function body(title: string, over: Record<string, unknown> = {}) {
  return { kind: 'suggestion', title, content: `${title}的内容`, category: '城建', sourceType: 'session', leadDeputyId: t.world.deputyA.id, ...over };
}

describe('suggestions raised at a session', () => {
  it('refuses a session of another town or an unknown one, naming body.sessionId', async () => {
    for (const sessionId of [sessionB.id, '01NOSUCHSESSION']) {
      const res = await admin.post(URL, body('外镇会议', { sessionId }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.sessionId');
      expect(res.json().message).toContain('会议不存在');
    }
  });

  it('stores the session, shows its short name in detail and list, and filters by it', async () => {
    const res = await admin.post(URL, body('会议期间提出：修路', { sessionId: sessionA.id, submit: true }));
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    const short = sessionShortName(18, sessionA.number);
    expect(s.sessionId).toBe(sessionA.id);
    expect(s.session).toEqual({ id: sessionA.id, shortName: short });
    // A deputy raises one at the other session; a plain one has no session.
    const mine = await deputy.post(URL, body('会议期间提出：路灯', { sessionId: sessionA2.id, leadDeputyId: undefined }));
    expect(mine.statusCode, mine.body).toBe(201);
    const plain = await admin.post(URL, body('平时提出', { sourceType: 'deputy' }));
    expect(plain.json().session).toBeNull();

    const list = await admin.get(`${URL}?sessionId=${sessionA.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ id: s.id, session: { id: sessionA.id, shortName: short } });
    const all = await admin.get(`${URL}?pageSize=50`);
    expect(all.json().items.find((x: { id: string }) => x.id === plain.json().id).session).toBeNull();
    // Another town's admin sees nothing of town A's session.
    const other = await (await t.as('admin_b')).get(`${URL}?sessionId=${sessionA.id}`);
    expect(other.json().total).toBe(0);
  });

  it('checks the session on edit: another town 400, clearing it is allowed', async () => {
    const created = (await admin.post(URL, body('改会议', { sessionId: sessionA.id }))).json();
    const bad = await admin.put(`${URL}/${created.id}`, { version: created.version, sessionId: sessionB.id });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.sessionId');
    const moved = await admin.put(`${URL}/${created.id}`, { version: created.version, sessionId: sessionA2.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().session.id).toBe(sessionA2.id);
    const cleared = await admin.put(`${URL}/${created.id}`, { version: moved.json().version, sessionId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().session).toBeNull();
  });

  it('counts the session suggestions for the session tab (drafts left out); 401/403/404', async () => {
    const counts = await admin.get(`/api/v1/sessions/${sessionA.id}/suggestion-counts`);
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json()).toEqual({ total: 1, replied: 0, closed: 0 });
    expect((await deputy.get(`/api/v1/sessions/${sessionA.id}/suggestion-counts`)).statusCode).toBe(200);
    expect((await (await t.as('handler')).get(`/api/v1/sessions/${sessionA.id}/suggestion-counts`)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/sessions/${sessionB.id}/suggestion-counts`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/sessions/${sessionA.id}/suggestion-counts` })).statusCode).toBe(401);
  });

  it('lists the town sessions for the form picker, latest first', async () => {
    const res = await deputy.get('/api/v1/sessions/options');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(sessionA.id);
    expect(ids).not.toContain(sessionB.id);
    expect(res.json().items[0]).toHaveProperty('shortName');
    expect((await (await t.as('handler')).get('/api/v1/sessions/options')).statusCode).toBe(403);
  });
});
