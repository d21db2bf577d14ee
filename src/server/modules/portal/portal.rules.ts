import { createHmac, randomInt } from 'node:crypto';
import type { Role } from '../../db/schema.ts';
import type { PortalStatus } from '../../db/tables/portal.ts';
import type { SuggestionState } from '../suggestions/suggestion.machine.ts';

/*
 * Rules of the public portal (群众意见), pure: tracking codes, rate limits, what a resident sees of
 * their opinion's progress, and what staff may do with a submission.
 */

// ---- Tracking codes (查询码) ----

/** No 0/O, 1/I/L: a code read out over the phone or copied from a note cannot be misread. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;

/** A fresh code from crypto randomness (31^10 ≈ 8 × 10^14: not guessable, and a clash is retried). */
export function newTrackingCode(pick: (n: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return s;
}

/** A code as typed (spaces, dashes, lower case) in its stored form, or null when it cannot be one. */
export function normalizeTrackingCode(s: string): string | null {
  const c = s.replace(/[\s-]+/g, '').toUpperCase();
  if (c.length !== CODE_LENGTH) return null;
  for (const ch of c) if (!CODE_ALPHABET.includes(ch)) return null;
  return c;
}

/** A keyed hash of the caller's address: rate limits and abuse review work without keeping the address. */
export function clientHash(secret: string, ip: string): string {
  return createHmac('sha256', secret).update(`client:${ip}`).digest('hex').slice(0, 32);
}

// ---- Rate limits ----

export const LIMITS = {
  /** Submissions per client (address) within the window. */
  perClient: { max: 5, windowMinutes: 10 },
  /** Submissions per town within the window: a flood from many addresses stops here. */
  perTown: { max: 200, windowMinutes: 60 },
  /** Captchas issued per client within the window. */
  captchaPerClient: { max: 30, windowMinutes: 10 },
} as const;

export type Limit = { max: number; windowMinutes: number };
/** What was counted in the window: how many, and the oldest one's time (when the window frees up). */
export type Counted = { count: number; oldest: string | null };

/** Seconds to wait when the limit is reached, or 0 when one more is allowed. */
export function retryAfter(counted: Counted, limit: Limit, now: Date): number {
  if (counted.count < limit.max) return 0;
  const freeAt = counted.oldest ? Date.parse(counted.oldest) + limit.windowMinutes * 60_000 : now.getTime() + limit.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

export function windowStart(limit: Limit, now: Date): string {
  return new Date(now.getTime() - limit.windowMinutes * 60_000).toISOString();
}

export const minutesText = (seconds: number) => `${Math.max(1, Math.ceil(seconds / 60))} 分钟`;

// ---- Fields ----

/** A mobile number (11 digits starting with 1) or a landline with its area code (0731-12345678). */
export function phoneProblem(phone: string): string | null {
  const p = phone.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(p) || /^0\d{9,11}$/.test(p)) return null;
  return '请填写11位手机号或带区号的固定电话';
}

/** Stored without spaces, a landline keeping its dash after the area code as typed. */
export function normalizePhone(phone: string): string {
  return phone.replace(/\s+/g, '');
}

// ---- What the resident sees ----

/**
 * Public stages: the resident's words for where their opinion is, never the office's internal states
 * nor who handles it.
 */
export const STAGES = [
  'received',
  'declined',
  'answered',
  'accepted',
  'not_accepted',
  'handling',
  'replied',
  'rehandling',
  'following',
  'closed',
  'merged',
  'ended',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABEL: Record<Stage, string> = {
  received: '已收到',
  declined: '未予受理',
  answered: '已答复',
  accepted: '已受理',
  not_accepted: '不予立案',
  handling: '办理中',
  replied: '已答复',
  rehandling: '重新办理中',
  following: '跟踪落实中',
  closed: '已办结',
  merged: '已并入同类建议办理',
  ended: '已终止办理',
};

const SUGGESTION_STAGE: Record<SuggestionState, Stage> = {
  draft: 'accepted',
  submitted: 'accepted',
  registered: 'accepted',
  not_accepted: 'not_accepted',
  assigned: 'handling',
  handling: 'handling',
  rehandling: 'rehandling',
  replied: 'replied',
  following: 'following',
  closed: 'closed',
  merged: 'merged',
  withdrawn: 'ended',
};

export type LinkedSuggestion = {
  state: SuggestionState;
  createdAt: string;
  registeredAt: string | null;
  assignedOn: string | null;
  repliedOn: string | null;
  /** When the first reply was rated dissatisfied and the item went back to the office (re-handling). */
  rehandledOn: string | null;
  closedAt: string | null;
  published: number;
  publicAnswer: string;
};

export type Trackable = {
  status: PortalStatus;
  createdAt: string;
  handledAt: string | null;
  declineReason: string;
  publicReply: string;
  suggestion: LinkedSuggestion | null;
};

export function stageOf(s: Trackable): Stage {
  if (s.status === 'declined') return 'declined';
  if (s.suggestion) return SUGGESTION_STAGE[s.suggestion.state];
  if (s.status === 'accepted') return s.publicReply ? 'answered' : 'accepted';
  return 'received';
}

/** A UTC timestamp as its China date; dates (YYYY-MM-DD) pass as they are. */
export function chinaDate(ts: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(ts)) return ts;
  return new Date(Date.parse(ts) + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Step = { stage: Stage; label: string; date: string };

/** The steps reached so far, oldest first, each with its China date. */
export function stepsOf(s: Trackable): Step[] {
  const step = (stage: Stage, at: string | null | undefined, label = STAGE_LABEL[stage]): Step[] => (at ? [{ stage, label, date: chinaDate(at) }] : []);
  const out: Step[] = step('received', s.createdAt);
  if (s.status === 'declined') return [...out, ...step('declined', s.handledAt)];
  const g = s.suggestion;
  if (!g) {
    if (s.status === 'accepted') out.push(...step(s.publicReply ? 'answered' : 'accepted', s.handledAt));
    return out;
  }
  out.push(...step('accepted', s.handledAt ?? g.createdAt));
  if (g.state === 'not_accepted') return [...out, ...step('not_accepted', g.registeredAt ?? s.handledAt ?? g.createdAt)];
  out.push(...step('handling', g.assignedOn));
  out.push(...step('replied', g.repliedOn));
  if (g.state === 'rehandling') out.push(...step('rehandling', g.rehandledOn));
  if (g.state === 'following') out.push(...step('following', g.repliedOn));
  if (g.state === 'closed') out.push(...step('closed', g.closedAt));
  return out;
}

/**
 * The states in which a published suggestion's result is shown to the public: answered and not sent
 * back. A dissatisfied rating moves the item to re-handling (rehandling) with the flag still set; its
 * old answer is hidden until the new reply moves it back to replied.
 */
export const PUBLIC_RESULT_STATES: readonly SuggestionState[] = ['replied', 'following', 'closed'];

/** The answer the resident reads: staff's public reply, else the suggestion's public answer once published (and shown, above). */
export function answerOf(s: Trackable): string | null {
  if (s.publicReply) return s.publicReply;
  const g = s.suggestion;
  if (g?.published === 1 && g.publicAnswer && PUBLIC_RESULT_STATES.includes(g.state)) return g.publicAnswer;
  return null;
}

// ---- Staff ----

export type Viewer = { role: Role; stationId: string | null };

/** Who sees a submission at all: admins the whole town; a liaison what was sent to their station or its deputies. */
export function canHandle(viewer: Viewer, submissionStationId: string | null): boolean {
  if (viewer.role === 'county_admin' || viewer.role === 'town_admin') return true;
  return viewer.role === 'liaison' && viewer.stationId !== null && viewer.stationId === submissionStationId;
}

/** The resident's phone in full only for those who call back: admins and the station's liaison. */
export function canSeePhone(viewer: Viewer, submissionStationId: string | null): boolean {
  return canHandle(viewer, submissionStationId);
}

/** Why this action cannot be taken now (409), or null. */
export function actionProblem(action: 'decline' | 'answer', status: PortalStatus, hasSuggestion: boolean): string | null {
  if (action === 'decline') {
    if (status === 'declined') return '该意见已不予受理';
    if (status === 'accepted' || hasSuggestion) return '该意见已受理，不能再不予受理';
    return null;
  }
  if (status === 'declined') return '该意见已不予受理，不能答复';
  return null;
}
