import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeDeputy, makePresidiumMember, makeTerm } from '../../../../test/factories.ts';
import { newId } from '../../lib/ids.ts';

let t: TestCtx;
let d: { id: string; name?: string }[];
let oldTerm: { id: string };
let oldDeputy: { id: string };
let memberB: { id: string };

beforeAll(async () => {
  t = await setupApi();
  const { townA, termA, townB, termB, deputyB } = t.world;
  const names = ['张秀英', '刘建军', '陈静', '王芳', '赵强'];
  d = [t.world.deputyA];
  for (const [i, name] of names.entries()) d.push(await makeDeputy(t.db, townA.id, termA.id, { code: `D00${i + 2}`, name }));
  // The previous term: its members are history, shown only when asked for.
  oldTerm = await makeTerm(t.db, townA.id, 17);
  oldDeputy = await makeDeputy(t.db, townA.id, oldTerm.id, { code: 'D17-01', name: '孙志刚' });
  await makePresidiumMember(t.db, townA.id, oldTerm.id, oldDeputy.id, { position: 'chair', startDate: '2017-01-01', endDate: '2021-11-30' });
  memberB = await makePresidiumMember(t.db, townB.id, termB.id, deputyB.id, { position: 'chair' });
});
afterAll(async () => t.close());

const P = '/api/v1/presidium';
const M = '/api/v1/presidium/members';

