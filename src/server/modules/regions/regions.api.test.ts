import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeCounty, makeDeputy, makeTerm, makeTown, makeVillage } from '../../../../test/factories.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

async function count(table: 'town' | 'village' | 'term' | 'constituency' | 'constituencyVillage'): Promise<number> {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function auditActions(entity: string, entityId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('auditEvent')
    .select('action')
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('towns', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get('/api/v1/towns')).statusCode).toBe(401);
  });

  it('a county_admin lists every town of the county with deputy and village counts', async () => {
    await makeVillage(t.db, t.world.townA.id, 'TV1', '甲一村');
    await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'DX1', name: '已辞职', status: 'resigned' });
    // A deputy of an earlier term still marked serving belongs to no current count.
    const oldTermB = await makeTerm(t.db, t.world.townB.id, 17);
    await t.db.updateTable('term').set({ startDate: '2016-12-01' }).where('id', '=', oldTermB.id).execute();
    await makeDeputy(t.db, t.world.townB.id, oldTermB.id, { code: 'D17', name: '上届代表' });
    const county = await t.as('county_admin');
    const res = await county.get('/api/v1/towns');
    expect(res.statusCode).toBe(200);
    const towns = res.json();
    expect(towns.map((x: { code: string }) => x.code)).toEqual(['T01', 'T02']);
    const a = towns.find((x: { code: string }) => x.code === 'T01');
    // Only serving deputies of the current term count: the resigned one does not.
    expect(a).toMatchObject({ name: '甲镇', population: 30000, deputyCount: 1, villageCount: 1 });
    expect(towns.find((x: { code: string }) => x.code === 'T02')).toMatchObject({ deputyCount: 1, villageCount: 0 });
  });

  it('every other role sees only its own town', async () => {
    for (const role of ['town_admin', 'liaison', 'deputy', 'handler'] as const) {
      const res = await (await t.as(role)).get('/api/v1/towns');
      expect(res.statusCode, role).toBe(200);
      expect(
        res.json().map((x: { code: string }) => x.code),
        role,
      ).toEqual(['T01']);
    }
    expect((await (await t.as('admin_b')).get('/api/v1/towns')).json().map((x: { code: string }) => x.code)).toEqual(['T02']);
  });

  it('only a county_admin creates or edits towns', async () => {
    const before = await count('town');
    for (const role of ['town_admin', 'liaison', 'deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.post('/api/v1/towns', { code: 'T09', name: '丙镇' })).statusCode, role).toBe(403);
      expect((await c.patch(`/api/v1/towns/${t.world.townA.id}`, { name: '改名' })).statusCode, role).toBe(403);
    }
    expect(await count('town')).toBe(before);
  });

  it('400 names the bad field and writes nothing', async () => {
    const county = await t.as('county_admin');
    const before = await count('town');
    const bad = await county.post('/api/v1/towns', { code: 'T 9', name: '丙镇' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.code');
    const noName = await county.post('/api/v1/towns', { code: 'T09', name: '' });
    expect(noName.json().details.issues[0].field).toBe('body.name');
    const pop = await county.patch(`/api/v1/towns/${t.world.townA.id}`, { population: -5 });
    expect(pop.statusCode).toBe(400);
    expect(pop.json().details.issues[0].field).toBe('body.population');
    expect(await count('town')).toBe(before);
  });

  it('creates a town in the county, refuses duplicates, edits it, and audits in that town', async () => {
    const county = await t.as('county_admin');
    const res = await county.post('/api/v1/towns', { code: 'T03', name: '丙镇', population: 21000 });
    expect(res.statusCode).toBe(201);
    const town = res.json();
    expect(town).toMatchObject({ code: 'T03', name: '丙镇', population: 21000, deputyCount: 0, villageCount: 0 });
    const row = await t.db.selectFrom('town').select('countyId').where('id', '=', town.id).executeTakeFirstOrThrow();
    expect(row.countyId).toBe(t.world.county.id);

    const dupCode = await county.post('/api/v1/towns', { code: 'T03', name: '丁镇' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().details.issues[0].field).toBe('body.code');
    const dupName = await county.post('/api/v1/towns', { code: 'T04', name: '甲镇' });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().details.issues[0].field).toBe('body.name');

    const upd = await county.patch(`/api/v1/towns/${town.id}`, { name: '丙镇（新）', population: null });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ code: 'T03', name: '丙镇（新）', population: null });
    const clash = await county.patch(`/api/v1/towns/${town.id}`, { name: '乙镇' });
    expect(clash.statusCode).toBe(409);

    const events = await t.db
      .selectFrom('auditEvent')
      .select(['action', 'townId', 'changes'])
      .where('entity', '=', 'town')
      .where('entityId', '=', town.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events.every((e) => e.townId === town.id)).toBe(true);
    expect(JSON.parse(events[1].changes ?? '{}')).toEqual({ name: ['丙镇', '丙镇（新）'], population: [21000, null] });
  });

  it('404 for a town of another county', async () => {
    const other = await makeCounty(t.db, 'C02', '邻县');
    const far = await makeTown(t.db, other.id, 'X01', '邻县某镇');
    const county = await t.as('county_admin');
    const res = await county.patch(`/api/v1/towns/${far.id}`, { name: '被篡改' });
    expect(res.statusCode).toBe(404);
    const row = await t.db.selectFrom('town').select('name').where('id', '=', far.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('邻县某镇');
    expect((await county.get('/api/v1/towns')).json().map((x: { code: string }) => x.code)).not.toContain('X01');
  });
});

