import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/kysely.ts';
import { idNumberProblem } from '../roster/deputy.rules.ts';
import { DEMO_PASSWORD, type DemoLogin, seedDemoIfEmpty } from './demo.seed.ts';

let database: Database;
let app: FastifyInstance;
let logins: DemoLogin[] | null;
let seedMs = 0;

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ db: database.db, engine: database.engine, config: { ...loadConfig({}), webDist: '/nonexistent' } });
  const t0 = Date.now();
  logins = await seedDemoIfEmpty(database.db);
  seedMs = Date.now() - t0;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function count(table: 'deputy' | 'auditEvent' | 'appUser' | 'town') {
  const r = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('demo data', () => {
  it('loads the demo county into an empty database, quickly', async () => {
    expect(logins?.map((l) => l.username)).toEqual(['county', 'admin', 'liaison', 'deputy', 'handler', 'admin2']);
    expect(logins?.every((l) => l.password === DEMO_PASSWORD && l.note.length > 0)).toBe(true);
    expect(seedMs).toBeLessThan(5000);
    const towns = await database.db
      .selectFrom('town')
      .innerJoin('county', 'county.id', 'town.countyId')
      .select(['town.code', 'town.name', 'county.name as county'])
      .orderBy('town.code')
      .execute();
    expect(towns).toEqual([
      { code: 'DEMO01', name: '青石镇', county: '云溪县' },
      { code: 'DEMO02', name: '白沙镇', county: '云溪县' },
    ]);
  });

  it('has 79 + about 45 deputies, every ID number valid', async () => {
    const rows = await database.db.selectFrom('deputy').innerJoin('town', 'town.id', 'deputy.townId').select(['town.code', 'deputy.idNumber']).execute();
    expect(rows.filter((r) => r.code === 'DEMO01')).toHaveLength(79);
    const second = rows.filter((r) => r.code === 'DEMO02').length;
    expect(second).toBeGreaterThanOrEqual(40);
    expect(second).toBeLessThanOrEqual(50);
    for (const r of rows) expect(idNumberProblem(r.idNumber ?? ''), r.idNumber ?? 'null').toBeNull();
  });

  it('every demo login works through the login API, in the right town and role', async () => {
    const expected: Record<string, { role: string; town: string }> = {
      county: { role: 'county_admin', town: 'DEMO01' },
      admin: { role: 'town_admin', town: 'DEMO01' },
      liaison: { role: 'liaison', town: 'DEMO01' },
      deputy: { role: 'deputy', town: 'DEMO01' },
      handler: { role: 'handler', town: 'DEMO01' },
      admin2: { role: 'town_admin', town: 'DEMO02' },
    };
    for (const l of logins ?? []) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: l.username, password: l.password } });
      expect(res.statusCode, l.username).toBe(200);
      const me = res.json();
      expect(me.user.role, l.username).toBe(expected[l.username].role);
      expect(me.town?.code, l.username).toBe(expected[l.username].town);
      expect(me.user.mustChangePassword).toBe(false);
    }
    const county = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'county', password: DEMO_PASSWORD } });
    expect(county.json().towns.map((t: { code: string }) => t.code)).toEqual(['DEMO01', 'DEMO02']);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password-1' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('links the role accounts to their deputy, unit and station', async () => {
    const rows = await database.db
      .selectFrom('appUser as u')
      .leftJoin('deputy as d', 'd.id', 'u.deputyId')
      .leftJoin('handlingUnit as h', 'h.id', 'u.unitId')
      .leftJoin('station as s', 's.id', 'u.stationId')
      .select(['u.username', 'd.name as deputy', 'h.name as unit', 's.kind as station'])
      .where('u.username', 'in', ['deputy', 'handler', 'liaison'])
      .orderBy('u.username')
      .execute();
    expect(rows[0].deputy).toBeTruthy();
    expect(rows[1].unit).toBe('民政办');
    expect(rows[2].station).toBe('studio');
  });

  it('a second seedDemoIfEmpty does nothing', async () => {
    const before = await Promise.all([count('deputy'), count('appUser'), count('town'), count('auditEvent')]);
    expect(await seedDemoIfEmpty(database.db)).toBeNull();
    expect(await Promise.all([count('deputy'), count('appUser'), count('town'), count('auditEvent')])).toEqual(before);
  });
});
