import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, anon, login, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind, makeDeputy, makeGroup, makeInvitation, makeStation, makeUser } from '../../../../test/factories.ts';

/*
 * Invitations, leave, sign-in, the checklist, a deputy's own list and the statistics. Activities are
 * placed around the real clock (the window rules read "now"), so nothing here sleeps.
 */
let t: TestCtx;
let deputy: Client; // 李明华, station A
let deputy2: Client; // 张秀英, station A
let liaisonA2: Client;
let d2: { id: string };
let d3: { id: string }; // station A2, county level
let d4: { id: string }; // resigned, station A
let stationA2: { id: string };
let group: { id: string };
let kindId: string;
let kindB: { id: string };
let activityB: { id: string };
const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

type Act = { id: string; signInCode: string; version: number };
const acts: Record<'soon' | 'current' | 'future' | 'past' | 'a2' | 'other', Act> = {} as never;

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, termA, stationA, county } = t.world;
  stationA2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  d2 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', stationId: stationA.id });
  d3 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D003', name: '赵志强', stationId: stationA2.id, isCountyLevel: 1 });
  d4 = await makeDeputy(t.db, townA.id, termA.id, { code: 'D004', name: '钱卫东', stationId: stationA.id, status: 'resigned' });
  group = await makeGroup(t.db, townA.id, 'G01', '第一代表小组');
  await t.db
    .insertInto('groupMember')
    .values([
      { groupId: group.id, deputyId: d3.id, townId: townA.id, role: 'leader' },
      { groupId: group.id, deputyId: d2.id, townId: townA.id, role: 'member' },
    ])
    .execute();
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'deputy', username: 'deputy_a2', deputyId: d2.id });
  await makeUser(t.db, { countyId: county.id, townId: townA.id, role: 'liaison', username: 'liaison_a2', stationId: stationA2.id });
  deputy = await t.as('deputy');
  deputy2 = await login(t.app, 'deputy_a2');
  liaisonA2 = await login(t.app, 'liaison_a2');
  kindB = await makeActivityKind(t.db, townB.id, 'training', '乙镇培训');
  activityB = await makeActivity(t.db, townB.id, kindB.id, { title: '乙镇活动', startAt: minutes(-10), endAt: minutes(60) });
  await makeInvitation(t.db, townB.id, activityB.id, t.world.deputyB.id);

  const admin = await t.as('town_admin');
  kindId = (await admin.get('/api/v1/activity-kinds')).json().items[0].id;
  const mk = async (title: string, startAt: string, endAt: string, over: Record<string, unknown> = {}) => {
    const res = await admin.post('/api/v1/activities', { title, kindId, organiserType: 'town', startAt, endAt, ...over });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as Act;
  };
  acts.soon = await mk('即将开始', minutes(10), minutes(70));
  acts.current = await mk('进行中', minutes(-20), minutes(60));
  acts.future = await mk('下周培训', minutes(7 * 24 * 60), minutes(7 * 24 * 60 + 120));
  acts.past = await mk('已结束', minutes(-180), minutes(-60));
  acts.a2 = await mk('二站活动', minutes(2 * 24 * 60), minutes(2 * 24 * 60 + 60), { organiserType: 'station', organiserId: stationA2.id });
  acts.other = await mk('未邀请', minutes(-5), minutes(60));
});
afterAll(async () => t.close());

const invitation = (activityId: string, deputyId: string) =>
  t.db.selectFrom('activityInvitation').selectAll().where('activityId', '=', activityId).where('deputyId', '=', deputyId).executeTakeFirst();
