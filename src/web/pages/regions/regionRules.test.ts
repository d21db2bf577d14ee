import { describe, expect, it } from 'vitest';
import { changedFields, nextCode, termNameOf } from './regionRules.ts';

describe('termNameOf', () => {
  it('names terms in Chinese numerals the way the server does', () => {
    expect(termNameOf(1)).toBe('第一届');
    expect(termNameOf(10)).toBe('第十届');
    expect(termNameOf(18)).toBe('第十八届');
    expect(termNameOf(19)).toBe('第十九届');
    expect(termNameOf(20)).toBe('第二十届');
    expect(termNameOf(99)).toBe('第九十九届');
  });
  it('gives no name for a number outside 1..99 or not yet typed', () => {
    expect(termNameOf(0)).toBeNull();
    expect(termNameOf(100)).toBeNull();
    expect(termNameOf(1.5)).toBeNull();
    expect(termNameOf(null)).toBeNull();
  });
});

describe('nextCode', () => {
  it('follows the highest code and keeps its width', () => {
    expect(nextCode(['V01', 'V12', 'V03'], 'V')).toBe('V13');
    expect(nextCode(['C009', 'X7'], 'C')).toBe('C010');
    expect(nextCode([], 'V')).toBe('V01');
    expect(nextCode(['v05'], 'V')).toBe('V06');
  });
});

describe('changedFields', () => {
  it('keeps only what changed, comparing lists by content and blanks as null', () => {
    expect(changedFields({ name: 'a', seats: 3, villageIds: ['x', 'y'] }, { name: 'a', seats: 4, villageIds: ['x', 'y'] })).toEqual({ seats: 4 });
    expect(changedFields({ villageIds: ['x'] }, { villageIds: ['x', 'y'] })).toEqual({ villageIds: ['x', 'y'] });
    expect(changedFields<{ endDate?: string | null }>({ endDate: null }, { endDate: undefined })).toEqual({});
    expect(changedFields<{ endDate: string | null }>({ endDate: '2026-01-01' }, { endDate: null })).toEqual({ endDate: null });
  });
});
