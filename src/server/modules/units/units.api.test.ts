import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

describe('handling units API', () => {
  it('401 without a session', async () => {
    const res = await anon(t.app).get('/api/v1/units');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.json().requestId).toBeTruthy();
  });

  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.post('/api/v1/units', { name: '', kind: 'town_office' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.details.issues[0].field).toBe('body.name');
    const n = await t.db.selectFrom('handlingUnit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  it('403 for a role that may not write', async () => {
    for (const role of ['deputy', 'handler', 'liaison'] as const) {
      const c = await t.as(role);
      const res = await c.post('/api/v1/units', { name: '安监站', kind: 'town_office' });
      expect(res.statusCode, role).toBe(403);
    }
    const deputy = await t.as('deputy');
    expect((await deputy.get('/api/v1/units')).statusCode).toBe(403);
  });

  it('403 on a write without the CSRF token', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.request({ method: 'POST', url: '/api/v1/units', payload: { name: '安监站', kind: 'town_office' }, headers: { 'x-csrf-token': 'wrong' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it('404 for another town’s unit, on read and write', async () => {
    const admin = await t.as('town_admin');
    expect((await admin.get(`/api/v1/units/${t.world.unitB.id}`)).statusCode).toBe(404);
    const res = await admin.patch(`/api/v1/units/${t.world.unitB.id}`, { name: '被篡改', version: 1 });
    expect(res.statusCode).toBe(404);
    const b = await t.db.selectFrom('handlingUnit').select('name').where('id', '=', t.world.unitB.id).executeTakeFirstOrThrow();
    expect(b.name).toBe('乙镇民政办');
  });

  it('creates, lists with search, updates with optimistic locking, and audits each write', async () => {
    const admin = await t.as('town_admin');
    const created = await admin.post('/api/v1/units', { name: '安监站', kind: 'town_office', contactName: '张伟', contactPhone: '13800001111' });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit.code).toMatch(/^U\d{3}$/);

    const dup = await admin.post('/api/v1/units', { name: '安监站', kind: 'town_office' });
    expect(dup.statusCode).toBe(409);

    const list = await admin.get('/api/v1/units?q=%E5%AE%89%E7%9B%91'); // 安监
    expect(list.json().items.map((u: { name: string }) => u.name)).toEqual(['安监站']);
    expect(list.json().total).toBe(1);

    const upd = await admin.patch(`/api/v1/units/${unit.id}`, { contactName: '刘洋', version: 1 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ contactName: '刘洋', version: 2 });
    const stale = await admin.patch(`/api/v1/units/${unit.id}`, { contactName: '陈静', version: 1 });
    expect(stale.statusCode).toBe(409);

    const audit = await admin.get(`/api/v1/audit-events?entity=handling_unit&entityId=${unit.id}`);
    const events = audit.json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(events[0].changes).toEqual({ contactName: ['张伟', '刘洋'] });
    // The phone is masked in the audit log.
    expect(events[1].changes.contactPhone[1]).toBe('138****1111');
  });

  it('a blank code on PATCH is 400 naming body.code, every time, and the code stays', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.unitA.id;
    const before = await t.db.selectFrom('handlingUnit').select(['code', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    for (const code of ['', '   ', '']) {
      const res = await admin.patch(`/api/v1/units/${id}`, { code, version: before.version });
      expect(res.statusCode, JSON.stringify(code)).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.code');
      expect(res.json().message).toMatch(/^编码：/);
    }
    const after = await t.db.selectFrom('handlingUnit').select(['code', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    // On create an empty code still means "give me the next one".
    const created = await admin.post('/api/v1/units', { code: '', name: '司法所', kind: 'town_office' });
    expect(created.statusCode).toBe(201);
    expect(created.json().code).toMatch(/^U\d{3}$/);
  });

  it('another town’s admin does not see this town’s units', async () => {
    const b = await t.as('admin_b');
    const list = await b.get('/api/v1/units');
    expect(list.json().items.map((u: { name: string }) => u.name)).toEqual(['乙镇民政办']);
  });

  it('automatic codes continue after the highest U-number, past codes chosen by hand', async () => {
    const b = await t.as('admin_b');
    // Town B has U001; U002, U003 and X9 are typed in by hand, so the next automatic one is U004.
    for (const [code, name] of [
      ['U002', '乙镇司法所'],
      ['U003', '乙镇财政所'],
      ['X9', '乙镇派出所'],
    ]) {
      expect((await b.post('/api/v1/units', { code, name, kind: 'town_office' })).statusCode).toBe(201);
    }
    const next = await b.post('/api/v1/units', { name: '乙镇农技站', kind: 'town_office' });
    expect(next.statusCode).toBe(201);
    expect(next.json().code).toBe('U004');
    const after = await b.post('/api/v1/units', { name: '乙镇水利站', kind: 'town_office' });
    expect(after.json().code).toBe('U005');
  });
});
