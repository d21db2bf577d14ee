import type { ActivityStatus, AttendanceMark, LeaveStatus, OrganiserType, Role } from '../../db/schema.ts';
import { InvalidTransitionError } from '../../http/errors.ts';

/**
 * Activities, leave and attendance, pure: every function that needs the time takes `now`.
 * Stored times are UTC ISO text; dates the users see and type are China dates (UTC+8 all year, no
 * daylight saving), so a China date converts to UTC with a fixed offset.
 */

export const CHINA_OFFSET = '+08:00';
/** Signing in opens this long before the start… */
export const SIGN_IN_OPENS_MINUTES = 30;
/** …and a sign-in later than this after the start is late (迟到). Exactly on the mark is still on time. */
export const LATE_AFTER_MINUTES = 15;

const MINUTE = 60_000;
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** Any ISO datetime with an offset, as the one stored form (UTC, milliseconds, Z), which sorts as text. */
export function toUtcIso(s: string): string {
  return new Date(s).toISOString();
}

/** The UTC instant at which a China calendar day begins. */
export function chinaDayStart(date: string): string {
  return new Date(`${date}T00:00:00${CHINA_OFFSET}`).toISOString();
}

/** The China date (YYYY-MM-DD) of a stored UTC time. */
export function chinaDateOf(utc: string): string {
  return iso(t(utc) + 8 * 60 * MINUTE).slice(0, 10);
}

/** A stored UTC time as China wall-clock text, 2026-06-06 08:30, for messages. */
export function chinaTimeText(utc: string): string {
  return iso(t(utc) + 8 * 60 * MINUTE).slice(0, 16).replace('T', ' ');
}

/** China dates `from`..`to`, both whole days included, as the half-open UTC range [start, end). */
export function chinaDateRange(from: string, to: string): { start: string; end: string } {
  return { start: chinaDayStart(from), end: iso(t(chinaDayStart(to)) + 24 * 60 * MINUTE) };
}

/** Start and end of one occurrence of a series: the rule date at the local start time, lasting `durationMinutes`. */
export function occurrenceTimes(date: string, startTime: string, durationMinutes: number): { startAt: string; endAt: string } {
  const start = t(`${date}T${startTime}:00${CHINA_OFFSET}`);
  return { startAt: iso(start), endAt: iso(start + durationMinutes * MINUTE) };
}

// ---- Sign-in window and attendance status ----

export type WindowState = 'before' | 'open' | 'after';

/** Signing in is open from 30 minutes before the start until the end, both moments included. */
export function signInWindow(a: { startAt: string; endAt: string }): { opensAt: string; closesAt: string } {
  return { opensAt: iso(t(a.startAt) - SIGN_IN_OPENS_MINUTES * MINUTE), closesAt: a.endAt };
}

export function windowState(a: { startAt: string; endAt: string }, now: Date): WindowState {
  const w = signInWindow(a);
  if (now.getTime() < t(w.opensAt)) return 'before';
  if (now.getTime() > t(w.closesAt)) return 'after';
  return 'open';
}

/** Present when signed in by start + 15 minutes, late after that. */
export function signInStatus(startAt: string, signedInAt: string): 'present' | 'late' {
  return t(signedInAt) > t(startAt) + LATE_AFTER_MINUTES * MINUTE ? 'late' : 'present';
}

export type FinalStatus = AttendanceMark;

/**
 * The status an invited deputy ends with once the activity is over: what was recorded (a sign-in or
 * the liaison's checklist, the later of the two having overwritten the other), else on leave when a
 * leave was approved, else absent. A deputy with approved leave who came anyway and signed in is present.
 */
export function finalStatus(inv: { attendance: AttendanceMark | null; leaveStatus: LeaveStatus | null }): FinalStatus {
  if (inv.attendance) return inv.attendance;
  return inv.leaveStatus === 'approved' ? 'on_leave' : 'absent';
}

export type AttendanceCounts = { invited: number; present: number; late: number; onLeave: number; absent: number };

export function tally(statuses: readonly FinalStatus[]): AttendanceCounts {
  const c: AttendanceCounts = { invited: statuses.length, present: 0, late: 0, onLeave: 0, absent: 0 };
  for (const s of statuses) {
    if (s === 'present') c.present++;
    else if (s === 'late') c.late++;
    else if (s === 'on_leave') c.onLeave++;
    else c.absent++;
  }
  return c;
}

