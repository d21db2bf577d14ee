import { afterEach, describe, expect, it, vi } from 'vitest';
import { finalStatus, occurrenceTimes, signInStatus, signInWindow } from '../activities/activities.rules.ts';
import { expandSchedule } from '../stations/schedule.rules.ts';
import type { ActivityRecord } from '../workbook/sections/activities.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { parseWorkbook } from '../workbook/workbook.import.ts';
import { idNumberInfo, idNumberProblem } from '../roster/deputy.rules.ts';
import { isOverdue } from '../presidium-meetings/presidium-meetings.rules.ts';
import { LEAVE_REASONS } from './demo.attendance.ts';
import { buildDemoCounty } from './demo.generator.ts';

/** The as-of date the activity tests look from: the day the demo's activities were written (noon, China time). */
const AS_OF = new Date('2026-11-28T12:00:00+08:00');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('demo county generator', () => {
  it('is deterministic and never uses Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    expect(buildDemoCounty(undefined, AS_OF)).toEqual(buildDemoCounty(undefined, AS_OF));
  });

  it('produces valid workbooks for two towns of one county', () => {
    const { documents } = buildDemoCounty('scrypt$32768$8$1$c2FsdA==$a2V5');
    expect(documents.map((d) => [d.county.code, d.town.code, d.town.name])).toEqual([
      ['DEMO', 'DEMO01', '青石镇'],
      ['DEMO', 'DEMO02', '白沙镇'],
    ]);
    for (const doc of documents) expect(() => parseWorkbook(doc)).not.toThrow();
    expect(documents[0].users?.every((u) => u.passwordHash === 'scrypt$32768$8$1$c2FsdA==$a2V5')).toBe(true);
    expect(buildDemoCounty().documents[0].users?.some((u) => 'passwordHash' in u)).toBe(false);
  });

  it('town 1 looks like the town of the annual report', () => {
    const doc = buildDemoCounty().documents[0];
    const deputies = doc.deputies ?? [];
    expect(deputies).toHaveLength(79);
    expect(doc.villages?.length).toBeGreaterThanOrEqual(10);
    expect(doc.villages?.some((v) => v.kind === 'community')).toBe(true);

    const county = deputies.filter((d) => d.isCountyLevel);
    expect(county.length).toBeGreaterThanOrEqual(13);
    expect(county.length).toBeLessThanOrEqual(17);
    expect(county.some((d) => d.isTownLevel)).toBe(true);
    expect(county.some((d) => !d.isTownLevel && d.constituency === null)).toBe(true);

    const women = deputies.filter((d) => d.gender === 'female').length / deputies.length;
    expect(women).toBeGreaterThan(0.25);
    expect(women).toBeLessThan(0.35);
    const members = deputies.filter((d) => d.party === '中共党员').length;
    expect(members / deputies.length).toBeGreaterThan(0.5);
    expect(deputies.some((d) => d.party === '群众')).toBe(true);
    expect(deputies.some((d) => d.party === '无党派人士' || d.party.endsWith('盟员') || d.party.endsWith('会员') || d.party.endsWith('社员'))).toBe(true);

    const leavers = deputies.filter((d) => d.status !== 'serving');
    expect(leavers.length).toBeGreaterThanOrEqual(1);
    expect(leavers.length).toBeLessThanOrEqual(2);
    for (const d of leavers) expect(d.statusDate && d.statusReason).toBeTruthy();
    expect(deputies.filter((d) => d.hardship).length).toBeGreaterThanOrEqual(2);

    expect(doc.terms?.find((t) => t.number === 18)?.startDate).toMatch(/^2021-12-/);
    const villagesInConstituencies = new Set(doc.constituencies?.flatMap((c) => c.villages));
    expect(villagesInConstituencies.size).toBe(doc.villages?.length);
    expect(doc.constituencies?.reduce((n, c) => n + c.seats, 0)).toBe(deputies.filter((d) => d.isTownLevel).length);

    expect(doc.stations).toHaveLength(1);
    const studio = doc.stations?.[0];
    expect(studio?.kind).toBe('studio');
    expect(studio?.scheduleRule).toEqual({ type: 'monthly_days', days: [9, 19] });
    expect(studio?.villages).toHaveLength(doc.villages?.length ?? 0);
    expect(deputies.filter((d) => d.status === 'serving').every((d) => d.station === studio?.code)).toBe(true);

    expect(doc.groups?.length).toBeGreaterThanOrEqual(6);
    expect(doc.groups?.length).toBeLessThanOrEqual(8);
    for (const g of doc.groups ?? []) expect(g.members.filter((m) => m.role === 'leader')).toHaveLength(1);

    const positions = (doc.presidium ?? []).map((p) => p.position);
    expect(positions.filter((p) => p === 'chair')).toHaveLength(1);
    expect(positions.filter((p) => p === 'vice_chair')).toHaveLength(2);
    expect(positions.filter((p) => p === 'member').length).toBeGreaterThanOrEqual(4);
    const onPresidium = new Set(doc.presidium?.map((p) => p.deputy));
    const contacted = new Set(doc.presidium?.flatMap((p) => p.liaisons));
    for (const d of deputies) if (d.status === 'serving' && !onPresidium.has(d.code)) expect(contacted.has(d.code), d.code).toBe(true);

    const units = new Set(doc.units?.map((u) => u.name));
    for (const n of ['民政办', '安监站', '财政所', '农业综合服务中心', '自然资源所', '社会事务办', '派出所', '县交通运输局', '县住建局'])
      expect(units.has(n), n).toBe(true);
  });

  it('town 2 is smaller, with a 联络站 and a 代表之家 that meets on the first weekend', () => {
    const doc = buildDemoCounty().documents[1];
    expect(doc.deputies?.length).toBeGreaterThanOrEqual(40);
    expect(doc.deputies?.length).toBeLessThanOrEqual(50);
    expect(doc.stations?.map((s) => s.kind)).toEqual(['station', 'home']);
    expect(doc.stations?.[1].scheduleRule).toEqual({ type: 'first_weekend' });
    for (const s of doc.stations ?? []) expect(s.head).not.toBeNull();
  });

  it('gives every person a valid ID number matching birth date and gender, and unique phones', () => {
    const all = buildDemoCounty().documents.flatMap((d) => d.deputies ?? []);
    for (const d of all) {
      expect(d.idNumber, d.name).not.toBeNull();
      const id = d.idNumber as string;
      expect(idNumberProblem(id), `${d.code} ${id}`).toBeNull();
      expect(idNumberInfo(id)).toEqual({ birthDate: d.birthDate, gender: d.gender });
      expect(d.phone).toMatch(/^138\d{8}$/);
    }
    expect(new Set(all.map((d) => d.idNumber)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.phone)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.name)).size).toBe(all.length);
  });

  it('lists the demo accounts', () => {
    const { accounts, documents } = buildDemoCounty();
    expect(accounts.map((a) => [a.username, a.role, a.townCode])).toEqual([
      ['county', 'county_admin', 'DEMO01'],
      ['admin', 'town_admin', 'DEMO01'],
      ['liaison', 'liaison', 'DEMO01'],
      ['deputy', 'deputy', 'DEMO01'],
      ['handler', 'handler', 'DEMO01'],
      ['admin2', 'town_admin', 'DEMO02'],
    ]);
    const users = documents[0].users ?? [];
    expect(users.find((u) => u.username === 'handler')?.unit).toBe('U01');
    expect(documents[0].units?.find((u) => u.code === 'U01')?.name).toBe('民政办');
    const deputy = users.find((u) => u.username === 'deputy');
    expect(documents[0].deputies?.find((d) => d.code === deputy?.deputy)?.status).toBe('serving');
  });
});

