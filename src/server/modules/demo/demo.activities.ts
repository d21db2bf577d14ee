import { type FinalStatus, finalStatus, newSignInCodes, occurrenceTimes } from '../activities/activities.rules.ts';
import { DEFAULT_KINDS } from '../activities/kinds.service.ts';
import { expandSchedule } from '../stations/schedule.rules.ts';
import type { ActivityRecord } from '../workbook/sections/activities.section.ts';
import type { ActivityKindRecord } from '../workbook/sections/activity-kinds.section.ts';
import type { ActivitySeriesRecord } from '../workbook/sections/activity-series.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { type Draws, type Invitation, type Phase, SOON_DAYS, invitationOf, pendingLeave, ratesOf } from './demo.attendance.ts';
import type { EventPlan, Fate, HeldFigures, KindCode, OrganiserPlan, Selector, SeriesInvite, SeriesPlan, TownYear } from './demo.calendar.types.ts';
import type { Rng } from './demo.random.ts';

/*
 * A demo town's year of activities as workbook records, so they load through the importer with the
 * rest of the town: the default kinds, the recurring series with one occurrence per rule date (the
 * same dates expandSchedule gives the series service), one-off activities, and per activity the
 * invitations with answers, leave and attendance.
 *
 * The as-of date. The activities lie on fixed dates (DEMO_YEAR); what has happened to them is
 * decided against `asOf`, which the seed sets to the clock at seeding: an activity that has ended by
 * then is held and has its attendance, one still to come is planned (answers and a few leave requests
 * within the next three weeks). A fixed as-of date would leave the days between it and the real
 * clock as ended-but-unrecorded activities (everybody absent in the statistics) and would make sign-in
 * codes of "future" activities that are long over. Everything random is drawn before `asOf` is looked
 * at, so the same activities, invitations and codes come out whatever the date; seeded again later, the
 * demo simply shows more of its year as past. Seeded after January 2027 the whole demo year is past:
 * every activity held with its attendance, none coming, and the current month empty until one goes
 * back to 2026 in the calendar, the duty record or the monthly board.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Deputy = NonNullable<WorkbookDocument['deputies']>[number];

/** Who the invitation selectors can pick: serving deputies only, as the invitation service picks them. */
export type Roster = {
  serving: Deputy[];
  presidium: string[];
  groups: Map<string, string[]>;
  leaders: string[];
  speakers: Record<'@chair' | '@vice', string>;
};

export function rosterOf(doc: WorkbookDocument): Roster {
  const serving = (doc.deputies ?? []).filter((d) => d.status === 'serving').sort((a, b) => a.code.localeCompare(b.code));
  const isServing = new Set(serving.map((d) => d.code));
  const seats = (doc.presidium ?? []).filter((p) => p.endDate === null && isServing.has(p.deputy));
  const byCode = new Map(serving.map((d) => [d.code, d]));
  const chair = byCode.get(seats.find((p) => p.position === 'chair')?.deputy ?? '');
  // The full-time vice chair works in the congress office; a village secretary may be a vice chair too.
  const vice = serving.find((d) => /人大.*副主席/.test(d.title));
  return {
    serving,
    presidium: seats.map((p) => p.deputy).sort(),
    groups: new Map((doc.groups ?? []).map((g) => [g.code, g.members.map((m) => m.deputy).filter((c) => isServing.has(c))])),
    leaders: [chair, vice].filter((d): d is Deputy => !!d).map((d) => d.code),
    speakers: { '@chair': chair ? `${chair.title} ${chair.name}` : '镇人大主席', '@vice': vice ? `${vice.title} ${vice.name}` : '镇人大副主席' },
  };
}

/** The serving deputies a selector picks, by code. */
export function invitees(r: Roster, invite: Selector): string[] {
  const codes = (ds: Deputy[]) => ds.map((d) => d.code);
  if ('levels' in invite)
    return codes(r.serving.filter((d) => (invite.levels.includes('town') && d.isTownLevel) || (invite.levels.includes('county') && d.isCountyLevel)));
  if ('presidium' in invite) return r.presidium;
  if ('stations' in invite) return codes(r.serving.filter((d) => d.station !== null && invite.stations.includes(d.station)));
  const set = new Set(invite.groups.flatMap((g) => r.groups.get(g) ?? []));
  return codes(r.serving.filter((d) => set.has(d.code)));
}

