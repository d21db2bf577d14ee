import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makePresidiumMember, makeUser, multipartFile } from '../../../../test/factories.ts';
import { todayInChina } from '../../lib/time.ts';

/*
 * Presidium meetings over HTTP, on SQLite and PostgreSQL. "Today" is the real day (the service asks
 * the clock), so every date here is counted from it.
 */
let t: TestCtx;
let admin: Client;
let member: Client; // the world's deputy, given a presidium seat below
let outsider: Client; // a deputy of the town without a seat
let formerMember: Client; // a deputy whose seat ended yesterday
let resignedMember: Client; // a deputy with an open seat who has left office
let meetingB: { id: string };
let decisionB: { id: string };
let kindId: string;
let otherKindId: string;

const M = '/api/v1/presidium-meetings';
const D = '/api/v1/presidium-decisions';
const PDF = Buffer.from('%PDF-1.4\n% 纪要\n');

function day(offset: number): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

async function count(table: 'presidiumMeeting' | 'presidiumDecision' | 'presidiumAgendaItem' | 'presidiumDecisionProgress' | 'activity') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function auditOf(entity: string, entityId: string) {
  return (await admin.get(`/api/v1/audit-events?entity=${entity}&entityId=${entityId}`)).json().items as {
    action: string;
    summary: string;
    changes: Record<string, [unknown, unknown]> | null;
  }[];
}

async function newMeeting(body: Record<string, unknown> = {}) {
  const res = await admin.post(M, { title: '第一季度主席团例会', date: day(-30), status: 'held', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, townB, termB, county, deputyA, deputyB } = t.world;
  admin = await t.as('town_admin');
  await makePresidiumMember(t.db, townA.id, termA.id, deputyA.id, { position: 'vice_chair' });
  member = await t.as('deputy');
  const plain = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英' });
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_plain', deputyId: plain.id });
  outsider = await login(t.app, 'deputy_plain');
  const former = await makeDeputy(t.db, townA.id, termA.id, { code: 'D003', name: '刘建军' });
  await makePresidiumMember(t.db, townA.id, termA.id, former.id, { endDate: day(-1) });
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_former', deputyId: former.id });
  formerMember = await login(t.app, 'deputy_former');
  // A seat still open on paper, but the deputy has resigned: no seat.
  const resigned = await makeDeputy(t.db, townA.id, termA.id, { code: 'D004', name: '钱卫东', status: 'resigned' });
  await makePresidiumMember(t.db, townA.id, termA.id, resigned.id, {});
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_resigned', deputyId: resigned.id });
  resignedMember = await login(t.app, 'deputy_resigned');
  kindId = (await makeActivityKind(t.db, townA.id, 'presidium_meeting', '主席团会议', 'meeting')).id;
  otherKindId = (await makeActivityKind(t.db, townA.id, 'training', '培训学习', 'training')).id;

  // Town B's meeting and decision, for the 404s.
  const b = await t.as('admin_b');
  await makePresidiumMember(t.db, townB.id, termB.id, deputyB.id, { position: 'chair' });
  meetingB = (await b.post(M, { title: '乙镇主席团会议', date: day(-5), status: 'held' })).json();
  decisionB = (await b.post(`${M}/${meetingB.id}/decisions`, { content: '乙镇决议', ownerType: 'deputy', ownerId: deputyB.id, dueDate: day(10) })).json();
  expect(decisionB.id).toBeTruthy();
});
afterAll(async () => t.close());

