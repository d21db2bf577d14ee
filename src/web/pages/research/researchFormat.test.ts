import { describe, expect, it } from 'vitest';
import { chinaTime, claimantText, parseClaimantValue, yearOptions } from './researchFormat.ts';

describe('research formatting', () => {
  it('shows UTC times in China time', () => {
    expect(chinaTime('2026-06-30T16:30:00.000Z')).toBe('2026-07-01 00:30');
    expect(chinaTime(null)).toBe('—');
  });
  it('reads claimant filter values', () => {
    expect(parseClaimantValue('station:01A')).toEqual({ claimantType: 'station', claimantId: '01A' });
    expect(parseClaimantValue('group:01B')).toEqual({ claimantType: 'group', claimantId: '01B' });
    expect(parseClaimantValue('town:x')).toEqual({});
    expect(parseClaimantValue(undefined)).toEqual({});
  });
  it('names a claimant with its code', () => {
    expect(claimantText({ type: 'station', id: 'x', code: 'S01', name: '桥东联络站' })).toBe('桥东联络站（S01）');
    expect(claimantText(null)).toBe('—');
  });
  it('offers next year back to two years ago', () => {
    expect(yearOptions(2026)).toEqual([2027, 2026, 2025, 2024]);
  });
});