/** The series' stored selector, in workbook form; null when each occurrence has its own list (rotation). */
function seriesInvite(r: Roster, invite: SeriesInvite): ActivitySeriesRecord['invite'] {
  const empty = { stations: [], groups: [], levels: [], deputies: [] };
  if ('levels' in invite) return { ...empty, levels: [...invite.levels].sort() };
  if ('stations' in invite) return { ...empty, stations: [...invite.stations].sort() };
  if ('groups' in invite) return { ...empty, groups: [...invite.groups].sort() };
  if ('presidium' in invite) return { ...empty, deputies: r.presidium };
  return null;
}

const organiserOf = (o: OrganiserPlan) => ({ organiserType: o.type, organiser: o.type === 'town' ? null : o.code });

/** One activity to be: a series occurrence or a one-off, before anything has happened to it. */
type Draft = {
  key: string;
  plan: SeriesPlan | EventPlan;
  series: { code: string; date: string; createdAt: number } | null;
  startAt: string;
  endAt: string;
  moved: boolean;
  cancelled: boolean;
  content: string;
  deputies: string[];
};

/** Days between announcing an activity (and inviting) and holding it. */
const LEAD_DAYS: Partial<Record<KindCode, number>> = { training: 14, presidium_meeting: 3, appraisal: 10 };

function occurrences(s: SeriesPlan, code: string, r: Roster, rng: Rng): Draft[] {
  const times = (date: string) => occurrenceTimes(date, s.startTime, s.minutes);
  // A series is set up a few days before its first date and invites its deputies to every occurrence then.
  const createdAt = Date.parse(`${s.fromDate}T10:00:00+08:00`) - 5 * DAY;
  const per = 'rotation' in s.invite ? s.invite.rotation : 0;
  const rota =
    'rotation' in s.invite ? rng.shuffle(invitees(r, { stations: s.organiser.type === 'station' ? [s.organiser.code] : [] })) : invitees(r, s.invite);
  return expandSchedule(s.rule, s.fromDate, s.untilDate).map((date, i) => {
    const change = s.exceptions?.find((e) => e.date === date);
    const moved = change && 'moveTo' in change ? change : null;
    const deputies = per ? Array.from({ length: per }, (_, j) => rota[(i * per + j) % rota.length]).sort() : rota;
    return {
      key: `${s.key}@${date}`,
      plan: s,
      series: { code, date, createdAt },
      ...times(moved ? moved.moveTo : date),
      moved: !!moved,
      cancelled: !!change && 'cancel' in change,
      content: change ? `${s.content}${'cancel' in change ? change.cancel : change.note}` : s.content,
      deputies: [...new Set(deputies)],
    };
  });
}

function oneOff(e: EventPlan, r: Roster, rng: Rng): Draft {
  let deputies: string[];
  if ('delegation' in e.invite) {
    // Led by the chair and the full-time vice chair; the others drawn from every serving deputy.
    const others = r.serving.map((d) => d.code).filter((c) => !r.leaders.includes(c));
    deputies = [...r.leaders, ...rng.shuffle(others).slice(0, Math.max(0, e.invite.delegation - r.leaders.length))].sort();
  } else deputies = invitees(r, e.invite);
  return { key: e.key, plan: e, series: null, ...occurrenceTimes(e.date, e.start, e.minutes), moved: false, cancelled: false, content: e.content, deputies };
}

export type DemoActivities = {
  activityKinds: ActivityKindRecord[];
  activitySeries: ActivitySeriesRecord[];
  activities: ActivityRecord[];
};

/**
 * The town's kinds, series and activities for its year plan. `rng` is the town's own generator (so
 * the people of the towns stay as they were before the demo had activities); `asOf` decides what has
 * happened (see the note at the top).
 */
