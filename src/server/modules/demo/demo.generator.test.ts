import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseWorkbook } from '../workbook/workbook.import.ts';
import { idNumberInfo, idNumberProblem } from '../roster/deputy.rules.ts';
import { buildDemoCounty } from './demo.generator.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('demo county generator', () => {
  it('is deterministic and never uses Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    expect(buildDemoCounty()).toEqual(buildDemoCounty());
  });

  it('produces valid workbooks for two towns of one county', () => {
    const { documents } = buildDemoCounty('scrypt$32768$8$1$c2FsdA==$a2V5');
    expect(documents.map((d) => [d.county.code, d.town.code, d.town.name])).toEqual([
      ['DEMO', 'DEMO01', '青石镇'],
      ['DEMO', 'DEMO02', '白沙镇'],
    ]);
    for (const doc of documents) expect(() => parseWorkbook(doc)).not.toThrow();
    expect(documents[0].users?.every((u) => u.passwordHash === 'scrypt$32768$8$1$c2FsdA==$a2V5')).toBe(true);
    expect(buildDemoCounty().documents[0].users?.some((u) => 'passwordHash' in u)).toBe(false);
  });

  it('town 1 looks like the town of the annual report', () => {
    const doc = buildDemoCounty().documents[0];
    const deputies = doc.deputies ?? [];
    expect(deputies).toHaveLength(79);
    expect(doc.villages?.length).toBeGreaterThanOrEqual(10);
    expect(doc.villages?.some((v) => v.kind === 'community')).toBe(true);

    const county = deputies.filter((d) => d.isCountyLevel);
    expect(county.length).toBeGreaterThanOrEqual(13);
    expect(county.length).toBeLessThanOrEqual(17);
    expect(county.some((d) => d.isTownLevel)).toBe(true);
    expect(county.some((d) => !d.isTownLevel && d.constituency === null)).toBe(true);

    const women = deputies.filter((d) => d.gender === 'female').length / deputies.length;
    expect(women).toBeGreaterThan(0.25);
    expect(women).toBeLessThan(0.35);
    const members = deputies.filter((d) => d.party === '中共党员').length;
    expect(members / deputies.length).toBeGreaterThan(0.5);
    expect(deputies.some((d) => d.party === '群众')).toBe(true);
    expect(deputies.some((d) => d.party === '无党派人士' || d.party.endsWith('盟员') || d.party.endsWith('会员') || d.party.endsWith('社员'))).toBe(true);

    const leavers = deputies.filter((d) => d.status !== 'serving');
    expect(leavers.length).toBeGreaterThanOrEqual(1);
    expect(leavers.length).toBeLessThanOrEqual(2);
    for (const d of leavers) expect(d.statusDate && d.statusReason).toBeTruthy();
    expect(deputies.filter((d) => d.hardship).length).toBeGreaterThanOrEqual(2);

    expect(doc.terms?.find((t) => t.number === 18)?.startDate).toMatch(/^2021-12-/);
    const villagesInConstituencies = new Set(doc.constituencies?.flatMap((c) => c.villages));
    expect(villagesInConstituencies.size).toBe(doc.villages?.length);
    expect(doc.constituencies?.reduce((n, c) => n + c.seats, 0)).toBe(deputies.filter((d) => d.isTownLevel).length);

    expect(doc.stations).toHaveLength(1);
    const studio = doc.stations?.[0];
    expect(studio?.kind).toBe('studio');
    expect(studio?.scheduleRule).toEqual({ type: 'monthly_days', days: [9, 19] });
    expect(studio?.villages).toHaveLength(doc.villages?.length ?? 0);
    expect(deputies.filter((d) => d.status === 'serving').every((d) => d.station === studio?.code)).toBe(true);

    expect(doc.groups?.length).toBeGreaterThanOrEqual(6);
    expect(doc.groups?.length).toBeLessThanOrEqual(8);
    for (const g of doc.groups ?? []) expect(g.members.filter((m) => m.role === 'leader')).toHaveLength(1);

    const positions = (doc.presidium ?? []).map((p) => p.position);
    expect(positions.filter((p) => p === 'chair')).toHaveLength(1);
    expect(positions.filter((p) => p === 'vice_chair')).toHaveLength(2);
    expect(positions.filter((p) => p === 'member').length).toBeGreaterThanOrEqual(4);
    const onPresidium = new Set(doc.presidium?.map((p) => p.deputy));
    const contacted = new Set(doc.presidium?.flatMap((p) => p.liaisons));
    for (const d of deputies) if (d.status === 'serving' && !onPresidium.has(d.code)) expect(contacted.has(d.code), d.code).toBe(true);

    const units = new Set(doc.units?.map((u) => u.name));
    for (const n of ['民政办', '安监站', '财政所', '农业综合服务中心', '自然资源所', '社会事务办', '派出所', '县交通运输局', '县住建局'])
      expect(units.has(n), n).toBe(true);
  });

  it('town 2 is smaller, with a 联络站 and a 代表之家 that meets on the first weekend', () => {
    const doc = buildDemoCounty().documents[1];
    expect(doc.deputies?.length).toBeGreaterThanOrEqual(40);
    expect(doc.deputies?.length).toBeLessThanOrEqual(50);
    expect(doc.stations?.map((s) => s.kind)).toEqual(['station', 'home']);
    expect(doc.stations?.[1].scheduleRule).toEqual({ type: 'first_weekend' });
    for (const s of doc.stations ?? []) expect(s.head).not.toBeNull();
  });

  it('gives every person a valid ID number matching birth date and gender, and unique phones', () => {
    const all = buildDemoCounty().documents.flatMap((d) => d.deputies ?? []);
    for (const d of all) {
      expect(d.idNumber, d.name).not.toBeNull();
      const id = d.idNumber as string;
      expect(idNumberProblem(id), `${d.code} ${id}`).toBeNull();
      expect(idNumberInfo(id)).toEqual({ birthDate: d.birthDate, gender: d.gender });
      expect(d.phone).toMatch(/^138\d{8}$/);
    }
    expect(new Set(all.map((d) => d.idNumber)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.phone)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.name)).size).toBe(all.length);
  });

  it('lists the demo accounts', () => {
    const { accounts, documents } = buildDemoCounty();
    expect(accounts.map((a) => [a.username, a.role, a.townCode])).toEqual([
      ['county', 'county_admin', 'DEMO01'],
      ['admin', 'town_admin', 'DEMO01'],
      ['liaison', 'liaison', 'DEMO01'],
      ['deputy', 'deputy', 'DEMO01'],
      ['handler', 'handler', 'DEMO01'],
      ['admin2', 'town_admin', 'DEMO02'],
    ]);
    const users = documents[0].users ?? [];
    expect(users.find((u) => u.username === 'handler')?.unit).toBe('U01');
    expect(documents[0].units?.find((u) => u.code === 'U01')?.name).toBe('民政办');
    const deputy = users.find((u) => u.username === 'deputy');
    expect(documents[0].deputies?.find((d) => d.code === deputy?.deputy)?.status).toBe('serving');
  });
});
