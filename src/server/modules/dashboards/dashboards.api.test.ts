import type { FastifyInstance } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, anon, login } from '../../../../test/app.ts';
import { freshDatabase } from '../../../../test/db.ts';
import { makeCounty, makeTown, makeUser } from '../../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/kysely.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo.seed.ts';
import { townFacts } from '../report-facts/report-facts.service.ts';

/*
 * Dashboards on the demo county (云溪县: 青石镇 DEMO01 with a year of records, 白沙镇 DEMO02), both engines.
 * Access: staff read a town's dashboard; only a county_admin reads the county's, and a county_admin of
 * another county sees only its own towns. Figures: each chart's numbers equal an independent SQL count.
 */

let d: Database;
let app: FastifyInstance;
let townId: string;
const c: Record<string, Client> = {};
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const FROM = `${YEAR}-01-01`;
const TO = `${YEAR}-12-31`;
const Q = `from=${FROM}&to=${TO}`;

beforeAll(async () => {
  d = await freshDatabase();
  app = await buildApp({ db: d.db, engine: d.engine, config: { ...loadConfig({}), webDist: '/nonexistent' } });
  await seedDemo(d.db, new Date());
  townId = (await d.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow()).id;
  const other = await makeCounty(d.db, 'C99', '外县');
  const far = await makeTown(d.db, other.id, 'X01', '远镇');
  await makeUser(d.db, { countyId: other.id, role: 'county_admin', username: 'county_x' });
  await makeUser(d.db, { countyId: other.id, townId: far.id, role: 'town_admin', username: 'admin_x' });
  for (const u of ['county', 'admin', 'liaison', 'deputy', 'handler']) c[u] = await login(app, u, DEMO_PASSWORD);
  c.county_x = await login(app, 'county_x');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await d?.close();
});

