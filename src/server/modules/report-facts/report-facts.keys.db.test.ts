import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { FACT_KEYS } from '../../../shared/report/catalogue.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import type { Database } from '../../db/kysely.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { townFacts } from './report-facts.service.ts';

/*
 * The keys of docs/report-facts.md against what the facts service returns for the demo town: every key
 * documented for the people-and-activities areas (and the gaps) is returned, and every key returned is
 * documented. The other areas' keys are checked by their own tests while they are being added.
 */

const PREFIXES = [
  'town.',
  'period.',
  'deputies.',
  'stations.',
  'receptions.',
  'opinions.',
  'suggestions.',
  'activities.',
  'trainings.',
  'inspections.',
  'surveys.',
  'groups.',
  'fixedDays.',
  'visits.',
  'presidium.',
  'documents.',
  'gaps.',
];

/** Every `key` in the first column of the doc's tables ("| `a` / `b` | 类型 | 含义 |"). */
function documentedKeys(): string[] {
  const md = readFileSync(new URL('../../../../docs/report-facts.md', import.meta.url), 'utf8');
  const keys: string[] = [];
  for (const line of md.split('\n')) {
    const cell = line.match(/^\|([^|]+)\|/)?.[1];
    if (!cell) continue;
    for (const m of cell.matchAll(/`([A-Za-z0-9.]+)`/g)) keys.push(m[1]);
  }
  return keys;
}

let d: Database;
let facts: Facts;
beforeAll(async () => {
  d = await freshDatabase();
  const asOf = new Date('2026-11-28T12:00:00Z');
  await seedDemo(d.db, asOf);
  const town = await d.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow();
  facts = await townFacts(d.db, town.id, { from: '2026-01-01', to: '2026-12-31' }, asOf);
}, 120_000);
afterAll(async () => d?.close());

describe('fact keys', () => {
  it('the doc and the catalogue list the same keys', () => {
    expect(new Set(documentedKeys())).toEqual(new Set(FACT_KEYS));
  });

  it('returns every documented key of these areas for the demo town', () => {
    const mine = documentedKeys().filter((k) => PREFIXES.some((p) => k.startsWith(p)));
    expect(mine.length).toBeGreaterThan(60);
    expect(mine.filter((k) => !(k in facts))).toEqual([]);
  });

  it('returns no key that is not documented, each with its catalogue label and well-formed refs', () => {
    expect(Object.keys(facts).filter((k) => !FACT_KEYS.has(k))).toEqual([]);
    for (const [k, f] of Object.entries(facts)) {
      expect(typeof f.label, k).toBe('string');
      for (const id of f.ids) expect(id, k).toMatch(/^[a-z_]+:.+/);
    }
  });

  it('the demo town has figures in every one of these areas (the demo exercises them)', () => {
    const empty = ['deputies.joined', 'deputies.left', 'gaps.onTimeRate', 'gaps.attendanceRate', 'gaps.findingsOpen'];
    const mine = [...FACT_KEYS].filter((k) => PREFIXES.some((p) => k.startsWith(p)) && !empty.includes(k));
    const zero = mine.filter((k) => {
      const v = facts[k]?.value;
      return v === null || v === 0 || (Array.isArray(v) && v.length === 0);
    });
    expect(zero).toEqual([]);
  });
});