const invitationCount = async () => Number((await t.db.selectFrom('activityInvitation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('invitations', () => {
  it('401, 403 and 404 as they should', async () => {
    expect((await anon(t.app).post(`/api/v1/activities/${acts.soon.id}/invitations`, { levels: ['town'] })).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      expect((await (await t.as(role)).post(`/api/v1/activities/${acts.soon.id}/invitations`, { levels: ['town'] })).statusCode, role).toBe(403);
    }
    const before = await invitationCount();
    expect((await (await t.as('liaison')).post(`/api/v1/activities/${acts.a2.id}/invitations`, { deputyIds: [d3.id] })).statusCode).toBe(403);
    expect((await (await t.as('liaison')).get(`/api/v1/activities/${acts.a2.id}/invitations`)).statusCode).toBe(403);
    expect((await (await t.as('town_admin')).post(`/api/v1/activities/${activityB.id}/invitations`, { levels: ['town'] })).statusCode).toBe(404);
    expect((await (await t.as('town_admin')).get(`/api/v1/activities/${activityB.id}/invitations`)).statusCode).toBe(404);
    expect(await invitationCount()).toBe(before);
  });

  it('400 names the field: nothing chosen, another town’s station, a deputy not serving or not of the town', async () => {
    const admin = await t.as('town_admin');
    const before = await invitationCount();
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'body'],
      [{ stationIds: [t.world.stationB.id] }, 'body.stationIds[0]'],
      [{ groupIds: ['nope'] }, 'body.groupIds[0]'],
      [{ deputyIds: [d2.id, t.world.deputyB.id] }, 'body.deputyIds[1]'],
      [{ deputyIds: [d4.id] }, 'body.deputyIds[0]'],
      [{ levels: ['province'] }, 'body.levels.0'],
    ];
    for (const [b, field] of cases) {
      const res = await admin.post(`/api/v1/activities/${acts.soon.id}/invitations`, b);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(b)).toBe(field);
    }
    expect(await invitationCount()).toBe(before);
  });

  it('invites by station (serving deputies only), level, group and by hand, once per deputy', async () => {
    const admin = await t.as('town_admin');
    const byStation = await admin.post(`/api/v1/activities/${acts.soon.id}/invitations`, { stationIds: [t.world.stationA.id] });
    expect(byStation.json()).toEqual({ added: 2, alreadyInvited: 0, invitedCount: 2 });
    const again = await admin.post(`/api/v1/activities/${acts.soon.id}/invitations`, { stationIds: [t.world.stationA.id], levels: ['county'] });
    expect(again.json()).toEqual({ added: 1, alreadyInvited: 2, invitedCount: 3 });
    const byGroup = await admin.post(`/api/v1/activities/${acts.current.id}/invitations`, { groupIds: [group.id] });
    expect(byGroup.json()).toMatchObject({ added: 2 });
    await admin.post(`/api/v1/activities/${acts.current.id}/invitations`, { deputyIds: [t.world.deputyA.id] });
    for (const key of ['future', 'past'] as const) {
      await admin.post(`/api/v1/activities/${acts[key].id}/invitations`, { levels: ['town'] });
    }
    const list = await admin.get(`/api/v1/activities/${acts.soon.id}/invitations`);
    expect(list.json().items.map((i: { deputyName: string }) => i.deputyName)).toEqual(['李明华', '张秀英', '赵志强']);
    expect(list.json().items[0]).toMatchObject({ stationName: '甲镇代表联络站', response: 'pending', leaveStatus: null, attendance: null, finalStatus: null });
    const audit = await t.db.selectFrom('auditEvent').select(['action', 'changes']).where('entityId', '=', acts.soon.id).where('action', '=', 'invite').execute();
    expect(audit).toHaveLength(2);
    // The liaison of the organising station invites to their own station's activity.
    const a2 = await liaisonA2.post(`/api/v1/activities/${acts.a2.id}/invitations`, { deputyIds: [d3.id, d2.id] });
    expect(a2.json()).toMatchObject({ added: 2 });
  });

  it('withdraws an invitation that has no attendance yet', async () => {
    const admin = await t.as('town_admin');
    await admin.post(`/api/v1/activities/${acts.future.id}/invitations`, { deputyIds: [d3.id] });
    const del = await admin.delete(`/api/v1/activities/${acts.future.id}/invitations/${d3.id}`);
    expect(del.statusCode).toBe(200);
    expect(await invitation(acts.future.id, d3.id)).toBeUndefined();
    expect((await admin.delete(`/api/v1/activities/${acts.future.id}/invitations/${d3.id}`)).statusCode).toBe(404);
  });
});

