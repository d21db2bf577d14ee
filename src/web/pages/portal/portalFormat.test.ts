import { describe, expect, it } from 'vitest';
import { CODE_RE, chinaTime, cleanCode, newIdempotencyKey, phoneOk, svgSrc } from './portalFormat.ts';

describe('portal page helpers', () => {
  it('idempotency keys: 32 hex characters, different each time, accepted by the server’s pattern', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
    expect(
      newIdempotencyKey((b) => {
        b.fill(255);
      }),
    ).toBe('f'.repeat(32));
  });

  it('codes are read as typed', () => {
    expect(cleanCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(CODE_RE.test('ABCDEFGHJK')).toBe(true);
    expect(CODE_RE.test('ABCDEFGHJ0')).toBe(false);
  });

  it('phones', () => {
    expect(phoneOk('138 1234 5678')).toBe(true);
    expect(phoneOk('0731-84567890')).toBe(true);
    expect(phoneOk('12345')).toBe(false);
  });

  it('an SVG becomes a data URL with nothing left raw', () => {
    const src = svgSrc('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>');
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(src).not.toMatch(/[<>"]/);
  });

  it('China time', () => {
    expect(chinaTime('2026-03-01T17:05:00.000Z')).toBe('2026-03-02 01:05');
  });
});
