import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../app.ts';
import { makeActivityKind } from '../factories.ts';

/*
 * Records that get an automatic code (A00001, F0001, T001, M001) created at the same moment in one town:
 * on PostgreSQL the requests really run side by side and two may pick the same next code; the unique
 * index refuses the second and the write is run again with a fresh code. Every request must succeed
 * with a code of its own — never a 409 or 500 the user did nothing to cause.
 */
let t: TestCtx;
let admin: Client;
let kindId: string;
const N = 6;

beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
  kindId = (await makeActivityKind(t.db, t.world.townA.id, 'K01', '培训学习', 'training')).id;
});
afterAll(async () => t.close());

const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function together(make: (i: number) => Promise<{ statusCode: number; json(): { code: string } }>) {
  const res = await Promise.all(Array.from({ length: N }, (_, i) => make(i)));
  expect(res.map((r) => r.statusCode)).toEqual(Array(N).fill(201));
  const codes = res.map((r) => r.json().code);
  expect(new Set(codes).size).toBe(N);
  return codes;
}

describe('automatic codes under concurrent creation', () => {
  it('activities', async () => {
    await together((i) => admin.post('/api/v1/activities', { title: `并发活动${i}`, kindId, organiserType: 'town', startAt: at(24 + i), endAt: at(25 + i) }));
  });
  it('documents', async () => {
    await together((i) => admin.post('/api/v1/documents', { title: `并发文件${i}`, category: 'notice' }));
  });
  it('research topics', async () => {
    await together((i) => admin.post('/api/v1/research-topics', { year: 2026, title: `并发课题${i}`, dueDate: '2026-12-31' }));
  });
  it('presidium meetings', async () => {
    await together((i) => admin.post('/api/v1/presidium-meetings', { title: `并发会议${i}`, date: '2026-12-01', status: 'planned' }));
  });
});