export function buildActivities(doc: WorkbookDocument, year: TownYear, rng: Rng, asOf: Date): DemoActivities {
  const r = rosterOf(doc);
  const now = asOf.getTime();
  const activityKinds = DEFAULT_KINDS.map((k, i) => ({ code: k.code, name: k.name, countsAs: k.countsAs, sortOrder: (i + 1) * 10, active: true }));
  const speakersOf = (p: SeriesPlan | EventPlan) => (p.speakers ?? []).map((s) => (s === '@chair' || s === '@vice' ? r.speakers[s] : s));

  const seriesCode = (i: number) => `R${String(i + 1).padStart(3, '0')}`;
  const activitySeries: ActivitySeriesRecord[] = year.series.map((s, i) => ({
    code: seriesCode(i),
    title: s.title,
    kind: s.kind,
    ...organiserOf(s.organiser),
    rule: s.rule,
    startTime: s.startTime,
    durationMinutes: s.minutes,
    fromDate: s.fromDate,
    untilDate: s.untilDate,
    place: s.place,
    content: s.content,
    speakers: speakersOf(s),
    invite: seriesInvite(r, s.invite),
  }));

  // Every draw is made here, in a fixed order and before `asOf` is looked at.
  const drafts = [...year.series.flatMap((s, i) => occurrences(s, seriesCode(i), r, rng)), ...year.events.map((e) => oneOff(e, r, rng))].sort(
    (a, b) => a.startAt.localeCompare(b.startAt) || a.key.localeCompare(b.key),
  );
  const signInCodes = newSignInCodes(drafts.length, new Set(), (max) => rng.int(0, max - 1));
  const drawn = drafts.map((d) => ({
    rates: ratesOf(d.plan.kind, rng.next(), rng.next()),
    x: [rng.next(), rng.next(), rng.next()] as const,
    draws: d.deputies.map(() => [rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next()] as unknown as Draws),
  }));

  const storyDeputy = (year.story && (doc.users ?? []).find((u) => u.username === year.story?.username)?.deputy) || undefined;
  const storyOf = (key: string, deputy: string): Fate | undefined => (deputy === storyDeputy ? year.story?.fates[key] : undefined);

  const activities: ActivityRecord[] = drafts.map((d, i) => {
    const start = Date.parse(d.startAt);
    const end = Date.parse(d.endAt);
    const phase: Phase = d.cancelled ? 'cancelled' : end <= now ? 'past' : start - now <= SOON_DAYS * DAY ? 'soon' : 'later';
    const lead = (LEAD_DAYS[d.plan.kind] ?? 7) * DAY;
    // Invitations of an activity still to come were sent at the latest an hour before the as-of date.
    const sent = Math.min(d.series && !('rotation' in d.plan.invite) ? d.series.createdAt : start - lead, now - HOUR);
    const times = { startAt: d.startAt, endAt: d.endAt, invitedAt: new Date(Math.floor(sent / MINUTE) * MINUTE).toISOString() };
    const { rates, x, draws } = drawn[i];
    const invitations = d.deputies.map((dep, j) => invitationOf(dep, draws[j], rates, times, phase, now, storyOf(d.key, dep)));
    const status = d.cancelled ? 'cancelled' : phase === 'past' ? 'held' : 'planned';
    return {
      code: `A${String(i + 1).padStart(5, '0')}`,
      title: d.plan.title,
      kind: d.plan.kind,
      ...organiserOf(d.plan.organiser),
      startAt: d.startAt,
      endAt: d.endAt,
      place: d.plan.place,
      content: d.content,
      speakers: speakersOf(d.plan),
      outcomes: status === 'held' && d.plan.outcomes ? d.plan.outcomes(figures(invitations, x)) : '',
      status,
      series: d.series?.code ?? null,
      seriesDate: d.series?.date ?? null,
      moved: d.moved,
      // Moved or cancelled on its own: a later edit of the series leaves it as it is.
      detached: d.moved || d.cancelled,
      signInCode: signInCodes[i],
      invitations,
    };
  });
  ensurePendingLeave(activities, drawn, storyDeputy, now);
  return { activityKinds, activitySeries, activities };
}

function figures(invitations: Invitation[], x: readonly [number, number, number]): HeldFigures {
  const final: FinalStatus[] = invitations.map((i) => finalStatus(i));
  const n = (s: FinalStatus) => final.filter((f) => f === s).length;
  return { invited: final.length, attended: n('present') + n('late'), onLeave: n('on_leave'), absent: n('absent'), x };
}

/**
 * The next occurrence of each station's series that has not started carries a pending leave request,
 * so the liaison's approval page has something to decide whatever the date of seeding. The deputy
 * chosen is the one with the lowest first draw (not the demo deputy, whose own page tells a story).
 */
function ensurePendingLeave(activities: ActivityRecord[], drawn: { draws: Draws[] }[], storyDeputy: string | undefined, now: number): void {
  const done = new Set<string>();
  activities.forEach((a, i) => {
    if (a.organiserType !== 'station' || !a.series || a.status !== 'planned' || Date.parse(a.startAt) <= now || done.has(a.series)) return;
    done.add(a.series);
    if (a.invitations.some((v) => v.leaveStatus === 'requested')) return;
    const candidates = a.invitations.map((v, j) => ({ v, j })).filter(({ v }) => v.deputy !== storyDeputy);
    if (!candidates.length) return;
    const { j } = candidates.reduce((best, c) => (drawn[i].draws[c.j][0] < drawn[i].draws[best.j][0] ? c : best));
    a.invitations[j] = pendingLeave(a.invitations[j], drawn[i].draws[j], { startAt: a.startAt, endAt: a.endAt, invitedAt: a.invitations[j].invitedAt }, now);
  });
}
