import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../../http/errors.ts';
import { type ScheduleRule, expandSchedule } from '../stations/schedule.rules.ts';
import {
  type SeriesOccurrence,
  assertCanAccept,
  attendanceRate,
  canDecideLeave,
  canManageActivity,
  chinaDateOf,
  chinaDateRange,
  chinaTimeText,
  finalStatus,
  isTouched,
  newSignInCodes,
  nextActivityStatus,
  nextLeaveStatus,
  normalizeSignInCode,
  occurrenceTimes,
  pickSignIn,
  planRegeneration,
  signInStatus,
  signInWindow,
  tally,
  toUtcIso,
  windowState,
} from './activities.rules.ts';

const at = (s: string) => new Date(s);

describe('times in China', () => {
  it('stores any offset as UTC and reads China dates back', () => {
    expect(toUtcIso('2026-06-06T09:00:00+08:00')).toBe('2026-06-06T01:00:00.000Z');
    expect(chinaDateOf('2026-06-05T16:00:00.000Z')).toBe('2026-06-06');
    expect(chinaDateOf('2026-06-05T15:59:59.000Z')).toBe('2026-06-05');
    expect(chinaTimeText('2026-06-06T00:30:00.000Z')).toBe('2026-06-06 08:30');
  });

  it('turns a date range into whole China days, half-open in UTC', () => {
    expect(chinaDateRange('2026-06-01', '2026-06-30')).toEqual({ start: '2026-05-31T16:00:00.000Z', end: '2026-06-30T16:00:00.000Z' });
  });

  it('places an occurrence at the local start time on its rule date', () => {
    expect(occurrenceTimes('2026-06-06', '09:00', 120)).toEqual({ startAt: '2026-06-06T01:00:00.000Z', endAt: '2026-06-06T03:00:00.000Z' });
    // A late evening meeting crosses midnight UTC but stays on its China date.
    expect(occurrenceTimes('2026-06-06', '19:30', 90)).toEqual({ startAt: '2026-06-06T11:30:00.000Z', endAt: '2026-06-06T13:00:00.000Z' });
  });
});

describe('recurrence (schedule rules shared with the stations)', () => {
  const everySaturday: ScheduleRule = { type: 'weekly', weekdays: [6] };
  const fifthSaturday: ScheduleRule = { type: 'monthly_nth_weekday', nth: 5, weekday: 6 };
  const firstSaturday: ScheduleRule = { type: 'monthly_nth_weekday', nth: 1, weekday: 6 };

  it('a month with five Saturdays gives five weekly occurrences (May 2026: 2, 9, 16, 23, 30)', () => {
    expect(expandSchedule(everySaturday, '2026-05-01', '2026-05-31')).toEqual(['2026-05-02', '2026-05-09', '2026-05-16', '2026-05-23', '2026-05-30']);
    expect(expandSchedule(everySaturday, '2026-06-01', '2026-06-30')).toHaveLength(4);
  });

  it('"the fifth Saturday" falls only in months that have one', () => {
    expect(expandSchedule(fifthSaturday, '2026-01-01', '2026-12-31')).toEqual(['2026-01-31', '2026-05-30', '2026-08-29', '2026-10-31']);
  });

  it('"the first Saturday of every month from June" gives one date a month', () => {
    expect(expandSchedule(firstSaturday, '2026-06-01', '2026-09-30')).toEqual(['2026-06-06', '2026-07-04', '2026-08-01', '2026-09-05']);
  });
});

