import type { FastifyInstance } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login } from '../../../../test/app.ts';
import { freshDatabase } from '../../../../test/db.ts';
import { dataRows, headerOf, readBook } from '../../../../test/ledgers-factories.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/kysely.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo.seed.ts';

/*
 * The test on the generated demo town 青石镇 (both engines): every area's ledger downloaded and read
 * back with ExcelJS has its header, a frozen first row and an autofilter, and each sheet holds exactly as many
 * data rows as an independent count written here in plain SQL for the period — the definitions of
 * docs/ledgers.md stated directly, without the module's queries. The attendance sheet of a year runs past one
 * batch (1000 rows), so the keyset pagination is checked against the count too.
 */

let d: Database;
let app: FastifyInstance;
let admin: Client;
let townId: string;
const NOW = new Date();
const PERIODS = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-03-01', to: '2026-08-15' },
];

beforeAll(async () => {
  d = await freshDatabase();
  await seedDemo(d.db, NOW);
  app = await buildApp({ db: d.db, engine: d.engine, config: { ...loadConfig({}), webDist: '/nonexistent' } });
  admin = await login(app, 'admin', DEMO_PASSWORD);
  townId = (await d.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow()).id;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await d?.close();
});

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
async function one(q: RawBuilder<unknown>): Promise<number> {
  const r = await q.execute(d.db);
  return Number((r.rows[0] as { n: unknown } | undefined)?.n ?? 0);
}