describe('leave', () => {
  it('a deputy asks with a reason; 400 without one; 404 where not invited or another town', async () => {
    const none = await deputy.post(`/api/v1/activities/${acts.future.id}/leave`, { reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.issues[0].field).toBe('body.reason');
    expect((await deputy.post(`/api/v1/activities/${acts.other.id}/leave`, { reason: '外出' })).statusCode).toBe(404);
    expect((await deputy.post(`/api/v1/activities/${activityB.id}/leave`, { reason: '外出' })).statusCode).toBe(404);
    expect((await anon(t.app).post(`/api/v1/activities/${acts.future.id}/leave`, { reason: '外出' })).statusCode).toBe(401);
    for (const role of ['town_admin', 'liaison', 'handler'] as const) {
      expect((await (await t.as(role)).post(`/api/v1/activities/${acts.future.id}/leave`, { reason: '外出' })).statusCode, role).toBe(403);
    }
    const res = await deputy.post(`/api/v1/activities/${acts.future.id}/leave`, { reason: '外出务工' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ leaveStatus: 'requested', leaveReason: '外出务工' });
    const again = await deputy.post(`/api/v1/activities/${acts.future.id}/leave`, { reason: '再请' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    // Confirming while a leave is pending is a contradiction.
    expect((await deputy.post(`/api/v1/activities/${acts.future.id}/accept`)).json().code).toBe('INVALID_TRANSITION');
  });

  it('withdraw and ask again; then the liaison of the deputy’s station approves; later steps are illegal', async () => {
    expect((await deputy.post(`/api/v1/activities/${acts.future.id}/leave/withdraw`)).json().leaveStatus).toBe('withdrawn');
    expect((await deputy.post(`/api/v1/activities/${acts.future.id}/leave`, { reason: '住院' })).json()).toMatchObject({ leaveStatus: 'requested', leaveReason: '住院' });
    const liaison = await t.as('liaison');
    const bad = await liaison.post(`/api/v1/activities/${acts.future.id}/invitations/${t.world.deputyA.id}/leave-decision`, { decision: 'maybe' });
    expect(bad.json().details.issues[0].field).toBe('body.decision');
    const ok = await liaison.post(`/api/v1/activities/${acts.future.id}/invitations/${t.world.deputyA.id}/leave-decision`, { decision: 'approved', note: '好好休养' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ deputyName: '李明华', leaveStatus: 'approved', leaveNote: '好好休养' });
    const twice = await liaison.post(`/api/v1/activities/${acts.future.id}/invitations/${t.world.deputyA.id}/leave-decision`, { decision: 'refused' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('INVALID_TRANSITION');
    const withdraw = await deputy.post(`/api/v1/activities/${acts.future.id}/leave/withdraw`);
    expect(withdraw.json().code).toBe('INVALID_TRANSITION');
    const events = await t.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'activity_invitation')
      .where('entityId', '=', (await invitation(acts.future.id, t.world.deputyA.id))?.id as string)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['leave_request', 'leave_withdraw', 'leave_request', 'leave_approve']);
  });

  it('a liaison decides only for their station’s activity or deputies; an admin for all; another town 404', async () => {
    // 张秀英 (station A) invited to station A2's activity: A2's liaison (organiser) or A's liaison (her station) may decide.
    expect((await deputy2.post(`/api/v1/activities/${acts.a2.id}/leave`, { reason: '开会' })).statusCode).toBe(200);
    // 赵志强 (station A2) to station A2's activity: station A's liaison may not.
    await t.db.updateTable('activityInvitation').set({ leaveStatus: 'requested', leaveReason: '出差' }).where('activityId', '=', acts.a2.id).where('deputyId', '=', d3.id).execute();
    const liaison = await t.as('liaison');
    const refused = await liaison.post(`/api/v1/activities/${acts.a2.id}/invitations/${d3.id}/leave-decision`, { decision: 'approved' });
    expect(refused.statusCode).toBe(403);
    expect((await invitation(acts.a2.id, d3.id))?.leaveStatus).toBe('requested');
    const inbox = await liaison.get('/api/v1/activities/leave-requests?status=requested');
    expect(inbox.json().items.map((i: { deputyName: string }) => i.deputyName)).toEqual(['张秀英']);
    const adminInbox = await (await t.as('town_admin')).get('/api/v1/activities/leave-requests?status=requested');
    expect(adminInbox.json().total).toBe(2);
    expect((await liaison.post(`/api/v1/activities/${acts.a2.id}/invitations/${d2.id}/leave-decision`, { decision: 'refused', note: '请参加' })).json().leaveStatus).toBe('refused');
    expect((await liaisonA2.post(`/api/v1/activities/${acts.a2.id}/invitations/${d3.id}/leave-decision`, { decision: 'approved' })).json().leaveStatus).toBe('approved');
    expect((await (await t.as('town_admin')).post(`/api/v1/activities/${activityB.id}/invitations/${t.world.deputyB.id}/leave-decision`, { decision: 'approved' })).statusCode).toBe(404);
    for (const role of ['deputy', 'handler'] as const) {
      expect((await (await t.as(role)).get('/api/v1/activities/leave-requests')).statusCode, role).toBe(403);
    }
  });

  it('no leave once the activity is over', async () => {
    const res = await deputy.post(`/api/v1/activities/${acts.past.id}/leave`, { reason: '补假' });
    expect(res.statusCode).toBe(409);
    expect((await invitation(acts.past.id, t.world.deputyA.id))?.leaveStatus).toBeNull();
  });
});

describe('sign-in', () => {
  it('401, 403 for staff, 400 naming the code', async () => {
    expect((await anon(t.app).post('/api/v1/activities/sign-in', { code: acts.soon.signInCode })).statusCode).toBe(401);
    for (const role of ['town_admin', 'liaison', 'handler'] as const) {
      expect((await (await t.as(role)).post('/api/v1/activities/sign-in', { code: acts.soon.signInCode })).statusCode, role).toBe(403);
    }
    const empty = await deputy.post('/api/v1/activities/sign-in', { code: '' });
    expect(empty.json().details.issues[0].field).toBe('body.code');
    const wrong = await deputy.post('/api/v1/activities/sign-in', { code: '12345x' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0].field).toBe('body.code');
  });

  it('a deputy cannot sign in for another deputy', async () => {
    const res = await deputy.post('/api/v1/activities/sign-in', { code: acts.soon.signInCode, deputyId: d2.id });
    expect(res.statusCode).toBe(400);
    expect((await invitation(acts.soon.id, d2.id))?.signedInAt).toBeNull();
    expect((await invitation(acts.soon.id, t.world.deputyA.id))?.signedInAt).toBeNull();
    // Signing in with one's own account signs in oneself and nobody else.
    expect((await deputy2.post('/api/v1/activities/sign-in', { code: acts.soon.signInCode })).json().status).toBe('present');
    expect((await invitation(acts.soon.id, d2.id))?.attendance).toBe('present');
    expect((await invitation(acts.soon.id, t.world.deputyA.id))?.signedInAt).toBeNull();
  });

  it('only within the window: too early and too late answer 409 and record nothing', async () => {
    const early = await deputy.post('/api/v1/activities/sign-in', { code: acts.future.signInCode });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/^签到尚未开始，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 起可以签到$/);
    const late = await deputy.post('/api/v1/activities/sign-in', { code: acts.past.signInCode });
    expect(late.statusCode).toBe(409);
    expect((await invitation(acts.future.id, t.world.deputyA.id))?.signedInAt).toBeNull();
    expect((await invitation(acts.past.id, t.world.deputyA.id))?.signedInAt).toBeNull();
  });

  it('not to an activity they were not invited to, nor another town’s', async () => {
    const res = await deputy.post('/api/v1/activities/sign-in', { code: acts.other.signInCode });
    expect(res.statusCode).toBe(403);
    const b = await t.db.selectFrom('activity').select('signInCode').where('id', '=', activityB.id).executeTakeFirstOrThrow();
    expect((await deputy.post('/api/v1/activities/sign-in', { code: b.signInCode })).statusCode).toBe(400);
    expect(await t.db.selectFrom('activityInvitation').select('id').where('activityId', '=', acts.other.id).execute()).toEqual([]);
  });

  it('present 30 minutes before the start, late after start + 15; a second sign-in changes nothing', async () => {
    const soon = await deputy.post('/api/v1/activities/sign-in', { code: ` ${acts.soon.signInCode} ` });
    expect(soon.statusCode).toBe(200);
    expect(soon.json()).toMatchObject({ activityId: acts.soon.id, title: '即将开始', status: 'present' });
    const current = await deputy.post('/api/v1/activities/sign-in', { code: acts.current.signInCode });
    expect(current.json()).toMatchObject({ activityId: acts.current.id, status: 'late' });
    const again = await deputy.post('/api/v1/activities/sign-in', { code: acts.current.signInCode });
    expect(again.json()).toEqual(current.json());
    const inv = await invitation(acts.current.id, t.world.deputyA.id);
    expect(inv).toMatchObject({ attendance: 'late', attendanceBy: 'self' });
    const audits = await t.db.selectFrom('auditEvent').select('summary').where('entityId', '=', inv?.id as string).where('action', '=', 'sign_in').execute();
    expect(audits.map((a) => a.summary)).toEqual(['签到（迟到）：活动 进行中']);
    // Staff see it in the detail counts.
    const detail = await (await t.as('town_admin')).get(`/api/v1/activities/${acts.current.id}`);
    expect(detail.json().counts).toMatchObject({ invited: 3, signedIn: 1, final: null });
  });
});

describe('attendance checklist', () => {
  it('401, 403 (deputy, handler, another station’s liaison), 404 another town', async () => {
    const entries = [{ deputyId: d2.id, status: 'present' }];
    expect((await anon(t.app).put(`/api/v1/activities/${acts.current.id}/attendance`, { entries })).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      expect((await (await t.as(role)).put(`/api/v1/activities/${acts.current.id}/attendance`, { entries })).statusCode, role).toBe(403);
    }
    expect((await liaisonA2.put(`/api/v1/activities/${acts.current.id}/attendance`, { entries })).statusCode).toBe(403);
    expect(
      (await (await t.as('town_admin')).put(`/api/v1/activities/${activityB.id}/attendance`, { entries: [{ deputyId: t.world.deputyB.id, status: 'present' }] })).statusCode,
    ).toBe(404);
    expect((await invitation(acts.current.id, d2.id))?.attendance).toBeNull();
  });

  it('400 names the entry: not invited, repeated, bad status; 409 before the window opens', async () => {
    const admin = await t.as('town_admin');
    const cases: [unknown[], string][] = [
      [[{ deputyId: d4.id, status: 'present' }], 'body.entries[0].deputyId'],
      [
        [
          { deputyId: d2.id, status: 'present' },
          { deputyId: d2.id, status: 'late' },
        ],
        'body.entries[1].deputyId',
      ],
      [[{ deputyId: d2.id, status: 'asleep' }], 'body.entries.0.status'],
      [[], 'body.entries'],
    ];
    for (const [entries, field] of cases) {
      const res = await admin.put(`/api/v1/activities/${acts.current.id}/attendance`, { entries });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    expect((await invitation(acts.current.id, d2.id))?.attendance).toBeNull();
    const early = await admin.put(`/api/v1/activities/${acts.future.id}/attendance`, { entries: [{ deputyId: t.world.deputyA.id, status: 'present' }] });
    expect(early.statusCode).toBe(409);
  });

  it('marks several deputies at once, keeps a deputy’s own sign-in time, and audits each change', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.put(`/api/v1/activities/${acts.past.id}/attendance`, {
      entries: [
        { deputyId: t.world.deputyA.id, status: 'present' },
        { deputyId: d2.id, status: 'on_leave' },
      ],
    });
    expect(res.json()).toEqual({ updated: 2 });
    const same = await admin.put(`/api/v1/activities/${acts.past.id}/attendance`, { entries: [{ deputyId: t.world.deputyA.id, status: 'present' }] });
    expect(same.json()).toEqual({ updated: 0 });
    const liaison = await t.as('liaison');
    // The liaison corrects a mark on the current activity (organised by the town: only admins)…
    expect((await liaison.put(`/api/v1/activities/${acts.current.id}/attendance`, { entries: [{ deputyId: d2.id, status: 'present' }] })).statusCode).toBe(403);
    const ok = await admin.put(`/api/v1/activities/${acts.current.id}/attendance`, { entries: [{ deputyId: d2.id, status: 'absent' }] });
    expect(ok.json()).toEqual({ updated: 1 });
    // …and a deputy marked absent who then arrives and signs in is there after all.
    expect((await deputy2.post('/api/v1/activities/sign-in', { code: acts.current.signInCode })).json().status).toBe('late');
    expect(await invitation(acts.current.id, d2.id)).toMatchObject({ attendance: 'late', attendanceBy: 'self' });
    const audits = await t.db.selectFrom('auditEvent').select('summary').where('entity', '=', 'activity_invitation').where('action', '=', 'attendance').orderBy('id').execute();
    expect(audits.map((a) => a.summary)).toEqual(['登记出勤 李明华：出席（活动 已结束）', '登记出勤 张秀英：请假（活动 已结束）', '登记出勤 张秀英：缺席（活动 进行中）']);
  });

  it('after the end every invited deputy has a final status', async () => {
    const admin = await t.as('town_admin');
    const list = await admin.get(`/api/v1/activities/${acts.past.id}/invitations`);
    expect(list.json().items.map((i: { deputyName: string; finalStatus: string }) => [i.deputyName, i.finalStatus])).toEqual([
      ['李明华', 'present'],
      ['张秀英', 'on_leave'],
      // Invited as a town-level deputy, never signed in nor marked.
      ['赵志强', 'absent'],
    ]);
    const detail = await admin.get(`/api/v1/activities/${acts.past.id}`);
    expect(detail.json().counts.final).toEqual({ invited: 3, present: 1, late: 0, onLeave: 1, absent: 1, rate: 0.5 });
  });
});

describe('a deputy’s own activities', () => {
  it('lists only the activities they are invited to, with their own invitation', async () => {
    const res = await deputy.get('/api/v1/activities/mine');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { title: string; myInvitation: { leaveStatus: string | null; attendance: string | null; finalStatus: string | null } }[];
    expect(items.map((i) => i.title)).toEqual(['已结束', '进行中', '即将开始', '下周培训']);
    expect(items[0].myInvitation).toMatchObject({ attendance: 'present', finalStatus: 'present' });
    expect(items[1].myInvitation).toMatchObject({ attendance: 'late', finalStatus: null });
    expect(items[3].myInvitation).toMatchObject({ leaveStatus: 'approved', finalStatus: null });
    expect((await deputy2.get('/api/v1/activities/mine')).json().items.map((i: { title: string }) => i.title)).toEqual(['已结束', '进行中', '即将开始', '二站活动', '下周培训']);
    for (const role of ['town_admin', 'liaison', 'handler'] as const) expect((await (await t.as(role)).get('/api/v1/activities/mine')).statusCode, role).toBe(403);
    expect((await anon(t.app).get('/api/v1/activities/mine')).statusCode).toBe(401);
  });

  it('confirms attendance, and not for an activity they are not invited to', async () => {
    const res = await deputy.post(`/api/v1/activities/${acts.soon.id}/accept`);
    expect(res.statusCode).toBe(200);
    expect(res.json().response).toBe('accepted');
    expect((await deputy.post(`/api/v1/activities/${acts.other.id}/accept`)).statusCode).toBe(404);
    expect((await deputy.post(`/api/v1/activities/${acts.past.id}/accept`)).statusCode).toBe(409);
  });
});

describe('another town and bad queries', () => {
  it('404 on every route that names another town’s activity, and nothing changes there', async () => {
    const admin = await t.as('town_admin');
    const b = activityB.id;
    const dB = t.world.deputyB.id;
    const staff: [string, string, unknown?][] = [
      ['GET', `/api/v1/activities/${b}`],
      ['PATCH', `/api/v1/activities/${b}`, { title: 'x', version: 1 }],
      ['GET', `/api/v1/activities/${b}/invitations`],
      ['POST', `/api/v1/activities/${b}/invitations`, { deputyIds: [dB] }],
      ['DELETE', `/api/v1/activities/${b}/invitations/${dB}`],
      ['POST', `/api/v1/activities/${b}/invitations/${dB}/leave-decision`, { decision: 'approved' }],
      ['PUT', `/api/v1/activities/${b}/attendance`, { entries: [{ deputyId: dB, status: 'present' }] }],
    ];
    for (const [method, url, payload] of staff) {
      const res = await admin.request({ method: method as 'GET', url, payload: payload as object });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    for (const url of [`/api/v1/activities/${b}/accept`, `/api/v1/activities/${b}/leave/withdraw`]) {
      expect((await deputy.post(url)).statusCode, url).toBe(404);
    }
    expect((await deputy.get(`/api/v1/activities/${b}`)).statusCode).toBe(404);
    expect(await t.db.selectFrom('activityInvitation').select(['attendance', 'leaveStatus', 'response']).where('activityId', '=', b).execute()).toEqual([
      { attendance: null, leaveStatus: null, response: 'pending' },
    ]);
    expect((await t.db.selectFrom('activity').select('title').where('id', '=', b).executeTakeFirstOrThrow()).title).toBe('乙镇活动');
  });

  it('400 names the query field on the lists', async () => {
    const admin = await t.as('town_admin');
    const cases: [Client, string, string][] = [
      [admin, '/api/v1/activities/leave-requests?status=maybe', 'querystring.status'],
      [admin, `/api/v1/activities/${acts.soon.id}/invitations?pageSize=500`, 'querystring.pageSize'],
      [admin, '/api/v1/activity-kinds?active=yes', 'querystring.active'],
      [deputy, '/api/v1/activities/mine?from=2026-02-30', 'querystring.from'],
    ];
    for (const [c, url, field] of cases) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().details.issues[0].field, url).toBe(field);
    }
  });
});

describe('statistics', () => {
  it('401, 403 and 400 naming the query field', async () => {
    expect((await anon(t.app).get('/api/v1/activities/stats?from=2025-03-01&to=2025-03-31')).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      expect((await (await t.as(role)).get('/api/v1/activities/stats?from=2025-03-01&to=2025-03-31')).statusCode, role).toBe(403);
    }
    const admin = await t.as('town_admin');
    expect((await admin.get('/api/v1/activities/stats?to=2025-03-31')).json().details.issues[0].field).toBe('querystring.from');
    expect((await admin.get('/api/v1/activities/stats?from=2025-03-31&to=2025-03-01')).json().details.issues[0].field).toBe('querystring.to');
    expect((await admin.get('/api/v1/activities/stats?from=2025-03-01&to=2029-03-01')).json().details.issues[0].field).toBe('querystring.to');
  });

  it('rates per activity, deputy, station and kind agree with the final statuses', async () => {
    const { townA, townB, deputyA } = t.world;
    const admin = await t.as('town_admin');
    const kinds = (await admin.get('/api/v1/activity-kinds?pageSize=100')).json().items as { id: string; code: string }[];
    const training = kinds.find((k) => k.code === 'training')?.id as string;
    const group = kinds.find((k) => k.code === 'group')?.id as string;
    // March 2025, China time. P1: four invited — present, late, approved leave, absent.
    const p1 = await makeActivity(t.db, townA.id, training, { title: 'P1', startAt: '2025-03-05T01:00:00.000Z', endAt: '2025-03-05T03:00:00.000Z' });
    await makeInvitation(t.db, townA.id, p1.id, deputyA.id, { attendance: 'present', signedInAt: '2025-03-05T00:50:00.000Z' });
    await makeInvitation(t.db, townA.id, p1.id, d2.id, { attendance: 'late' });
    await makeInvitation(t.db, townA.id, p1.id, d3.id, { leaveStatus: 'approved' });
    await makeInvitation(t.db, townA.id, p1.id, d4.id, { leaveStatus: 'refused' });
    // P2: everyone on leave — no rate. It starts on March 31st at 23:30 China time (still March).
    const p2 = await makeActivity(t.db, townA.id, group, { title: 'P2', startAt: '2025-03-31T15:30:00.000Z', endAt: '2025-03-31T17:00:00.000Z' });
    await makeInvitation(t.db, townA.id, p2.id, deputyA.id, { leaveStatus: 'approved' });
    await makeInvitation(t.db, townA.id, p2.id, d2.id, { attendance: 'on_leave' });
    // P3: no one invited — counted as an activity, no rate.
    await makeActivity(t.db, townA.id, group, { title: 'P3', startAt: '2025-03-20T01:00:00.000Z', endAt: '2025-03-20T02:00:00.000Z' });
    // Not counted: cancelled, outside the range (April 1st 00:30 China), another town's.
    const cancelled = await makeActivity(t.db, townA.id, training, { title: 'X', status: 'cancelled', startAt: '2025-03-06T01:00:00.000Z', endAt: '2025-03-06T02:00:00.000Z' });
    await makeInvitation(t.db, townA.id, cancelled.id, deputyA.id);
    const april = await makeActivity(t.db, townA.id, training, { title: 'Y', startAt: '2025-03-31T16:30:00.000Z', endAt: '2025-03-31T18:00:00.000Z' });
    await makeInvitation(t.db, townA.id, april.id, deputyA.id);
    const b = await makeActivity(t.db, townB.id, kindB.id, { title: 'B', startAt: '2025-03-05T01:00:00.000Z', endAt: '2025-03-05T02:00:00.000Z' });
    await makeInvitation(t.db, townB.id, b.id, t.world.deputyB.id);

    const res = await admin.get('/api/v1/activities/stats?from=2025-03-01&to=2025-03-31');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.totals).toEqual({ activities: 3, invited: 6, present: 1, late: 1, onLeave: 3, absent: 1, attended: 2, rate: 0.6667 });
    expect(s.byActivity.map((a: { title: string; invited: number; rate: number | null }) => [a.title, a.invited, a.rate])).toEqual([
      ['P1', 4, 0.6667],
      ['P3', 0, null],
      ['P2', 2, null],
    ]);
    expect(s.byDeputy.map((d: { name: string; invited: number; rate: number | null }) => [d.name, d.invited, d.rate])).toEqual([
      ['李明华', 2, 1],
      ['张秀英', 2, 1],
      ['赵志强', 1, null],
      ['钱卫东', 1, 0],
    ]);
    const byStation = Object.fromEntries(s.byStation.map((x: { stationName: string; rate: number | null; invited: number }) => [x.stationName, [x.invited, x.rate]]));
    expect(byStation).toEqual({ 甲镇代表联络站: [5, 0.6667], 甲镇第二联络站: [1, null] });
    expect(s.byKind.map((k: { kindName: string; activities: number; rate: number | null }) => [k.kindName, k.activities, k.rate])).toEqual([
      ['培训学习', 1, 0.6667],
      ['代表小组活动', 2, null],
    ]);
    // The SQL agrees with the final status the rules give each invitation.
    const finals = (await admin.get(`/api/v1/activities/${p1.id}/invitations`)).json().items.map((i: { finalStatus: string }) => i.finalStatus);
    expect(finals).toEqual(['present', 'late', 'on_leave', 'absent']);
    expect((await admin.get(`/api/v1/activities/${p1.id}`)).json().counts.final).toEqual({ invited: 4, present: 1, late: 1, onLeave: 1, absent: 1, rate: 0.6667 });
    // A liaison reads their own station's activities only; these were all organised by the town.
    expect((await (await t.as('liaison')).get('/api/v1/activities/stats?from=2025-03-01&to=2025-03-31')).json().totals).toMatchObject({ activities: 0, invited: 0 });
  });
});
