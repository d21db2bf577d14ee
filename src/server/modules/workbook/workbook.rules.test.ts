import { describe, expect, it } from 'vitest';
import { duplicateKeys, formatPath, planUpsert, sortByKey, stableStringify } from './workbook.rules.ts';

describe('workbook rules', () => {
  it('sorts by code point and numbers numerically, composite keys left to right', () => {
    expect(sortByKey(['b', 'B', 'a', '10', '9'], (s) => s)).toEqual(['10', '9', 'B', 'a', 'b']);
    expect(sortByKey([{ t: 18 }, { t: 9 }, { t: 17 }], (r) => r.t).map((r) => r.t)).toEqual([9, 17, 18]);
    const rows = [
      { term: 18, code: 'C02' },
      { term: 9, code: 'C09' },
      { term: 18, code: 'C01' },
    ];
    expect(sortByKey(rows, (r) => [r.term, r.code])).toEqual([
      { term: 9, code: 'C09' },
      { term: 18, code: 'C01' },
      { term: 18, code: 'C02' },
    ]);
  });

  it('compares records regardless of key order, and drops undefined', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      stableStringify({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1, z: undefined }),
    );
    expect(stableStringify({ a: [1, 2] })).not.toBe(stableStringify({ a: [2, 1] }));
  });

  it('formats zod paths as JSON paths', () => {
    expect(formatPath(['deputies', 3, 'birthDate'])).toBe('deputies[3].birthDate');
    expect(formatPath(['groups', 0, 'members', 2, 'deputy'])).toBe('groups[0].members[2].deputy');
    expect(formatPath([])).toBe('');
  });

  it('plans an upsert: new, changed and unchanged by key', () => {
    type R = { code: string; name: string; hash?: string };
    const existing = [
      { id: 'id1', record: { code: 'A', name: '甲', hash: 'h1' } },
      { id: 'id2', record: { code: 'B', name: '乙', hash: 'h2' } },
      { id: 'id3', record: { code: 'Z', name: '不在文档中', hash: 'h3' } },
    ];
    const incoming: R[] = [
      { code: 'A', name: '甲' },
      { code: 'B', name: '乙二' },
      { code: 'C', name: '丙' },
    ];
    const dropHash = (e: R, r: R) => (r.hash === undefined ? { code: e.code, name: e.name } : e);
    const plan = planUpsert(incoming, existing, (r) => r.code, dropHash);
    expect(plan.creates).toEqual([{ code: 'C', name: '丙' }]);
    expect(plan.updates.map((u) => [u.id, u.after.name])).toEqual([['id2', '乙二']]);
    expect(plan.unchanged).toBe(1);
    // Without the view, the hash the document does not carry would count as a change.
    expect(planUpsert(incoming, existing, (r) => r.code).updates).toHaveLength(2);
  });

  it('finds duplicate keys with the index of the first occurrence', () => {
    expect(duplicateKeys(['a', 'b', 'a', 'c', 'b'], (s) => s)).toEqual([
      [2, 0],
      [4, 1],
    ]);
    expect(duplicateKeys([null, null], () => null)).toEqual([]);
  });
});