describe.each(PERIODS)('demo ledgers $from – $to', (p) => {
  const fromIso = dayStart(p.from);
  const toIso = dayStart(dayAfter(p.to));
  const q = `from=${p.from}&to=${p.to}`;

  async function expected(): Promise<Record<string, number[]>> {
    const held = sql`a.town_id = ${townId} and a.status <> 'cancelled' and a.end_at < ${NOW.toISOString()} and a.start_at >= ${fromIso} and a.start_at < ${toIso}`;
    const rec = sql`r.town_id = ${townId} and r.date >= ${p.from} and r.date <= ${p.to}`;
    const raised = sql`s.town_id = ${townId} and s.state <> 'draft' and coalesce(s.submitted_at, s.created_at) >= ${fromIso} and coalesce(s.submitted_at, s.created_at) < ${toIso}`;
    const appr = sql`a.town_id = ${townId} and ((a.hearing_date >= ${p.from} and a.hearing_date <= ${p.to}) or (a.hearing_date is null and a.created_at >= ${fromIso} and a.created_at < ${toIso}))`;
    const heads = (
      await sql<{ id: string; dimensions: string; questionnaire: string | null; units: unknown }>`
        select a.id, a.dimensions, p.questionnaire,
          (select count(*) from appraisal_unit u where u.appraisal_id = a.id and u.town_id = ${townId}) as units
        from appraisal a left join poll p on p.id = a.poll_id where ${appr}`.execute(d.db)
    ).rows;
    const questions = (h: (typeof heads)[number]) =>
      1 + (h.questionnaire ? (JSON.parse(h.questionnaire).dimensions as unknown[]).length : (JSON.parse(h.dimensions) as unknown[]).length);
    return {
      activities: [
        await one(sql`select count(*) as n from activity a where ${held}`),
        await one(sql`select count(*) as n from activity_invitation i join activity a on a.id = i.activity_id where ${held}`),
      ],
      receptions: [
        await one(sql`select count(*) as n from reception r where ${rec}`),
        await one(sql`select count(*) as n from reception_matter m join reception r on r.id = m.reception_id where ${rec}`),
      ],
      suggestions: [
        await one(sql`select count(*) as n from suggestion s where ${raised}`),
        await one(sql`select count(*) as n from suggestion_reply x join suggestion s on s.id = x.suggestion_id where ${raised}`),
      ],
      findings: [
        await one(sql`select count(*) as n from finding where town_id = ${townId} and found_on >= ${p.from} and found_on <= ${p.to}`),
        await one(sql`select count(*) as n from rectification_notice where town_id = ${townId} and issued_on >= ${p.from} and issued_on <= ${p.to}`),
      ],
      appraisals: [
        heads.reduce((s, h) => s + Number(h.units) * questions(h), 0),
        await one(sql`select count(*) as n from appraisal_issue i join appraisal a on a.id = i.appraisal_id where ${appr}`),
      ],
    };
  }

  it('each sheet has a frozen header with autofilter and exactly the rows of the SQL count', async () => {
    const want = await expected();
    const list = (await admin.get(`/api/v1/ledgers?${q}`)).json() as { area: string; sheets: { name: string; rows: number }[] }[];
    let biggest = 0;
    for (const [area, counts] of Object.entries(want)) {
      expect(
        list.find((i) => i.area === area)?.sheets.map((s) => s.rows),
        area,
      ).toEqual(counts);
      const res = await admin.get(`/api/v1/ledgers/${area}.xlsx?${q}`);
      expect(res.statusCode, area).toBe(200);
      const wb = await readBook(res.rawPayload);
      expect(wb.worksheets.map((w) => w.name)).toEqual(list.find((i) => i.area === area)?.sheets.map((s) => s.name));
      wb.worksheets.forEach((ws, i) => {
        expect(headerOf(ws).length, `${area}/${ws.name}`).toBeGreaterThan(3);
        expect(ws.views[0], `${area}/${ws.name}`).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.autoFilter, `${area}/${ws.name}`).toBeTruthy();
        expect(dataRows(ws).length, `${area}/${ws.name}`).toBe(counts[i]);
        biggest = Math.max(biggest, counts[i]);
      });
    }
    // The demo has something in every area over the year.
    if (p.from === '2026-01-01') {
      for (const [area, counts] of Object.entries(want)) expect(counts[0], area).toBeGreaterThan(0);
      expect(biggest).toBeGreaterThan(1000);
    }
  }, 120_000);

  it("the attendance sheet's totals follow the FINAL rule", async () => {
    const res = await admin.get(`/api/v1/ledgers/activities.xlsx?${q}`);
    const ws = (await readBook(res.rawPayload)).worksheets[1];
    const byStatus = new Map<string, number>();
    for (const r of dataRows(ws)) byStatus.set(String(r.getCell(5).value), (byStatus.get(String(r.getCell(5).value)) ?? 0) + 1);
    const held = sql`a.town_id = ${townId} and a.status <> 'cancelled' and a.end_at < ${NOW.toISOString()} and a.start_at >= ${fromIso} and a.start_at < ${toIso}`;
    const count = (cond: RawBuilder<unknown>) =>
      one(sql`select count(*) as n from activity_invitation i join activity a on a.id = i.activity_id where ${held} and ${cond}`);
    expect(byStatus.get('出席') ?? 0).toBe(await count(sql`i.attendance = 'present'`));
    expect(byStatus.get('迟到') ?? 0).toBe(await count(sql`i.attendance = 'late'`));
    expect(byStatus.get('请假') ?? 0).toBe(await count(sql`(i.attendance = 'on_leave' or (i.attendance is null and i.leave_status = 'approved'))`));
    expect(byStatus.get('缺席') ?? 0).toBe(
      await count(sql`(i.attendance = 'absent' or (i.attendance is null and (i.leave_status is null or i.leave_status <> 'approved')))`),
    );
  }, 60_000);

  it("the points ledger is the scheme's score sheet for the year of from", async () => {
    const year = Number(p.from.slice(0, 4));
    const scheme = await d.db.selectFrom('pointsScheme').select('id').where('townId', '=', townId).where('year', '=', year).executeTakeFirst();
    const res = await admin.get(`/api/v1/ledgers/points.xlsx?${q}`);
    // The demo has the 2026 scheme (demo.points.ts).
    expect(scheme).toBeDefined();
    expect(res.statusCode).toBe(200);
    const ws = (await readBook(res.rawPayload)).worksheets[0];
    expect(ws.name).toBe('积分表');
    const serving = await one(sql`select count(*) as n from deputy where town_id = ${townId} and status = 'serving'`);
    expect(ws.rowCount - 3).toBeGreaterThanOrEqual(serving);
  }, 60_000);
});
