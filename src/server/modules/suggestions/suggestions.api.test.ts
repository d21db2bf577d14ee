import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeUnit, makeUser, makeVillage, multipartFile } from '../../../../test/factories.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { DEFAULT_CATEGORIES } from './settings.rules.ts';
import { checkSource, linkSource } from './suggestions.sources.ts';

/*
 * Suggestions as records through the API, on SQLite and (TEST_DB=postgres) PostgreSQL: settings and the
 * holiday calendar, create / edit / read / list with every filter, who sees what, attachments, the
 * records an item comes from, and the duplicate check. The lifecycle is in suggestions.lifecycle.api.test.ts.
 */
let t: TestCtx;
let admin: Client;
let liaison: Client;
let deputy: Client;
let handler: Client;
let handler2: Client;
let adminB: Client;
let deputy2: { id: string };
let deputyB: { id: string };
let unit2: { id: string };
let village: { id: string };
let villageB: { id: string };
const URL = '/api/v1/suggestions';
const YEAR = Number(todayInChina().slice(0, 4));
const PDF = Buffer.from('%PDF-1.4\n% 附件\n');

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, termA, stationA, county } = t.world;
  deputy2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', stationId: stationA.id });
  deputyB = t.world.deputyB;
  unit2 = await makeUnit(t.db, townA.id, 'U002', '甲镇交通办');
  village = await makeVillage(t.db, townA.id, 'V01', '新民村');
  villageB = await makeVillage(t.db, townB.id, 'V01', '乙镇村');
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'handler', username: 'handler_a2', unitId: unit2.id });
  admin = await t.as('town_admin');
  liaison = await t.as('liaison');
  deputy = await t.as('deputy');
  handler = await t.as('handler');
  handler2 = await login(t.app, 'handler_a2');
  adminB = await t.as('admin_b');
});
afterAll(async () => t.close());