describe('planRegeneration', () => {
  const now = at('2026-06-10T00:00:00.000Z');
  const startOf = (d: string) => occurrenceTimes(d, '09:00', 120).startAt;
  const occ = (id: string, date: string, over: Partial<SeriesOccurrence> = {}): SeriesOccurrence => ({
    id,
    seriesDate: date,
    startAt: startOf(date),
    status: 'planned',
    moved: false,
    detached: false,
    engaged: false,
    ...over,
  });

  it('keeps the past, rewrites future untouched occurrences, removes dates the rule dropped, adds new ones', () => {
    const existing = [occ('past', '2026-06-06'), occ('a', '2026-06-13'), occ('b', '2026-06-20'), occ('c', '2026-06-27')];
    // The new rule: the 13th and 27th, plus the 4th of July.
    const plan = planRegeneration(existing, ['2026-06-06', '2026-06-13', '2026-06-27', '2026-07-04'], startOf, now);
    expect(plan).toEqual({
      keep: ['past'],
      update: [
        { id: 'a', date: '2026-06-13' },
        { id: 'c', date: '2026-06-27' },
      ],
      remove: ['b'],
      create: ['2026-07-04'],
    });
  });

  it('keeps a moved occurrence, and makes no second one for its rule date', () => {
    // The 13th was moved by hand to the 14th; the rule still gives the 13th.
    const moved = occ('m', '2026-06-13', { moved: true, startAt: '2026-06-14T01:00:00.000Z' });
    const plan = planRegeneration([moved], ['2026-06-13', '2026-06-20'], startOf, now);
    expect(plan.keep).toEqual(['m']);
    expect(plan.create).toEqual(['2026-06-20']);
    // Even when the new rule no longer gives its date, a moved occurrence stays.
    expect(planRegeneration([moved], ['2026-06-20'], startOf, now).keep).toEqual(['m']);
  });

  it('keeps cancelled, edited and answered occurrences', () => {
    const existing = [occ('x', '2026-06-13', { status: 'cancelled' }), occ('y', '2026-06-20', { detached: true }), occ('z', '2026-06-27', { engaged: true })];
    const plan = planRegeneration(existing, [], startOf, now);
    expect(plan.keep).toEqual(['x', 'y', 'z']);
    expect(plan.remove).toEqual([]);
  });

  it('creates nothing in the past, and leaves today’s occurrence whose new time has already passed', () => {
    const today = at('2026-06-13T02:00:00.000Z'); // 10:00 in China
    const o = occ('t', '2026-06-13', { startAt: '2026-06-13T06:00:00.000Z' }); // announced for 14:00
    const plan = planRegeneration([o], ['2026-06-06', '2026-06-13'], startOf, today); // new time 09:00 is past
    expect(plan).toEqual({ keep: ['t'], update: [], remove: [], create: [] });
  });

  it('isTouched covers every reason', () => {
    const base = { status: 'planned' as const, moved: false, detached: false, engaged: false };
    expect(isTouched(base)).toBe(false);
    expect(isTouched({ ...base, moved: true })).toBe(true);
    expect(isTouched({ ...base, detached: true })).toBe(true);
    expect(isTouched({ ...base, engaged: true })).toBe(true);
    expect(isTouched({ ...base, status: 'held' })).toBe(true);
  });
});

describe('leave transitions', () => {
  it('requested -> approved | refused | withdrawn; none or withdrawn -> requested', () => {
    expect(nextLeaveStatus(null, 'request')).toBe('requested');
    expect(nextLeaveStatus('requested', 'approve')).toBe('approved');
    expect(nextLeaveStatus('requested', 'refuse')).toBe('refused');
    expect(nextLeaveStatus('requested', 'withdraw')).toBe('withdrawn');
    expect(nextLeaveStatus('withdrawn', 'request')).toBe('requested');
  });

  it('refuses every other step with INVALID_TRANSITION', () => {
    const illegal: [Parameters<typeof nextLeaveStatus>[0], Parameters<typeof nextLeaveStatus>[1]][] = [
      [null, 'approve'],
      [null, 'refuse'],
      [null, 'withdraw'],
      ['requested', 'request'],
      ['approved', 'approve'],
      ['approved', 'refuse'],
      ['approved', 'withdraw'],
      ['approved', 'request'],
      ['refused', 'approve'],
      ['refused', 'request'],
      ['refused', 'withdraw'],
      ['withdrawn', 'approve'],
      ['withdrawn', 'withdraw'],
    ];
    for (const [from, action] of illegal) {
      expect(() => nextLeaveStatus(from, action), `${from} ${action}`).toThrow(InvalidTransitionError);
    }
    try {
      nextLeaveStatus('approved', 'withdraw');
    } catch (e) {
      expect((e as InvalidTransitionError).status).toBe(409);
      expect((e as Error).message).toBe('当前请假状态为“已准假”，不能撤回请假');
    }
  });

  it('confirming attendance needs no pending or granted leave', () => {
    expect(() => assertCanAccept(null)).not.toThrow();
    expect(() => assertCanAccept('refused')).not.toThrow();
    expect(() => assertCanAccept('withdrawn')).not.toThrow();
    expect(() => assertCanAccept('requested')).toThrow(InvalidTransitionError);
    expect(() => assertCanAccept('approved')).toThrow(InvalidTransitionError);
  });
});