async function countMembers() {
  const n = await t.db
    .selectFrom('presidiumMember')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

async function liaisonRows() {
  return t.db.selectFrom('presidiumLiaison').select(['presidiumMemberId', 'deputyId']).orderBy('presidiumMemberId').orderBy('deputyId').execute();
}

async function auditOf(entityId: string) {
  const admin = await t.as('town_admin');
  return (await admin.get(`/api/v1/audit-events?entity=presidium_member&entityId=${entityId}`)).json().items as {
    action: string;
    changes: Record<string, [unknown, unknown]> | null;
  }[];
}

describe('presidium API: access', () => {
  it('401 without a session on every route', async () => {
    const c = anon(t.app);
    for (const res of await Promise.all([
      c.get(P),
      c.post(M, { termId: t.world.termA.id, deputyId: d[0].id, position: 'member', startDate: '2021-12-01' }),
      c.patch(`${M}/${memberB.id}`, { sortOrder: 1 }),
      c.put(`${M}/${memberB.id}/liaisons`, { deputyIds: [] }),
    ])) {
      expect(res.statusCode).toBe(401);
    }
  });

  it('403 for deputy, handler and liaison on every write; every role may read', async () => {
    const admin = await t.as('town_admin');
    const m = (await admin.post(M, { termId: t.world.termA.id, deputyId: d[5].id, position: 'member', startDate: '2021-12-01', sortOrder: 9 })).json();
    const before = await countMembers();
    for (const role of ['deputy', 'handler', 'liaison'] as const) {
      const c = await t.as(role);
      expect((await c.post(M, { termId: t.world.termA.id, deputyId: d[4].id, position: 'member', startDate: '2021-12-01' })).statusCode, role).toBe(403);
      expect((await c.patch(`${M}/${m.id}`, { position: 'chair' })).statusCode, role).toBe(403);
      expect((await c.put(`${M}/${m.id}/liaisons`, { deputyIds: [d[4].id] })).statusCode, role).toBe(403);
      expect((await c.get(P)).statusCode, role).toBe(200);
    }
    expect(await countMembers()).toBe(before);
    const row = await t.db.selectFrom('presidiumMember').select(['position', 'sortOrder']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ position: 'member', sortOrder: 9 });
    expect(await liaisonRows()).toEqual([]);
  });

  it('404 for another town’s member and term, and it stays as it was', async () => {
    const admin = await t.as('town_admin');
    expect((await admin.get(`${P}?termId=${t.world.termB.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`${M}/${memberB.id}`, { position: 'member' })).statusCode).toBe(404);
    expect((await admin.put(`${M}/${memberB.id}/liaisons`, { deputyIds: [] })).statusCode).toBe(404);
    const row = await t.db.selectFrom('presidiumMember').select(['position', 'endDate']).where('id', '=', memberB.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ position: 'chair', endDate: null });
    const b = await t.as('admin_b');
    expect((await b.get(P)).json().members.map((m: { deputyName: string }) => m.deputyName)).toEqual(['王建国']);
  });
});

describe('presidium API: members', () => {
  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const before = await countMembers();
    const base = { termId: t.world.termA.id, deputyId: d[1].id, position: 'vice_chair', startDate: '2021-12-01' };
    const cases: [unknown, string, string][] = [
      [{ ...base, termId: undefined }, 'body.termId', ''],
      [{ ...base, position: 'secretary' }, 'body.position', ''],
      [{ ...base, startDate: '2021-02-30' }, 'body.startDate', ''],
      [{ ...base, termId: t.world.termB.id }, 'body.termId', '届次'],
      [{ ...base, deputyId: t.world.deputyB.id }, 'body.deputyId', '不属于本镇'],
      [{ ...base, deputyId: oldDeputy.id }, 'body.deputyId', '不是第18届代表'],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.post(M, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
      expect(res.json().message).toContain(message);
    }
    expect(await countMembers()).toBe(before);
  });

  it('allows one current chair per term and any number of vice-chairs', async () => {
    const admin = await t.as('town_admin');
    const termId = t.world.termA.id;
    const chair = await admin.post(M, { termId, deputyId: d[0].id, position: 'chair', startDate: '2021-12-01' });
    expect(chair.statusCode).toBe(201);
    expect(chair.json()).toMatchObject({ deputyName: '李明华', position: 'chair', endDate: null, sortOrder: 0, liaisonDeputies: [] });
    for (const i of [1, 2]) {
      expect((await admin.post(M, { termId, deputyId: d[i].id, position: 'vice_chair', startDate: '2021-12-01', sortOrder: i })).statusCode).toBe(201);
    }
    const before = await countMembers();
    const second = await admin.post(M, { termId, deputyId: d[3].id, position: 'chair', startDate: '2023-01-01' });
    expect(second.statusCode).toBe(409);
    expect(second.json().details.issues[0].field).toBe('body.position');
    expect(second.json().message).toContain('李明华');
    expect(await countMembers()).toBe(before);

    const dup = await admin.post(M, { termId, deputyId: d[1].id, position: 'member', startDate: '2021-12-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].field).toBe('body.deputyId');

    // A vice-chair cannot become chair while the chair is in office; once the chair's term ends, they can.
    const vice = (await admin.get(P)).json().members.find((m: { deputyName: string }) => m.deputyName === '张秀英');
    const promote = await admin.patch(`${M}/${vice.id}`, { position: 'chair' });
    expect(promote.statusCode).toBe(409);
    expect((await t.db.selectFrom('presidiumMember').select('position').where('id', '=', vice.id).executeTakeFirstOrThrow()).position).toBe('vice_chair');

    const early = await admin.patch(`${M}/${chair.json().id}`, { endDate: '2021-11-30' });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.issues[0].field).toBe('body.endDate');
    expect((await admin.patch(`${M}/${chair.json().id}`, { endDate: '2023-06-30' })).json()).toMatchObject({ endDate: '2023-06-30' });
    const promoted = await admin.patch(`${M}/${vice.id}`, { position: 'chair', startDate: '2023-07-01' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ position: 'chair', startDate: '2023-07-01', endDate: null });

    const events = await auditOf(vice.id);
    expect(events.map((e) => e.action)).toEqual(['update', 'create']);
    expect(events[0].changes).toEqual({ position: ['vice_chair', 'chair'], startDate: ['2021-12-01', '2023-07-01'] });
  });

  it('the database also refuses a second current chair', async () => {
    const { townA, termA } = t.world;
    const chairs = await t.db
      .selectFrom('presidiumMember')
      .select('id')
      .where('termId', '=', termA.id)
      .where('position', '=', 'chair')
      .where('endDate', 'is', null)
      .execute();
    expect(chairs).toHaveLength(1);
    await expect(
      t.db
        .insertInto('presidiumMember')
        .values({ id: newId(), townId: townA.id, termId: termA.id, deputyId: d[4].id, position: 'chair', startDate: '2024-01-01', endDate: null })
        .execute(),
    ).rejects.toThrow();
  });

  it('lists the current term by default, ordered by position then sort order; another term when asked', async () => {
    const admin = await t.as('town_admin');
    const cur = (await admin.get(P)).json();
    expect(cur.termId).toBe(t.world.termA.id);
    expect(cur.members.map((m: { deputyName: string; position: string }) => `${m.position} ${m.deputyName}`)).toEqual([
      'chair 李明华',
      'chair 张秀英',
      'vice_chair 刘建军',
      'member 赵强',
    ]);
    const old = (await admin.get(`${P}?termId=${oldTerm.id}`)).json();
    expect(old).toEqual({
      termId: oldTerm.id,
      members: [expect.objectContaining({ deputyName: '孙志刚', position: 'chair', startDate: '2017-01-01', endDate: '2021-11-30', liaisonDeputies: [] })],
    });
  });
});

describe('presidium API: 包联 liaisons', () => {
  it('sets the deputies a member keeps in touch with; a deputy has one such member per term', async () => {
    const admin = await t.as('town_admin');
    const members = (await admin.get(P)).json().members as { id: string; deputyName: string }[];
    const li = members.find((m) => m.deputyName === '李明华') as { id: string };
    const liu = members.find((m) => m.deputyName === '刘建军') as { id: string };

    const ok = await admin.put(`${M}/${li.id}/liaisons`, { deputyIds: [d[4].id, d[3].id, d[3].id] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().liaisonDeputies).toEqual([
      { id: d[3].id, name: '陈静' },
      { id: d[4].id, name: '王芳' },
    ]);
    const saved = await liaisonRows();

    const cases: [string[], number, string][] = [
      [[d[4].id], 409, '王芳 已由主席团成员 李明华 联系'],
      [[t.world.deputyB.id], 400, '不属于本镇'],
      [[oldDeputy.id], 400, '孙志刚 不是本届代表'],
      [[d[2].id], 400, '不能联系自己'],
    ];
    for (const [deputyIds, status, message] of cases) {
      const res = await admin.put(`${M}/${liu.id}/liaisons`, { deputyIds });
      expect(res.statusCode, message).toBe(status);
      expect(res.json().details.issues[0].field).toBe('body.deputyIds');
      expect(res.json().message).toContain(message);
    }
    expect(await liaisonRows()).toEqual(saved);

    // Freed by the first member, the deputy can go to the second.
    expect((await admin.put(`${M}/${li.id}/liaisons`, { deputyIds: [d[3].id] })).statusCode).toBe(200);
    expect((await admin.put(`${M}/${liu.id}/liaisons`, { deputyIds: [d[4].id] })).statusCode).toBe(200);

    const view = (await admin.get(P)).json().members as { deputyName: string; liaisonDeputies: { name: string }[] }[];
    expect(view.filter((m) => m.liaisonDeputies.length).map((m) => [m.deputyName, m.liaisonDeputies.map((x) => x.name)])).toEqual([
      ['李明华', ['陈静']],
      ['刘建军', ['王芳']],
    ]);

    const events = (await auditOf(li.id)).filter((e) => e.action === 'set_liaisons');
    expect(events.map((e) => e.changes)).toEqual([
      { liaisonDeputies: [['D004 陈静', 'D005 王芳'], ['D004 陈静']] },
      { liaisonDeputies: [[], ['D004 陈静', 'D005 王芳']] },
    ]);
  });
});

describe('presidium API: the default term', () => {
  it('is the current term: a 19th term entered ahead of its start is shown only when asked for', async () => {
    const admin = await t.as('town_admin');
    const created = await admin.post('/api/v1/terms', { number: 19, startDate: '2099-01-01' });
    expect(created.statusCode, created.body).toBe(201);
    const next = created.json();
    expect(next.current).toBe(false);
    const elect = await makeDeputy(t.db, t.world.townA.id, next.id, { code: 'D19-01', name: '吴志远' });
    expect((await admin.post(M, { termId: next.id, deputyId: elect.id, position: 'chair', startDate: '2099-01-01' })).statusCode).toBe(201);

    for (const role of ['town_admin', 'deputy', 'handler'] as const) {
      const cur = (await (await t.as(role)).get(P)).json();
      expect(cur.termId, role).toBe(t.world.termA.id);
      expect(cur.members.map((m: { deputyName: string }) => m.deputyName), role).not.toContain('吴志远');
    }
    const future = (await admin.get(`${P}?termId=${next.id}`)).json();
    expect(future).toMatchObject({ termId: next.id, members: [expect.objectContaining({ deputyName: '吴志远', position: 'chair' })] });
  });
});