const count = async (table: 'suggestion' | 'suggestionEvent' | 'auditEvent' | 'suggestionSponsor') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('townId', '=', t.world.townA.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

const base = (over: Record<string, unknown> = {}) => ({
  kind: 'suggestion',
  title: '修复新民村村口路灯',
  content: '村口路灯损坏多日，夜间出行不便。',
  category: '城建',
  sourceType: 'deputy',
  leadDeputyId: t.world.deputyA.id,
  ...over,
});

async function create(c: Client, over: Record<string, unknown> = {}) {
  const res = await c.post(URL, base(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(c: Client, s: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
  return c.post(`${URL}/${s.id}/actions/${action}`, { version: s.version, ...body });
}

async function ok(c: Client, s: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
  const res = await act(c, s, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** A registered item assigned to `unitId` (the world's unit by default). */
async function assigned(over: Record<string, unknown> = {}, unitId = t.world.unitA.id) {
  let s = await create(admin, { ...over, submit: true });
  s = await ok(admin, s, 'register');
  return ok(admin, s, 'assign', { leadUnitId: unitId });
}

describe('settings', () => {
  const S = '/api/v1/suggestion-settings';
  const valid = {
    categories: [...DEFAULT_CATEGORIES, '测试类'],
    grades: [
      { code: 'A', label: '已解决或基本解决', followUp: false },
      { code: 'B', label: '正在解决或列入规划', followUp: true },
      { code: 'C', label: '因条件限制待以后解决', followUp: false },
      { code: 'D', label: '留作参考', followUp: false },
    ],
    replyMonths: 3,
    returnWorkingDays: 7,
    rehandleDays: 30,
    dueSoonDays: 14,
  };

  it('401 without a session; every role of the town reads the defaults (version 0)', async () => {
    expect((await anon(t.app).get(S)).statusCode).toBe(401);
    expect((await anon(t.app).put(S, { ...valid, version: 0 })).statusCode).toBe(401);
    for (const c of [handler, deputy, liaison]) {
      const res = await c.get(S);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 0, replyMonths: 3, returnWorkingDays: 7, rehandleDays: 30, dueSoonDays: 14 });
      expect(res.json().grades.map((g: { code: string }) => g.code)).toEqual(['A', 'B', 'C', 'D']);
    }
  });

  it('403 for a liaison, deputy or handler saving', async () => {
    for (const c of [liaison, deputy, handler]) expect((await c.put(S, { ...valid, version: 0 })).statusCode).toBe(403);
  });

  it('400 naming every bad field; nothing saved', async () => {
    const res = await admin.put(S, {
      ...valid,
      replyMonths: 7,
      returnWorkingDays: 0,
      rehandleDays: 10,
      dueSoonDays: 0,
      categories: ['交通', '交通'],
      grades: [],
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { field: string }) => i.field)).toEqual([
      'body.replyMonths',
      'body.returnWorkingDays',
      'body.rehandleDays',
      'body.dueSoonDays',
      'body.categories.1',
      'body.grades',
    ]);
    expect(res.json().message).toBe('答复期限（月）：答复期限应为 1 到 6 个月');
    expect((await admin.get(S)).json().version).toBe(0);
    const shape = await admin.put(S, { ...valid, replyMonths: 'three', version: 0 });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().details.issues[0].field).toBe('body.replyMonths');
  });

  it('saves with the version seen, audited; a stale version answers 409; other towns keep their own', async () => {
    const audits = await count('auditEvent');
    const res = await admin.put(S, { ...valid, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, categories: valid.categories });
    expect(await count('auditEvent')).toBe(audits + 1);
    expect((await admin.put(S, { ...valid, version: 0 })).statusCode).toBe(409);
    const again = await admin.put(S, { ...valid, categories: [...valid.categories, '文旅'], version: 1 });
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(2);
    expect((await admin.put(S, { ...valid, version: 1 })).json().code).toBe('CONFLICT');
    expect((await adminB.get(S)).json()).toMatchObject({ version: 0, categories: expect.arrayContaining(['农业农村']) });
  });
});

describe('holidays', () => {
  const H = '/api/v1/holidays';
  const items = [
    { date: '2026-10-05', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-10', kind: 'workday', name: '国庆调休' },
  ];

  it('401, 403 for non-admins writing, 400 naming the field; nothing saved', async () => {
    expect((await anon(t.app).get(`${H}?year=2026`)).statusCode).toBe(401);
    for (const c of [liaison, deputy, handler]) expect((await c.put(`${H}/2026`, { items })).statusCode).toBe(403);
    const outside = await admin.put(`${H}/2026`, { items: [...items, { date: '2027-01-01', kind: 'holiday' }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.issues[0]).toEqual({ field: 'body.items.3.date', message: '日期应在 2026 年内' });
    const weekday = await admin.put(`${H}/2026`, { items: [{ date: '2026-10-12', kind: 'workday' }] });
    expect(weekday.json().details.issues[0].field).toBe('body.items.0.kind');
    expect((await admin.put(`${H}/1999`, { items: [] })).statusCode).toBe(400);
    expect((await admin.put(`${H}/2026`, { items: [{ date: '2026-02-30', kind: 'holiday' }] })).json().details.issues[0].field).toBe('body.items.0.date');
    expect((await admin.get(`${H}?year=2026`)).json().items).toEqual([]);
  });

  it('replaces a year, sorted by date, for every role of the town to read; another town sees its own', async () => {
    const res = await admin.put(`${H}/2026`, { items });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((h: { date: string }) => h.date)).toEqual(['2026-10-01', '2026-10-05', '2026-10-10']);
    expect((await handler.get(`${H}?year=2026`)).json().items).toHaveLength(3);
    expect((await adminB.get(`${H}?year=2026`)).json().items).toEqual([]);
    const replaced = await admin.put(`${H}/2026`, { items: [items[1]] });
    expect(replaced.json().items).toEqual([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }]);
    expect((await deputy.get(H)).json().year).toBe(YEAR);
  });
});

describe('POST /suggestions', () => {
  it('401 without a session; 403 for a handler', async () => {
    expect((await anon(t.app).post(URL, base())).statusCode).toBe(401);
    expect((await handler.post(URL, base())).statusCode).toBe(403);
  });

  it('400 naming the field, and nothing is written', async () => {
    const before = [await count('suggestion'), await count('suggestionEvent'), await count('auditEvent')];
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'body.title'],
      [{ category: '不存在的类别' }, 'body.category'],
      [{ leadDeputyId: null }, 'body.leadDeputyId'],
      [{ leadDeputyId: deputyB.id }, 'body.leadDeputyId'],
      [{ coSponsorIds: [deputyB.id] }, 'body.coSponsorIds'],
      [{ coSponsorIds: [t.world.deputyA.id] }, 'body.coSponsorIds'],
      [{ villageId: villageB.id }, 'body.villageId'],
      [{ sourceType: 'reception' }, 'body.sourceId'],
      [{ sourceType: 'portal', sourceId: newId() }, 'body.sourceId'],
      [{ sourceId: newId() }, 'body.sourceId'],
      [{ fileIds: [newId()] }, 'body.fileIds'],
      [{ kind: 'complaint' }, 'body.kind'],
    ];
    for (const [over, field] of cases) {
      const res = await admin.post(URL, base(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
    }
    const cat = await admin.post(URL, base({ category: '不存在的类别' }));
    expect(cat.json().message).toMatch(/^类别：类别应为：交通、/);
    // A deputy raises items in their own name, from their own work.
    expect((await deputy.post(URL, base({ leadDeputyId: deputy2.id }))).json().details.issues[0].field).toBe('body.leadDeputyId');
    expect((await deputy.post(URL, base({ sourceType: 'reception', sourceId: newId() }))).json().details.issues[0].field).toBe('body.sourceType');
    expect([await count('suggestion'), await count('suggestionEvent'), await count('auditEvent')]).toEqual(before);
  });

  it('creates a draft with the next code of the year, sponsors, search text, an event and an audit entry', async () => {
    const audits = await count('auditEvent');
    const s = await create(admin, { coSponsorIds: [deputy2.id], villageId: village.id, grounds: '群众多次反映', proposal: '尽快更换灯具' });
    expect(s.code).toMatch(new RegExp(`^${YEAR}-\\d{3}$`));
    expect(s).toMatchObject({
      state: 'draft',
      year: YEAR,
      round: 1,
      version: 1,
      leadDeputy: { id: t.world.deputyA.id, name: '李明华' },
      sponsorCount: 2,
      village: { id: village.id, name: '新民村' },
      sponsors: [
        { deputyId: t.world.deputyA.id, name: '李明华', role: 'lead' },
        { deputyId: deputy2.id, name: '张秀英', role: 'co' },
      ],
      due: null,
      returnDeadline: null,
      latestDueDate: null,
      actions: ['edit', 'submit', 'withdraw'],
    });
    expect(s.events.map((e: { type: string; toState: string }) => [e.type, e.toState])).toEqual([['create', 'draft']]);
    const row = await t.db.selectFrom('suggestion').select(['searchText', 'createdBy']).where('id', '=', s.id).executeTakeFirstOrThrow();
    for (const w of ['路灯', '村口', '城建', '张秀', '更换']) expect(row.searchText).toContain(w);
    expect(await count('auditEvent')).toBe(audits + 1);

    const next = await create(admin);
    const n = (code: string) => Number(code.split('-')[1]);
    expect(n(next.code)).toBe(n(s.code) + 1);
    // Codes are per town: town B numbers its own from 001.
    const b = await adminB.post(URL, base({ leadDeputyId: deputyB.id }));
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().code).toBe(`${YEAR}-001`);
  });

  it('items created at once get distinct codes (the town’s codes are taken one writer at a time)', async () => {
    const res = await Promise.all(Array.from({ length: 6 }, (_, i) => admin.post(URL, base({ title: `同时提出的建议 ${i}` }))));
    expect(res.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const codes = res.map((r) => r.json().code);
    expect(new Set(codes).size).toBe(6);
  });

  it('submit: true creates and submits in one step and tells the town admins', async () => {
    const s = await create(admin, { submit: true, title: '一步提交的建议' });
    expect(s.state).toBe('submitted');
    expect(s.events.map((e: { type: string }) => e.type)).toEqual(['create', 'submit']);
    const notes = await t.db.selectFrom('notification').selectAll().where('entityId', '=', s.id).execute();
    expect(notes.map((x) => x.userId)).toEqual([t.world.users.town_admin.id]);
  });

  it('a deputy raises one in their own name; a liaison may create and submit', async () => {
    const s = await create(deputy, { leadDeputyId: undefined, sourceType: 'visit' });
    expect(s.leadDeputy.id).toBe(t.world.deputyA.id);
    expect(s.actions).toEqual(['edit', 'submit', 'withdraw']);
    const l = await create(liaison, { submit: true });
    expect(l.state).toBe('submitted');
    expect(l.actions).toEqual([]);
  });
});

describe('sources: a reception matter or a portal submission links back in the same transaction', () => {
  async function matter(stationId = t.world.stationA.id) {
    const ts = nowIso();
    const reception = { id: newId(), townId: t.world.townA.id, code: `R${newId().slice(-6)}`, stationId, date: '2026-11-20', createdAt: ts, updatedAt: ts };
    await t.db.insertInto('reception').values(reception).execute();
    const m = {
      id: newId(),
      townId: t.world.townA.id,
      receptionId: reception.id,
      seq: 1,
      category: '城建',
      content: '路灯不亮',
      routing: 'on_spot' as const,
      createdAt: ts,
      updatedAt: ts,
    };
    await t.db.insertInto('receptionMatter').values(m).execute();
    return m;
  }
  async function submission(status: 'received' | 'declined' = 'received') {
    const ts = nowIso();
    const s = {
      id: newId(),
      townId: t.world.townA.id,
      trackingCode: `TC${newId().slice(-8)}`,
      idempotencyKey: newId(),
      targetType: 'station' as const,
      stationId: t.world.stationA.id,
      category: '交通',
      content: '学校门口车速过快',
      status,
      clientHash: 'x',
      createdAt: ts,
      updatedAt: ts,
    };
    await t.db.insertInto('portalSubmission').values(s).execute();
    return s;
  }

  it('reception: the matter becomes routed to the suggestion; it cannot be used twice', async () => {
    const m = await matter();
    const s = await create(liaison, { sourceType: 'reception', sourceId: m.id, leadDeputyId: null });
    expect(s.source).toMatchObject({ type: 'reception', id: m.id, link: expect.stringMatching(/^\/receptions\//) });
    const after = await t.db.selectFrom('receptionMatter').select(['routing', 'suggestionId']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ routing: 'suggestion', suggestionId: s.id });
    const twice = await admin.post(URL, base({ sourceType: 'reception', sourceId: m.id, leadDeputyId: null }));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toContain('已转为建议');
  });

  it('portal: a received submission becomes accepted with the link; a declined one is refused', async () => {
    const p = await submission();
    const s = await create(admin, { sourceType: 'portal', sourceId: p.id, leadDeputyId: null });
    const after = await t.db.selectFrom('portalSubmission').select(['status', 'suggestionId', 'version']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'accepted', suggestionId: s.id, version: 2 });
    expect(s.source.label).toContain(p.trackingCode);
    const d = await submission('declined');
    expect((await admin.post(URL, base({ sourceType: 'portal', sourceId: d.id, leadDeputyId: null }))).json().details.issues[0].field).toBe('body.sourceId');
  });

  it('a source changed between the check and the link answers 409: no suggestion points at a gone record', async () => {
    // Sequential stand-in for the race (PostgreSQL runs both at once): the check passes, then the record
    // changes, then the link is written. The conditional UPDATE changes nothing and answers 409.
    const townId = t.world.townA.id;
    const who = { role: 'town_admin' as const, stationId: null };
    const link = (plan: Awaited<ReturnType<typeof checkSource>>) => linkSource(t.db, townId, plan, newId(), t.world.users.town_admin.id, nowIso());
    // The matter's reception deleted after the check.
    const gone = await matter();
    const goneP = await checkSource(t.db, who, townId, 'reception', gone.id);
    await t.db.deleteFrom('receptionMatter').where('id', '=', gone.id).execute();
    await expect(link(goneP)).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    // The matter turned into another suggestion after the check: the first link stands.
    const m = await matter();
    const plan = await checkSource(t.db, who, townId, 'reception', m.id);
    const first = (await create(admin, { title: '先转为建议的一件' })).id;
    await linkSource(t.db, townId, plan, first, t.world.users.town_admin.id, nowIso());
    await expect(link(plan)).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    expect((await t.db.selectFrom('receptionMatter').select('suggestionId').where('id', '=', m.id).executeTakeFirstOrThrow()).suggestionId).toBe(first);
    // A submission declined after the check stays declined.
    const p = await submission();
    const pPlan = await checkSource(t.db, who, townId, 'portal', p.id);
    await t.db.updateTable('portalSubmission').set({ status: 'declined', declineReason: '不属于人大职责' }).where('id', '=', p.id).execute();
    await expect(link(pPlan)).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(await t.db.selectFrom('portalSubmission').select(['status', 'suggestionId']).where('id', '=', p.id).executeTakeFirstOrThrow()).toEqual({
      status: 'declined',
      suggestionId: null,
    });
  });

  it('another town’s matter is refused as not found', async () => {
    const m = await matter();
    await t.db.updateTable('receptionMatter').set({ townId: t.world.townB.id }).where('id', '=', m.id).execute();
    expect((await admin.post(URL, base({ sourceType: 'reception', sourceId: m.id, leadDeputyId: null }))).json().message).toContain('不属于本镇');
  });
});

describe('GET /suggestions/:id and PUT /suggestions/:id', () => {
  it('404 for another town, for a deputy who does not sponsor it, and for a handler before assignment', async () => {
    const s = await create(admin, { submit: true });
    expect((await anon(t.app).get(`${URL}/${s.id}`)).statusCode).toBe(401);
    expect((await adminB.get(`${URL}/${s.id}`)).statusCode).toBe(404);
    expect((await handler.get(`${URL}/${s.id}`)).statusCode).toBe(404);
    const other = await create(admin, { leadDeputyId: deputy2.id });
    expect((await deputy.get(`${URL}/${other.id}`)).statusCode).toBe(404);
    expect((await deputy.get(`${URL}/${s.id}`)).statusCode).toBe(200);
    expect((await liaison.get(`${URL}/${other.id}`)).statusCode).toBe(200);
    expect((await admin.get(`${URL}/${s.id}`)).json().actions).toEqual(['edit', 'register', 'not-accept', 'withdraw', 'merge', 'key']);
  });

  it('edits: 401, 403 for a co-sponsor, 404 other town, 400 naming the field, 409 stale, 409 after submission for the deputy', async () => {
    const s = await create(deputy, { leadDeputyId: undefined, coSponsorIds: [deputy2.id] });
    const url = `${URL}/${s.id}`;
    expect((await anon(t.app).put(url, { version: 1, title: 'x' })).statusCode).toBe(401);
    expect((await handler.put(url, { version: 1, title: 'x' })).statusCode).toBe(403);
    const coClient = await (async () => {
      await makeUser(t.db, { countyId: t.world.county.id, townId: t.world.townA.id, role: 'deputy', username: 'deputy_a2', deputyId: deputy2.id });
      return login(t.app, 'deputy_a2');
    })();
    expect((await coClient.put(url, { version: 1, title: '附议代表改标题' })).statusCode).toBe(403);
    expect((await adminB.put(url, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect((await deputy.put(url, { version: 1, title: '' })).json().details.issues[0].field).toBe('body.title');
    expect((await deputy.put(url, { version: 1, leadDeputyId: deputy2.id })).json().details.issues[0].field).toBe('body.leadDeputyId');
    const edited = await deputy.put(url, { version: 1, title: '修复新民村村口和桥头路灯', coSponsorIds: [] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: '修复新民村村口和桥头路灯', version: 2, sponsorCount: 1 });
    expect(edited.json().events.map((e: { type: string }) => e.type)).toEqual(['create', 'update']);
    const stale = await deputy.put(url, { version: 1, title: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const submitted = await ok(deputy, edited.json(), 'submit');
    const late = await deputy.put(url, { version: submitted.version, title: '提交后再改' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('INVALID_TRANSITION');
    // Admins still edit until assignment, and the search text follows.
    const byAdmin = await admin.put(url, { version: submitted.version, title: '桥头路灯维修', category: '交通' });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    const row = await t.db.selectFrom('suggestion').select('searchText').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.searchText).toContain('桥头');
    expect(row.searchText).not.toContain('新民');
  });
});

describe('GET /suggestions: scope and filters', () => {
  let mine: { id: string; code: string };
  let inUnit2: { id: string; code: string };
  let overdue: { id: string };
  let soon: { id: string };

  beforeAll(async () => {
    mine = await assigned({ title: '整治交通拥堵路段', category: '交通' });
    inUnit2 = await assigned({ title: '增设公交站台', category: '交通', leadDeputyId: deputy2.id }, unit2.id);
    overdue = await assigned({ title: '清理河道垃圾', category: '环保' });
    soon = await assigned({ title: '维修学校围墙', category: '教育' });
    const today = todayInChina();
    const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    await t.db
      .updateTable('suggestion')
      .set({ dueDate: shift(-3) })
      .where('id', '=', overdue.id)
      .execute();
    await t.db
      .updateTable('suggestion')
      .set({ dueDate: shift(5), keySupervision: 1 })
      .where('id', '=', soon.id)
      .execute();
  });

  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

  it('401; 400 naming the field for an unknown state', async () => {
    expect((await anon(t.app).get(URL)).statusCode).toBe(401);
    const bad = await admin.get(`${URL}?states=replied,nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.states');
    expect((await admin.get(`${URL}?due=later`)).json().details.issues[0].field).toBe('querystring.due');
  });

  it('a handler sees only their office’s items, by due date; another office’s item is absent and 404', async () => {
    const res = await handler.get(URL);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toContain(mine.id);
    expect(ids(res)).not.toContain(inUnit2.id);
    expect(res.json().items.every((i: { leadUnit: { id: string } }) => i.leadUnit.id === t.world.unitA.id)).toBe(true);
    const dues = res.json().items.map((i: { dueDate: string }) => i.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect((await handler.get(`${URL}/${inUnit2.id}`)).statusCode).toBe(404);
    expect(ids(await handler2.get(URL))).toEqual([inUnit2.id]);
    expect((await handler2.get(`${URL}/${inUnit2.id}`)).json().actions).toEqual(['start', 'consult', 'request-return', 'request-extension', 'reply']);
  });

  it('a deputy sees the items they sponsor; admins and liaisons the whole town, never another town’s', async () => {
    const d = await deputy.get(`${URL}?pageSize=200`);
    expect(ids(d)).toContain(mine.id);
    expect(ids(d)).not.toContain(inUnit2.id);
    const all = await liaison.get(`${URL}?pageSize=200`);
    expect(ids(all)).toEqual(expect.arrayContaining([mine.id, inUnit2.id]));
    expect(all.json().total).toBe(await count('suggestion'));
    const b = await adminB.get(URL);
    expect(b.json().items.every((i: { id: string }) => !ids(all).includes(i.id))).toBe(true);
  });

  it('q matches two-character words and the code; kind, category, unit, deputy, village, year, state filters', async () => {
    expect(ids(await admin.get(`${URL}?q=${encodeURIComponent('交通')}&pageSize=200`))).toContain(mine.id);
    expect(ids(await admin.get(`${URL}?q=${encodeURIComponent('公交站')}`))).toEqual([inUnit2.id]);
    expect(ids(await admin.get(`${URL}?q=${encodeURIComponent('河道 垃圾')}`))).toEqual([overdue.id]);
    expect(ids(await admin.get(`${URL}?q=${mine.code}`))).toEqual([mine.id]);
    expect((await admin.get(`${URL}?q=${encodeURIComponent('火星基地')}`)).json().total).toBe(0);
    expect(ids(await admin.get(`${URL}?unitId=${unit2.id}`))).toEqual([inUnit2.id]);
    expect(ids(await admin.get(`${URL}?deputyId=${deputy2.id}&states=assigned`))).toEqual([inUnit2.id]);
    expect(ids(await admin.get(`${URL}?category=${encodeURIComponent('环保')}`))).toEqual([overdue.id]);
    expect((await admin.get(`${URL}?year=${YEAR}&kind=suggestion&pageSize=1`)).json()).toMatchObject({ page: 1, pageSize: 1, items: [expect.anything()] });
    expect((await admin.get(`${URL}?year=2001`)).json().total).toBe(0);
    // The total of a full page is counted; of a page that is not full, it is what came before plus what is on it.
    const n = (await admin.get(`${URL}?pageSize=200`)).json().total;
    expect(n).toBeGreaterThan(2);
    expect((await admin.get(`${URL}?pageSize=2&page=1`)).json().total).toBe(n);
    const last = Math.ceil(n / 2);
    expect((await admin.get(`${URL}?pageSize=2&page=${last}`)).json()).toMatchObject({ total: n, items: Array(n - (last - 1) * 2).fill(expect.anything()) });
    expect((await admin.get(`${URL}?pageSize=2&page=${last + 1}`)).json()).toMatchObject({ total: n, items: [] });
    expect((await admin.get(`${URL}?state=draft&states=assigned`)).json().total).toBe(0);
    const v = await create(admin, { villageId: village.id, title: '村内道路硬化' });
    expect(ids(await admin.get(`${URL}?villageId=${village.id}&q=${encodeURIComponent('硬化')}`))).toEqual([v.id]);
  });

  it('sponsorRole: lead or co of the given deputy, or for a deputy of themselves', async () => {
    const s = await create(admin, { title: '联名建议测试', coSponsorIds: [deputy2.id] });
    expect(ids(await admin.get(`${URL}?deputyId=${deputy2.id}&sponsorRole=co&pageSize=200`))).toContain(s.id);
    expect(ids(await admin.get(`${URL}?deputyId=${deputy2.id}&sponsorRole=lead&pageSize=200`))).not.toContain(s.id);
    // The deputy of the test world leads it: their own lead items include it, their co items do not.
    expect(ids(await deputy.get(`${URL}?sponsorRole=lead&pageSize=200`))).toContain(s.id);
    expect(ids(await deputy.get(`${URL}?sponsorRole=co&pageSize=200`))).not.toContain(s.id);
    expect((await admin.get(`${URL}?sponsorRole=chair`)).statusCode).toBe(400);
  });

  it('due=overdue|soon|open, key, pending, mine; sort=due puts items without a due date last', async () => {
    expect(ids(await admin.get(`${URL}?due=overdue`))).toEqual([overdue.id]);
    expect(ids(await admin.get(`${URL}?due=soon`))).toEqual([soon.id]);
    const open = ids(await admin.get(`${URL}?due=open&pageSize=200`));
    expect(open).toEqual(expect.arrayContaining([mine.id, inUnit2.id, overdue.id, soon.id]));
    expect(ids(await admin.get(`${URL}?key=true`))).toEqual([soon.id]);
    const item = (await admin.get(`${URL}?due=overdue`)).json().items[0];
    expect(item.due).toEqual({ daysLeft: -3, overdue: true, dueSoon: false });
    expect((await admin.get(`${URL}?due=soon`)).json().items[0].due).toEqual({ daysLeft: 5, overdue: false, dueSoon: true });
    expect((await admin.get(`${URL}?pending=any`)).json().total).toBe(0);
    const sorted = (await admin.get(`${URL}?sort=due&pageSize=200`)).json().items.map((i: { dueDate: string | null }) => i.dueDate);
    const firstNull = sorted.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(sorted.slice(firstNull).every((d: string | null) => d === null)).toBe(true);
    expect(sorted.slice(0, firstNull)).toEqual([...sorted.slice(0, firstNull)].sort());
    const mineList = (await liaison.get(`${URL}?mine=true&pageSize=200`)).json().items;
    expect(mineList.length).toBeGreaterThan(0);
    const created = await t.db.selectFrom('suggestion').select('id').where('createdBy', '=', t.world.users.liaison.id).execute();
    expect(mineList.map((i: { id: string }) => i.id).sort()).toEqual(created.map((r) => r.id).sort());
  });
});

describe('attachments', () => {
  it('attached on create, read through the suggestion by whoever may see it; 404 otherwise', async () => {
    const up = await admin.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(PDF, '现场照片说明.pdf') });
    expect(up.statusCode).toBe(201);
    const fileId = up.json().id;
    const s = await assigned({ fileIds: [fileId], title: '带附件的建议' });
    expect(s.files).toEqual([{ id: fileId, name: '现场照片说明.pdf', size: PDF.length, mime: 'application/pdf' }]);
    const url = `${URL}/${s.id}/files/${fileId}`;
    expect((await anon(t.app).get(url)).statusCode).toBe(401);
    const got = await handler.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect((await handler2.get(url)).statusCode).toBe(404);
    expect((await adminB.get(url)).statusCode).toBe(404);
    const other = (await admin.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(PDF, '别的.pdf') })).json().id;
    expect((await admin.get(`${URL}/${s.id}/files/${other}`)).statusCode).toBe(404);
  });

  it('a deputy attaches their own uploads (not a file they did not upload); keeps those already on their draft', async () => {
    const up = await deputy.request({ method: 'POST', url: '/api/v1/files?use=suggestion', ...multipartFile(PDF, '代表附件.pdf') });
    expect(up.statusCode, up.body).toBe(201);
    const staffFile = (await admin.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(PDF, '内部.pdf') })).json().id;
    const before = await count('suggestion');
    const refused = await deputy.post(URL, base({ fileIds: [staffFile], title: '代表附件测试' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues[0].field).toBe('body.fileIds');
    expect(await count('suggestion')).toBe(before);
    const draft = await create(deputy, { fileIds: [up.json().id], title: '代表附件测试' });
    expect(draft.files.map((f: { id: string }) => f.id)).toEqual([up.json().id]);
    expect((await deputy.get(`${URL}/${draft.id}/files/${up.json().id}`)).statusCode).toBe(200);
    // An admin adds a file to the draft; the deputy may keep it when editing, but not add another staff file.
    const withStaff = (await admin.put(`${URL}/${draft.id}`, { version: draft.version, fileIds: [up.json().id, staffFile] })).json();
    const kept = await deputy.put(`${URL}/${draft.id}`, { version: withStaff.version, fileIds: [staffFile], title: '代表附件测试（改）' });
    expect(kept.statusCode, kept.body).toBe(200);
    const other = (await admin.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(PDF, '另一份.pdf') })).json().id;
    const bad = await deputy.put(`${URL}/${draft.id}`, { version: kept.json().version, fileIds: [staffFile, other] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.fileIds');
  });

  it('a liaison attaches only their own uploads: a file an admin uploaded is refused (400 on fileIds), nothing written', async () => {
    const staffFile = (await admin.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(PDF, '镇人大内部.pdf') })).json().id;
    const before = await count('suggestion');
    const refused = await liaison.post(URL, base({ fileIds: [staffFile], title: '联络员附件测试' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues[0].field).toBe('body.fileIds');
    expect(await count('suggestion')).toBe(before);
    const own = await liaison.request({ method: 'POST', url: '/api/v1/files?use=suggestion', ...multipartFile(PDF, '联络站附件.pdf') });
    expect(own.statusCode, own.body).toBe(201);
    const s = await create(liaison, { fileIds: [own.json().id], title: '联络员附件测试' });
    expect(s.files.map((f: { id: string }) => f.id)).toEqual([own.json().id]);
  });

  it("a handler uploads the signed reply and replies with it; whoever reads the item reads the reply document", async () => {
    const s = await assigned({ title: '答复文件测试', coSponsorIds: [deputy2.id] });
    const staffFile = (await admin.request({ method: 'POST', url: '/api/v1/files?use=any', ...multipartFile(PDF, '内部.pdf') })).json().id;
    const refused = await act(handler, s, 'reply', { grade: 'A', content: '已修复', fileId: staffFile });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues[0].field).toBe('body.fileId');
    const up = await handler.request({ method: 'POST', url: '/api/v1/files?use=document', ...multipartFile(PDF, '答复函.pdf') });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id;
    const replied = await ok(handler, s, 'reply', { grade: 'A', content: '已修复', fileId });
    expect(replied.replies[0].file).toEqual({ id: fileId, name: '答复函.pdf', size: PDF.length });
    const url = `${URL}/${s.id}/files/${fileId}`;
    for (const c of [admin, liaison, deputy, handler]) {
      const got = await c.get(url);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PDF)).toBe(true);
    }
    // A co-sponsor reads it too.
    await makeUser(t.db, { countyId: t.world.county.id, townId: t.world.townA.id, role: 'deputy', username: 'deputy_co_files', deputyId: deputy2.id });
    const co = await login(t.app, 'deputy_co_files');
    expect((await co.get(url)).statusCode).toBe(200);
    for (const c of [handler2, adminB]) expect((await c.get(url)).statusCode).toBe(404);
    // The plain download route stays staff-only.
    expect((await handler.get(`/api/v1/files/${fileId}`)).statusCode).toBe(403);
  });
});

describe('GET /suggestions/duplicates', () => {
  it('403 for deputies and handlers; likely duplicates of a text, best first, scoped to the town', async () => {
    const D = `${URL}/duplicates`;
    expect((await anon(t.app).get(D)).statusCode).toBe(401);
    for (const c of [deputy, handler]) expect((await c.get(`${D}?title=x`)).statusCode).toBe(403);
    const a = await create(admin, { submit: true, title: '东风路路灯不亮', content: '东风路段路灯夜间不亮' });
    await create(admin, { submit: true, title: '学校食堂卫生', content: '食堂卫生条件差' });
    await adminB.post(URL, base({ leadDeputyId: deputyB.id, submit: true, title: '东风路路灯不亮' }));
    const res = await liaison.get(`${D}?title=${encodeURIComponent('东风路的路灯不亮')}&content=${encodeURIComponent('夜里不亮')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ id: a.id, state: 'submitted' });
    expect(res.json().items.every((i: { title: string }) => i.title !== '学校食堂卫生')).toBe(true);
    expect(res.json().items.filter((i: { title: string }) => i.title === '东风路路灯不亮')).toHaveLength(1);
    expect(
      (await admin.get(`${D}?title=${encodeURIComponent('东风路路灯不亮')}&excludeId=${a.id}`)).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(a.id);
    expect((await admin.get(D)).json().items).toEqual([]);
  });
});