async function rows<T>(q: RawBuilder<unknown>): Promise<T[]> {
  return (await q.execute(d.db)).rows as T[];
}
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('access', () => {
  const urls = [`/api/v1/dashboard?${Q}`, `/api/v1/county/dashboard?${Q}`, `/api/v1/county/report.json?${Q}`];
  it('401 without login', async () => {
    for (const u of urls) expect((await anon(app).get(u)).statusCode, u).toBe(401);
  });
  it('403 for roles that may not', async () => {
    for (const r of ['deputy', 'handler']) expect((await c[r].get(urls[0])).statusCode, r).toBe(403);
    for (const r of ['admin', 'liaison', 'deputy', 'handler']) {
      for (const u of urls.slice(1)) expect((await c[r].get(u)).statusCode, `${r} ${u}`).toBe(403);
    }
  });
  it('400 naming query.from / query.to', async () => {
    const field = async (cl: Client, u: string) => {
      const res = await cl.get(u);
      expect(res.statusCode, u).toBe(400);
      return JSON.stringify(res.json());
    };
    for (const base of ['/api/v1/dashboard', '/api/v1/county/dashboard', '/api/v1/county/report.md']) {
      const cl = base === '/api/v1/dashboard' ? c.admin : c.county;
      expect(await field(cl, `${base}?to=${TO}`)).toContain('query.from');
      expect(await field(cl, `${base}?from=2026-02-30&to=${TO}`)).toContain('query.from');
      expect(await field(cl, `${base}?from=${FROM}`)).toContain('query.to');
      expect(await field(cl, `${base}?from=${TO}&to=${FROM}`)).toContain('query.to');
      expect(await field(cl, `${base}?from=2010-01-01&to=${TO}`)).toContain('query.to');
    }
    expect((await c.county.get(`/api/v1/county/report.pdf?${Q}`)).statusCode).toBe(400);
  });
  it('a county_admin of another county sees only its own towns, and none of these', async () => {
    const res = await c.county_x.get(`/api/v1/county/dashboard?${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().towns.map((t: { name: string }) => t.name)).toEqual(['远镇']);
    expect(res.json().county.name).toBe('外县');
    const rep = await c.county_x.get(`/api/v1/county/report.json?${Q}`);
    expect(rep.statusCode).toBe(200);
    expect(rep.body).not.toContain('青石镇');
    expect(rep.body).not.toContain('白沙镇');
  });
});

describe('the town dashboard equals independent counts', () => {
  let body: any;
  beforeAll(async () => {
    const res = await c.admin.get(`/api/v1/dashboard?${Q}`);
    expect(res.statusCode).toBe(200);
    body = res.json();
    // A liaison reads the same town figures.
    expect((await c.liaison.get(`/api/v1/dashboard?${Q}`)).json().funnel).toEqual(body.funnel);
  });
  const cohortOf = () => sql`s.town_id = ${townId} and s.state not in ('draft', 'withdrawn') and (
      (s.session_id is not null and cs.start_date >= ${FROM} and cs.start_date <= ${TO})
      or (s.session_id is null and coalesce(s.submitted_at, s.created_at) >= ${dayStart(FROM)} and coalesce(s.submitted_at, s.created_at) < ${dayStart(dayAfter(TO))}))`;

  it('the suggestion funnel and the categories', async () => {
    const [f] = await rows<Record<string, unknown>>(sql`select count(*) as total,
      sum(case when s.registered_at is not null then 1 else 0 end) as registered,
      sum(case when s.assigned_on is not null then 1 else 0 end) as assigned,
      sum(case when s.replied_on is not null then 1 else 0 end) as replied,
      sum(case when s.state = 'closed' then 1 else 0 end) as closed
      from suggestion s left join congress_session cs on cs.id = s.session_id where ${cohortOf()}`);
    expect(Number(f.total)).toBeGreaterThan(5);
    expect(body.funnel).toEqual([
      { stage: 'received', count: Number(f.total) },
      { stage: 'registered', count: Number(f.registered) },
      { stage: 'assigned', count: Number(f.assigned) },
      { stage: 'replied', count: Number(f.replied) },
      { stage: 'closed', count: Number(f.closed) },
    ]);
    const facts = await townFacts(d.db, townId, { from: FROM, to: TO });
    expect(body.funnel[0].count).toBe(facts['suggestions.total'].value);
    expect(body.funnel[4].count).toBe(facts['suggestions.closed'].value);
    const cats = await rows<{ name: string; n: unknown }>(
      sql`select s.category as name, count(*) as n from suggestion s left join congress_session cs on cs.id = s.session_id where ${cohortOf()} group by s.category`,
    );
    const expected = Object.fromEntries(cats.map((x) => [x.name, Number(x.n)]));
    expect(Object.fromEntries(body.categories.map((x: { name: string; count: number }) => [x.name, x.count]))).toEqual(expected);
  });

  it('on time by office', async () => {
    const units = await rows<{ unit: string; replied: unknown; ontime: unknown }>(sql`select r.unit_id as unit, count(*) as replied,
      sum(case when r.replied_on <= r.due_date then 1 else 0 end) as ontime
      from suggestion_reply r join suggestion s on s.id = r.suggestion_id left join congress_session cs on cs.id = s.session_id
      where r.town_id = ${townId} and ${cohortOf()} group by r.unit_id`);
    expect(units.length).toBeGreaterThan(0);
    const got = Object.fromEntries(body.onTimeByUnit.map((u: { unitId: string; replied: number; onTime: number }) => [u.unitId, [u.replied, u.onTime]]));
    expect(got).toEqual(Object.fromEntries(units.map((u) => [u.unit, [Number(u.replied), Number(u.ontime)]])));
    for (const u of body.onTimeByUnit) expect(u.rate).toBe(u.replied ? Math.round((u.onTime / u.replied) * 10_000) / 10_000 : null);
  });

  it('monthly activities and attendance', async () => {
    const acts = await rows<{ id: string; started: string; invited: unknown; attended: unknown; leave: unknown }>(sql`select a.id, a.start_at as started,
      count(i.id) as invited,
      sum(case when i.attendance in ('present', 'late') then 1 else 0 end) as attended,
      sum(case when i.id is not null and (i.attendance = 'on_leave' or (i.attendance is null and i.leave_status = 'approved')) then 1 else 0 end) as leave
      from activity a left join activity_invitation i on i.activity_id = a.id
      where a.town_id = ${townId} and a.status <> 'cancelled' and a.end_at < ${new Date().toISOString()}
        and a.start_at >= ${dayStart(FROM)} and a.start_at < ${dayStart(dayAfter(TO))}
      group by a.id, a.start_at`);
    expect(acts.length).toBeGreaterThan(5);
    const months = new Map<string, { activities: number; personTimes: number; expected: number }>();
    for (const a of acts) {
      const m = new Date(Date.parse(a.started) + 8 * 3600_000).toISOString().slice(0, 7);
      const x = months.get(m) ?? { activities: 0, personTimes: 0, expected: 0 };
      x.activities += 1;
      x.personTimes += Number(a.attended);
      x.expected += Number(a.invited) - Number(a.leave);
      months.set(m, x);
    }
    expect(body.monthly).toHaveLength(12);
    for (const m of body.monthly) {
      const x = months.get(m.month) ?? { activities: 0, personTimes: 0, expected: 0 };
      expect({ activities: m.activities, personTimes: m.personTimes, expected: m.expected }, m.month).toEqual(x);
      expect(m.attendanceRate).toBe(x.expected > 0 ? Math.round((x.personTimes / x.expected) * 10_000) / 10_000 : null);
    }
  });

  it('stations side by side', async () => {
    const st = await rows<{ id: string; receptions: unknown; visitors: unknown; opinions: unknown }>(sql`select st.id,
      (select count(*) from reception r where r.station_id = st.id and r.date >= ${FROM} and r.date <= ${TO}) as receptions,
      (select coalesce(sum(m.visitor_count), 0) from reception_matter m join reception r on r.id = m.reception_id where r.station_id = st.id and r.date >= ${FROM} and r.date <= ${TO}) as visitors,
      (select count(*) from reception_matter m join reception r on r.id = m.reception_id where r.station_id = st.id and r.date >= ${FROM} and r.date <= ${TO}) as opinions
      from station st where st.town_id = ${townId}`);
    const got = Object.fromEntries(
      body.stations.map((s: { stationId: string; receptions: number; visitors: number; opinions: number }) => [
        s.stationId,
        [s.receptions, s.visitors, s.opinions],
      ]),
    );
    expect(got).toEqual(Object.fromEntries(st.map((s) => [s.id, [Number(s.receptions), Number(s.visitors), Number(s.opinions)]])));
    expect(body.stations.some((s: { receptions: number }) => s.receptions > 0)).toBe(true);
  });

  it('points: the grades of the year, or null without an active scheme', async () => {
    const active = await rows<{ id: string }>(sql`select id from points_scheme where town_id = ${townId} and year = ${YEAR} and status = 'active'`);
    if (active.length === 0) expect(body.points).toBeNull();
    else {
      expect(body.points.year).toBe(YEAR);
      const facts = await townFacts(d.db, townId, { from: FROM, to: TO });
      const graded = body.points.grades.filter((g: { label: string }) => g.label !== '未定等次').reduce((s: number, g: { count: number }) => s + g.count, 0);
      expect(graded).toBe(facts['points.graded'].value);
    }
  });
});

describe('reuse', () => {
  it('answers from the last computation until a write: a write through the app shows on the next request', async () => {
    const first = (await c.admin.get(`/api/v1/dashboard?${Q}`)).json();
    // Written around the app (as another process would): not seen while the result is reused.
    await d.db.updateTable('station').set({ name: '直接改名的联络站' }).where('townId', '=', townId).where('id', '=', first.stations[0].stationId).execute();
    const reused = (await c.admin.get(`/api/v1/dashboard?${Q}`)).json();
    expect(reused.stations.map((s: { name: string }) => s.name)).toEqual(first.stations.map((s: { name: string }) => s.name));
    // A write through the app: the next answer is computed again and sees both changes.
    const created = await c.admin.post('/api/v1/stations', { name: '看板测试联络站', kind: 'station' });
    expect(created.statusCode, created.body).toBe(201);
    const fresh = (await c.admin.get(`/api/v1/dashboard?${Q}`)).json();
    expect(fresh.stations).toHaveLength(first.stations.length + 1);
    expect(fresh.stations.map((s: { name: string }) => s.name)).toContain('看板测试联络站');
    expect(fresh.stations.map((s: { name: string }) => s.name)).toContain('直接改名的联络站');
  });
});

describe('the county', () => {
  it('compares its towns on the facts of each', async () => {
    const res = await c.county.get(`/api/v1/county/dashboard?${Q}`);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.county.name).toBe('云溪县');
    expect(b.towns.map((t: { name: string }) => t.name)).toEqual(['青石镇', '白沙镇']);
    const facts = await townFacts(d.db, townId, { from: FROM, to: TO });
    for (const k of b.keys) expect(b.towns[0].facts[k.key], k.key).toBe(facts[k.key].value);
    expect(b.towns[0].facts['suggestions.total']).toBeGreaterThan(0);
  });

  it('the county report sums the towns, prefixes lists with the town and reads 全县', async () => {
    const res = await c.county.get(`/api/v1/county/report.json?${Q}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const towns = await d.db.selectFrom('town').select(['id', 'name']).where('code', 'in', ['DEMO01', 'DEMO02']).orderBy('code').execute();
    const each = await Promise.all(towns.map((t) => townFacts(d.db, t.id, { from: FROM, to: TO })));
    for (const key of ['suggestions.total', 'activities.held', 'receptions.visitors', 'deputies.total']) {
      expect(r.facts[key].value, key).toBe(each.reduce((s, f) => s + (f[key].value as number), 0));
    }
    const onTime = r.facts['suggestions.onTime'].value;
    const replied = r.facts['suggestions.replied'].value;
    expect(r.facts['suggestions.onTimeRate'].value).toBe(replied ? Math.round((onTime / replied) * 10_000) / 10_000 : null);
    expect(r.facts['activities.attendanceRate']).toBeUndefined();
    const names = r.facts['stations.names'].value as string[];
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^(青石镇|白沙镇)：/);
    expect(r.title).toBe(`云溪县各乡镇人大${YEAR}年工作总结`);
    const text = r.paragraphs.map((p: { text: string; heading?: string }) => `${p.heading ?? ''}${p.text}`).join('\n');
    expect(text).toContain('全县');
    expect(text).toContain('全县现有人大代表');
    expect(text).not.toContain('全镇现有');
    expect(text).not.toContain('〔');
    const md = await c.county.get(`/api/v1/county/report.md?${Q}`);
    expect(md.statusCode).toBe(200);
    expect(md.body.startsWith(`# 云溪县各乡镇人大${YEAR}年工作总结`)).toBe(true);
    const docx = await c.county.get(`/api/v1/county/report.docx?${Q}`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('云溪县各乡镇人大'));
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
