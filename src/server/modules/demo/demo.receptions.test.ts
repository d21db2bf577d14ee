import { describe, expect, it } from 'vitest';
import { ROUTINGS } from '../receptions/receptions.rules.ts';
import { type ScheduleRule, expandSchedule } from '../stations/schedule.rules.ts';
import { buildDemoCounty } from './demo.generator.ts';

/*
 * The demo towns' receptions: one per reception day held, with the figures its activity's outcomes
 * quote, matters of the usual categories and every routing, a few visitors named, none linked to a
 * suggestion; the same whatever the seeding moment, only fewer before the year is over.
 */
const LATE = new Date('2026-11-28T12:00:00Z');
const county = buildDemoCounty(undefined, LATE);

describe('demo receptions', () => {
  it('is deterministic', () => {
    expect(buildDemoCounty(undefined, LATE).documents.map((d) => d.receptions)).toEqual(county.documents.map((d) => d.receptions));
  });

  it('one reception for each reception day held, on that day, linked to it, with its attending deputies on duty', () => {
    for (const doc of county.documents) {
      const receptions = doc.receptions ?? [];
      expect(receptions.length, doc.town.name).toBeGreaterThanOrEqual(15);
      const activities = new Map((doc.activities ?? []).map((a) => [a.code, a]));
      const stations = new Map((doc.stations ?? []).map((s) => [s.code, s]));
      receptions.forEach((r, i) => {
        expect(r.code).toBe(`R${String(i + 1).padStart(4, '0')}`);
        const a = activities.get(r.activity ?? '');
        expect(a?.status).toBe('held');
        expect(a?.organiser).toBe(r.station);
        expect(new Date(Date.parse(a?.startAt ?? '') + 8 * 3600_000).toISOString().slice(0, 10)).toBe(r.date);
        const attended = (a?.invitations ?? []).filter((x) => x.attendance === 'present' || x.attendance === 'late').map((x) => x.deputy);
        expect(r.deputies).toEqual([...attended].sort());
        // The outcomes' figures: 接待群众 V 人次 … (matters never more than visitors).
        const v = Number(/接待群众\s*(\d+)\s*人次/.exec(a?.outcomes ?? '')?.[1]);
        expect(r.matters.reduce((n, m) => n + m.visitorCount, 0)).toBe(v);
        expect(r.matters.length).toBeGreaterThan(0);
        // Matters come from the station's villages.
        for (const m of r.matters) expect(stations.get(r.station)?.villages).toContain(m.village);
      });
      // Most reception days fall on the station's rule; the rest were moved for a holiday.
      const onRule = receptions.filter((r) => {
        const rule = stations.get(r.station)?.scheduleRule as ScheduleRule;
        return expandSchedule(rule, r.date, r.date).length === 1;
      });
      expect(onRule.length / receptions.length).toBeGreaterThan(0.8);
    }
  });

  it('matters of the usual categories and every routing; reasons for those not accepted; a few visitors named', () => {
    for (const doc of county.documents) {
      const matters = (doc.receptions ?? []).flatMap((r) => r.matters);
      expect(new Set(matters.map((m) => m.routing)), doc.town.name).toEqual(new Set(ROUTINGS));
      for (const c of ['交通', '卫生', '城建', '民政', '国土'])
        expect(
          matters.some((m) => m.category === c),
          `${doc.town.name} ${c}`,
        ).toBe(true);
      for (const m of matters.filter((x) => x.routing === 'not_accepted')) expect(m.routingNote).not.toBe('');
      const named = matters.filter((m) => m.visitorName && m.visitorCount === 1);
      expect(named.length).toBeGreaterThan(3);
      expect(named.length).toBeLessThan(matters.length);
      expect(matters.filter((m) => m.visitorPhone).length).toBeGreaterThan(2);
      for (const m of matters) if (m.visitorPhone) expect(m.visitorPhone).toMatch(/^1\d{10}$/);
    }
  });

  it('the same receptions whatever the seeding moment; earlier, only fewer of them', () => {
    const early = buildDemoCounty(undefined, new Date('2026-06-01T00:00:00Z'));
    early.documents.forEach((doc, i) => {
      const late = county.documents[i].receptions ?? [];
      const some = doc.receptions ?? [];
      expect(some.length).toBeGreaterThan(0);
      expect(some.length).toBeLessThan(late.length);
      expect(some).toEqual(late.slice(0, some.length));
    });
    const before = buildDemoCounty(undefined, new Date('2025-12-01T00:00:00Z'));
    for (const doc of before.documents) expect(doc.receptions).toEqual([]);
  });
});
