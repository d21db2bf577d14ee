import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as ajvFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { WorkbookDocument } from '../../server/modules/workbook/workbook.document.ts';
import { documentRows } from './load.ts';
import { SIZES, yearsOf } from './sizes.ts';
import { AS_OF, generateTownDocument } from './town-document.ts';

/*
 * The bench generator (issue 8): its documents are valid workbooks by the published JSON Schema (checked
 * with ajv, independently of the zod schema the generator's canonical form already passes), and they are
 * deterministic: the same bytes for the same seed, other bytes for another seed, and a town does not depend
 * on the towns generated before it.
 */

const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../../docs/workbook.schema.json'), 'utf8'));
// ajv-formats is CommonJS: its plugin is the module itself or its `default`, depending on the ESM interop.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const formats = ajvFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin | { default?: FormatsPlugin } };
const addFormats = (typeof formats.default === 'function' ? formats.default : (formats.default?.default ?? formats)) as FormatsPlugin;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function problems(doc: WorkbookDocument): string[] {
  // Validate the JSON text, as a file on disk would be read, not the in-memory objects.
  const ok = validate(JSON.parse(JSON.stringify(doc)));
  return ok ? [] : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message}`);
}

describe('generateTownDocument', () => {
  const tiny = generateTownDocument(7, 'tiny', 0);
  const county = generateTownDocument(7, 'county', 3);

  it('writes valid workbooks by docs/workbook.schema.json (tiny and a county town)', () => {
    expect(problems(tiny)).toEqual([]);
    expect(problems(county)).toEqual([]);
    // The validator does refuse what the schema forbids (so the passes above mean something).
    const deputies = tiny.deputies ?? [];
    expect(problems({ ...tiny, deputies: [{ ...deputies[0], gender: 'unknown' as 'male' }, ...deputies.slice(1)] })).not.toEqual([]);
    expect(problems({ ...tiny, extra: true } as WorkbookDocument)).not.toEqual([]);
  });

  it('names the bench county and the town by its index', () => {
    expect(county.county).toEqual({ code: 'BENCH', name: '基准县' });
    expect(county.town.code).toBe('BT0004');
    expect(county.users?.map((u) => [u.username, u.role])).toEqual([['bt0004-admin', 'town_admin']]);
  });

  it('writes the planned volume per town and year at county size', () => {
    const v = SIZES.county.town;
    const years = yearsOf('county');
    expect(years).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(county.deputies).toHaveLength(v.deputies);
    expect(county.stations).toHaveLength(v.stations);
    expect(county.villages).toHaveLength(v.villages);
    expect(county.units).toHaveLength(v.units);
    expect(county.activities).toHaveLength(v.activitiesPerYear * years.length);
    for (const a of county.activities ?? []) {
      expect(a.invitations.length).toBeGreaterThanOrEqual(Math.min(v.invitations[0], 10));
      expect(a.invitations.length).toBeLessThanOrEqual(v.invitations[1]);
    }
    // Receptions and suggestions after AS_OF have not happened yet, so a little under the plan.
    const receptions = county.receptions?.length ?? 0;
    expect(receptions).toBeGreaterThan(v.receptionsPerYear * years.length * 0.9);
    expect(receptions).toBeLessThanOrEqual(v.receptionsPerYear * years.length);
    expect(county.suggestions?.length).toBeGreaterThan(v.suggestionsPerYear * years.length * 0.95);
    expect(county.findings).toHaveLength(v.findingsPerYear * years.length);
    expect(county.rectificationNotices?.length).toBeGreaterThan(0);
    // Each year of the term has its own suggestions, numbered from 001.
    for (const y of years) expect(county.suggestions?.some((s) => s.code === `${y}-001`)).toBe(true);
  });

  it('gives suggestions whole histories, and nothing happens after AS_OF', () => {
    const all = county.suggestions ?? [];
    const states = new Set(all.map((s) => s.state));
    for (const s of ['closed', 'following', 'handling', 'not_accepted', 'withdrawn']) expect(states).toContain(s);
    const closed = all.filter((s) => s.state === 'closed');
    expect(closed.every((s) => s.replies.length >= 1 && s.events[0].type === 'create' && s.closedAt === s.events.at(-1)?.at)).toBe(true);
    expect(all.some((s) => s.round === 2)).toBe(true);
    expect(all.some((s) => s.requests.length > 0)).toBe(true);
    expect(all.some((s) => s.source?.type === 'reception')).toBe(true);
    const last =
      all
        .flatMap((s) => s.events.map((e) => e.at))
        .sort()
        .at(-1) ?? '';
    expect(last < `${AS_OF}T16:00:00.000Z`).toBe(true);
    // A matter that became a suggestion is routed to one.
    const matters = new Map((county.receptions ?? []).flatMap((r) => r.matters.map((m) => [`${r.code}/${m.seq}`, m.routing] as const)));
    for (const s of all) if (s.source?.type === 'reception') expect(matters.get(`${s.source.reception}/${s.source.seq}`)).toBe('suggestion');
  });

  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    expect(JSON.stringify(generateTownDocument(7, 'tiny', 0))).toBe(JSON.stringify(tiny));
    expect(JSON.stringify(generateTownDocument(7, 'county', 3))).toBe(JSON.stringify(county));
    expect(JSON.stringify(generateTownDocument(8, 'tiny', 0))).not.toBe(JSON.stringify(tiny));
  });

  it('generates a town the same alone as after the towns before it', () => {
    const alone = JSON.stringify(generateTownDocument(11, 'county', 5));
    for (let i = 0; i < 5; i++) generateTownDocument(11, 'county', i);
    expect(JSON.stringify(generateTownDocument(11, 'county', 5))).toBe(alone);
    // And towns differ from one another (not the same town under another code).
    const other = generateTownDocument(11, 'county', 6);
    expect(other.deputies?.map((d) => d.name)).not.toEqual(JSON.parse(alone).deputies.map((d: { name: string }) => d.name));
  });

  it('puts the password hash on the admin account only when given', () => {
    expect(tiny.users?.[0]).not.toHaveProperty('passwordHash');
    const hash = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
    expect(generateTownDocument(7, 'tiny', 0, hash).users?.[0].passwordHash).toBe(hash);
  });

  it('counts the rows a document writes', () => {
    const rows = documentRows(tiny);
    expect(rows.deputy).toBe(SIZES.tiny.town.deputies);
    expect(rows.activityInvitation).toBe((tiny.activities ?? []).reduce((n, a) => n + a.invitations.length, 0));
    expect(rows.suggestionEvent).toBeGreaterThan(rows.suggestion);
  });
});
