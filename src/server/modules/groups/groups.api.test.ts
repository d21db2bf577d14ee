import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makeGroup } from '../../../../test/factories.ts';

let t: TestCtx;
let groupB: { id: string };
let d: { id: string }[];

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, townB, deputyB } = t.world;
  d = [
    t.world.deputyA,
    await makeDeputy(t.db, townA.id, termA.id, { code: 'D002', name: '张秀英', gender: 'female' }),
    await makeDeputy(t.db, townA.id, termA.id, { code: 'D003', name: '刘建军' }),
    await makeDeputy(t.db, townA.id, termA.id, { code: 'D004', name: '陈静', gender: 'female' }),
  ];
  groupB = await makeGroup(t.db, townB.id, 'G01', '乙镇第一代表小组');
  await t.db.insertInto('groupMember').values({ groupId: groupB.id, deputyId: deputyB.id, townId: townB.id, role: 'leader' }).execute();
});
afterAll(async () => t.close());

const G = '/api/v1/groups';

async function countGroups() {
  const n = await t.db
    .selectFrom('deputyGroup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

async function membersOf(groupId: string) {
  return t.db.selectFrom('groupMember').select(['deputyId', 'role']).where('groupId', '=', groupId).orderBy('deputyId').execute();
}

async function auditOf(entityId: string) {
  const admin = await t.as('town_admin');
  return (await admin.get(`/api/v1/audit-events?entity=deputy_group&entityId=${entityId}`)).json().items as {
    action: string;
    changes: Record<string, [unknown, unknown]> | null;
  }[];
}

const team = (ids: string[]) => ids.map((deputyId, i) => ({ deputyId, role: i === 0 ? 'leader' : 'member' }));

describe('groups API: access', () => {
  it('401 without a session on every route', async () => {
    const c = anon(t.app);
    const id = groupB.id;
    for (const res of await Promise.all([
      c.get(G),
      c.get(`${G}/${id}`),
      c.post(G, { name: '第一组' }),
      c.patch(`${G}/${id}`, { name: '改名', version: 1 }),
      c.put(`${G}/${id}/members`, { members: [] }),
    ])) {
      expect(res.statusCode).toBe(401);
    }
  });

  it('403 for deputy, handler and liaison on every write, and nothing changes', async () => {
    const admin = await t.as('town_admin');
    const g = (await admin.post(G, { name: '权限测试组' })).json();
    const before = await countGroups();
    for (const role of ['deputy', 'handler', 'liaison'] as const) {
      const c = await t.as(role);
      expect((await c.post(G, { name: '新组' })).statusCode, role).toBe(403);
      expect((await c.patch(`${G}/${g.id}`, { name: '改名', version: 1 })).statusCode, role).toBe(403);
      expect((await c.put(`${G}/${g.id}/members`, { members: team([d[0].id, d[1].id, d[2].id]) })).statusCode, role).toBe(403);
      // Reading is open to every role.
      expect((await c.get(G)).statusCode, role).toBe(200);
      expect((await c.get(`${G}/${g.id}`)).statusCode, role).toBe(200);
    }
    expect(await countGroups()).toBe(before);
    expect(await membersOf(g.id)).toEqual([]);
    expect((await admin.get(`${G}/${g.id}`)).json()).toMatchObject({ name: '权限测试组', version: 1 });
  });

  it('404 for another town’s group, on every route, and it stays as it was', async () => {
    const admin = await t.as('town_admin');
    expect((await admin.get(`${G}/${groupB.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`${G}/${groupB.id}`, { name: '被篡改', version: 1 })).statusCode).toBe(404);
    expect((await admin.put(`${G}/${groupB.id}/members`, { members: team([d[0].id, d[1].id, d[2].id]) })).statusCode).toBe(404);
    const b = await t.db.selectFrom('deputyGroup').select(['name', 'version']).where('id', '=', groupB.id).executeTakeFirstOrThrow();
    expect(b).toEqual({ name: '乙镇第一代表小组', version: 1 });
    expect(await membersOf(groupB.id)).toEqual([{ deputyId: t.world.deputyB.id, role: 'leader' }]);
    expect((await admin.get(G)).json().some((g: { id: string }) => g.id === groupB.id)).toBe(false);
  });
});

describe('groups API: create, update, members', () => {
  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const before = await countGroups();
    const empty = await admin.post(G, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toBe('body.name');
    const foreign = await admin.post(G, { name: '第九组', stationId: t.world.stationB.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.stationId');
    expect(foreign.json().message).toContain('联络站');
    expect(await countGroups()).toBe(before);
  });

  it('creates with the next code, updates with optimistic locking, audits', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post(G, { name: '第一代表小组', stationId: t.world.stationA.id, description: '东片' });
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({ code: 'G02', stationName: '甲镇代表联络站', memberCount: 0, leaderName: null, members: [], version: 1 });

    const upd = await admin.patch(`${G}/${g.id}`, { name: '东片代表小组', stationId: null, version: 1 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ name: '东片代表小组', stationId: null, stationName: null, description: '东片', version: 2 });
    expect((await admin.patch(`${G}/${g.id}`, { name: '旧版本', version: 1 })).statusCode).toBe(409);
    const bad = await admin.patch(`${G}/${g.id}`, { stationId: t.world.stationB.id, version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.stationId');
    const row = await t.db.selectFrom('deputyGroup').select(['name', 'stationId', 'version']).where('id', '=', g.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '东片代表小组', stationId: null, version: 2 });

    const events = await auditOf(g.id);
    expect(events.map((e) => e.action)).toEqual(['update', 'create']);
    expect(events[0].changes).toEqual({ name: ['第一代表小组', '东片代表小组'], station: ['甲镇代表联络站', null] });
  });

  it('sets members: one leader, three or more, deputies of this town, no repeats', async () => {
    const admin = await t.as('town_admin');
    const g = (await admin.post(G, { name: '成员测试组' })).json();
    const url = `${G}/${g.id}/members`;
    const cases: [unknown, string, string][] = [
      [{ members: team([d[0].id, d[1].id]) }, 'body.members', '至少需要 3 名成员'],
      [{ members: team([d[0].id, d[1].id, d[2].id]).map((m) => ({ ...m, role: 'member' })) }, 'body.members', '组长'],
      [{ members: team([d[0].id, d[1].id, d[2].id]).map((m) => ({ ...m, role: 'leader' })) }, 'body.members', '只能有一名组长'],
      [{ members: team([d[0].id, d[1].id, d[2].id, d[1].id]) }, 'body.members[3].deputyId', '重复'],
      [{ members: team([d[0].id, d[1].id, t.world.deputyB.id]) }, 'body.members[2].deputyId', '不属于本镇'],
      [{ members: [{ deputyId: d[0].id, role: 'boss' }] }, 'body.members.0.role', ''],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.put(url, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
      expect(res.json().message).toContain(message);
    }
    expect(await membersOf(g.id)).toEqual([]);

    const ok = await admin.put(url, {
      members: [
        { deputyId: d[3].id, role: 'member' },
        { deputyId: d[1].id, role: 'vice_leader' },
        { deputyId: d[2].id, role: 'leader' },
        { deputyId: d[0].id, role: 'member' },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ memberCount: 4, leaderName: '刘建军' });
    expect(ok.json().members).toEqual([
      { deputyId: d[2].id, name: '刘建军', role: 'leader' },
      { deputyId: d[1].id, name: '张秀英', role: 'vice_leader' },
      { deputyId: d[0].id, name: '李明华', role: 'member' },
      { deputyId: d[3].id, name: '陈静', role: 'member' },
    ]);

    // A second save replaces the list; the audit log shows both lists.
    await admin.put(url, { members: team([d[0].id, d[1].id, d[2].id]) });
    const events = (await auditOf(g.id)).filter((e) => e.action === 'set_members');
    expect(events).toHaveLength(2);
    expect(events[0].changes?.members).toEqual([
      ['D003 刘建军（组长）', 'D002 张秀英（副组长）', 'D001 李明华（组员）', 'D004 陈静（组员）'],
      ['D001 李明华（组长）', 'D002 张秀英（组员）', 'D003 刘建军（组员）'],
    ]);

    const list = (await admin.get(G)).json();
    expect(list.find((x: { id: string }) => x.id === g.id)).toMatchObject({ memberCount: 3, leaderName: '李明华' });

    // A member list saved from an older version of the group is refused and changes nothing.
    const current = (await admin.get(`${G}/${g.id}`)).json();
    const stale = await admin.put(url, { members: team([d[1].id, d[2].id, d[3].id]), version: current.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`${G}/${g.id}`)).json()).toMatchObject({ memberCount: 3, leaderName: '李明华', version: current.version });
  });
});
