import type { ActivityRecord } from '../workbook/sections/activities.section.ts';
import type { Fate, KindCode } from './demo.calendar.types.ts';

/*
 * What happens to one invitation in the demo: answered or not, leave asked for and decided,
 * attendance recorded by the deputy's own sign-in or by the liaison's checklist. Everything is
 * decided from draws made beforehand (six per invitation, made whatever the as-of date), so the
 * same activities and invitations come out for any as-of date; only what has happened by then
 * differs. The outcome follows the activities rules: attendance only once the activity has ended,
 * a sign-in inside its window (present up to 15 minutes after the start, late after that), leave
 * asked for before the start and decided before it.
 */

/** One invitation as the workbook carries it. */
export type Invitation = ActivityRecord['invitations'][number];

/** Six numbers in [0, 1) drawn for each invitation. */
export type Draws = readonly [number, number, number, number, number, number];

/**
 * Where the activity stands at the as-of date: ended (and held), cancelled, coming within
 * SOON_DAYS (deputies answer and ask for leave), or further ahead (invitations unanswered).
 */
export type Phase = 'past' | 'cancelled' | 'soon' | 'later';

export const SOON_DAYS = 21;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Share of absences (without leave) by kind: presidium members and deputies reporting to voters rarely miss. */
const ABSENT_BY_KIND: Partial<Record<KindCode, number>> = {
  presidium_meeting: 0.03,
  duty_report: 0.03,
  care_visit: 0.05,
  training: 0.09,
  appraisal: 0.09,
  monthly_meeting: 0.13,
  group: 0.12,
  voter_visit: 0.12,
};
const ABSENT_DEFAULT = 0.1;

export type Rates = { leave: number; absent: number };

/** One activity's leave and absence rates, varied a little around the kind's usual share. */
export function ratesOf(kind: KindCode, a: number, b: number): Rates {
  return { leave: 0.035 + a * 0.05, absent: Math.max(0.01, (ABSENT_BY_KIND[kind] ?? ABSENT_DEFAULT) + (b - 0.5) * 0.08) };
}

/** Reasons for leave, with the months (1–12) they fit in; no months: any time of year. */
export const LEAVE_REASONS: readonly (readonly [reason: string, months?: readonly number[]])[] = [
  ['外出务工，人在广东，无法按时赶回'],
  ['家中老人住院，需要陪护'],
  ['参加县里组织的农业技术培训'],
  ['村里当天召开村民代表会议'],
  ['企业接待客户考察，无法脱身'],
  ['身体不适，在卫生院输液'],
  ['出差在外，已向小组长说明'],
  ['孩子中考，需要陪同', [6]],
  ['村里安排防汛值班', [5, 6, 7, 8]],
  ['茶叶采摘高峰，合作社人手紧张', [3, 4, 5]],
  ['秋收秋种，家里人手不够', [9, 10]],
  ['学校安排期末考试监考', [1, 6, 7, 12]],
  ['村里森林防火值班', [1, 2, 11, 12]],
];
const APPROVAL_NOTES = ['同意', '同意，会后请补学有关材料', '同意，请向小组长了解会议精神', '同意，注意安全'] as const;
const REFUSAL_NOTES = ['本次为年度必训内容，请调整安排参加', '请假理由不充分，请按时参加', '本次活动需要全体代表参加，请安排好时间'] as const;

const pick = <T>(items: readonly T[], x: number): T => items[Math.floor(x * items.length)];
/** A reason that fits the month of the activity (China time). */
const reasonFor = (startAt: string, x: number) => {
  const month = new Date(Date.parse(startAt) + 8 * HOUR).getUTCMonth() + 1;
  return pick(
    LEAVE_REASONS.filter(([, months]) => !months || months.includes(month)),
    x,
  )[0];
};
const at = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();
const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
/** People answer and approvers decide in the daytime: a moment moved into 08:00–21:00 China time of its day. */
const daytime = (ms: number) => {
  const h = (((ms / HOUR + 8) % 24) + 24) % 24;
  return h < 8 ? ms + (8 - h) * HOUR : h >= 21 ? ms - (h - 20) * HOUR : ms;
};
/** The fractional part of x·k: a second number in [0, 1) from one draw, for things that need not be independent. */
const part = (x: number, k: number) => x * k - Math.floor(x * k);

type Times = { startAt: string; endAt: string; invitedAt: string };

const blank = (deputy: string, invitedAt: string): Invitation => ({
  deputy,
  invitedAt,
  invitedBy: null,
  response: 'pending',
  respondedAt: null,
  leaveStatus: null,
  leaveReason: '',
  leaveRequestedAt: null,
  leaveDecidedBy: null,
  leaveDecidedAt: null,
  leaveNote: '',
  attendance: null,
  attendanceBy: null,
  attendanceAt: null,
  signedInAt: null,
});

/** The fate of a past invitation, from the draws (the demo deputy's story may fix it instead). */
function drawnFate(u: Draws, r: Rates, startAt: string): Fate {
  if (u[0] < r.leave) {
    const reason = reasonFor(startAt, u[4]);
    // About one leave in seven is refused; the deputy then comes or stays away.
    if (u[1] < 0.86) return { leave: 'approved', reason, note: pick(APPROVAL_NOTES, u[5]) };
    return { leave: 'refused', reason, note: pick(REFUSAL_NOTES, u[5]), after: u[2] < 0.5 ? 'present' : 'absent' };
  }
  if (u[0] < r.leave + r.absent) return 'absent';
  return u[1] < 0.07 ? 'late' : 'present';
}

