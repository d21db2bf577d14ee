import { describe, expect, it } from 'vitest';
import { codeCounter } from './auto-code.ts';

describe('codeCounter', () => {
  it('counts up from the largest number with its own prefix, ignoring other codes', () => {
    const next = codeCounter('G', 2, ['G01', 'G07', 'S09', 'g20', 'G3x', 'X']);
    expect([next(), next()]).toEqual(['G08', 'G09']);
  });
  it('starts at 1 and pads to the width, growing past it', () => {
    expect(codeCounter('U', 3, [])()).toBe('U001');
    expect(codeCounter('S', 2, ['S99'])()).toBe('S100');
  });
  it('keeps the width of the codes in use, so the new code sorts after them', () => {
    expect(codeCounter('U', 3, ['U01', 'U13', 'U02'])()).toBe('U14');
    expect(codeCounter('U', 2, ['U0007', 'U0012'])()).toBe('U0013');
    expect(codeCounter('U', 3, ['U9', 'U10'])()).toBe('U11');
  });
});
