import type { Tone } from '../../components/Pill.tsx';
import type { Stage } from '../../api/portal.ts';

/*
 * Small pure helpers of the public portal pages (unit-tested in portalFormat.test.ts).
 */

/**
 * A key for one opinion, made once when the form opens and sent again with every retry, so a
 * submission that reached the server before the network dropped is not stored twice. Built from
 * getRandomValues: crypto.randomUUID exists only on HTTPS pages, and a town may serve plain HTTP.
 */
export function newIdempotencyKey(fill: (b: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(16);
  fill(bytes);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** A typed code as the server reads it: no spaces or dashes, upper case. */
export function cleanCode(s: string): string {
  return s.replace(/[\s-]+/g, '').toUpperCase();
}

export const CODE_RE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;

export const STAGE_TONE: Record<Stage, Tone> = {
  received: 'info',
  accepted: 'info',
  declined: 'bad',
  not_accepted: 'bad',
  handling: 'warn',
  following: 'warn',
  answered: 'good',
  replied: 'good',
  rehandling: 'warn',
  closed: 'good',
  merged: 'dim',
  ended: 'dim',
};

/** A mobile number or a landline with area code, as the server checks it. */
export function phoneOk(phone: string): boolean {
  const p = phone.replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{9,11}$/.test(p);
}

/** The SVG the server drew, as an image source: shown in <img>, it can run nothing. */
export function svgSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A UTC timestamp as a China date and time for staff lists (2026-03-01 10:05). */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