const MINUTE = 60_000;
const ended = (a: ActivityRecord, asOf: Date) => Date.parse(a.endAt) <= asOf.getTime();
const townActivities = (doc: WorkbookDocument) => doc.activities ?? [];
/** What the as-of date decides: the status, the outcomes and what happened to each invitation. */
const plannedShape = (doc: WorkbookDocument) =>
  townActivities(doc).map(({ status: _s, outcomes: _o, invitations, ...a }) => ({ ...a, invited: invitations.map((i) => i.deputy) }));

describe('demo activities', () => {
  const county = buildDemoCounty(undefined, AS_OF);
  const [qingshi, baisha] = county.documents;
  const deputyCode = qingshi.users?.find((u) => u.username === 'deputy')?.deputy as string;

  it('the demo deputy is 周红静 (D035), as the README says: the activities do not disturb the people', () => {
    expect(deputyCode).toBe('D035');
    expect(qingshi.deputies?.find((d) => d.code === deputyCode)?.name).toBe('周红静');
  });

  it('gives each town a year of activities of every usual kind, from January 2026 to January 2027', () => {
    for (const [doc, min, series] of [
      [qingshi, 90, 2],
      [baisha, 60, 3],
    ] as const) {
      const acts = townActivities(doc);
      expect(acts.length, doc.town.name).toBeGreaterThanOrEqual(min);
      expect(doc.activitySeries).toHaveLength(series);
      expect(doc.activityKinds?.map((k) => k.name)).toContain('固定活动日');
      const dates = acts.map((a) => a.startAt).sort();
      expect(dates[0] >= '2025-12-31T16:00:00.000Z' && dates[0] < '2026-01-10').toBe(true);
      expect(dates[dates.length - 1] > '2027-01-15' && dates[dates.length - 1] < '2027-01-31T16:00:00.000Z').toBe(true);
      const kinds = new Set(acts.map((a) => a.kind));
      for (const k of [
        'training',
        'fixed_day',
        'monthly_meeting',
        'presidium_meeting',
        'inspection',
        'research',
        'law_check',
        'safety_check',
        'group',
        'voter_visit',
        'duty_report',
        'care_visit',
        'appraisal',
      ])
        expect(kinds.has(k), `${doc.town.name} ${k}`).toBe(true);
      expect(acts.filter((a) => a.kind === 'training').length).toBeGreaterThanOrEqual(4);
      expect(acts.filter((a) => a.kind === 'presidium_meeting').length).toBeGreaterThanOrEqual(4);
      // Codes in order of time; sign-in codes six digits and unique in the town.
      expect(acts.map((a) => a.code)).toEqual(acts.map((_, i) => `A${String(i + 1).padStart(5, '0')}`));
      expect([...acts].sort((a, b) => a.code.localeCompare(b.code)).map((a) => a.startAt)).toEqual(dates);
      expect(new Set(acts.map((a) => a.signInCode)).size).toBe(acts.length);
      for (const a of acts.filter((x) => x.kind === 'training')) {
        expect(a.speakers.length, a.title).toBeGreaterThan(0);
        expect(a.content.length).toBeGreaterThan(20);
      }
    }
  });

  it('occurrences are those of their series: one per rule date, at the series time unless moved', () => {
    for (const doc of county.documents) {
      for (const s of doc.activitySeries ?? []) {
        const occ = townActivities(doc).filter((a) => a.series === s.code);
        expect(occ.map((a) => a.seriesDate).sort()).toEqual(expandSchedule(s.rule, s.fromDate, s.untilDate));
        for (const a of occ) {
          expect([a.title, a.kind, a.organiserType, a.organiser, a.place]).toEqual([s.title, s.kind, s.organiserType, s.organiser, s.place]);
          const planned = occurrenceTimes(a.seriesDate as string, s.startTime, s.durationMinutes);
          if (a.moved) expect(a.startAt).not.toBe(planned.startAt);
          else expect({ startAt: a.startAt, endAt: a.endAt }).toEqual(planned);
          if (a.moved || a.status === 'cancelled') expect(a.detached).toBe(true);
        }
      }
      expect(
        townActivities(doc)
          .filter((a) => a.series === null)
          .every((a) => a.seriesDate === null && !a.moved),
      ).toBe(true);
    }
    // A holiday moves a reception day; the 代表之家 meets on the first Saturday, every deputy of the station invited.
    expect(townActivities(qingshi).find((a) => a.seriesDate === '2026-02-19')?.startAt).toBe('2026-02-24T01:00:00.000Z');
    const home = baisha.activitySeries?.find((s) => s.organiser === 'S02');
    expect(home?.rule).toEqual({ type: 'monthly_nth_weekday', nth: 1, weekday: 6 });
    expect(home?.invite?.stations).toEqual(['S02']);
    expect(townActivities(baisha).filter((a) => a.status === 'cancelled')).toHaveLength(1);
  });

  it('invites only serving deputies of the town, each once, as the organiser and kind call for', () => {
    for (const doc of county.documents) {
      const serving = new Map((doc.deputies ?? []).filter((d) => d.status === 'serving').map((d) => [d.code, d]));
      const presidium = (doc.presidium ?? []).map((p) => p.deputy).sort();
      for (const a of townActivities(doc)) {
        const codes = a.invitations.map((i) => i.deputy);
        expect(codes.length, a.title).toBeGreaterThan(0);
        expect(new Set(codes).size).toBe(codes.length);
        for (const c of codes) expect(serving.has(c), `${a.code} ${c}`).toBe(true);
        if (a.organiserType === 'station') for (const c of codes) expect(serving.get(c)?.station).toBe(a.organiser);
        if (a.organiserType === 'group') {
          const members = doc.groups?.find((g) => g.code === a.organiser)?.members.map((m) => m.deputy);
          expect(codes.every((c) => members?.includes(c))).toBe(true);
        }
        if (a.kind === 'presidium_meeting') expect([...codes].sort()).toEqual(presidium);
        if (a.kind === 'training') expect(codes).toHaveLength(serving.size);
        if (a.kind === 'monthly_meeting') expect(codes).toHaveLength([...serving.values()].filter((d) => d.isTownLevel).length);
      }
    }
  });

  it('records attendance only for activities that ended before the as-of date, as the sign-in rules allow', () => {
    for (const doc of county.documents) {
      for (const a of townActivities(doc)) {
        const start = Date.parse(a.startAt);
        if (a.status === 'cancelled') {
          expect(a.invitations.every((i) => i.attendance === null && i.signedInAt === null && i.leaveStatus === null)).toBe(true);
          continue;
        }
        expect(a.status, a.code).toBe(ended(a, AS_OF) ? 'held' : 'planned');
        if (!ended(a, AS_OF)) expect(a.outcomes).toBe('');
        for (const i of a.invitations) {
          const at = `${a.code} ${i.deputy}`;
          for (const t of [i.invitedAt, i.respondedAt, i.leaveRequestedAt, i.leaveDecidedAt, i.attendanceAt, i.signedInAt])
            if (t) expect(Date.parse(t), at).toBeLessThanOrEqual(AS_OF.getTime());
          if (i.respondedAt) expect(i.respondedAt >= i.invitedAt && Date.parse(i.respondedAt) <= start).toBe(true);
          if (i.leaveRequestedAt) {
            expect(i.leaveRequestedAt >= i.invitedAt && Date.parse(i.leaveRequestedAt) < start, at).toBe(true);
            // Asking for leave takes back an earlier "accepted".
            expect(i.response).toBe('pending');
          }
          if (i.leaveDecidedAt) expect(i.leaveDecidedAt >= (i.leaveRequestedAt as string) && Date.parse(i.leaveDecidedAt) < start).toBe(true);
          if (!ended(a, AS_OF)) {
            expect([i.attendance, i.attendanceBy, i.attendanceAt, i.signedInAt], at).toEqual([null, null, null, null]);
            expect(i.leaveStatus === null || i.leaveStatus === 'requested' || i.leaveStatus === 'approved').toBe(true);
            continue;
          }
          expect(i.leaveStatus).not.toBe('requested');
          if (i.signedInAt) {
            const w = signInWindow(a);
            expect(i.signedInAt >= w.opensAt && i.signedInAt <= w.closesAt, at).toBe(true);
            expect([i.attendance, i.attendanceBy, i.attendanceAt]).toEqual([signInStatus(a.startAt, i.signedInAt), 'self', i.signedInAt]);
          } else if (i.attendance) {
            expect(i.attendanceBy).toBe('staff');
            expect(Date.parse(i.attendanceAt as string)).toBeGreaterThanOrEqual(Date.parse(a.endAt));
          }
          if (i.attendance === 'on_leave') expect(i.leaveStatus).toBe('approved');
        }
      }
    }
  });

  it('attendance of the held activities is 85–92 %, with leave approved and refused for a reason', () => {
    for (const doc of county.documents) {
      const held = townActivities(doc).filter((a) => a.status === 'held');
      const all = held.flatMap((a) => a.invitations);
      const final = all.map((i) => finalStatus(i));
      const n = (s: string) => final.filter((f) => f === s).length;
      const rate = (n('present') + n('late')) / (final.length - n('on_leave'));
      expect(rate, doc.town.name).toBeGreaterThanOrEqual(0.85);
      expect(rate, doc.town.name).toBeLessThanOrEqual(0.92);
      for (const s of ['late', 'absent', 'on_leave']) expect(n(s), s).toBeGreaterThan(0);
      const refused = all.filter((i) => i.leaveStatus === 'refused');
      expect(refused.length).toBeGreaterThan(0);
      for (const i of all.filter((x) => x.leaveStatus)) expect(i.leaveReason.length > 0 && i.leaveNote.length > 0).toBe(true);
      // A reason fits the season: no flood duty in December, no tea picking in autumn.
      for (const a of townActivities(doc)) {
        const month = Number(new Date(Date.parse(a.startAt) + 8 * 60 * MINUTE).toISOString().slice(5, 7));
        for (const i of a.invitations.filter((x) => x.leaveStatus && x.deputy !== deputyCode)) {
          const months = LEAVE_REASONS.find(([r]) => r === i.leaveReason)?.[1];
          expect(
            LEAVE_REASONS.some(([r]) => r === i.leaveReason),
            i.leaveReason,
          ).toBe(true);
          if (months) expect(months, `${a.code} ${i.leaveReason}`).toContain(month);
        }
      }
      expect(held.filter((a) => a.outcomes).length / held.length).toBeGreaterThan(0.8);
    }
  });

  it("tells 周红静's year: trainings attended, a leave, a refused leave, a late arrival and an absence", () => {
    const mine = townActivities(qingshi).flatMap((a) => a.invitations.filter((i) => i.deputy === deputyCode).map((i) => ({ a, i })));
    const past = mine.filter(({ a }) => a.status === 'held').map(({ a, i }) => ({ kind: a.kind, i, final: finalStatus(i) }));
    expect(past.filter((x) => x.kind === 'training' && (x.final === 'present' || x.final === 'late')).length).toBeGreaterThanOrEqual(4);
    for (const s of ['present', 'late', 'on_leave', 'absent'])
      expect(
        past.some((x) => x.final === s),
        s,
      ).toBe(true);
    expect(past.some((x) => x.i.leaveStatus === 'refused')).toBe(true);
    expect(new Set(past.map((x) => x.kind)).size).toBeGreaterThanOrEqual(5);
    // Coming: the next training is confirmed.
    expect(mine.some(({ a, i }) => a.status === 'planned' && a.kind === 'training' && i.response === 'accepted')).toBe(true);
  });

  it("the liaison's station has coming activities with a pending leave request", () => {
    const studio = qingshi.users?.find((u) => u.username === 'liaison')?.station;
    const coming = townActivities(qingshi).filter((a) => a.status === 'planned' && a.organiser === studio && Date.parse(a.startAt) > AS_OF.getTime());
    expect(coming.length).toBeGreaterThan(0);
    expect(coming.some((a) => a.invitations.some((i) => i.leaveStatus === 'requested'))).toBe(true);
    // Also something for the deputies to answer: some have confirmed.
    const soon = townActivities(qingshi).filter((a) => a.status === 'planned' && Date.parse(a.startAt) - AS_OF.getTime() < 14 * 24 * 60 * MINUTE);
    expect(soon.flatMap((a) => a.invitations).some((i) => i.response === 'accepted')).toBe(true);
  });

  it('the same activities and invitations whatever the as-of date; only what has happened differs', () => {
    for (const asOf of [new Date('2026-03-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z')]) {
      const other = buildDemoCounty(undefined, asOf).documents;
      other.forEach((doc, t) => {
        expect(plannedShape(doc)).toEqual(plannedShape(county.documents[t]));
        expect(doc.deputies).toEqual(county.documents[t].deputies);
      });
    }
  });

  it('seeded before the year every activity is planned; seeded after it every one is over, with attendance', () => {
    for (const doc of buildDemoCounty(undefined, new Date('2025-12-01T00:00:00Z')).documents) {
      const acts = townActivities(doc);
      expect(acts.every((a) => a.status === 'planned' || a.status === 'cancelled')).toBe(true);
      // Nothing has happened yet: no answers, no attendance; only the one leave request each station's next day always has.
      const invitations = acts.flatMap((a) => a.invitations);
      expect(invitations.every((i) => i.attendance === null && i.response === 'pending' && i.leaveStatus !== 'approved')).toBe(true);
      expect(invitations.filter((i) => i.leaveStatus === 'requested')).toHaveLength(doc.stations?.length ?? 0);
    }
    for (const doc of buildDemoCounty(undefined, new Date('2028-06-01T00:00:00Z')).documents) {
      const acts = townActivities(doc);
      expect(acts.every((a) => a.status === 'held' || a.status === 'cancelled')).toBe(true);
      expect(acts.flatMap((a) => a.invitations).some((i) => i.leaveStatus === 'requested')).toBe(false);
    }
  });
});