/** An invitation of an activity that has ended and was held. */
function pastInvitation(inv: Invitation, u: Draws, fate: Fate, t: Times, asOf: number): Invitation {
  const start = Date.parse(t.startAt);
  const end = Date.parse(t.endAt);
  const invited = Date.parse(t.invitedAt);
  const staffMarkAt = at(Math.min(end + (10 + u[4] * 40) * MINUTE, asOf));
  const attend = (how: 'present' | 'late') => {
    // Most sign in with the code; some are ticked off on the liaison's checklist instead.
    if (u[2] < 0.85) {
      const signedInAt = at(how === 'late' ? start + (16 + u[5] * 30) * MINUTE : start - 25 * MINUTE + u[5] * 39 * MINUTE);
      return { attendance: how, attendanceBy: 'self' as const, attendanceAt: signedInAt, signedInAt };
    }
    return { attendance: how, attendanceBy: 'staff' as const, attendanceAt: staffMarkAt, signedInAt: null };
  };
  const absent = () =>
    // Not every liaison ticks "absent": left unmarked, the deputy ends absent all the same.
    u[2] < 0.6 ? { attendance: 'absent' as const, attendanceBy: 'staff' as const, attendanceAt: staffMarkAt } : {};
  if (typeof fate === 'string') {
    const answered = u[3] < 0.7 && fate !== 'absent';
    const respondedAt = at(clamp(daytime(invited + (0.1 + part(u[3], 7) * 0.8) * (start - HOUR - invited)), invited, start - HOUR));
    const base = { ...inv, ...(answered ? { response: 'accepted' as const, respondedAt } : {}) };
    if (fate === 'absent') return { ...base, ...absent() };
    return { ...base, ...attend(fate === 'late' ? 'late' : 'present') };
  }
  const requested = clamp(daytime(start - (0.5 + u[4] * 2.5) * DAY), invited + 30 * MINUTE, start - 2 * HOUR);
  const decided = clamp(daytime(requested + (1 + u[5] * 20) * HOUR), requested + 10 * MINUTE, start - 30 * MINUTE);
  const leave = {
    ...inv,
    leaveStatus: fate.leave,
    leaveReason: fate.reason,
    leaveRequestedAt: at(requested),
    leaveDecidedAt: at(decided),
    leaveNote: fate.note,
  };
  if (fate.leave === 'approved') {
    // The checklist marks some as on leave; the others end on leave through the approval.
    return u[2] < 0.5 ? { ...leave, attendance: 'on_leave', attendanceBy: 'staff', attendanceAt: staffMarkAt } : leave;
  }
  return fate.after === 'present' ? { ...leave, ...attend('present') } : { ...leave, ...absent() };
}

/** An invitation of an activity still to come (or under way): some answered, a few asking for leave. */
function comingInvitation(inv: Invitation, u: Draws, fate: Fate | undefined, t: Times, phase: 'soon' | 'later', asOf: number): Invitation {
  const invited = Date.parse(t.invitedAt);
  const upTo = Math.min(asOf, Date.parse(t.startAt));
  const when = (x: number) => at(clamp(daytime(invited + (0.05 + x * 0.9) * (upTo - invited)), invited, upTo));
  if (phase === 'later') return inv;
  if (fate === 'accepted') return { ...inv, response: 'accepted', respondedAt: when(u[3]) };
  if (u[0] < 0.03) {
    const requested = when(u[4]);
    const base = { ...inv, leaveStatus: 'requested' as const, leaveReason: reasonFor(t.startAt, u[4]), leaveRequestedAt: requested };
    if (u[0] < 0.015) return base;
    const decided = at(clamp(daytime(Date.parse(requested) + (0.1 + u[5] * 0.9) * (upTo - Date.parse(requested))), Date.parse(requested), upTo));
    return { ...base, leaveStatus: 'approved', leaveDecidedAt: decided, leaveNote: pick(APPROVAL_NOTES, u[5]) };
  }
  return u[3] < 0.45 ? { ...inv, response: 'accepted', respondedAt: when(u[3]) } : inv;
}

/** A pending leave request on a coming activity (the liaison's approval page must have work to show). */
export function pendingLeave(inv: Invitation, u: Draws, t: Times, asOf: number): Invitation {
  const invited = Date.parse(t.invitedAt);
  const upTo = Math.min(asOf, Date.parse(t.startAt));
  const requested = at(clamp(daytime(invited + (0.5 + u[4] * 0.45) * (upTo - invited)), invited, upTo));
  return { ...blank(inv.deputy, inv.invitedAt), leaveStatus: 'requested', leaveReason: reasonFor(t.startAt, u[4]), leaveRequestedAt: requested };
}

export function invitationOf(deputy: string, u: Draws, rates: Rates, t: Times, phase: Phase, asOf: number, story?: Fate): Invitation {
  const inv = blank(deputy, t.invitedAt);
  switch (phase) {
    case 'past':
      return pastInvitation(inv, u, story && story !== 'accepted' ? story : drawnFate(u, rates, t.startAt), t, asOf);
    case 'cancelled':
      // Called off shortly before the day (once the day has come, some had confirmed); nobody attended.
      return u[3] < 0.3 && Date.parse(t.startAt) <= asOf
        ? { ...inv, response: 'accepted', respondedAt: at(Math.min(Date.parse(t.invitedAt) + DAY, Date.parse(t.startAt), asOf)) }
        : inv;
    default:
      return comingInvitation(inv, u, story === 'accepted' ? story : undefined, t, phase, asOf);
  }
}
