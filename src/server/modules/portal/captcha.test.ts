import { describe, expect, it } from 'vitest';
import { GLYPHS } from './captcha.glyphs.ts';
import { CAPTCHA_ALPHABET, CAPTCHA_LENGTH, answerHash, makeCaptcha, normalizeAnswer, randomAnswer, renderCaptchaSvg, sameHash } from './captcha.ts';

/** A repeatable random source for rendering. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('captcha', () => {
  it('uses no characters that look alike, and has a glyph for each', () => {
    for (const ch of '0O1IL2Z5S8B') expect(CAPTCHA_ALPHABET).not.toContain(ch);
    for (const ch of CAPTCHA_ALPHABET) expect(GLYPHS[ch], ch).toBeTruthy();
  });

  it('answers are drawn from the alphabet', () => {
    for (let i = 0; i < 50; i++) {
      const a = randomAnswer();
      expect(a).toHaveLength(CAPTCHA_LENGTH);
      for (const ch of a) expect(CAPTCHA_ALPHABET).toContain(ch);
    }
    expect(randomAnswer(() => 0)).toBe('AAAA');
  });

  it('draws strokes, not text: the answer is not in the SVG source', () => {
    const svg = renderCaptchaSvg('HXK7', seeded(7));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<text|<script|href|on\w+=/i);
    expect(svg).not.toContain('HXK7');
    // One path per character plus four noise curves.
    expect(svg.match(/<path /g)?.length).toBe(8);
    // Distortion differs from one image to the next.
    expect(renderCaptchaSvg('HXK7', seeded(8))).not.toBe(svg);
  });

  it('renders every character of the alphabet', () => {
    for (let i = 0; i < CAPTCHA_ALPHABET.length; i += 4) expect(() => renderCaptchaSvg(CAPTCHA_ALPHABET.slice(i, i + 4))).not.toThrow();
    const c = makeCaptcha();
    expect(c.answer).toHaveLength(CAPTCHA_LENGTH);
    expect(c.svg).toContain('<svg');
  });

  it('compares answers without regard to case or spaces, bound to the captcha id and the key', () => {
    expect(normalizeAnswer(' hx k7 ')).toBe('HXK7');
    const h = answerHash('k', 'id1', 'HXK7');
    expect(sameHash(h, answerHash('k', 'id1', 'hxk7'))).toBe(true);
    expect(sameHash(h, answerHash('k', 'id1', 'HXK9'))).toBe(false);
    expect(sameHash(h, answerHash('k', 'id2', 'HXK7'))).toBe(false);
    expect(sameHash(h, answerHash('other', 'id1', 'HXK7'))).toBe(false);
    expect(sameHash(h, 'abc')).toBe(false);
  });
});