/**
 * Attendance rate (出席率) = (present + late) / (invited − on leave), rounded to 4 decimals.
 * A late deputy attended; a deputy on approved leave was excused and is out of the count on both
 * sides; an absent one counts against the rate. Nobody expected (no one invited, or everyone on
 * leave) gives null — "no rate", which is not 0%.
 */
export function attendanceRate(c: Pick<AttendanceCounts, 'invited' | 'onLeave' | 'present' | 'late'>): number | null {
  const expected = c.invited - c.onLeave;
  if (expected <= 0) return null;
  return Math.round(((c.present + c.late) / expected) * 10_000) / 10_000;
}

// ---- Leave (请假) ----

export type LeaveAction = 'request' | 'approve' | 'refuse' | 'withdraw';

const LEAVE: Record<LeaveAction, { from: readonly (LeaveStatus | null)[]; to: LeaveStatus; verb: string }> = {
  // Asking again is possible after withdrawing; a refusal or an approval stands.
  request: { from: [null, 'withdrawn'], to: 'requested', verb: '请假' },
  approve: { from: ['requested'], to: 'approved', verb: '批准请假' },
  refuse: { from: ['requested'], to: 'refused', verb: '不批准请假' },
  withdraw: { from: ['requested'], to: 'withdrawn', verb: '撤回请假' },
};

export const LEAVE_LABEL: Record<LeaveStatus, string> = { requested: '待审批', approved: '已准假', refused: '未准假', withdrawn: '已撤回' };

/** requested -> approved | refused | withdrawn; (none | withdrawn) -> requested. Anything else is 409 INVALID_TRANSITION. */
export function nextLeaveStatus(current: LeaveStatus | null, action: LeaveAction): LeaveStatus {
  const step = LEAVE[action];
  if (!step.from.includes(current)) {
    const state = current ? LEAVE_LABEL[current] : '未请假';
    throw new InvalidTransitionError(`当前请假状态为“${state}”，不能${step.verb}`);
  }
  return step.to;
}

/** Confirming attendance (确认参加) needs no leave pending or granted; a refused or withdrawn one is fine. */
export function assertCanAccept(leave: LeaveStatus | null): void {
  if (leave === 'requested') throw new InvalidTransitionError('请假申请待审批，请先撤回请假再确认参加');
  if (leave === 'approved') throw new InvalidTransitionError('请假已获批准，不能再确认参加');
}

// ---- Activity status ----

const ACTIVITY_STEPS: Record<ActivityStatus, readonly ActivityStatus[]> = {
  planned: ['held', 'cancelled'],
  // Undo a mistaken mark.
  held: ['planned'],
  cancelled: ['planned'],
};
const STATUS_LABEL: Record<ActivityStatus, string> = { planned: '计划中', held: '已举行', cancelled: '已取消' };

/** planned -> held (once it has started) | cancelled; held/cancelled -> planned. Same status is no change. */
export function nextActivityStatus(current: ActivityStatus, target: ActivityStatus, a: { startAt: string }, now: Date): ActivityStatus {
  if (current === target) return current;
  if (!ACTIVITY_STEPS[current].includes(target)) {
    throw new InvalidTransitionError(`活动当前为“${STATUS_LABEL[current]}”，不能改为“${STATUS_LABEL[target]}”`);
  }
  if (target === 'held' && now.getTime() < t(a.startAt)) throw new InvalidTransitionError('活动尚未开始，不能标记为已举行');
  return target;
}

// ---- Who may manage ----

export type Actor = { role: Role; stationId: string | null };
export type Organised = { organiserType: OrganiserType; stationId: string | null };

/** Admins manage every activity of their town; a liaison those organised by their own station. */
export function canManageActivity(p: Actor, a: Organised): boolean {
  if (p.role === 'town_admin' || p.role === 'county_admin') return true;
  return p.role === 'liaison' && p.stationId !== null && a.organiserType === 'station' && a.stationId === p.stationId;
}

/** Leave is decided by an admin, the liaison of the organising station, or the liaison of the deputy's own station. */
export function canDecideLeave(p: Actor, a: Organised, deputyStationId: string | null): boolean {
  if (canManageActivity(p, a)) return true;
  return p.role === 'liaison' && p.stationId !== null && deputyStationId === p.stationId;
}

// ---- Sign-in by code ----

export const SIGN_IN_CODE_LENGTH = 6;

