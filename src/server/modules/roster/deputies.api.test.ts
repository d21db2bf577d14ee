import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeConstituency, makeDeputy, makeTerm, multipartFile } from '../../../../test/factories.ts';
import { COLUMNS } from './deputies.excel.ts';
import { idCheckChar } from './deputy.rules.ts';

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

/** A valid ID number for a birth date (YYYYMMDD) and a 3-digit sequence (odd = male). */
function idNo(birth: string, seq: string, area = '430102'): string {
  const first = `${area}${birth}${seq}`;
  return first + idCheckChar(first);
}

const input = (over: Record<string, unknown> = {}) => ({
  termId: t.world.termA.id,
  name: '王芳',
  gender: 'female',
  party: '群众',
  isTownLevel: true,
  isCountyLevel: false,
  occupation: '农民',
  ...over,
});

async function deputyCount(townId?: string): Promise<number> {
  let q = t.db.selectFrom('deputy').select((eb) => eb.fn.countAll<number>().as('n'));
  if (townId) q = q.where('townId', '=', townId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

describe('deputies API: access', () => {
  it('401 on every route without a session', async () => {
    const id = t.world.deputyA.id;
    const calls: [string, string][] = [
      ['GET', '/api/v1/deputies'],
      ['GET', `/api/v1/deputies/${id}`],
      ['POST', '/api/v1/deputies'],
      ['PATCH', `/api/v1/deputies/${id}`],
      ['POST', `/api/v1/deputies/${id}/status`],
      ['PUT', `/api/v1/deputies/${id}/photo`],
      ['GET', `/api/v1/deputies/${id}/photo`],
      ['GET', `/api/v1/deputies/${id}/id-number`],
      ['GET', '/api/v1/deputies/stats'],
      ['GET', '/api/v1/deputies/export.xlsx'],
      ['GET', '/api/v1/deputies/import-template.xlsx'],
      ['POST', '/api/v1/deputies/import'],
      ['GET', '/api/v1/imports/01ABC'],
    ];
    for (const [method, url] of calls) {
      const res = await anon(t.app).request({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('403 for roles that may not', async () => {
    const id = t.world.deputyA.id;
    const before = await deputyCount();
    for (const role of ['deputy', 'handler', 'liaison'] as const) {
      const c = await t.as(role);
      expect((await c.post('/api/v1/deputies', input({ name: '越权者' }))).statusCode, role).toBe(403);
      expect((await c.patch(`/api/v1/deputies/${id}`, { name: '越权', version: 1 })).statusCode, role).toBe(403);
      expect((await c.post(`/api/v1/deputies/${id}/status`, { status: 'resigned', date: '2026-01-01', reason: 'x' })).statusCode, role).toBe(403);
      expect((await c.request({ method: 'PUT', url: `/api/v1/deputies/${id}/photo`, ...multipartFile(PNG, 'a.png') })).statusCode, role).toBe(403);
      expect((await c.get(`/api/v1/deputies/${id}/id-number`)).statusCode, role).toBe(403);
      expect((await c.get('/api/v1/deputies/import-template.xlsx')).statusCode, role).toBe(403);
      expect((await c.request({ method: 'POST', url: '/api/v1/deputies/import', ...multipartFile(PNG, 'a.xlsx') })).statusCode, role).toBe(403);
      expect((await c.get('/api/v1/imports/01ABC')).statusCode, role).toBe(403);
    }
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/deputies/stats')).statusCode, role).toBe(403);
      expect((await c.get('/api/v1/deputies/export.xlsx')).statusCode, role).toBe(403);
    }
    expect(await deputyCount()).toBe(before);
    const a = await t.db.selectFrom('deputy').select(['name', 'status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(a).toEqual({ name: '李明华', status: 'serving', version: 1 });
  });

  it('every role reads the list and a record', async () => {
    for (const role of ['county_admin', 'town_admin', 'liaison', 'deputy', 'handler'] as const) {
      const c = await t.as(role);
      const list = await c.get('/api/v1/deputies');
      expect(list.statusCode, role).toBe(200);
      expect(list.json().items.map((d: { name: string }) => d.name), role).toContain('李明华');
      expect((await c.get(`/api/v1/deputies/${t.world.deputyA.id}`)).statusCode, role).toBe(200);
    }
  });

  it('404 for the other town’s deputy on every route, and it is left unchanged', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.deputyB.id;
    expect((await admin.get(`/api/v1/deputies/${id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/deputies/${id}`, { name: '被篡改', version: 1 })).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/deputies/${id}/status`, { status: 'resigned', date: '2026-01-01', reason: '测试' })).statusCode).toBe(404);
    expect((await admin.request({ method: 'PUT', url: `/api/v1/deputies/${id}/photo`, ...multipartFile(PNG, 'a.png') })).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/deputies/${id}/photo`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/deputies/${id}/id-number`)).statusCode).toBe(404);
    const list = await admin.get('/api/v1/deputies?q=%E7%8E%8B%E5%BB%BA%E5%9B%BD'); // 王建国
    expect(list.json().total).toBe(0);
    const b = await t.db.selectFrom('deputy').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ name: '王建国', status: 'serving', version: 1, photo: null });
  });
});

describe('deputies API: create and validation', () => {
  it('400 names the bad field and writes nothing', async () => {
    const admin = await t.as('town_admin');
    const before = await deputyCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'body.name'],
      [{ gender: 'x' }, 'body.gender'],
      [{ party: '党员' }, 'body.party'],
      [{ occupation: '学生' }, 'body.occupation'],
      [{ ethnicity: '火星族' }, 'body.ethnicity'],
      [{ birthDate: '1980-02-30' }, 'body.birthDate'],
      [{ phone: '12345' }, 'body.phone'],
      [{ idNumber: `${idNo('19800512', '124').slice(0, 17)}${idNo('19800512', '124')[17] === '0' ? '1' : '0'}` }, 'body.idNumber'],
      [{ isTownLevel: false, isCountyLevel: false }, 'body.isTownLevel'],
      [{ idNumber: idNo('19800512', '124'), birthDate: '1980-05-13' }, 'body.birthDate'],
      [{ idNumber: idNo('19800512', '123') }, 'body.gender'],
      [{ birthDate: '2020-01-01' }, 'body.birthDate'],
      [{ termId: t.world.termB.id }, 'body.termId'],
      [{ stationId: t.world.stationB.id }, 'body.stationId'],
      [{ code: 'D 1' }, 'body.code'],
    ];
    for (const [over, field] of cases) {
      const res = await admin.post('/api/v1/deputies', input(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const mismatch = await admin.post('/api/v1/deputies', input({ idNumber: idNo('19800512', '124'), birthDate: '1980-05-13' }));
    expect(mismatch.json().message).toBe('出生日期：与身份证号不一致（身份证号中为 1980-05-12）');
    expect(await deputyCount()).toBe(before);
  });

  it('a constituency must be of the same town and term', async () => {
    const admin = await t.as('town_admin');
    const term17 = await makeTerm(t.db, t.world.townA.id, 17);
    const old = await makeConstituency(t.db, t.world.townA.id, term17.id, 'X01', '旧选区');
    const other = await makeConstituency(t.db, t.world.townB.id, t.world.termB.id, 'B01', '乙镇选区');
    for (const id of [old.id, other.id]) {
      const res = await admin.post('/api/v1/deputies', input({ constituencyId: id }));
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.constituencyId');
    }
  });

  it('creates with an automatic code, derives the birth date from the ID number, masks it, and audits', async () => {
    const admin = await t.as('town_admin');
    const id = idNo('19800512', '124');
    const res = await admin.post('/api/v1/deputies', input({ idNumber: id.toLowerCase(), phone: '13912345678', workplace: '红星村委会', stationId: t.world.stationA.id }));
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      code: 'D002',
      name: '王芳',
      birthDate: '1980-05-12',
      termName: '第十八届',
      stationName: '甲镇代表联络站',
      ethnicity: '汉族',
      status: 'serving',
      hasPhoto: false,
      phone: '13912345678',
      idNumber: `${id.slice(0, 4)}**************`,
      version: 1,
    });
    expect(d.age).toBeGreaterThanOrEqual(45);
    const stored = await t.db.selectFrom('deputy').select('idNumber').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(stored.idNumber).toBe(id);
    const audit = (await admin.get(`/api/v1/audit-events?entity=deputy&entityId=${d.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(audit[0].changes.idNumber[1]).toBe(d.idNumber);
    expect(audit[0].changes.phone[1]).toBe('139****5678');
  });

  it('409 for a code or an ID number already used in the town, naming the field; another town may reuse them', async () => {
    const admin = await t.as('town_admin');
    const before = await deputyCount();
    const dupCode = await admin.post('/api/v1/deputies', input({ code: 'D001' }));
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().details.issues[0].field).toBe('body.code');
    const dupId = await admin.post('/api/v1/deputies', input({ name: '王芳芳', idNumber: idNo('19800512', '124') }));
    expect(dupId.statusCode).toBe(409);
    expect(dupId.json().details.issues[0].field).toBe('body.idNumber');
    expect(dupId.json().message).toContain('王芳');
    expect(await deputyCount()).toBe(before);
    const b = await t.as('admin_b');
    const inB = await b.post('/api/v1/deputies', input({ termId: t.world.termB.id, idNumber: idNo('19800512', '124') }));
    expect(inB.statusCode).toBe(201);
    expect(inB.json().code).toBe('D002');
  });
});

describe('deputies API: list', () => {
  beforeAll(async () => {
    const townId = t.world.townA.id;
    const termId = t.world.termA.id;
    await makeDeputy(t.db, townId, termId, { code: 'D010', name: '张明', gender: 'male', birthDate: '1995-06-01', party: '共青团员', occupation: '企业职工', workplace: '湘江电子厂', isTownLevel: 1, isCountyLevel: 1 });
    await makeDeputy(t.db, townId, termId, { code: 'D011', name: '刘华', gender: 'female', birthDate: '1960-01-01', party: '群众', occupation: '农民', isTownLevel: 0, isCountyLevel: 1 });
    await makeDeputy(t.db, townId, termId, { code: 'D012', name: '陈静', gender: 'female', birthDate: null, party: '群众', occupation: '农民', status: 'resigned', statusDate: '2025-01-01', statusReason: '工作调动' });
  });

  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((d) => d.name);

  it('q finds any part of the name, the code or the workplace', async () => {
    const admin = await t.as('town_admin');
    expect(names(await admin.get(`/api/v1/deputies?q=${encodeURIComponent('明')}`))).toEqual(['李明华', '张明']);
    expect(names(await admin.get(`/api/v1/deputies?q=${encodeURIComponent('明华')}`))).toEqual(['李明华']);
    expect(names(await admin.get('/api/v1/deputies?q=d011'))).toEqual(['刘华']);
    expect(names(await admin.get(`/api/v1/deputies?q=${encodeURIComponent('电子')}`))).toEqual(['张明']);
    expect(names(await admin.get(`/api/v1/deputies?q=${encodeURIComponent('%')}`))).toEqual([]);
  });

  it('filters', async () => {
    const admin = await t.as('town_admin');
    const get = async (qs: string) => names(await admin.get(`/api/v1/deputies?${qs}`));
    expect(await get('level=both')).toEqual(['张明']);
    expect(await get('level=county')).toEqual(['刘华']);
    expect(await get('level=town')).toEqual(['李明华', '王芳', '陈静']);
    expect(await get('status=resigned')).toEqual(['陈静']);
    expect(await get('gender=female&status=serving')).toEqual(['王芳', '刘华']);
    expect(await get(`party=${encodeURIComponent('共青团员')}`)).toEqual(['张明']);
    expect(await get(`occupation=${encodeURIComponent('农民')}`)).toEqual(['王芳', '刘华', '陈静']);
    expect(await get(`stationId=${t.world.stationA.id}`)).toEqual(['李明华', '王芳']);
    expect(await get(`termId=${t.world.termA.id}&pageSize=200`)).toHaveLength(5);
    expect(await get(`termId=${t.world.termB.id}`)).toEqual([]);
    const res = await admin.get('/api/v1/deputies?level=city');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('querystring.level');
  });

  it('filters by constituency', async () => {
    const admin = await t.as('town_admin');
    const c = await makeConstituency(t.db, t.world.townA.id, t.world.termA.id, 'C01', '第一选区');
    const list = (await admin.get('/api/v1/deputies?q=D010')).json().items[0];
    const upd = await admin.patch(`/api/v1/deputies/${list.id}`, { constituencyId: c.id, version: list.version });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().constituencyName).toBe('第一选区');
    expect(names(await admin.get(`/api/v1/deputies?constituencyId=${c.id}`))).toEqual(['张明']);
  });

  it('sorts, with unknown birth dates last either way', async () => {
    const admin = await t.as('town_admin');
    const get = async (qs: string) => names(await admin.get(`/api/v1/deputies?${qs}`));
    expect(await get('sort=code&order=desc')).toEqual(['陈静', '刘华', '张明', '王芳', '李明华']);
    expect(await get('sort=birthDate&order=asc')).toEqual(['刘华', '李明华', '王芳', '张明', '陈静']);
    expect(await get('sort=birthDate&order=desc')).toEqual(['张明', '王芳', '李明华', '刘华', '陈静']);
    expect(await get('sort=name')).toEqual([...(await get('sort=code'))].sort());
  });

  it('pages with a total', async () => {
    const admin = await t.as('town_admin');
    const p1 = (await admin.get('/api/v1/deputies?pageSize=2&page=1')).json();
    const p3 = (await admin.get('/api/v1/deputies?pageSize=2&page=3')).json();
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.items.map((d: { code: string }) => d.code)).toEqual(['D001', 'D002']);
    expect(p3.items.map((d: { code: string }) => d.code)).toEqual(['D012']);
    expect(p3.total).toBe(5);
    // The total rides on the page's rows; past the last page there are none, and it is counted apart.
    expect((await admin.get('/api/v1/deputies?pageSize=2&page=4')).json()).toMatchObject({ items: [], total: 5, page: 4 });
    expect((await admin.get('/api/v1/deputies?q=nobody-has-this')).json()).toMatchObject({ items: [], total: 0 });
    expect(p1.items[0]).not.toHaveProperty('pageTotal');
    expect((await admin.get('/api/v1/deputies?pageSize=500')).statusCode).toBe(400);
  });
});

describe('deputies API: update, status, masking, reveal', () => {
  it('patches with optimistic locking; a stale version is 409 and changes nothing', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.deputyA.id;
    const ok = await admin.patch(`/api/v1/deputies/${id}`, { title: '村支书', phone: '13800005678', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '村支书', phone: '13800005678', version: 2, name: '李明华' });
    const stale = await admin.patch(`/api/v1/deputies/${id}`, { title: '主任', version: 1 });
    expect(stale.statusCode).toBe(409);
    const row = await t.db.selectFrom('deputy').select(['title', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: '村支书', version: 2 });
    const bad = await admin.patch(`/api/v1/deputies/${id}`, { isTownLevel: false, version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.isTownLevel');
    const audit = (await admin.get(`/api/v1/audit-events?entity=deputy&entityId=${id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['update']);
    expect(audit[0].changes.title).toEqual(['', '村支书']);
  });

  it('an ID number set by PATCH is checked against the stored birth date and gender', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.deputyA.id;
    const wrong = await admin.patch(`/api/v1/deputies/${id}`, { idNumber: idNo('19750303', '011'), version: 2 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0].field).toBe('body.birthDate');
    const ok = await admin.patch(`/api/v1/deputies/${id}`, { idNumber: idNo('19750302', '011'), version: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().idNumber).toBe('4301**************');
  });

  it('masks the phone for deputies (except their own record) and handlers; ID numbers for everyone', async () => {
    const id = t.world.deputyA.id;
    const other = (await (await t.as('town_admin')).get('/api/v1/deputies?q=D002')).json().items[0];
    const deputy = await t.as('deputy');
    expect((await deputy.get(`/api/v1/deputies/${id}`)).json().phone).toBe('13800005678');
    expect((await deputy.get(`/api/v1/deputies/${other.id}`)).json().phone).toBe('139****5678');
    const handler = await t.as('handler');
    expect((await handler.get(`/api/v1/deputies/${id}`)).json().phone).toBe('138****5678');
    const inList = (await handler.get('/api/v1/deputies')).json().items.find((d: { id: string }) => d.id === id);
    expect(inList.phone).toBe('138****5678');
    for (const role of ['liaison', 'county_admin', 'town_admin'] as const) {
      const d = (await (await t.as(role)).get(`/api/v1/deputies/${id}`)).json();
      expect(d.phone, role).toBe('13800005678');
      expect(d.idNumber, role).toBe('4301**************');
    }
  });

  it('a deputy sees no birth date or ID number of another deputy; a handler sees names, not personal details', async () => {
    const admin = await t.as('town_admin');
    const own = t.world.deputyA.id;
    const other = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, {
      code: 'D090',
      name: '周敏',
      gender: 'female',
      birthDate: '1980-05-12',
      idNumber: idNo('19800512', '226'),
      status: 'resigned',
      statusDate: '2025-06-01',
      statusReason: '因病辞职',
      hardship: 1,
      notes: '家中有重病老人',
    });
    const full = (await admin.get(`/api/v1/deputies/${other.id}`)).json();
    expect(full).toMatchObject({ birthDate: '1980-05-12', idNumber: '4301**************', statusReason: '因病辞职', hardship: true, notes: '家中有重病老人' });
    expect(full.age).toBeGreaterThanOrEqual(45);

    const deputy = await t.as('deputy');
    const seenByPeer = (await deputy.get(`/api/v1/deputies/${other.id}`)).json();
    expect(seenByPeer.birthDate).toBeNull();
    expect(seenByPeer.idNumber).toBeNull();
    expect(seenByPeer.age).toBe(full.age);
    // A fellow deputy still sees why a colleague left and the visit flags of the roster.
    expect(seenByPeer).toMatchObject({ name: '周敏', statusReason: '因病辞职', hardship: true, notes: '家中有重病老人' });
    const peerInList = (await deputy.get('/api/v1/deputies?q=D090')).json().items[0];
    expect(peerInList.birthDate).toBeNull();
    expect(peerInList.idNumber).toBeNull();
    const ownSeen = (await deputy.get(`/api/v1/deputies/${own}`)).json();
    expect(ownSeen.birthDate).toBe('1975-03-02');
    expect(ownSeen.idNumber).toBe('4301**************');

    const handler = await t.as('handler');
    for (const d of [(await handler.get(`/api/v1/deputies/${other.id}`)).json(), (await handler.get('/api/v1/deputies?q=D090')).json().items[0]]) {
      expect(d).toMatchObject({ name: '周敏', code: 'D090', age: full.age, status: 'resigned' });
      expect(d.birthDate).toBeNull();
      expect(d.idNumber).toBeNull();
      expect(d.statusReason).toBeNull();
      expect(d.hardship).toBe(false);
      expect(d.notes).toBe('');
    }
    const handlerOnA = (await handler.get(`/api/v1/deputies/${own}`)).json();
    expect(handlerOnA.birthDate).toBeNull();
    expect(handlerOnA.idNumber).toBeNull();
  });

  it('reveals the ID number to administrators only, and audits each reveal', async () => {
    const id = t.world.deputyA.id;
    const admin = await t.as('town_admin');
    const res = await admin.get(`/api/v1/deputies/${id}/id-number`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: idNo('19750302', '011') });
    const county = await t.as('county_admin');
    expect((await county.get(`/api/v1/deputies/${id}/id-number`)).statusCode).toBe(200);
    const audit = (await admin.get(`/api/v1/audit-events?entity=deputy&entityId=${id}&action=reveal_id_number`)).json().items;
    expect(audit).toHaveLength(2);
    expect(audit.map((e: { actorRole: string }) => e.actorRole).sort()).toEqual(['county_admin', 'town_admin']);
  });

  it('status: leaving office needs a date and a reason; serving clears them', async () => {
    const admin = await t.as('town_admin');
    const d = (await admin.get('/api/v1/deputies?q=D002')).json().items[0];
    const noReason = await admin.post(`/api/v1/deputies/${d.id}/status`, { status: 'resigned', date: '2026-03-01' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    const noDate = await admin.post(`/api/v1/deputies/${d.id}/status`, { status: 'resigned', reason: '个人原因' });
    expect(noDate.json().details.issues[0].field).toBe('body.date');
    const badStatus = await admin.post(`/api/v1/deputies/${d.id}/status`, { status: 'retired', date: '2026-03-01', reason: 'x' });
    expect(badStatus.json().details.issues[0].field).toBe('body.status');
    expect((await t.db.selectFrom('deputy').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status).toBe('serving');

    const ok = await admin.post(`/api/v1/deputies/${d.id}/status`, { status: 'resigned', date: '2026-03-01', reason: '个人原因' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'resigned', statusDate: '2026-03-01', statusReason: '个人原因', version: d.version + 1 });
    const back = await admin.post(`/api/v1/deputies/${d.id}/status`, { status: 'serving' });
    expect(back.json()).toMatchObject({ status: 'serving', statusDate: null, statusReason: null });
    const audit = (await admin.get(`/api/v1/audit-events?entity=deputy&entityId=${d.id}&action=status_change`)).json().items;
    expect(audit).toHaveLength(2);
  });
});

describe('deputies API: versions of status changes and photos', () => {
  const stored = (id: string) => t.db.selectFrom('deputy').select(['status', 'statusDate', 'statusReason', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

  it('a status change may carry the version: a stale one is 409 and changes nothing; without one it still works', async () => {
    const admin = await t.as('town_admin');
    const d = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D080', name: '郑华' });
    const url = `/api/v1/deputies/${d.id}/status`;
    const leave = { status: 'resigned', date: '2026-03-01', reason: '个人原因' };

    const badVersion = await admin.post(url, { ...leave, version: 0 });
    expect(badVersion.statusCode).toBe(400);
    expect(badVersion.json().details.issues[0].field).toBe('body.version');

    const stale = await admin.post(url, { ...leave, version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await stored(d.id)).toEqual({ status: 'serving', statusDate: null, statusReason: null, version: 1 });
    const noAudit = (await admin.get(`/api/v1/audit-events?entity=deputy&entityId=${d.id}`)).json().items;
    expect(noAudit).toHaveLength(0);

    const ok = await admin.post(url, { ...leave, version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'resigned', version: 2 });
    const again = await admin.post(url, { status: 'serving', version: 1 });
    expect(again.statusCode).toBe(409);
    expect(await stored(d.id)).toMatchObject({ status: 'resigned', version: 2 });

    const withoutVersion = await admin.post(url, { status: 'serving' });
    expect(withoutVersion.statusCode).toBe(200);
    expect(withoutVersion.json()).toMatchObject({ status: 'serving', version: 3 });
  });

  it('concurrent status changes and photo uploads each move the version by one', async () => {
    const admin = await t.as('town_admin');
    const d = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D081', name: '冯丽' });
    const n = 4;
    const photos = await Promise.all(
      Array.from({ length: n }, () => admin.request({ method: 'PUT', url: `/api/v1/deputies/${d.id}/photo`, ...multipartFile(PNG, 'a.png') })),
    );
    expect(photos.map((r) => r.statusCode)).toEqual(Array(n).fill(200));
    const statuses = await Promise.all(
      Array.from({ length: n }, (_, i) => admin.post(`/api/v1/deputies/${d.id}/status`, i % 2 ? { status: 'serving' } : { status: 'resigned', date: '2026-03-01', reason: '个人原因' })),
    );
    expect(statuses.map((r) => r.statusCode)).toEqual(Array(n).fill(200));
    expect((await stored(d.id)).version).toBe(1 + 2 * n);
    const audit = (await admin.get(`/api/v1/audit-events?entity=deputy&entityId=${d.id}&pageSize=50`)).json().items;
    expect(audit).toHaveLength(2 * n);
  });
});

describe('deputies API: photo', () => {
  it('stores a PNG or JPEG checked by its bytes and serves it back', async () => {
    const admin = await t.as('town_admin');
    const id = t.world.deputyA.id;
    expect((await admin.get(`/api/v1/deputies/${id}/photo`)).statusCode).toBe(404);
    const res = await admin.request({ method: 'PUT', url: `/api/v1/deputies/${id}/photo`, ...multipartFile(PNG, '照片.png', 'file', 'image/png') });
    expect(res.statusCode).toBe(200);
    expect(res.json().hasPhoto).toBe(true);
    const deputy = await t.as('deputy');
    const got = await deputy.get(`/api/v1/deputies/${id}/photo`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    expect((await admin.request({ method: 'PUT', url: `/api/v1/deputies/${id}/photo`, ...multipartFile(jpeg, 'a.jpg') })).statusCode).toBe(200);
    expect((await deputy.get(`/api/v1/deputies/${id}/photo`)).headers['content-type']).toBe('image/jpeg');
  });

  it('rejects what is not an image, an empty or missing file, and more than 2 MB, changing nothing', async () => {
    const admin = await t.as('town_admin');
    const id = (await admin.get('/api/v1/deputies?q=D002')).json().items[0].id;
    const put = (m: { payload: Buffer; headers: Record<string, string> }) => admin.request({ method: 'PUT', url: `/api/v1/deputies/${id}/photo`, ...m });
    const gif = await put(multipartFile(Buffer.from('GIF89a-not-allowed'), 'a.png'));
    expect(gif.statusCode).toBe(400);
    expect(gif.json().details.issues[0].field).toBe('file');
    expect((await put(multipartFile(Buffer.alloc(0), 'a.png'))).statusCode).toBe(400);
    const wrongField = await put(multipartFile(PNG, 'a.png', 'photo'));
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().details.issues[0].field).toBe('file');
    const big = await put(multipartFile(Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'big.png'));
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('照片不能超过 2 MB');
    const json = await admin.put(`/api/v1/deputies/${id}/photo`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    const row = await t.db.selectFrom('deputy').select('photo').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.photo).toBeNull();
  });
});

describe('deputies API: stats', () => {
  it('counts serving deputies by level, gender, age band, party, occupation and ethnicity', async () => {
    const admin = await t.as('town_admin');
    const term = await makeTerm(t.db, t.world.townA.id, 19);
    const mk = (over: Record<string, unknown>) => makeDeputy(t.db, t.world.townA.id, term.id, over);
    await mk({ gender: 'male', birthDate: '1950-01-01', party: '中共党员', ethnicity: '土家族', isTownLevel: 1, isCountyLevel: 1 });
    await mk({ gender: 'female', birthDate: '1998-01-01', party: '群众', occupation: '农民', isTownLevel: 1, isCountyLevel: 0 });
    await mk({ gender: 'female', birthDate: null, party: '群众', occupation: '农民', isTownLevel: 0, isCountyLevel: 1 });
    await mk({ gender: 'male', birthDate: '1980-01-01', status: 'recalled', statusDate: '2025-01-01', statusReason: 'x' });
    const res = await admin.get(`/api/v1/deputies/stats?termId=${term.id}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.total).toBe(4);
    expect(s.serving).toBe(3);
    expect(s.byLevel).toEqual({ town: 1, county: 1, both: 1 });
    expect(s.byGender).toEqual([
      { key: 'male', count: 1 },
      { key: 'female', count: 2 },
    ]);
    expect(s.byAgeBand).toEqual([
      { key: '35岁以下', count: 1 },
      { key: '36-45岁', count: 0 },
      { key: '46-55岁', count: 0 },
      { key: '56岁以上', count: 1 },
      { key: '未知', count: 1 },
    ]);
    expect(s.byParty.find((p: { key: string }) => p.key === '群众').count).toBe(2);
    expect(s.byParty).toHaveLength(13);
    expect(s.byOccupation.find((p: { key: string }) => p.key === '农民').count).toBe(2);
    expect(s.byEthnicity).toEqual([
      { key: '汉族', count: 2 },
      { key: '土家族', count: 1 },
    ]);
    const all = (await (await t.as('liaison')).get('/api/v1/deputies/stats')).json();
    expect(all.total).toBeGreaterThan(4);
  });
});

describe('deputies API: Excel export and template', () => {
  async function readXlsx(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    return wb;
  }
  const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

  it('exports the filtered list with the contract columns, ID numbers masked', async () => {
    const liaison = await t.as('liaison');
    const res = await liaison.get(`/api/v1/deputies/export.xlsx?q=${encodeURIComponent('明')}&termId=${t.world.termA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const ws = (await readXlsx(res.rawPayload)).getWorksheet('代表名册')!;
    expect(headers(ws)).toEqual(COLUMNS.map((c) => c.header));
    expect(ws.actualRowCount).toBe(3);
    const li = ws.getRow(2).values as unknown[];
    expect(li.slice(1, 9)).toEqual(['D001', '李明华', '男', '1975-03-02', '汉族', '中共党员', '镇级', 18]);
    expect(li[14]).toBe('13800005678');
    expect(li[15]).toBe('4301**************');
    expect(li[16]).toBe('在任');
    expect(ws.getRow(3).getCell(7).value).toBe('县镇两级');
  });

  it('the template has the header, one example row, dropdowns and an instructions sheet', async () => {
    const admin = await t.as('town_admin');
    const res = await admin.get('/api/v1/deputies/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.getWorksheet('代表名册')!;
    expect(headers(ws)).toEqual(COLUMNS.map((c) => c.header));
    expect(ws.actualRowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('示例');
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
    // Dropdowns on 性别 (C), 政治面貌 (F), 代表层级 (G), 职业类别 (K), 状态 (P).
    for (const cell of ['C2', 'F2', 'G2', 'K2', 'P5']) {
      const dv = ws.getCell(cell).dataValidation;
      expect(dv?.type, cell).toBe('list');
    }
  });
});