describe('activity status', () => {
  const a = { startAt: '2026-06-06T01:00:00.000Z' };
  const after = at('2026-06-06T02:00:00.000Z');
  const before = at('2026-06-05T00:00:00.000Z');

  it('planned -> held once started, planned <-> cancelled, held -> planned', () => {
    expect(nextActivityStatus('planned', 'held', a, after)).toBe('held');
    expect(nextActivityStatus('planned', 'cancelled', a, before)).toBe('cancelled');
    expect(nextActivityStatus('cancelled', 'planned', a, before)).toBe('planned');
    expect(nextActivityStatus('held', 'planned', a, after)).toBe('planned');
    expect(nextActivityStatus('held', 'held', a, after)).toBe('held');
  });

  it('refuses holding before the start and jumps between held and cancelled', () => {
    expect(() => nextActivityStatus('planned', 'held', a, before)).toThrow('活动尚未开始');
    expect(() => nextActivityStatus('cancelled', 'held', a, after)).toThrow(InvalidTransitionError);
    expect(() => nextActivityStatus('held', 'cancelled', a, after)).toThrow(InvalidTransitionError);
  });
});

describe('sign-in window and status', () => {
  const a = { startAt: '2026-06-06T01:00:00.000Z', endAt: '2026-06-06T03:00:00.000Z' }; // 09:00–11:00 China

  it('opens 30 minutes before the start and closes at the end, both moments included', () => {
    expect(signInWindow(a)).toEqual({ opensAt: '2026-06-06T00:30:00.000Z', closesAt: '2026-06-06T03:00:00.000Z' });
    expect(windowState(a, at('2026-06-06T00:29:59.999Z'))).toBe('before');
    expect(windowState(a, at('2026-06-06T00:30:00.000Z'))).toBe('open');
    expect(windowState(a, at('2026-06-06T03:00:00.000Z'))).toBe('open');
    expect(windowState(a, at('2026-06-06T03:00:00.001Z'))).toBe('after');
  });

  it('is present up to start + 15 minutes, late after', () => {
    expect(signInStatus(a.startAt, '2026-06-06T00:40:00.000Z')).toBe('present');
    expect(signInStatus(a.startAt, '2026-06-06T01:15:00.000Z')).toBe('present');
    expect(signInStatus(a.startAt, '2026-06-06T01:15:00.001Z')).toBe('late');
    expect(signInStatus(a.startAt, '2026-06-06T02:59:00.000Z')).toBe('late');
  });
});

describe('final status and rates', () => {
  it('takes what was recorded, else leave if approved, else absent', () => {
    expect(finalStatus({ attendance: 'present', leaveStatus: null })).toBe('present');
    expect(finalStatus({ attendance: 'late', leaveStatus: null })).toBe('late');
    expect(finalStatus({ attendance: null, leaveStatus: 'approved' })).toBe('on_leave');
    // Came despite approved leave and signed in.
    expect(finalStatus({ attendance: 'present', leaveStatus: 'approved' })).toBe('present');
    // A refused, pending or withdrawn leave excuses nothing.
    expect(finalStatus({ attendance: null, leaveStatus: 'refused' })).toBe('absent');
    expect(finalStatus({ attendance: null, leaveStatus: 'requested' })).toBe('absent');
    expect(finalStatus({ attendance: null, leaveStatus: 'withdrawn' })).toBe('absent');
    expect(finalStatus({ attendance: null, leaveStatus: null })).toBe('absent');
    // The liaison's mark stands, including "on leave" recorded after a phone call.
    expect(finalStatus({ attendance: 'on_leave', leaveStatus: null })).toBe('on_leave');
    expect(finalStatus({ attendance: 'absent', leaveStatus: 'approved' })).toBe('absent');
  });

  it('rate = (present + late) / (invited − on leave)', () => {
    const c = tally(['present', 'present', 'present', 'present', 'present', 'late', 'on_leave', 'on_leave', 'absent', 'absent']);
    expect(c).toEqual({ invited: 10, present: 5, late: 1, onLeave: 2, absent: 2 });
    expect(attendanceRate(c)).toBe(0.75);
    expect(attendanceRate({ invited: 3, onLeave: 0, present: 1, late: 0 })).toBe(0.3333);
    expect(attendanceRate({ invited: 4, onLeave: 1, present: 2, late: 1 })).toBe(1);
    expect(attendanceRate({ invited: 4, onLeave: 0, present: 0, late: 0 })).toBe(0);
  });

  it('no rate when nobody was expected: zero invited, or everyone on leave', () => {
    expect(attendanceRate({ invited: 0, onLeave: 0, present: 0, late: 0 })).toBeNull();
    expect(attendanceRate({ invited: 2, onLeave: 2, present: 0, late: 0 })).toBeNull();
    expect(attendanceRate(tally([]))).toBeNull();
  });
});