/** What a deputy types, as stored: full-width digits and spaces are forgiven. */
export function normalizeSignInCode(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * `n` fresh six-digit codes, different from each other and from `inUse` (the codes of the town's
 * activities that have not ended). Digits only: a phone shows the number pad. `randomInt(max)` gives
 * 0..max-1 (crypto in the service, a fixed sequence in tests).
 */
export function newSignInCodes(n: number, inUse: ReadonlySet<string>, randomInt: (max: number) => number): string[] {
  const taken = new Set(inUse);
  const out: string[] = [];
  const space = 10 ** SIGN_IN_CODE_LENGTH;
  let tries = 0;
  while (out.length < n) {
    if (++tries > n * 50 + 1000) throw new Error('no free sign-in code');
    const code = String(randomInt(space)).padStart(SIGN_IN_CODE_LENGTH, '0');
    if (taken.has(code)) continue;
    taken.add(code);
    out.push(code);
  }
  return out;
}

export type SignInCandidate = { activityId: string; startAt: string; endAt: string; invited: boolean };
export type SignInPick =
  | { kind: 'ok'; activityId: string }
  | { kind: 'not_invited' }
  | { kind: 'before'; opensAt: string }
  | { kind: 'after' }
  | { kind: 'unknown' };

/**
 * Which activity a code means for this deputy now. Codes are unique among activities that have not
 * ended, but an old activity may share the code of a current one, so: an open activity the deputy is
 * invited to wins; an open one they are not invited to is refused; otherwise the nearest of their own
 * says whether it is too early or too late; anything else is an unknown code.
 */
export function pickSignIn(candidates: readonly SignInCandidate[], now: Date): SignInPick {
  const open = candidates.filter((c) => windowState(c, now) === 'open');
  const mineOpen = open.find((c) => c.invited);
  if (mineOpen) return { kind: 'ok', activityId: mineOpen.activityId };
  if (open.length) return { kind: 'not_invited' };
  const mine = candidates.filter((c) => c.invited);
  const upcoming = mine.filter((c) => windowState(c, now) === 'before').sort((a, b) => t(a.startAt) - t(b.startAt));
  if (upcoming.length) return { kind: 'before', opensAt: signInWindow(upcoming[0]).opensAt };
  if (mine.length) return { kind: 'after' };
  // Not open and not theirs: the code does not name a current activity for this deputy.
  return { kind: 'unknown' };
}

// ---- Recurring series ----

/** A series may not make more occurrences than this (a weekly rule over 3 years would be over 1,000). */
export const MAX_SERIES_OCCURRENCES = 400;

export type SeriesOccurrence = {
  id: string;
  seriesDate: string;
  startAt: string;
  status: ActivityStatus;
  moved: boolean;
  detached: boolean;
  /** Someone has answered, asked for leave, signed in or been marked: the occurrence has a history. */
  engaged: boolean;
};

/** Touched by hand or by people: a series edit leaves such an occurrence as it is. */
export function isTouched(o: Pick<SeriesOccurrence, 'status' | 'moved' | 'detached' | 'engaged'>): boolean {
  return o.moved || o.detached || o.status !== 'planned' || o.engaged;
}

export type RegenerationPlan = {
  /** Past or touched occurrences, left exactly as they are. */
  keep: string[];
  /** Future untouched occurrences whose date the rule still gives: rewritten from the series. */
  update: { id: string; date: string }[];
  /** Future untouched occurrences whose date the rule no longer gives. */
  remove: string[];
  /** Dates of the rule, in the future, that no occurrence holds yet. */
  create: string[];
};

/**
 * What editing a series does to its occurrences, given the dates the new rule gives. Only the future
 * (an occurrence that has not started, a date whose new start is after `now`) is regenerated, and only
 * untouched occurrences; a moved or cancelled one keeps its rule date, so no second occurrence is made
 * for that day even when the rule still gives it.
 */
export function planRegeneration(
  existing: readonly SeriesOccurrence[],
  dates: readonly string[],
  startOf: (date: string) => string,
  now: Date,
): RegenerationPlan {
  const wanted = new Set(dates);
  const plan: RegenerationPlan = { keep: [], update: [], remove: [], create: [] };
  const held = new Set<string>();
  for (const o of existing) {
    held.add(o.seriesDate);
    const future = t(o.startAt) > now.getTime();
    if (!future || isTouched(o)) plan.keep.push(o.id);
    else if (!wanted.has(o.seriesDate)) plan.remove.push(o.id);
    // Today's occurrence whose new time has already passed stays as announced rather than turning into the past.
    else if (t(startOf(o.seriesDate)) <= now.getTime()) plan.keep.push(o.id);
    else plan.update.push({ id: o.id, date: o.seriesDate });
  }
  for (const d of dates) if (!held.has(d) && t(startOf(d)) > now.getTime()) plan.create.push(d);
  return plan;
}
