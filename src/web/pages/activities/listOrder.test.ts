import { describe, expect, it } from 'vitest';
import { codeFromParam } from './qrRects.ts';
import { moved } from './listOrder.ts';

describe('moving a kind', () => {
  it('swaps with the neighbour, and does nothing past either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('the code in a sign-in link', () => {
  it('takes six digits only', () => {
    expect(codeFromParam('123456')).toBe('123456');
    expect(codeFromParam(' 123456 ')).toBe('123456');
    expect(codeFromParam('12345')).toBeNull();
    expect(codeFromParam('12345a')).toBeNull();
    expect(codeFromParam(null)).toBeNull();
  });
});
