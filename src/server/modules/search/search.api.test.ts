import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeStation } from '../../../../test/factories.ts';
import { makeReception, makeSuggestion } from '../../../../test/search-factories.ts';
import type { Ctx } from '../../http/principal.ts';
import { searchText } from '../../lib/search-text.ts';
import { matchingSuggestionIds, suggestionTextFilter } from './search.repo.ts';
import { duplicatesUseCase } from './search.service.ts';

/*
 * Full-text search through the API on SQLite (FTS5 + triggers) and PostgreSQL (GIN on to_tsvector):
 * two-character words, the town and station scope, re-indexing after an edit and a delete.
 */
let t: TestCtx;
const URL = '/api/v1/search';
let ids: Record<string, string>;

type Item = { type: string; id: string; matterId?: string; code: string; title: string; snippet: string; date: string; state?: string };
const search = async (role: Parameters<TestCtx['as']>[0], query: string) => {
  const res = await (await t.as(role)).get(`${URL}?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
};
const keys = (items: Item[]) => items.map((i) => i.matterId ?? i.id).sort();

beforeAll(async () => {
  t = await setupApi();
  const { townA, townB, stationA, stationB, users } = t.world;
  const stationA2 = await makeStation(t.db, townA.id, 'S02', '甲镇第二联络站');
  const traffic = await makeSuggestion(t.db, townA.id, {
    title: '关于改善平安村交通状况的建议',
    content: '村口路段车流量大，早晚交通拥堵，建议设置信号灯。',
  });
  const lamps = await makeSuggestion(t.db, townA.id, {
    title: '修复青石村路灯',
    content: '青石村主干道的路灯损坏多日，夜间群众出行不便，存在安全隐患，请尽快维修。',
    state: 'assigned',
  });
  const draft = await makeSuggestion(t.db, townA.id, {
    title: '路灯草稿',
    content: '别人的草稿，路灯',
    state: 'draft',
    submittedAt: null,
    createdBy: users.deputy.id,
  });
  const other = await makeSuggestion(t.db, townB.id, { title: '乙镇路灯和交通', content: '乙镇的路灯与交通问题' });
  const recA1 = await makeReception(t.db, townA.id, stationA.id, { date: '2026-03-09' }, [{ content: '群众反映西街路灯不亮已有一周。', category: '城建' }]);
  const recA2 = await makeReception(t.db, townA.id, stationA2.id, { date: '2026-03-19' }, [
    { content: '学校门口交通秩序混乱，接送孩子不安全。', category: '交通' },
    { content: '东街路灯被树枝挡住。', category: '城建' },
  ]);
  const recB = await makeReception(t.db, townB.id, stationB.id, {}, [{ content: '乙镇路灯交通', category: '交通' }]);
  ids = {
    traffic: traffic.id,
    lamps: lamps.id,
    draft: draft.id,
    other: other.id,
    recA1: recA1.id,
    mA1: recA1.matters[0].id,
    mA2a: recA2.matters[0].id,
    mA2b: recA2.matters[1].id,
    recB: recB.id,
  };
});
afterAll(async () => t.close());

describe('GET /search access', () => {
  it('401 without a session', async () => {
    expect((await anon(t.app).get(`${URL}?q=路灯`)).statusCode).toBe(401);
  });

  it('403 for a deputy and a handler', async () => {
    for (const role of ['deputy', 'handler'] as const) expect((await (await t.as(role)).get(`${URL}?q=路灯`)).statusCode, role).toBe(403);
  });

  it('400 names the field for a missing query or unknown types', async () => {
    const admin = await t.as('town_admin');
    const r1 = await admin.get(URL);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toContain('关键词');
    const r2 = await admin.get(`${URL}?q=路灯&types=deputy`);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('搜索范围');
  });

  it('a county administrator searches the town it works in (town A, the first by code)', async () => {
    const r = await search('county_admin', `q=${encodeURIComponent('青石村')}`);
    expect(r.items.map((i) => i.title)).toEqual(['修复青石村路灯']);
  });
});

describe('GET /search results', () => {
  it('finds the two-character word 交通 in suggestions and reception matters of the town only', async () => {
    const r = await search('town_admin', `q=${encodeURIComponent('交通')}`);
    expect(keys(r.items)).toEqual([ids.traffic, ids.mA2a].sort());
    expect(r.total).toBe(2);
    const s = r.items.find((i) => i.type === 'suggestion');
    expect(s).toMatchObject({ code: expect.stringMatching(/^2026-/), title: '关于改善平安村交通状况的建议', state: 'submitted' });
    const m = r.items.find((i) => i.type === 'reception');
    expect(m).toMatchObject({ date: '2026-03-19', title: '甲镇第二联络站 · 交通' });
  });

  it('finds 路灯, skipping another author’s draft, with a snippet of the original words', async () => {
    const r = await search('town_admin', `q=${encodeURIComponent('路灯')}`);
    expect(keys(r.items)).toEqual([ids.lamps, ids.mA1, ids.mA2b].sort());
    const lamps = r.items.find((i) => i.id === ids.lamps);
    expect(lamps?.snippet).toContain('路灯损坏多日');
    expect(lamps?.snippet).not.toContain('路灯 灯损');
    const m = r.items.find((i) => i.matterId === ids.mA1);
    expect(m).toMatchObject({ type: 'reception', id: ids.recA1, snippet: '群众反映西街路灯不亮已有一周。' });
  });

  it('needs every word of a longer query, and finds a phrase', async () => {
    expect(keys((await search('town_admin', `q=${encodeURIComponent('路灯 学校')}`)).items)).toEqual([]);
    expect(keys((await search('town_admin', `q=${encodeURIComponent('路灯不亮')}`)).items)).toEqual([ids.mA1]);
    expect(keys((await search('town_admin', `q=${encodeURIComponent('青石村')}`)).items)).toEqual([ids.lamps]);
  });

  it('limits to the types asked for', async () => {
    const r = await search('town_admin', `q=${encodeURIComponent('路灯')}&types=suggestion`);
    expect(r.items.map((i) => i.type)).toEqual(['suggestion']);
    const m = await search('town_admin', `q=${encodeURIComponent('路灯')}&types=reception`);
    expect(m.items.every((i) => i.type === 'reception')).toBe(true);
    expect(m.total).toBe(2);
  });

  it('shows a liaison every suggestion but only their own station’s receptions', async () => {
    const r = await search('liaison', `q=${encodeURIComponent('路灯')}`);
    expect(keys(r.items)).toEqual([ids.lamps, ids.mA1].sort());
    expect(keys((await search('liaison', `q=${encodeURIComponent('交通')}`)).items)).toEqual([ids.traffic]);
  });

  it('keeps another town’s records to that town', async () => {
    const r = await search('admin_b', `q=${encodeURIComponent('路灯')}`);
    expect(keys(r.items)).toEqual(
      [ids.other, (await t.db.selectFrom('receptionMatter').select('id').where('receptionId', '=', ids.recB).executeTakeFirstOrThrow()).id].sort(),
    );
  });

  it('pages through the merged ranking', async () => {
    const all = await search('town_admin', `q=${encodeURIComponent('路灯')}&pageSize=50`);
    const pages = [];
    for (let p = 1; p <= 3; p++) pages.push(...(await search('town_admin', `q=${encodeURIComponent('路灯')}&page=${p}&pageSize=1`)).items);
    expect(pages.map((i) => i.matterId ?? i.id)).toEqual(all.items.map((i) => i.matterId ?? i.id));
    expect((await search('town_admin', `q=${encodeURIComponent('路灯')}&page=4&pageSize=1`)).items).toEqual([]);
  });

  it('answers nothing for a query without words', async () => {
    const r = await search('town_admin', `q=${encodeURIComponent('，。！')}`);
    expect(r).toMatchObject({ items: [], total: 0 });
  });

  it('takes FTS syntax in the query as plain words', async () => {
    const r = await search('town_admin', `q=${encodeURIComponent('路灯 OR NOT "x*"')}`);
    expect(r.items).toEqual([]);
  });
});

describe('the index follows edits and deletes', () => {
  it('re-indexes a suggestion whose search text changes (update path)', async () => {
    await t.db
      .updateTable('suggestion')
      .set({ title: '关于修建平安村桥梁的建议', searchText: searchText('关于修建平安村桥梁的建议', '河上没有桥') })
      .where('id', '=', ids.traffic)
      .execute();
    expect(keys((await search('town_admin', `q=${encodeURIComponent('桥梁')}`)).items)).toEqual([ids.traffic]);
    expect(keys((await search('town_admin', `q=${encodeURIComponent('交通')}`)).items)).toEqual([ids.mA2a]);
  });

  it('an update that leaves search_text out keeps the entry', async () => {
    await t.db.updateTable('suggestion').set({ state: 'registered' }).where('id', '=', ids.traffic).execute();
    expect(keys((await search('town_admin', `q=${encodeURIComponent('桥梁')}`)).items)).toEqual([ids.traffic]);
  });

  it('drops the matters of a deleted reception (cascade)', async () => {
    await t.db.deleteFrom('reception').where('id', '=', ids.recA1).execute();
    expect(keys((await search('town_admin', `q=${encodeURIComponent('路灯')}`)).items)).toEqual([ids.lamps, ids.mA2b].sort());
  });

  it('indexes a suggestion inserted later (insert path)', async () => {
    const s = await makeSuggestion(t.db, t.world.townA.id, { title: '新增路灯建议', content: '南街需要新增路灯' });
    expect(keys((await search('town_admin', `q=${encodeURIComponent('南街')}`)).items)).toEqual([s.id]);
  });
});

describe('for the suggestions list: matchingSuggestionIds and suggestionTextFilter', () => {
  it('answers the town’s matching ids, drafts included, or null without words', async () => {
    const { townA } = t.world;
    expect((await matchingSuggestionIds(t.db, townA.id, '路灯'))?.includes(ids.draft)).toBe(true);
    expect((await matchingSuggestionIds(t.db, townA.id, '路灯'))?.includes(ids.other)).toBe(false);
    expect(await matchingSuggestionIds(t.db, townA.id, '  ')).toBeNull();
    expect(suggestionTextFilter(t.db, townA.id, '', 's')).toBeNull();
  });

  it('matches within the town in the index itself (no town condition outside it)', async () => {
    const f = suggestionTextFilter(t.db, t.world.townA.id, '路灯', 's');
    if (!f) throw new Error('no filter');
    const rows = await t.db.selectFrom('suggestion as s').select(['s.id', 's.townId']).where(f).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.townId === t.world.townA.id)).toBe(true);
    expect(rows.map((r) => r.id)).not.toContain(ids.other);
  });

  it('composes into a list query', async () => {
    const f = suggestionTextFilter(t.db, t.world.townA.id, '青石村', 's');
    if (!f) throw new Error('no filter');
    const rows = await t.db.selectFrom('suggestion as s').select('s.id').where('s.townId', '=', t.world.townA.id).where(f).execute();
    expect(rows.map((r) => r.id)).toEqual([ids.lamps]);
  });
});

describe('duplicatesUseCase', () => {
  const ctxOf = (): Ctx => ({
    db: t.db,
    requestId: 'test',
    ip: '127.0.0.1',
    principal: {
      userId: t.world.users.town_admin.id,
      username: 'admin_a',
      displayName: 'admin_a',
      role: 'town_admin',
      countyId: t.world.county.id,
      townId: t.world.townA.id,
      deputyId: null,
      unitId: null,
      stationId: null,
      sessionId: 's',
      csrfToken: 'c',
      mustChangePassword: false,
    },
  });

  it('lists the open item on the same matter, not unrelated ones nor another town’s', async () => {
    const r = await duplicatesUseCase(ctxOf(), { title: '建议尽快修复青石村路灯', content: '青石村路灯坏了，晚上看不见路' });
    expect(r.items.map((i) => i.id)).toEqual([ids.lamps]);
    expect(r.items[0].score).toBeGreaterThanOrEqual(0.4);
    expect(r.items[0]).toMatchObject({ code: expect.any(String), title: '修复青石村路灯', state: 'assigned' });
  });

  it('leaves out the item being edited, drafts and merged ones; nothing for empty input', async () => {
    expect((await duplicatesUseCase(ctxOf(), { title: '修复青石村路灯', excludeId: ids.lamps })).items).toEqual([]);
    expect((await duplicatesUseCase(ctxOf(), { title: '路灯草稿' })).items).toEqual([]);
    expect((await duplicatesUseCase(ctxOf(), {})).items).toEqual([]);
  });

  it('the route answers admins and liaisons only', async () => {
    expect((await anon(t.app).get('/api/v1/suggestions/duplicates?title=x')).statusCode).toBe(401);
    expect((await (await t.as('handler')).get('/api/v1/suggestions/duplicates?title=x')).statusCode).toBe(403);
    expect((await (await t.as('liaison')).get(`/api/v1/suggestions/duplicates?title=${encodeURIComponent('修复青石村路灯')}`)).statusCode).toBe(200);
  });
});