describe('presidium meetings API: access', () => {
  it('401 without a session on every route', async () => {
    const c = anon(t.app);
    const id = meetingB.id;
    for (const res of await Promise.all([
      c.get(M),
      c.post(M, { title: 'x', date: day(0) }),
      c.get(`${M}/${id}`),
      c.patch(`${M}/${id}`, { version: 1 }),
      c.delete(`${M}/${id}`),
      c.put(`${M}/${id}/agenda`, { version: 1, items: [] }),
      c.post(`${M}/${id}/activity`, { version: 1 }),
      c.get(`${M}/${id}/minutes-file`),
      c.post(`${M}/${id}/decisions`, {}),
      c.get(D),
      c.get(`${D}/${decisionB.id}`),
      c.patch(`${D}/${decisionB.id}`, { version: 1 }),
      c.post(`${D}/${decisionB.id}/progress`, { date: day(0), detail: 'x' }),
    ])) {
      expect(res.statusCode).toBe(401);
    }
  });

  it('reads: staff and current presidium members; 403 for handlers, other deputies and a member whose seat ended', async () => {
    const m = await newMeeting({ title: '读权限测试会议' });
    const d = (await admin.post(`${M}/${m.id}/decisions`, { content: '读权限决议', ownerType: 'other', ownerName: '镇综治办', dueDate: day(5) })).json();
    for (const c of [admin, await t.as('liaison'), member]) {
      expect((await c.get(M)).statusCode).toBe(200);
      expect((await c.get(`${M}/${m.id}`)).statusCode).toBe(200);
      expect((await c.get(D)).statusCode).toBe(200);
      expect((await c.get(`${D}/${d.id}`)).statusCode).toBe(200);
    }
    expect((await member.get(`${M}/${m.id}`)).json().canEdit).toBe(false);
    expect((await admin.get(`${M}/${m.id}`)).json().canEdit).toBe(true);
    for (const c of [await t.as('handler'), outsider, formerMember, resignedMember]) {
      for (const url of [M, `${M}/${m.id}`, D, `${D}/${d.id}`]) expect((await c.get(url)).statusCode, url).toBe(403);
    }
    const denied = await outsider.get(M);
    expect(denied.json().message).toBe('只有现任主席团成员可以查看主席团会议');
    // /auth/me tells the web whether to show the presidium's pages to a deputy.
    const seat = async (c: Client) => (await c.get('/api/v1/auth/me')).json().user.onPresidium;
    expect([await seat(member), await seat(outsider), await seat(formerMember), await seat(resignedMember), await seat(admin)]).toEqual([true, false, false, false, false]);
  });

  it('writes: administrators only (a presidium member adds progress notes, nothing else); nothing changes on 403', async () => {
    const m = await newMeeting({ title: '写权限测试会议' });
    const d = (await admin.post(`${M}/${m.id}/decisions`, { content: '写权限决议', ownerType: 'other', ownerName: '镇综治办', dueDate: day(5) })).json();
    const before = await Promise.all([count('presidiumMeeting'), count('presidiumDecision'), count('presidiumAgendaItem'), count('presidiumDecisionProgress')]);
    for (const c of [await t.as('liaison'), await t.as('handler'), member, outsider]) {
      expect((await c.post(M, { title: '越权会议', date: day(0) })).statusCode).toBe(403);
      expect((await c.patch(`${M}/${m.id}`, { version: m.version, title: '改' })).statusCode).toBe(403);
      expect((await c.delete(`${M}/${m.id}`)).statusCode).toBe(403);
      expect((await c.put(`${M}/${m.id}/agenda`, { version: m.version, items: [{ title: '越权议程' }] })).statusCode).toBe(403);
      expect((await c.post(`${M}/${m.id}/activity`, { version: m.version })).statusCode).toBe(403);
      expect((await c.post(`${M}/${m.id}/decisions`, { content: '越权', ownerType: 'other', ownerName: 'x', dueDate: day(5) })).statusCode).toBe(403);
      expect((await c.patch(`${D}/${d.id}`, { version: d.version, status: 'cancelled', result: 'x' })).statusCode).toBe(403);
    }
    for (const c of [await t.as('liaison'), await t.as('handler'), outsider, formerMember]) {
      expect((await c.post(`${D}/${d.id}/progress`, { date: day(0), detail: '越权进展' })).statusCode).toBe(403);
    }
    expect(await Promise.all([count('presidiumMeeting'), count('presidiumDecision'), count('presidiumAgendaItem'), count('presidiumDecisionProgress')])).toEqual(before);
    const row = await t.db.selectFrom('presidiumDecision').select(['status', 'version']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', version: 1 });

    const noted = await member.post(`${D}/${d.id}/progress`, { date: day(0), detail: '已与综治办对接' });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(noted.json()).toMatchObject({ status: 'in_progress', progress: [{ detail: '已与综治办对接', authorName: 'deputy_a' }] });
  });

  it('404 for another town’s meeting and decision on every route, and they stay as they were', async () => {
    const m = meetingB.id;
    const d = decisionB.id;
    for (const res of [
      await admin.get(`${M}/${m}`),
      await admin.patch(`${M}/${m}`, { version: 1, title: '改乙镇' }),
      await admin.delete(`${M}/${m}`),
      await admin.put(`${M}/${m}/agenda`, { version: 1, items: [] }),
      await admin.post(`${M}/${m}/activity`, { version: 1 }),
      await admin.get(`${M}/${m}/minutes-file`),
      await admin.post(`${M}/${m}/decisions`, { content: 'x', ownerType: 'other', ownerName: 'x', dueDate: day(5) }),
      await admin.get(`${D}/${d}`),
      await admin.patch(`${D}/${d}`, { version: 1, status: 'cancelled', result: 'x' }),
      await admin.post(`${D}/${d}/progress`, { date: day(0), detail: 'x' }),
      await member.get(`${M}/${m}`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await admin.get(M)).json().items.map((x: { title: string }) => x.title)).not.toContain('乙镇主席团会议');
    const b = await t.as('admin_b');
    expect((await b.get(`${M}/${m}`)).json()).toMatchObject({ title: '乙镇主席团会议', version: 1, decisions: [{ status: 'open', version: 1 }] });
  });
});

describe('presidium meetings API: meetings', () => {
  it('400 names the bad field and writes nothing', async () => {
    const before = await count('presidiumMeeting');
    const upload = (await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, '纪要.pdf') })).json();
    const bFile = (await (await t.as('admin_b')).request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, '乙镇.pdf') })).json();
    const training = await makeActivity(t.db, t.world.townA.id, otherKindId, { startAt: `${day(-3)}T01:00:00.000Z`, endAt: `${day(-3)}T03:00:00.000Z`, code: 'TEST-1' });
    const base = { title: '主席团会议', date: day(-1) };
    const cases: [unknown, string, string][] = [
      [{ ...base, title: ' ' }, 'body.title', '标题'],
      [{ ...base, date: '2026-02-30' }, 'body.date', '日期'],
      [{ ...base, startTime: '9:00' }, 'body.startTime', 'HH:MM'],
      [{ ...base, startTime: '10:00', endTime: '09:00' }, 'body.endTime', '结束时间应晚于开始时间'],
      [{ ...base, date: day(3), status: 'held' }, 'body.status', '会议日期未到'],
      [{ ...base, termId: t.world.termB.id }, 'body.termId', '届次不存在或不属于本镇'],
      [{ ...base, minutesFileId: bFile.id }, 'body.minutesFileId', '文件不存在'],
      [{ ...base, activityId: training.id }, 'body.activityId', '不是主席团会议'],
      [{ ...base, ordinal: 0 }, 'body.ordinal', '会议次数'],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.post(M, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field, field).toBe(field);
      expect(res.json().message, field).toContain(message);
    }
    expect(await count('presidiumMeeting')).toBe(before);
    expect(upload.id).toBeTruthy();
  });

  it('creates with the next code and 第N次 of the current term; a taken number is 409; lists newest first with counts', async () => {
    const first = await newMeeting({ title: '编号测试一', date: day(-60), startTime: '09:00', endTime: '11:00', place: '镇人大会议室', presider: '李明华' });
    expect(first).toMatchObject({ termId: t.world.termA.id, termNumber: 18, status: 'held', startTime: '09:00', place: '镇人大会议室', presider: '李明华', agenda: [], decisions: [], version: 1 });
    expect(first.code).toMatch(/^M\d{3}$/);
    const second = await newMeeting({ title: '编号测试二', date: day(-59) });
    expect(Number(second.code.slice(1))).toBe(Number(first.code.slice(1)) + 1);
    expect(second.ordinal).toBe(first.ordinal + 1);

    const before = await count('presidiumMeeting');
    const dup = await admin.post(M, { title: '重号', date: day(-1), ordinal: first.ordinal });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0]).toEqual({ field: 'body.ordinal', message: `本届已有第 ${first.ordinal} 次主席团会议` });
    expect(await count('presidiumMeeting')).toBe(before);

    const events = await auditOf('presidium_meeting', first.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'create', summary: `新增主席团会议 ${first.code} 编号测试一` });

    const page = (await admin.get(`${M}?q=编号测试&pageSize=1`)).json();
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ title: '编号测试二' }] });
    const page2 = (await admin.get(`${M}?q=编号测试&pageSize=1&page=2`)).json();
    expect(page2.items.map((m: { title: string }) => m.title)).toEqual(['编号测试一']);
    expect((await admin.get(`${M}?status=planned&q=编号测试`)).json().total).toBe(0);
  });

  it('agenda is saved whole and in order; minutes with a file readable by a presidium member; a stale version is 409', async () => {
    const m = await newMeeting({ title: '议程纪要测试' });
    const put = await admin.put(`${M}/${m.id}/agenda`, {
      version: m.version,
      items: [
        { title: '听取联络站工作汇报', presenter: '王站长' },
        { title: '研究代表建议交办', notes: '同意交办 5 件' },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().agenda.map((a: { title: string; presenter: string; notes: string }) => [a.title, a.presenter, a.notes])).toEqual([
      ['听取联络站工作汇报', '王站长', ''],
      ['研究代表建议交办', '', '同意交办 5 件'],
    ]);
    expect(put.json().version).toBe(2);
    const stale = await admin.put(`${M}/${m.id}/agenda`, { version: m.version, items: [] });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`${M}/${m.id}`)).json().agenda).toHaveLength(2);
    const badItem = await admin.put(`${M}/${m.id}/agenda`, { version: 2, items: [{ title: '' }] });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.json().details.issues[0].field).toBe('body.items.0.title');

    const file = (await admin.request({ method: 'POST', url: '/api/v1/files', ...multipartFile(PDF, '会议纪要.pdf') })).json();
    const saved = await admin.patch(`${M}/${m.id}`, { version: 2, minutes: '会议听取了汇报，形成决议两项。', minutesFileId: file.id });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ minutes: '会议听取了汇报，形成决议两项。', minutesFile: { id: file.id, name: '会议纪要.pdf' }, hasMinutes: true, version: 3 });
    const got = await member.get(`${M}/${m.id}/minutes-file`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect((await outsider.get(`${M}/${m.id}/minutes-file`)).statusCode).toBe(403);

    const events = await auditOf('presidium_meeting', m.id);
    expect(events.map((e) => e.action)).toEqual(['minutes', 'set_agenda', 'create']);
    expect(events[0].changes).toMatchObject({ minutes: ['', '会议听取了汇报，形成决议两项。'], minutesFile: [null, '会议纪要.pdf'] });
    expect(events[1].changes).toEqual({ agenda: [[], ['1. 听取联络站工作汇报（王站长）', '2. 研究代表建议交办：同意交办 5 件']] });
  });

  it('creates the 主席团会议 activity for a meeting and links it; links an existing one; one activity per meeting', async () => {
    const m = await newMeeting({ title: '活动关联测试', date: day(-2), startTime: '14:30', endTime: '16:00', place: '二楼会议室' });
    await admin.put(`${M}/${m.id}/agenda`, { version: 1, items: [{ title: '审议年度计划' }] });
    const activities = await count('activity');
    const made = await admin.post(`${M}/${m.id}/activity`, { version: 2 });
    expect(made.statusCode, made.body).toBe(201);
    const linked = made.json();
    expect(linked.activity).toMatchObject({ title: `第18届主席团第${m.ordinal}次会议：活动关联测试`, status: 'held', invited: 0 });
    expect(linked.version).toBe(3);
    expect(await count('activity')).toBe(activities + 1);
    const act = await t.db.selectFrom('activity').selectAll().where('id', '=', linked.activity.id).executeTakeFirstOrThrow();
    expect(act).toMatchObject({ kindId, organiserType: 'town', place: '二楼会议室', content: '1. 审议年度计划', startAt: `${day(-2)}T06:30:00.000Z`, endAt: `${day(-2)}T08:00:00.000Z` });
    expect((await admin.post(`${M}/${m.id}/activity`, { version: 3 })).statusCode).toBe(409);
    expect(await count('activity')).toBe(activities + 1);

    // Another meeting may not take the same activity; an existing 主席团会议 activity may be linked.
    const other = await newMeeting({ title: '活动关联测试二' });
    const taken = await admin.patch(`${M}/${other.id}`, { version: 1, activityId: linked.activity.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.issues[0].field).toBe('body.activityId');
    const existing = await makeActivity(t.db, t.world.townA.id, kindId, { startAt: `${day(-30)}T01:00:00.000Z`, endAt: `${day(-30)}T03:00:00.000Z`, code: 'TEST-2' });
    const ok = await admin.patch(`${M}/${other.id}`, { version: 1, activityId: existing.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().activity).toMatchObject({ id: existing.id, code: 'TEST-2' });
    const unlinked = await admin.patch(`${M}/${other.id}`, { version: 2, activityId: null });
    expect(unlinked.json().activity).toBeNull();
    expect((await auditOf('presidium_meeting', other.id)).map((e) => e.action)).toEqual(['unlink_activity', 'link_activity', 'create']);
  });

  it('status: held only once the day has come, back to planned only without decisions; delete only without decisions', async () => {
    const future = (await admin.post(M, { title: '下月例会', date: day(20) })).json();
    expect(future.status).toBe('planned');
    const early = await admin.patch(`${M}/${future.id}`, { version: 1, status: 'held' });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.issues[0].field).toBe('body.status');
    const noDecision = await admin.post(`${M}/${future.id}/decisions`, { content: '提前决议', ownerType: 'other', ownerName: 'x', dueDate: day(30) });
    expect(noDecision.statusCode).toBe(409);
    expect(noDecision.json().code).toBe('INVALID_TRANSITION');
    expect((await admin.delete(`${M}/${future.id}`)).json()).toEqual({ ok: true });
    expect((await admin.get(`${M}/${future.id}`)).statusCode).toBe(404);
    expect((await auditOf('presidium_meeting', future.id)).map((e) => e.action)).toEqual(['delete', 'create']);

    const held = await newMeeting({ title: '有决议的会议' });
    await admin.post(`${M}/${held.id}/decisions`, { content: '决议一', ownerType: 'other', ownerName: '镇政府', dueDate: day(5) });
    const back = await admin.patch(`${M}/${held.id}`, { version: 1, status: 'planned' });
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toContain('已有决议');
    const gone = await admin.delete(`${M}/${held.id}`);
    expect(gone.statusCode).toBe(409);
    expect((await admin.get(`${M}/${held.id}`)).statusCode).toBe(200);
  });
});