/** The China calendar day of an instant. */
const chinaDay = (d: Date | string) => new Date(Date.parse(typeof d === 'string' ? d : d.toISOString()) + 8 * 60 * MINUTE).toISOString().slice(0, 10);
const meetingsOf = (doc: WorkbookDocument) => doc.presidiumMeetings ?? [];
const documentsOf = (doc: WorkbookDocument) => doc.documents ?? [];
const topicsOf = (doc: WorkbookDocument) => doc.researchTopics ?? [];
/** What the seeding moment does not decide: which records there are, linked to what, sent to whom, worked on by whom. */
const recordsShape = (doc: WorkbookDocument) => ({
  meetings: meetingsOf(doc).map((m) => [m.code, m.ordinal, m.date, m.activity, m.title, m.agenda.map((a) => [a.title, a.presenter])]),
  documents: documentsOf(doc).map((d) => [d.code, d.title, d.activity]),
  topics: topicsOf(doc).map((t) => [t.code, t.title, t.dueDate]),
});

describe('demo presidium meetings, documents and research topics', () => {
  const county = buildDemoCounty(undefined, AS_OF);
  const [qingshi] = county.documents;
  const deputyCode = qingshi.users?.find((u) => u.username === 'deputy')?.deputy as string;
  const today = chinaDay(AS_OF);

  it('one meeting per presidium-meeting activity, held exactly when its activity is, numbered on in the term', () => {
    for (const doc of county.documents) {
      const acts = new Map(townActivities(doc).map((a) => [a.code, a]));
      const presidiumActs = townActivities(doc).filter((a) => a.kind === 'presidium_meeting');
      const meetings = meetingsOf(doc);
      expect(meetings.map((m) => m.activity).sort()).toEqual(presidiumActs.map((a) => a.code).sort());
      const ordinals = meetings.map((m) => m.ordinal);
      expect(ordinals).toEqual(ordinals.map((_, i) => ordinals[0] + i));
      expect(meetings.map((m) => m.code)).toEqual(meetings.map((_, i) => `M${String(i + 1).padStart(3, '0')}`));
      const presidium = new Set((doc.presidium ?? []).map((p) => p.deputy));
      const units = new Set((doc.units ?? []).map((u) => u.code));
      for (const m of meetings) {
        const a = acts.get(m.activity as string) as ActivityRecord;
        expect(m.date, m.code).toBe(chinaDay(a.startAt));
        expect(m.status, m.code).toBe(a.status === 'held' ? 'held' : 'planned');
        expect(m.agenda.length).toBeGreaterThanOrEqual(2);
        if (m.status === 'planned') {
          expect([m.minutes, m.decisions, m.agenda.map((x) => x.notes).join('')]).toEqual(['', [], '']);
          continue;
        }
        // The minutes say who presided and record the agenda and every decision.
        expect(m.minutes).toContain(m.presider.replace(' ', ''));
        for (const x of m.agenda) expect(m.minutes).toContain(x.title);
        for (const d of m.decisions) expect(m.minutes).toContain(d.content);
        expect(m.decisions.length, m.code).toBeGreaterThan(0);
        // Who was there comes from the activity's attendance.
        const absentees = a.invitations.filter((i) => finalStatus(i) === 'on_leave').map((i) => doc.deputies?.find((d) => d.code === i.deputy)?.name);
        for (const n of absentees) expect(m.attendees).toMatch(new RegExp(`请假：[^；]*${n}`));
        for (const d of m.decisions) {
          const at = `${m.code}-${d.seq}`;
          if (d.ownerType === 'deputy') expect(presidium.has(d.owner), at).toBe(true);
          if (d.ownerType === 'unit') expect(units.has(d.owner), at).toBe(true);
          expect(d.dueDate >= m.date, at).toBe(true);
          for (const p of d.progress) {
            expect(p.date >= m.date && p.date <= today, at).toBe(true);
            expect(Date.parse(p.at)).toBeLessThanOrEqual(AS_OF.getTime());
            expect(chinaDay(p.at)).toBe(p.date);
          }
          if (d.status === 'done') expect((d.doneDate as string) >= m.date && (d.doneDate as string) <= today && d.result.length > 0, at).toBe(true);
          else expect([d.doneDate, d.status === 'in_progress' ? d.progress.length > 0 : d.progress.length === 0], at).toEqual([null, true]);
        }
      }
    }
  });

  it('as of late November 2026: decisions done, in progress and open, and one or two overdue in each town', () => {
    for (const [doc, overdue] of [
      [county.documents[0], 2],
      [county.documents[1], 1],
    ] as const) {
      const decisions = meetingsOf(doc).flatMap((m) => m.decisions);
      const statuses = new Set(decisions.map((d) => d.status));
      for (const s of ['done', 'in_progress']) expect(statuses.has(s as never), `${doc.town.name} ${s}`).toBe(true);
      expect(
        decisions.filter((d) => isOverdue(d, today)),
        doc.town.name,
      ).toHaveLength(overdue);
      expect(decisions.filter((d) => d.status === 'done').length / decisions.length).toBeGreaterThan(0.6);
      expect(decisions.some((d) => d.ownerType === 'unit') && decisions.some((d) => d.ownerType === 'deputy')).toBe(true);
    }
    expect(
      meetingsOf(qingshi)
        .flatMap((m) => m.decisions)
        .some((d) => d.status === 'open'),
    ).toBe(true);
  });

  it('documents: 6–10 a town of every category, sent to serving deputies of the town, some linked to their training or meeting', () => {
    for (const doc of county.documents) {
      const docs = documentsOf(doc);
      expect(docs.length, doc.town.name).toBeGreaterThanOrEqual(6);
      expect(docs.length).toBeLessThanOrEqual(10);
      expect(new Set(docs.map((d) => d.category))).toEqual(new Set(['presidium', 'study', 'meeting', 'notice']));
      const serving = new Set((doc.deputies ?? []).filter((d) => d.status === 'serving').map((d) => d.code));
      const acts = new Map(townActivities(doc).map((a) => [a.code, a]));
      for (const d of docs) {
        for (const r of d.recipients) expect(serving.has(r.deputy), `${d.code} ${r.deputy}`).toBe(true);
        if (d.category === 'study' && d.activity) expect(acts.get(d.activity)?.kind).toBe('training');
        if (d.status === 'sent') expect(d.recipients.length, d.code).toBeGreaterThan(0);
      }
      expect(docs.filter((d) => d.activity).length).toBeGreaterThanOrEqual(4);
      // Sent to the presidium only, and to one station's or group's deputies only.
      expect(docs.some((d) => d.status === 'sent' && d.recipients.length === doc.presidium?.length)).toBe(true);
      expect(docs.some((d) => d.status === 'sent' && d.recipients.length < serving.size / 2 && d.recipients.length > (doc.presidium?.length ?? 0))).toBe(true);
    }
  });

  it('read receipts: after the sending and before the seeding moment, 80–95 % read, unread ones reminded', () => {
    for (const doc of county.documents) {
      const sent = documentsOf(doc).filter((d) => d.status === 'sent');
      for (const d of sent) {
        expect(d.sentAt && Date.parse(d.sentAt) <= AS_OF.getTime()).toBe(true);
        for (const r of d.recipients) {
          const at = `${d.code} ${r.deputy}`;
          expect(r.sentAt).toBe(d.sentAt);
          for (const t of [r.firstReadAt, r.lastReadAt, r.lastRemindedAt])
            if (t) expect(t > (d.sentAt as string) && Date.parse(t) <= AS_OF.getTime(), at).toBe(true);
          if (r.firstReadAt) expect((r.lastReadAt as string) >= r.firstReadAt && r.readCount >= 1, at).toBe(true);
          else expect([r.lastReadAt, r.readCount], at).toEqual([null, 0]);
          // A reminder reaches only who had not opened the document by then.
          if (r.lastRemindedAt && r.firstReadAt) expect(r.firstReadAt > r.lastRemindedAt, at).toBe(true);
          expect(r.remindedCount > 0).toBe(r.lastRemindedAt !== null);
        }
      }
      // Documents out for more than three weeks: most have read them.
      const settled = sent.filter((d) => Date.parse(d.sentAt as string) < AS_OF.getTime() - 21 * 24 * 60 * MINUTE).flatMap((d) => d.recipients);
      const rate = settled.filter((r) => r.firstReadAt).length / settled.length;
      expect(rate, doc.town.name).toBeGreaterThanOrEqual(0.8);
      expect(rate, doc.town.name).toBeLessThanOrEqual(0.95);
      const reminded = sent.flatMap((d) => d.recipients).filter((r) => r.remindedCount > 0);
      expect(reminded.length).toBeGreaterThan(0);
      expect(reminded.some((r) => r.firstReadAt) && reminded.some((r) => !r.firstReadAt)).toBe(true);
    }
    // The material of the coming training is still a draft a few days before it goes out.
    expect(
      documentsOf(qingshi)
        .filter((d) => d.status === 'draft')
        .map((d) => [d.recipients.length, d.sentAt]),
    ).toEqual([[0, null]]);
  });

  it('周红静 has read documents and one unread that she was reminded of', () => {
    const mine = documentsOf(qingshi).flatMap((d) => d.recipients.filter((r) => r.deputy === deputyCode).map((r) => ({ d, r })));
    expect(mine.filter(({ r }) => r.firstReadAt).length).toBeGreaterThanOrEqual(2);
    const unread = mine.filter(({ r }) => !r.firstReadAt);
    expect(unread).toHaveLength(1);
    expect(unread[0].r.remindedCount).toBeGreaterThan(0);
    expect(unread[0].d.category).toBe('presidium');
  });

  it('research topics: 3–5 a town for 2026, graded, awaiting a grade, being worked on or overdue, and open', () => {
    for (const doc of county.documents) {
      const topics = topicsOf(doc);
      expect(topics.length, doc.town.name).toBeGreaterThanOrEqual(3);
      expect(topics.length).toBeLessThanOrEqual(5);
      expect(topics.every((t) => t.year === 2026)).toBe(true);
      const n = (s: string) => topics.filter((t) => t.status === s).length;
      expect(n('graded'), doc.town.name).toBeGreaterThanOrEqual(1);
      expect(n('submitted')).toBe(1);
      expect(n('claimed')).toBeGreaterThanOrEqual(1);
      expect(n('open')).toBe(1);
      const serving = new Set((doc.deputies ?? []).filter((d) => d.status === 'serving').map((d) => d.code));
      const acts = new Map(townActivities(doc).map((a) => [a.code, a]));
      for (const t of topics) {
        for (const at of [t.claimedAt, t.submittedAt, t.gradedAt]) if (at) expect(Date.parse(at)).toBeLessThanOrEqual(AS_OF.getTime());
        if (t.status === 'open') {
          expect([t.claimant, t.members, t.activities]).toEqual([null, [], []]);
          continue;
        }
        expect(
          t.members.filter((m) => m.role === 'lead'),
          t.code,
        ).toHaveLength(1);
        const pool =
          t.claimantType === 'station'
            ? (doc.deputies ?? []).filter((d) => d.station === t.claimant).map((d) => d.code)
            : (doc.groups?.find((g) => g.code === t.claimant)?.members.map((m) => m.deputy) ?? []);
        for (const m of t.members) expect(serving.has(m.deputy) && pool.includes(m.deputy), `${t.code} ${m.deputy}`).toBe(true);
        for (const a of t.activities) expect(acts.get(a)?.kind).toBe('research');
        if (t.status === 'submitted' || t.status === 'graded') expect(t.reportSummary.length).toBeGreaterThan(0);
      }
    }
    const grades = county.documents.flatMap((d) => topicsOf(d).map((t) => t.grade)).filter(Boolean);
    expect(new Set(grades)).toEqual(new Set(['excellent', 'good', 'pass']));
    // One claimed topic is overdue in 青石镇, a report came late in 白沙镇.
    expect(topicsOf(qingshi).some((t) => t.status === 'claimed' && t.dueDate < today)).toBe(true);
    const late = topicsOf(county.documents[1]).find((t) => t.status === 'submitted');
    expect(chinaDay(late?.submittedAt as string) > (late?.dueDate as string)).toBe(true);
  });

  it('周红静 works on one research topic of her group', () => {
    const hers = topicsOf(qingshi).filter((t) => t.members.some((m) => m.deputy === deputyCode));
    expect(hers).toHaveLength(1);
    const group = qingshi.groups?.find((g) => g.code === hers[0].claimant);
    expect(group?.members.some((m) => m.deputy === deputyCode)).toBe(true);
  });

  it('the same meetings, documents and topics whatever the seeding moment; only how far they got differs', () => {
    const later = buildDemoCounty(undefined, new Date('2030-01-01T00:00:00Z')).documents;
    const earlier = buildDemoCounty(undefined, new Date('2026-03-01T00:00:00Z')).documents;
    later.forEach((doc, t) => {
      const now = county.documents[t];
      expect(recordsShape(doc).meetings).toEqual(recordsShape(now).meetings);
      // Documents and topics appear as they are written and published; those of the seeding moment are all there later.
      expect(recordsShape(doc).documents.slice(0, recordsShape(now).documents.length)).toEqual(recordsShape(now).documents);
      expect(recordsShape(doc).topics).toEqual(recordsShape(now).topics);
      // Who got a document and who works on a topic does not depend on the moment.
      for (const d of documentsOf(now).filter((x) => x.status === 'sent'))
        expect(
          documentsOf(doc)
            .find((x) => x.code === d.code)
            ?.recipients.map((r) => r.deputy),
        ).toEqual(d.recipients.map((r) => r.deputy));
      for (const x of topicsOf(now).filter((y) => y.status !== 'open')) expect(topicsOf(doc).find((y) => y.code === x.code)?.members).toEqual(x.members);
      // Seeded after the year: every decision closed, every document sent, every claimed topic graded.
      expect(meetingsOf(doc).every((m) => m.status === 'held' && m.decisions.every((d) => d.status === 'done' || d.status === 'cancelled'))).toBe(true);
      expect(documentsOf(doc).every((d) => d.status === 'sent')).toBe(true);
      expect(topicsOf(doc).every((x) => x.status === 'graded' || x.status === 'open')).toBe(true);
    });
    earlier.forEach((doc, t) => {
      // 1 March 2026: January's meeting held, no report in, only the first documents out.
      expect(documentsOf(doc).length).toBeLessThan(documentsOf(county.documents[t]).length);
      expect(topicsOf(doc).filter((x) => x.status !== 'open')).toEqual([]);
      expect(meetingsOf(doc).filter((m) => m.status === 'held').length).toBeGreaterThanOrEqual(1);
    });
    for (const doc of buildDemoCounty(undefined, new Date('2025-12-01T00:00:00Z')).documents) {
      expect([documentsOf(doc), topicsOf(doc)]).toEqual([[], []]);
      expect(meetingsOf(doc).every((m) => m.status === 'planned')).toBe(true);
    }
  });
});
