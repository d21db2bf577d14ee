import type { Writable } from 'node:stream';
import type { FastifyServerOptions } from 'fastify';

/*
 * What the server writes to its log. Residents' phone numbers and ID numbers must never reach it:
 * logs are copied, shipped and kept far longer and wider than the database. Three layers:
 *  - bodies are never logged (Fastify does not by default; nothing here adds them);
 *  - the request line keeps the path and the query's keys, but a query value that is not a short plain
 *    token (a search for a phone number, a name) becomes "~";
 *  - errors keep type, code, message and stack only — not a driver's `detail` ("Key (phone)=(138…)"),
 *    the query's parameters or any other field a library hangs on them;
 *  and last, every line passes `scrubPersonalNumbers` before it is written, whatever logged it.
 */

/** A mobile (optionally +86), a landline with its area code, an 18- or 15-digit ID number. Not inside a longer number or after a decimal point. */
const PERSONAL_NUMBER = /(?<![\d.])(?:(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}|\d{17}[\dXx]|\d{15})(?![\dXx])/g;

export function scrubPersonalNumbers(s: string): string {
  return s.replace(PERSONAL_NUMBER, '[号码已隐去]');
}

/** A query value kept in the log: ids, dates, numbers, enum words. Anything else (free text, long digit runs) is hidden. */
const PLAIN_VALUE = /^[A-Za-z0-9_.:-]{0,40}$/;

export function logUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = [...params].map(([k, v]) => `${encodeURIComponent(k)}=${PLAIN_VALUE.test(v) && !/\d{6,}/.test(v) ? encodeURIComponent(v) : '~'}`);
  return `${url.slice(0, q)}?${kept.join('&')}`;
}

type ReqLike = { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string }; id?: string };

function reqSerializer(req: ReqLike) {
  return { method: req.method, url: logUrl(req.url ?? ''), remoteAddress: req.ip ?? req.socket?.remoteAddress };
}

type ErrOut = { [key: string]: unknown; type: string; message: string; stack: string };

function errSerializer(err: Error): ErrOut {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  const out: ErrOut = { type: e.constructor?.name ?? 'Error', message: e.message, stack: e.stack ?? '' };
  if (e.code !== undefined) out.code = e.code;
  if (e.statusCode !== undefined) out.statusCode = e.statusCode;
  // A cause's message only (pg puts the values in `detail`, which is never copied).
  if (e.cause instanceof Error) out.cause = { type: e.cause.constructor?.name, message: e.cause.message };
  return out;
}

/** The Fastify logger options for the server (main.ts) and for tests that read the log. */
export function loggerOptions(level: string, stream?: Writable): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
    serializers: { req: reqSerializer, err: errSerializer },
    hooks: { streamWrite: scrubPersonalNumbers },
  };
}