describe('presidium meetings API: decisions followed until done', () => {
  it('400 names the field for a bad decision and writes nothing', async () => {
    const m = await newMeeting({ title: '决议校验会议', date: day(-10) });
    const before = await count('presidiumDecision');
    const cases: [unknown, string, string][] = [
      [{ ownerType: 'other', ownerName: '镇政府', dueDate: day(5) }, 'body.content', ''],
      [{ content: '修路', ownerType: 'boss', dueDate: day(5) }, 'body.ownerType', ''],
      [{ content: '修路', ownerType: 'deputy', dueDate: day(5) }, 'body.ownerId', '请选择负责的代表'],
      [{ content: '修路', ownerType: 'deputy', ownerId: t.world.deputyB.id, dueDate: day(5) }, 'body.ownerId', '不属于本镇'],
      [{ content: '修路', ownerType: 'unit', ownerId: t.world.unitB.id, dueDate: day(5) }, 'body.ownerId', '承办单位不存在'],
      [{ content: '修路', ownerType: 'other', ownerName: ' ', dueDate: day(5) }, 'body.ownerName', '请填写责任方名称'],
      [{ content: '修路', ownerType: 'other', ownerName: '镇政府', dueDate: day(-11) }, 'body.dueDate', '不能早于会议日期'],
      [{ content: '修路', ownerType: 'other', ownerName: '镇政府' }, 'body.dueDate', ''],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.post(`${M}/${m.id}/decisions`, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field, field).toBe(field);
      expect(res.json().message, field).toContain(message);
    }
    expect(await count('presidiumDecision')).toBe(before);
  });

  it('records decisions with owners, flags overdue, follows progress and closes them; every step audited', async () => {
    const m = await newMeeting({ title: '决议跟踪会议', date: day(-40) });
    const mk = async (body: Record<string, unknown>) => {
      const res = await admin.post(`${M}/${m.id}/decisions`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const road = await mk({ content: '督促修复村道', ownerType: 'unit', ownerId: t.world.unitA.id, dueDate: day(-10) });
    const visit = await mk({ content: '走访困难代表', ownerType: 'deputy', ownerId: t.world.deputyA.id, dueDate: day(0) });
    const plan = await mk({ content: '拟定下季度视察计划', ownerType: 'other', ownerName: '人大办', dueDate: day(30) });
    expect([road.code, visit.code, plan.code]).toEqual([`${m.code}-1`, `${m.code}-2`, `${m.code}-3`]);
    expect(road).toMatchObject({ ownerName: '甲镇民政办', ownerType: 'unit', status: 'open', overdue: true, daysOverdue: 10, progress: [] });
    expect(visit).toMatchObject({ ownerName: '李明华', overdue: false, daysOverdue: 0 });
    expect(plan).toMatchObject({ ownerName: '人大办', ownerId: null });

    const overdue = (await admin.get(`${D}?meetingId=${m.id}&overdue=true`)).json();
    expect(overdue.items.map((d: { code: string }) => d.code)).toEqual([road.code]);
    expect(overdue.summary).toEqual({ open: 3, inProgress: 0, overdue: 1, done: 0, cancelled: 0 });
    expect((await admin.get(`${D}?meetingId=${m.id}&owner=民政`)).json().items.map((d: { code: string }) => d.code)).toEqual([road.code]);
    expect((await admin.get(`${D}?meetingId=${m.id}&owner=明华`)).json().items.map((d: { code: string }) => d.code)).toEqual([visit.code]);
    expect((await admin.get(`${D}?meetingId=${m.id}&ownerType=other`)).json().items.map((d: { code: string }) => d.code)).toEqual([plan.code]);
    // The most urgent first.
    expect((await admin.get(`${D}?meetingId=${m.id}&status=active`)).json().items.map((d: { code: string }) => d.code)).toEqual([road.code, visit.code, plan.code]);
    const listed = (await admin.get(`${M}?q=决议跟踪会议`)).json().items[0];
    expect(listed).toMatchObject({ decisionCount: 3, openDecisionCount: 3, overdueDecisionCount: 1 });

    // Progress: dated, not before the meeting nor in the future; the first note starts the work.
    const badDate = await admin.post(`${D}/${road.id}/progress`, { date: day(1), detail: '明天的进展' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details.issues[0].field).toBe('body.date');
    const empty = await admin.post(`${D}/${road.id}/progress`, { date: day(0), detail: '' });
    expect(empty.json().details.issues[0].field).toBe('body.detail');
    expect(await count('presidiumDecisionProgress')).toBe(1); // the one from the access test
    const p1 = await admin.post(`${D}/${road.id}/progress`, { date: day(-5), detail: '民政办已联系施工队' });
    expect(p1.statusCode, p1.body).toBe(201);
    expect(p1.json()).toMatchObject({ status: 'in_progress', overdue: true, progressCount: 1, version: 2 });
    const p2 = await member.post(`${D}/${road.id}/progress`, { date: day(-1), detail: '主席团成员现场查看，已开工' });
    expect(p2.json().progress.map((p: { date: string; detail: string; authorName: string }) => [p.date, p.authorName])).toEqual([
      [day(-5), 'admin_a'],
      [day(-1), 'deputy_a'],
    ]);
    expect(p2.json().lastProgress.detail).toBe('主席团成员现场查看，已开工');

    // Done: needs the result; a stale version is refused; the day defaults to today.
    const noResult = await admin.patch(`${D}/${road.id}`, { version: 2, status: 'done' });
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().details.issues[0]).toEqual({ field: 'body.result', message: '办结的决议需要填写落实结果' });
    const stale = await admin.patch(`${D}/${road.id}`, { version: 1, status: 'done', result: '村道已修复' });
    expect(stale.statusCode).toBe(409);
    const done = await admin.patch(`${D}/${road.id}`, { version: 2, status: 'done', result: '村道已修复并验收' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneDate: day(0), result: '村道已修复并验收', overdue: false, version: 3 });
    const late = await admin.post(`${D}/${road.id}/progress`, { date: day(0), detail: '办结后补记' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('请先重新打开');
    const illegal = await admin.patch(`${D}/${road.id}`, { version: 3, status: 'cancelled', result: '取消' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().code).toBe('INVALID_TRANSITION');

    // Cancel with a reason; change an owner and due date.
    expect((await admin.patch(`${D}/${plan.id}`, { version: 1, status: 'cancelled' })).json().details.issues[0].field).toBe('body.result');
    expect((await admin.patch(`${D}/${plan.id}`, { version: 1, status: 'cancelled', result: '并入年度计划' })).json()).toMatchObject({ status: 'cancelled' });
    const moved = await admin.patch(`${D}/${visit.id}`, { version: 1, ownerType: 'other', ownerName: '镇民政办', dueDate: day(7) });
    expect(moved.json()).toMatchObject({ ownerType: 'other', ownerName: '镇民政办', ownerId: null, dueDate: day(7) });
    const needsId = await admin.patch(`${D}/${visit.id}`, { version: 2, ownerType: 'deputy' });
    expect(needsId.json().details.issues[0].field).toBe('body.ownerId');

    const after = (await admin.get(`${D}?meetingId=${m.id}`)).json();
    expect(after.summary).toEqual({ open: 1, inProgress: 0, overdue: 0, done: 1, cancelled: 1 });
    expect(after.items.map((d: { code: string }) => d.code)).toEqual([visit.code, road.code, plan.code]);
    expect((await admin.get(`${D}?meetingId=${m.id}&status=done`)).json().items.map((d: { code: string }) => d.code)).toEqual([road.code]);

    const events = await auditOf('presidium_decision', road.id);
    expect(events.map((e) => e.action)).toEqual(['complete', 'progress', 'progress', 'create']);
    expect(events[0].summary).toBe(`主席团会议决议 ${road.code} 落实中 → 已办结`);
    expect(events[0].changes).toMatchObject({ status: ['in_progress', 'done'], doneDate: [null, day(0)], result: ['', '村道已修复并验收'] });
    expect(events[2].changes).toMatchObject({ status: ['open', 'in_progress'] });

    // Reopen: back to 落实中, the day cleared, and notes can be written again.
    const reopened = await admin.patch(`${D}/${road.id}`, { version: 3, status: 'in_progress' });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', doneDate: null, overdue: true });
  });

  it('a decision whose owner has left office can still be edited (the owner is checked only when it changes)', async () => {
    const m = await newMeeting({ title: '责任人离任会议' });
    const owner = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D009', name: '孙立新' });
    const d = (await admin.post(`${M}/${m.id}/decisions`, { content: '落实村道养护', ownerType: 'deputy', ownerId: owner.id, dueDate: day(5) })).json();
    await t.db.updateTable('deputy').set({ status: 'resigned' }).where('id', '=', owner.id).execute();
    // The edit dialog sends the owner as it is, with a new due date.
    const res = await admin.patch(`${D}/${d.id}`, { version: d.version, ownerType: 'deputy', ownerId: owner.id, dueDate: day(20) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerName: '孙立新', dueDate: day(20) });
    // Giving the decision to that deputy anew is refused, naming the field.
    const other = (await admin.post(`${M}/${m.id}/decisions`, { content: '另一项', ownerType: 'other', ownerName: '人大办', dueDate: day(5) })).json();
    const bad = await admin.patch(`${D}/${other.id}`, { version: other.version, ownerType: 'deputy', ownerId: owner.id });
    expect(bad.statusCode).toBe(400);
  });
});
