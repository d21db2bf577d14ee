import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../../../../test/app.ts';
import { makeDeputy } from '../../../../test/factories.ts';

/*
 * Suggestions in a deputy's duty record (履职档案), on SQLite and (TEST_DB=postgres) PostgreSQL: the items
 * a deputy leads or joins, dated by submission in China time, drafts/withdrawn/merged left out, and the
 * year's totals. The clock is set with vi.setSystemTime (Date only).
 */
let t: TestCtx;
let admin: Client;
let deputy: Client;
let handler: Client;
let deputy2: { id: string };
const URL = '/api/v1/suggestions';

beforeAll(async () => {
  t = await setupApi();
  deputy2 = await makeDeputy(t.db, t.world.townA.id, t.world.termA.id, { code: 'D002', name: '张秀英', stationId: t.world.stationA.id });
  admin = await t.as('town_admin');
  deputy = await t.as('deputy');
  handler = await t.as('handler');
});
afterAll(async () => t.close());
afterEach(() => {
  vi.useRealTimers();
});

function setClock(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

type S = { id: string; version: number; code: string };

async function create(title: string, over: Record<string, unknown> = {}, c: Client = admin): Promise<S> {
  const res = await c.post(URL, {
    kind: 'suggestion',
    title,
    content: `${title}的内容`,
    category: '城建',
    sourceType: 'deputy',
    leadDeputyId: t.world.deputyA.id,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function ok(c: Client, s: S, action: string, body: Record<string, unknown> = {}): Promise<S> {
  const res = await c.post(`${URL}/${s.id}/actions/${action}`, { version: s.version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

describe('suggestions in the duty record', () => {
  it('lists the items led or joined in the year, by submission day in China, with their totals', async () => {
    // 2025-03-05 China: led, answered A, rated satisfied → closed.
    setClock('2025-03-05T02:00:00Z');
    let led = await create('修复东风路路灯', { submit: true, coSponsorIds: [deputy2.id] });
    led = await ok(admin, led, 'register');
    led = await ok(admin, led, 'assign', { leadUnitId: t.world.unitA.id });
    led = await ok(handler, led, 'reply', { grade: 'A', content: '已修复' });
    led = await ok(deputy, led, 'rate', { attitude: 'satisfied', result: 'satisfied' });
    // 2025-07-01 China: joined as co-sponsor, still submitted.
    setClock('2025-07-01T02:00:00Z');
    const joined = await create('增设校门口减速带', { submit: true, leadDeputyId: deputy2.id, coSponsorIds: [t.world.deputyA.id] });
    // A draft, a withdrawn and a merged item are not counted.
    await create('草稿未提交');
    await ok(admin, await create('已撤回', { submit: true }), 'withdraw', { reason: '重复' });
    await ok(admin, await create('被并案', { submit: true }), 'merge', { intoId: joined.id });
    // Submitted at 23:30 on 31 Dec 2024 China time: the previous year; 00:30 on 1 Jan 2026: the next.
    setClock('2024-12-31T15:30:00Z');
    const before = await create('年前提出', { submit: true });
    setClock('2025-12-31T16:30:00Z');
    const after = await create('年后提出', { submit: true });
    // Another town's item of a deputy of that town never shows here.
    const adminB = await t.as('admin_b');
    setClock('2025-05-01T02:00:00Z');
    expect(
      (
        await adminB.post(URL, {
          kind: 'suggestion',
          title: '乙镇建议',
          content: '内容',
          category: '城建',
          sourceType: 'deputy',
          leadDeputyId: t.world.deputyB.id,
          submit: true,
        })
      ).statusCode,
    ).toBe(201);
    vi.useRealTimers();

    const res = await deputy.get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record?year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const entries = r.months.flatMap((m: { entries: { source: string }[] }) => m.entries).filter((e: { source: string }) => e.source === 'suggestion');
    expect(entries).toEqual([
      {
        source: 'suggestion',
        id: led.id,
        code: led.code,
        date: '2025-03-05',
        title: '修复东风路路灯',
        role: 'lead',
        state: 'closed',
        grade: 'A',
        rating: 'satisfied',
      },
      {
        source: 'suggestion',
        id: joined.id,
        code: joined.code,
        date: '2025-07-01',
        title: '增设校门口减速带',
        role: 'co',
        state: 'submitted',
        grade: null,
        rating: null,
      },
    ]);
    expect(r.months[2].entries.map((e: { id: string }) => e.id)).toContain(led.id);
    expect(r.months[6].entries.map((e: { id: string }) => e.id)).toContain(joined.id);
    expect(r.totals.suggestions).toEqual({ lead: 1, co: 1, replied: 1, satisfied: 1 });

    // The neighbouring years see the items submitted in them.
    const y2024 = (await admin.get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record?year=2024`)).json();
    expect(y2024.months[11].entries.filter((e: { source: string }) => e.source === 'suggestion').map((e: { id: string }) => e.id)).toEqual([before.id]);
    expect(y2024.totals.suggestions).toEqual({ lead: 1, co: 0, replied: 0, satisfied: 0 });
    const y2026 = (await admin.get(`/api/v1/deputies/${t.world.deputyA.id}/duty-record?year=2026`)).json();
    expect(y2026.months[0].entries.filter((e: { source: string }) => e.source === 'suggestion')).toEqual([
      expect.objectContaining({ id: after.id, date: '2026-01-01', role: 'lead' }),
    ]);
  });
});
