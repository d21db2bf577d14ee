import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { GLYPHS, type Point } from './captcha.glyphs.ts';

/*
 * The portal's offline captcha (图形验证码): a few characters drawn as distorted strokes with noise
 * lines, made on the server with no outside service. Rendering is pure given a random source, so it
 * is unit-tested; the answer is drawn with crypto randomness.
 */

/** Characters that cannot be mistaken for one another on a phone screen: no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G. */
export const CAPTCHA_ALPHABET = 'ACDEFHJKMNPRTUVWXY34679';
export const CAPTCHA_LENGTH = 4;
export const CAPTCHA_TTL_MINUTES = 10;

export type Captcha = { answer: string; svg: string };
/** Makes one captcha. Production uses makeCaptcha; tests inject one whose answer they know. */
export type CaptchaMaker = () => Captcha;
/** What the portal takes from the app's dependencies (AppDeps.portal). */
export type PortalDeps = { makeCaptcha?: CaptchaMaker };

export function randomAnswer(pick: (n: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < CAPTCHA_LENGTH; i++) s += CAPTCHA_ALPHABET[pick(CAPTCHA_ALPHABET.length)];
  return s;
}

/** What the resident typed, as compared: case and spaces do not matter. */
export function normalizeAnswer(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** The stored form of an answer: keyed by the server secret and bound to the captcha's id. */
export function answerHash(secret: string, id: string, answer: string): string {
  return createHmac('sha256', secret)
    .update(`captcha:${id}:${normalizeAnswer(answer)}`)
    .digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const W = 160;
const H = 60;
const f = (n: number) => n.toFixed(1);

/** Dark stroke colours (contrast with the light background) and lighter ones for noise. */
const INK = ['#1a237e', '#4a148c', '#004d40', '#3e2723', '#263238', '#880e4f', '#0d47a1'];
const NOISE = ['#7986cb', '#9575cd', '#4db6ac', '#a1887f', '#90a4ae', '#f06292', '#64b5f6'];

/** An SVG image of the text: each character rotated, skewed, scaled and jittered; crossing curves and dots over it. */
export function renderCaptchaSvg(text: string, rnd: () => number = Math.random): string {
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length) % xs.length];
  const parts: string[] = [];
  const slot = (W - 16) / text.length;
  [...text].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`no glyph for ${ch}`);
    const scale = between(2.1, 2.6);
    const angle = between(-0.35, 0.35);
    const skew = between(-0.3, 0.3);
    const cx = 8 + slot * i + slot / 2 + between(-3, 3);
    const cy = H / 2 + between(-4, 4);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const place = ([gx, gy]: Point): string => {
      // Centre the 10 × 14 cell, jitter the point, skew, rotate, scale, move into the slot.
      const x0 = gx - 5 + between(-0.35, 0.35);
      const y0 = gy - 7 + between(-0.35, 0.35);
      const xs = x0 + skew * y0;
      const x = cx + scale * (xs * cos - y0 * sin);
      const y = cy + scale * (xs * sin + y0 * cos);
      return `${f(x)} ${f(y)}`;
    };
    const d = glyph.map((stroke) => `M${stroke.map(place).join(' L')}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${pick(INK)}" stroke-width="${f(between(2.6, 3.4))}" stroke-linecap="round" stroke-linejoin="round"/>`);
  });
  for (let i = 0; i < 4; i++) {
    const y1 = between(5, H - 5);
    const y2 = between(5, H - 5);
    parts.push(
      `<path d="M${f(between(0, 20))} ${f(y1)} C${f(between(30, 70))} ${f(between(0, H))} ${f(between(90, 130))} ${f(between(0, H))} ${f(between(140, W))} ${f(y2)}" fill="none" stroke="${pick(NOISE)}" stroke-width="${f(between(1.2, 2.2))}"/>`,
    );
  }
  for (let i = 0; i < 30; i++) parts.push(`<circle cx="${f(between(0, W))}" cy="${f(between(0, H))}" r="${f(between(0.6, 1.6))}" fill="${pick(NOISE)}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#f7f5ef"/>${parts.join('')}</svg>`;
}

export const makeCaptcha: CaptchaMaker = () => {
  const answer = randomAnswer();
  return { answer, svg: renderCaptchaSvg(answer) };
};
