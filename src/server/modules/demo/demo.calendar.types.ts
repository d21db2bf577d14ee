import type { ScheduleRule } from '../stations/schedule.rules.ts';

/*
 * The shape of a demo town's year of activities (demo.calendar.*.ts): what the town's congress
 * plans for the year, written as data. demo.activities.ts turns it into workbook records (kinds,
 * series with their occurrences, one-off activities, invitations with leave and attendance).
 */

/** Codes of the default activity kinds (kinds.service.ts DEFAULT_KINDS), which the demo towns use as they are. */
export type KindCode =
  | 'training'
  | 'group'
  | 'fixed_day'
  | 'monthly_meeting'
  | 'presidium_meeting'
  | 'inspection'
  | 'research'
  | 'law_check'
  | 'safety_check'
  | 'env_check'
  | 'appraisal'
  | 'duty_report'
  | 'voter_visit'
  | 'care_visit'
  | 'law_publicity'
  | 'pre_session'
  | 'other';

export type OrganiserPlan = { type: 'town' } | { type: 'station'; code: string } | { type: 'group'; code: string };

/** Who is invited: always serving deputies of the town only, as the invitation service picks them. */
export type Selector = { levels: ('town' | 'county')[] } | { presidium: true } | { stations: string[] } | { groups: string[] };

/**
 * A one-off activity invites by a selector, or a `delegation`: the chair and the full-time vice chair
 * with others drawn at random up to `size` — the "组织部分人大代表" of inspections, checks and research.
 */
export type EventInvite = Selector | { delegation: number };

/** A series invites by a selector (every occurrence the same deputies), or `rotation`: so many deputies of the organising station per occurrence, taking turns. */
export type SeriesInvite = Selector | { rotation: number };

/** Figures of a held activity, for its outcomes text: attendance, and three fixed draws in [0, 1). */
export type HeldFigures = { invited: number; attended: number; onLeave: number; absent: number; x: readonly [number, number, number] };

type Common = {
  /** Stable name of the plan entry (the demo deputy's story refers to entries by it). */
  key: string;
  title: string;
  kind: KindCode;
  organiser: OrganiserPlan;
  place: string;
  content: string;
  /** '@chair' / '@vice' stand for the town's congress chair / full-time vice chair, by name. */
  speakers?: string[];
  /** Written for held activities only (a planned one has no outcomes yet). */
  outcomes?: (f: HeldFigures) => string;
};

export type EventPlan = Common & {
  date: string;
  /** China time, HH:MM. */
  start: string;
  minutes: number;
  invite: EventInvite;
};

/** One occurrence changed on its own: moved to another day (a holiday) or cancelled. */
export type Exception = { date: string; moveTo: string; note: string } | { date: string; cancel: string };

export type SeriesPlan = Common & {
  rule: ScheduleRule;
  startTime: string;
  minutes: number;
  fromDate: string;
  untilDate: string;
  invite: SeriesInvite;
  exceptions?: Exception[];
};

/** What happened to the demo deputy at one activity (past ones only; `accepted` for a coming one). */
export type Fate =
  | 'present'
  | 'late'
  | 'absent'
  | 'accepted'
  | { leave: 'approved'; reason: string; note: string }
  | { leave: 'refused'; reason: string; note: string; after: 'present' | 'absent' };

export type TownYear = {
  series: SeriesPlan[];
  events: EventPlan[];
  /** Fixed fates of the deputy behind this login, by activity key (`seriesKey@seriesDate` for an occurrence). */
  story?: { username: string; fates: Record<string, Fate> };
};

/** The demo year: activities from the first of these dates to the last (both included). */
export const DEMO_YEAR = { from: '2026-01-01', until: '2027-01-31' } as const;

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The next `n` working days (Monday to Friday) from `from` on, `from` included. */
export function workdays(from: string, n: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); out.length < n; t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(ymd(t));
  }
  return out;
}

/** '第四代表小组（枫林柳塘片）' -> '第四代表小组'. */
export const groupShortName = (name: string) => name.replace(/（.*$/, '');

export type GroupQuarter = {
  quarter: 1 | 2 | 3 | 4;
  /** The first working day the groups' activities may fall on; one group a working day after it. */
  from: string;
  kind: KindCode;
  theme: string;
  content: string;
  outcomes: (f: HeldFigures) => string;
};

/** Every deputy group meets once a quarter, each on its own working day. */
export function groupQuarterEvents(
  groups: readonly { code: string; name: string; place: string }[],
  quarters: readonly GroupQuarter[],
  start = '14:30',
): EventPlan[] {
  return quarters.flatMap((q) => {
    const days = workdays(q.from, groups.length);
    return groups.map((g, i) => ({
      key: `${g.code}-q${q.quarter}`,
      date: days[i],
      start,
      minutes: 120,
      title: `${groupShortName(g.name)}${q.theme}`,
      kind: q.kind,
      organiser: { type: 'group' as const, code: g.code },
      invite: { groups: [g.code] },
      place: g.place,
      content: q.content,
      outcomes: q.outcomes,
    }));
  });
}

/** A small count between `min` and `max` from one fixed draw. */
export const between = (x: number, min: number, max: number) => min + Math.floor(x * (max - min + 1));
