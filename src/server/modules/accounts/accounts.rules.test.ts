import { describe, expect, it } from 'vitest';
import { isMainlandMobile, isValidUsername, linksForRole, mayGrantRole, selfChangeProblem } from './accounts.rules.ts';

describe('isMainlandMobile', () => {
  it('accepts 11-digit numbers starting 13–19', () => {
    for (const s of ['13800001111', '15912345678', '19900000000']) expect(isMainlandMobile(s), s).toBe(true);
  });
  it('refuses other numbers', () => {
    for (const s of ['12800001111', '1380000111', '138000011112', '+8613800001111', '0731-8888888', '1380000111a']) expect(isMainlandMobile(s), s).toBe(false);
  });
});

describe('isValidUsername', () => {
  it('accepts 3–32 letters, digits, _ . -', () => {
    for (const s of ['abc', 'li.minghua', 'admin_a', 'zhang-3', 'A'.repeat(32)]) expect(isValidUsername(s), s).toBe(true);
  });
  it('accepts a mobile number', () => {
    expect(isValidUsername('13800001111')).toBe(true);
  });
  it('refuses short, long, spaced or Chinese names', () => {
    for (const s of ['ab', 'A'.repeat(33), 'li ming', '李明华', 'a@b', '']) expect(isValidUsername(s), s).toBe(false);
  });
});

describe('linksForRole', () => {
  const all = { deputyId: 'd1', unitId: 'u1', stationId: 's1' };
  const none = { deputyId: null, unitId: null, stationId: null };

  it('keeps only the link the role needs', () => {
    expect(linksForRole('deputy', all)).toEqual({ ok: true, links: { deputyId: 'd1', unitId: null, stationId: null } });
    expect(linksForRole('handler', all)).toEqual({ ok: true, links: { deputyId: null, unitId: 'u1', stationId: null } });
    expect(linksForRole('liaison', all)).toEqual({ ok: true, links: { deputyId: null, unitId: null, stationId: 's1' } });
  });

  it('clears every link of an admin', () => {
    expect(linksForRole('town_admin', all)).toEqual({ ok: true, links: none });
    expect(linksForRole('county_admin', all)).toEqual({ ok: true, links: none });
  });

  it('names the missing link', () => {
    expect(linksForRole('deputy', none)).toEqual({ ok: false, missing: 'deputyId' });
    expect(linksForRole('handler', { ...none, deputyId: 'd1' })).toEqual({ ok: false, missing: 'unitId' });
    expect(linksForRole('liaison', none)).toEqual({ ok: false, missing: 'stationId' });
  });
});

describe('mayGrantRole', () => {
  it('a county_admin may grant any role', () => {
    for (const r of ['county_admin', 'town_admin', 'liaison', 'deputy', 'handler'] as const) expect(mayGrantRole('county_admin', r)).toBe(true);
  });
  it('a town_admin may grant town roles but never county_admin', () => {
    for (const r of ['town_admin', 'liaison', 'deputy', 'handler'] as const) expect(mayGrantRole('town_admin', r)).toBe(true);
    expect(mayGrantRole('town_admin', 'county_admin')).toBe(false);
  });
  it('other roles grant nothing', () => {
    expect(mayGrantRole('liaison', 'deputy')).toBe(false);
    expect(mayGrantRole('deputy', 'deputy')).toBe(false);
  });
});

describe('selfChangeProblem', () => {
  it('refuses deactivating oneself', () => {
    expect(selfChangeProblem(true, { active: false }, { role: 'town_admin' })?.field).toBe('body.active');
  });
  it('refuses changing one’s own role', () => {
    expect(selfChangeProblem(true, { role: 'liaison' }, { role: 'town_admin' })?.field).toBe('body.role');
    expect(selfChangeProblem(true, { role: 'town_admin' }, { role: 'county_admin' })?.field).toBe('body.role');
  });
  it('allows harmless self edits and any edit of others', () => {
    expect(selfChangeProblem(true, { role: 'town_admin', active: true }, { role: 'town_admin' })).toBeNull();
    expect(selfChangeProblem(false, { role: 'liaison', active: false }, { role: 'town_admin' })).toBeNull();
  });
});
