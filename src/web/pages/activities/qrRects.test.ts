import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrCode, qrRuns, signInUrl } from './qrRects.ts';

describe('QR code as runs', () => {
  it('merges neighbouring dark modules of a row, a run ending at the row end included', () => {
    expect(
      qrRuns([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toEqual([
      { x: 0, y: 0, w: 2 },
      { x: 3, y: 0, w: 1 },
      { x: 1, y: 2, w: 3 },
    ]);
  });

  it('covers exactly the dark modules of the encoded code, inside the quiet zone', () => {
    const url = signInUrl('https://renda.example.cn', '123456');
    expect(url).toBe('https://renda.example.cn/my/activities?code=123456');
    const { size, runs } = qrCode(url);
    const dark = encode(url, { ecc: 'M', border: 4 }).data.flat().filter(Boolean).length;
    expect(runs.reduce((n, r) => n + r.w, 0)).toBe(dark);
    // Four light modules all round: no run touches the border.
    expect(runs.every((r) => r.x >= 4 && r.y >= 4 && r.x + r.w <= size - 4 && r.y < size - 4)).toBe(true);
  });
});