describe('who manages', () => {
  const admin = { role: 'town_admin' as const, stationId: null };
  const county = { role: 'county_admin' as const, stationId: null };
  const liaison = { role: 'liaison' as const, stationId: 'S1' };
  const loose = { role: 'liaison' as const, stationId: null };
  const deputy = { role: 'deputy' as const, stationId: null };
  const own = { organiserType: 'station' as const, stationId: 'S1' };
  const other = { organiserType: 'station' as const, stationId: 'S2' };
  const town = { organiserType: 'town' as const, stationId: null };

  it('admins everything; a liaison only their own station’s activities', () => {
    expect(canManageActivity(admin, other)).toBe(true);
    expect(canManageActivity(county, town)).toBe(true);
    expect(canManageActivity(liaison, own)).toBe(true);
    expect(canManageActivity(liaison, other)).toBe(false);
    expect(canManageActivity(liaison, town)).toBe(false);
    expect(canManageActivity(loose, { organiserType: 'station', stationId: null })).toBe(false);
    expect(canManageActivity(deputy, own)).toBe(false);
  });

  it('leave is also decided by the liaison of the deputy’s station', () => {
    expect(canDecideLeave(liaison, town, 'S1')).toBe(true);
    expect(canDecideLeave(liaison, other, 'S2')).toBe(false);
    expect(canDecideLeave(liaison, own, 'S2')).toBe(true);
    expect(canDecideLeave(loose, town, null)).toBe(false);
    expect(canDecideLeave(deputy, own, 'S1')).toBe(false);
  });
});

describe('sign-in codes', () => {
  it('are six digits, distinct from each other and from codes in use', () => {
    const seq = [123456, 123456, 42, 999999, 7];
    let i = 0;
    const rnd = () => seq[i++ % seq.length];
    expect(newSignInCodes(3, new Set(['999999']), rnd)).toEqual(['123456', '000042', '000007']);
  });

  it('reads what a phone may send', () => {
    expect(normalizeSignInCode(' １２３ ４５６ ')).toBe('123456');
  });

  it('pick: an open invited activity wins; open but not invited is refused; otherwise too early, too late or unknown', () => {
    const now = at('2026-06-06T01:00:00.000Z');
    const open = { startAt: '2026-06-06T01:00:00.000Z', endAt: '2026-06-06T03:00:00.000Z' };
    const old = { startAt: '2026-01-06T01:00:00.000Z', endAt: '2026-01-06T03:00:00.000Z' };
    const later = { startAt: '2026-06-07T01:00:00.000Z', endAt: '2026-06-07T03:00:00.000Z' };
    expect(pickSignIn([{ activityId: 'old', ...old, invited: true }, { activityId: 'now', ...open, invited: true }], now)).toEqual({ kind: 'ok', activityId: 'now' });
    expect(pickSignIn([{ activityId: 'now', ...open, invited: false }], now)).toEqual({ kind: 'not_invited' });
    expect(pickSignIn([{ activityId: 'l', ...later, invited: true }], now)).toEqual({ kind: 'before', opensAt: '2026-06-07T00:30:00.000Z' });
    expect(pickSignIn([{ activityId: 'old', ...old, invited: true }], now)).toEqual({ kind: 'after' });
    expect(pickSignIn([{ activityId: 'l', ...later, invited: false }], now)).toEqual({ kind: 'unknown' });
    expect(pickSignIn([], now)).toEqual({ kind: 'unknown' });
  });
});