describe('villages', () => {
  it('401 without a session, 403 for roles that may not write', async () => {
    expect((await anon(t.app).get('/api/v1/villages')).statusCode).toBe(401);
    for (const role of ['liaison', 'deputy', 'handler'] as const) {
      expect((await (await t.as(role)).post('/api/v1/villages', { code: 'V99', name: '某村', kind: 'village' })).statusCode, role).toBe(403);
    }
  });

  it('400 names the bad field', async () => {
    const admin = await t.as('town_admin');
    const before = await count('village');
    const res = await admin.post('/api/v1/villages', { code: 'V01', name: '东村', kind: 'hamlet' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.kind');
    expect(await count('village')).toBe(before);
  });

  it('creates, lists in sort order with search and paging, edits, audits', async () => {
    const admin = await t.as('town_admin');
    const a = await admin.post('/api/v1/villages', { code: 'V01', name: '东村', kind: 'village', sortOrder: 2 });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ code: 'V01', name: '东村', kind: 'village', sortOrder: 2 });
    const b = await admin.post('/api/v1/villages', { code: 'V02', name: '新华社区', kind: 'community', sortOrder: 1 });
    expect(b.json().sortOrder).toBe(1);
    const c = await admin.post('/api/v1/villages', { code: 'V03', name: '西村', kind: 'village' });
    expect(c.json().sortOrder).toBe(0);

    const dup = await admin.post('/api/v1/villages', { code: 'V01', name: '又一个东村', kind: 'village' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].field).toBe('body.code');
    // Codes are unique per town only.
    const inB = await (await t.as('admin_b')).post('/api/v1/villages', { code: 'V01', name: '乙镇东村', kind: 'village' });
    expect(inB.statusCode).toBe(201);

    const deputy = await t.as('deputy');
    const list = await deputy.get('/api/v1/villages?pageSize=3');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(4); // TV1 from the towns test too
    expect(list.json().items.map((v: { code: string }) => v.code)).toEqual(['TV1', 'V03', 'V02']);
    expect((await deputy.get('/api/v1/villages?pageSize=3&page=2')).json().items.map((v: { code: string }) => v.code)).toEqual(['V01']);
    const found = (await deputy.get(`/api/v1/villages?q=${encodeURIComponent('社区')}`)).json();
    expect(found.items.map((v: { name: string }) => v.name)).toEqual(['新华社区']);

    const upd = await admin.patch(`/api/v1/villages/${a.json().id}`, { name: '东村村', sortOrder: 0 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ code: 'V01', name: '东村村', kind: 'village', sortOrder: 0 });
    const clash = await admin.patch(`/api/v1/villages/${a.json().id}`, { code: 'V02' });
    expect(clash.statusCode).toBe(409);
    expect(await auditActions('village', a.json().id)).toEqual(['create', 'update']);
  });

  it('404 for another town’s village', async () => {
    const vb = await makeVillage(t.db, t.world.townB.id, 'VB9', '乙镇北村');
    const admin = await t.as('town_admin');
    const res = await admin.patch(`/api/v1/villages/${vb.id}`, { name: '被篡改' });
    expect(res.statusCode).toBe(404);
    const row = await t.db.selectFrom('village').select('name').where('id', '=', vb.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('乙镇北村');
    const list = (await admin.get('/api/v1/villages?pageSize=200')).json();
    expect(list.items.map((v: { code: string }) => v.code)).not.toContain('VB9');
  });
});

describe('terms', () => {
  it('lists the town’s terms with name, current flag and serving deputies', async () => {
    const res = await (await t.as('handler')).get('/api/v1/terms');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ id: t.world.termA.id, number: 18, name: '第十八届', startDate: '2021-12-01', endDate: null, current: true, deputyCount: 1 }]);
  });

  it('400 names the bad field; 403 for roles that may not; nothing written', async () => {
    const admin = await t.as('town_admin');
    const before = await count('term');
    const zero = await admin.post('/api/v1/terms', { number: 0, startDate: '2026-12-01' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().details.issues[0].field).toBe('body.number');
    const badDate = await admin.post('/api/v1/terms', { number: 19, startDate: '2026-02-30' });
    expect(badDate.json().details.issues[0].field).toBe('body.startDate');
    const backwards = await admin.post('/api/v1/terms', { number: 19, startDate: '2026-12-01', endDate: '2026-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details.issues[0].field).toBe('body.endDate');
    expect((await (await t.as('liaison')).post('/api/v1/terms', { number: 19, startDate: '2026-12-01' })).statusCode).toBe(403);
    expect(await count('term')).toBe(before);
  });

  it('a term starting later is not current until it starts; numbers are unique per town', async () => {
    const admin = await t.as('town_admin');
    const next = await admin.post('/api/v1/terms', { number: 19, startDate: '2099-01-01' });
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({ number: 19, name: '第十九届', current: false, deputyCount: 0 });
    const old = await admin.post('/api/v1/terms', { number: 17, startDate: '2016-12-01', endDate: '2021-11-30' });
    expect(old.json()).toMatchObject({ name: '第十七届', current: false, endDate: '2021-11-30' });

    const list = (await admin.get('/api/v1/terms')).json();
    expect(list.map((x: { number: number; current: boolean }) => [x.number, x.current])).toEqual([
      [19, false],
      [18, true],
      [17, false],
    ]);

    const dup = await admin.post('/api/v1/terms', { number: 18, startDate: '2021-12-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].field).toBe('body.number');
    expect(dup.json().message).toContain('第十八届');
    // Another town has its own 18th term already; numbers are per town.
    expect((await (await t.as('admin_b')).post('/api/v1/terms', { number: 19, startDate: '2099-01-01' })).statusCode).toBe(201);

    const started = await admin.patch(`/api/v1/terms/${next.json().id}`, { startDate: '2026-01-01' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ number: 19, current: true });
    const renumber = await admin.patch(`/api/v1/terms/${old.json().id}`, { number: 18 });
    expect(renumber.statusCode).toBe(409);
    const flip = await admin.patch(`/api/v1/terms/${old.json().id}`, { endDate: '2010-01-01' });
    expect(flip.statusCode).toBe(400);
    expect(flip.json().details.issues[0].field).toBe('body.endDate');
    expect(await auditActions('term', next.json().id)).toEqual(['create', 'update']);
    // Put it back in the future so later tests see 18 as current.
    await admin.patch(`/api/v1/terms/${next.json().id}`, { startDate: '2099-01-01' });
  });

  it('404 for another town’s term', async () => {
    const res = await (await t.as('town_admin')).patch(`/api/v1/terms/${t.world.termB.id}`, { startDate: '2000-01-01' });
    expect(res.statusCode).toBe(404);
    const row = await t.db.selectFrom('term').select('startDate').where('id', '=', t.world.termB.id).executeTakeFirstOrThrow();
    expect(row.startDate).toBe('2021-12-01');
  });
});

describe('constituencies', () => {
  let v1: { id: string };
  let v2: { id: string };
  let v3: { id: string };
  let vB: { id: string };
  let first: { id: string };
  beforeAll(async () => {
    v1 = await makeVillage(t.db, t.world.townA.id, 'CV1', '石桥村');
    v2 = await makeVillage(t.db, t.world.townA.id, 'CV2', '枫林村');
    v3 = await makeVillage(t.db, t.world.townA.id, 'CV3', '河口社区', 'community');
    vB = await makeVillage(t.db, t.world.townB.id, 'CVB', '乙镇南村');
  });

  it('401 without a session, 403 for roles that may not write', async () => {
    expect((await anon(t.app).get('/api/v1/constituencies')).statusCode).toBe(401);
    const body = { termId: t.world.termA.id, code: 'X01', name: '第一选区', seats: 1, villageIds: [] };
    for (const role of ['liaison', 'deputy', 'handler'] as const)
      expect((await (await t.as(role)).post('/api/v1/constituencies', body)).statusCode, role).toBe(403);
  });

  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const base = { termId: t.world.termA.id, code: 'X01', name: '第一选区', seats: 2, villageIds: [v1.id] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, seats: 0 }, 'body.seats'],
      [{ ...base, name: ' ' }, 'body.name'],
      [{ ...base, termId: t.world.termB.id }, 'body.termId'],
      [{ ...base, villageIds: [vB.id] }, 'body.villageIds'],
      [{ ...base, villageIds: [v1.id, v1.id] }, 'body.villageIds'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/constituencies', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    expect(await count('constituency')).toBe(0);
    expect(await count('constituencyVillage')).toBe(0);
  });

  it('creates with villages; a village is in one constituency per term (409 naming it)', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/constituencies', { termId: t.world.termA.id, code: 'X01', name: '第一选区', seats: 2, villageIds: [v2.id, v1.id] });
    expect(res.statusCode).toBe(201);
    first = res.json();
    expect(res.json()).toMatchObject({ termId: t.world.termA.id, code: 'X01', name: '第一选区', seats: 2, deputyCount: 0 });
    // Villages come back in their display order (sortOrder, then code).
    expect(res.json().villageIds).toEqual([v1.id, v2.id]);
    expect(res.json().villageNames).toEqual(['石桥村', '枫林村']);

    const taken = await admin.post('/api/v1/constituencies', { termId: t.world.termA.id, code: 'X02', name: '第二选区', seats: 1, villageIds: [v3.id, v2.id] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.issues[0].field).toBe('body.villageIds');
    expect(taken.json().message).toContain('枫林村');
    expect(taken.json().message).toContain('第一选区');

    const dupCode = await admin.post('/api/v1/constituencies', { termId: t.world.termA.id, code: 'X01', name: '又一个', seats: 1, villageIds: [] });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().details.issues[0].field).toBe('body.code');
    expect(await count('constituency')).toBe(1);

    const second = await admin.post('/api/v1/constituencies', { termId: t.world.termA.id, code: 'X02', name: '第二选区', seats: 1, villageIds: [v3.id] });
    expect(second.statusCode).toBe(201);
  });

  it('another term may reuse codes and villages', async () => {
    const admin = await t.as('town_admin');
    const terms = (await admin.get('/api/v1/terms')).json() as { id: string; number: number }[];
    const t19 = terms.find((x) => x.number === 19)!;
    const res = await admin.post('/api/v1/constituencies', { termId: t19.id, code: 'X01', name: '第一选区', seats: 3, villageIds: [v1.id, v2.id, v3.id] });
    expect(res.statusCode).toBe(201);

    // Without termId: the current term (18); with it, that term.
    const current = (await (await t.as('deputy')).get('/api/v1/constituencies')).json();
    expect(current.map((c: { code: string; termId: string }) => [c.code, c.termId])).toEqual([
      ['X01', t.world.termA.id],
      ['X02', t.world.termA.id],
    ]);
    const of19 = (await admin.get(`/api/v1/constituencies?termId=${t19.id}`)).json();
    expect(of19.map((c: { seats: number }) => c.seats)).toEqual([3]);
    expect((await admin.get(`/api/v1/constituencies?termId=${t.world.termB.id}`)).statusCode).toBe(404);
  });

  it('counts serving deputies of each constituency', async () => {
    await t.db.updateTable('deputy').set({ constituencyId: first.id }).where('id', '=', t.world.deputyA.id).execute();
    const list = (await (await t.as('liaison')).get('/api/v1/constituencies')).json();
    expect(list.find((c: { id: string }) => c.id === first.id).deputyCount).toBe(1);
  });

  it('edits villages with the same one-constituency rule, and audits', async () => {
    const admin = await t.as('town_admin');
    const clash = await admin.patch(`/api/v1/constituencies/${first.id}`, { villageIds: [v1.id, v3.id] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toContain('河口社区');
    const kept = (await admin.get('/api/v1/constituencies')).json().find((c: { id: string }) => c.id === first.id);
    expect(kept.villageIds).toEqual([v1.id, v2.id]);

    const ok = await admin.patch(`/api/v1/constituencies/${first.id}`, { villageIds: [v1.id], seats: 1, name: '石桥选区' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '石桥选区', seats: 1, villageIds: [v1.id], villageNames: ['石桥村'] });
    // Keeping its own villages is no conflict with itself.
    expect((await admin.patch(`/api/v1/constituencies/${first.id}`, { villageIds: [v1.id, v2.id] })).statusCode).toBe(200);
    const seats = await admin.patch(`/api/v1/constituencies/${first.id}`, { seats: 0 });
    expect(seats.json().details.issues[0].field).toBe('body.seats');

    const events = await t.db
      .selectFrom('auditEvent')
      .select(['action', 'changes'])
      .where('entity', '=', 'constituency')
      .where('entityId', '=', first.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(events[1].changes ?? '{}')).toMatchObject({ name: ['第一选区', '石桥选区'], seats: [2, 1], villageIds: [[v1.id, v2.id], [v1.id]] });
  });

  it('404 for another town’s constituency', async () => {
    const b = await (await t.as('admin_b')).post('/api/v1/constituencies', {
      termId: t.world.termB.id,
      code: 'X01',
      name: '乙一选区',
      seats: 1,
      villageIds: [vB.id],
    });
    expect(b.statusCode).toBe(201);
    const res = await (await t.as('town_admin')).patch(`/api/v1/constituencies/${b.json().id}`, { name: '被篡改' });
    expect(res.statusCode).toBe(404);
    const row = await t.db.selectFrom('constituency').select('name').where('id', '=', b.json().id).executeTakeFirstOrThrow();
    expect(row.name).toBe('乙一选区');
  });
});
