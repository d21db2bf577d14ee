import { finalStatus } from '../activities/activities.rules.ts';
import type { ActivityRecord } from '../workbook/sections/activities.section.ts';
import type { PresidiumMeetingRecord } from '../workbook/sections/presidium-meetings.section.ts';
import type { Rng } from './demo.random.ts';
import { type RecordsCtx, chinaDay, chineseDate, chineseNumber, dayAt, utc } from './demo.records.context.ts';
import type { DecisionPlan, MeetingPlan, TownRecordsPlan } from './demo.records.types.ts';

/*
 * The town's presidium meetings, one per presidium-meeting activity of its calendar and linked to it
 * (the activity holds invitations, leave and sign-in). A meeting is held when its activity is (it
 * ended before the seeding moment); only then does it have minutes, agenda results and decisions.
 * A decision's progress notes, its completion or cancellation are fixed days of the plan: each shows
 * once its day (at a drawn time of day) has come, so a decision is open, in progress, done or
 * cancelled as of the seeding moment, and overdue when its due day passed before it was done. Seeded
 * after the plan's last day every decision is done or cancelled; the minutes stay as they are.
 */

type Decision = PresidiumMeetingRecord['decisions'][number];

const clock = (iso: string) => {
  const ms = Date.parse(iso) + 8 * 3_600_000;
  return new Date(ms).toISOString().slice(11, 16);
};
const spoken = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return `${h < 12 ? '上午' : '下午'}${h <= 12 ? h : h - 12}:${String(m).padStart(2, '0')}`;
};
const NUMBERED = (i: number) => `${chineseNumber(i + 1)}、`;
/** '镇人大主席 杨秀容' as prose: '镇人大主席杨秀容'. */
const prose = (s: string) => s.replace(' ', '');

/** The draws of one decision: a time of day per progress note, and one for its closing. */
type DecisionDraws = { notes: number[]; close: number };

function decisionAsOf(cx: RecordsCtx, d: DecisionPlan, seq: number, u: DecisionDraws): Decision {
  const progress = d.progress
    .map(([day, note], k) => ({ day, note, at: dayAt(day, u.notes[k], 9, 15) }))
    .filter((p) => p.at <= cx.now)
    .map((p) => ({ date: p.day, note: p.note, by: cx.admin.username, byName: cx.admin.name, at: utc(p.at) }));
  const closed = d.done ?? d.cancelled;
  const closedNow = closed && dayAt(closed[0], u.close, 15, 18) <= cx.now;
  const { ownerType, owner } = cx.ref(d.owner);
  const base = { seq, content: d.content, ownerType, owner, dueDate: d.due, progress };
  if (closedNow && d.done) return { ...base, status: 'done', doneDate: d.done[0], result: d.done[1] };
  if (closedNow && d.cancelled) return { ...base, status: 'cancelled', doneDate: null, result: d.cancelled[1] };
  return { ...base, status: progress.length ? 'in_progress' : 'open', doneDate: null, result: '' };
}

/** 出席 / 请假 / 缺席 of a held meeting from its activity's attendance; 应出席 for a coming one. */
function attendeesOf(cx: RecordsCtx, m: MeetingPlan, held: boolean, invitations: ActivityRecord['invitations']) {
  const names = (codes: string[]) => codes.map((c) => cx.deputy(c).name).join('、');
  const guests = [
    ...new Set(
      m.agenda
        .map((a) => a.presenter)
        .filter((p) => p.startsWith('@unit:') || p.startsWith('@title:'))
        .map(cx.text),
    ),
    '镇人大办公室工作人员',
  ];
  const by = (s: string[]) => (held ? invitations.filter((i) => s.includes(finalStatus(i))).map((i) => i.deputy) : []);
  const present = by(['present', 'late']);
  const onLeave = by(['on_leave']);
  const absent = by(['absent']);
  const text = held
    ? [`出席：${names(present)}`, `请假：${names(onLeave)}`, `缺席：${names(absent)}`, `列席：${guests.join('、')}`].filter((x) => !x.endsWith('：')).join('；')
    : `应出席：${names(invitations.map((i) => i.deputy))}（主席团成员 ${invitations.length} 人）`;
  return { text, present, onLeave, absent, guests, names };
}

type Attendance = ReturnType<typeof attendeesOf>;

function minutesOf(
  cx: RecordsCtx,
  m: MeetingPlan,
  r: Omit<PresidiumMeetingRecord, 'minutes'>,
  { present, onLeave, absent, guests, names }: Attendance,
): string {
  const town = cx.doc.town.name;
  const term = chineseNumber(r.term);
  const n = chineseNumber(r.ordinal);
  const owner = (d: Decision) =>
    d.ownerType === 'deputy' ? cx.deputy(d.owner).name : d.ownerType === 'unit' ? (cx.doc.units ?? []).find((u) => u.code === d.owner)?.name : d.owner;
  const away = [onLeave.length ? `${names(onLeave)}请假` : '', absent.length ? `${names(absent)}缺席` : ''].filter(Boolean).join('，');
  return [
    `${town}第${term}届人民代表大会主席团第${n}次会议纪要`,
    '',
    `${chineseDate(r.date)}${spoken(r.startTime ?? '09:00')}，${town}人大主席团在${r.place}召开第${term}届主席团第${n}次会议。会议由${prose(r.presider)}主持，应到主席团成员 ${present.length + onLeave.length + absent.length} 人，实到 ${present.length} 人${away ? `（${away}）` : ''}。${guests.map(prose).join('、')}列席会议。`,
    '',
    '会议听取和审议了以下事项：',
    ...m.agenda.map((a, i) => `${NUMBERED(i)}${a.title}。${prose(cx.text(a.presenter))}作说明。${a.result}`),
    ...(r.decisions.length
      ? ['', '会议议定：', ...r.decisions.map((d, i) => `（${chineseNumber(i + 1)}）${d.content}（责任：${owner(d)}；完成时限：${chineseDate(d.dueDate)}）`)]
      : []),
    ...(m.closing ? ['', m.closing] : []),
  ].join('\n');
}

export function buildMeetings(cx: RecordsCtx, plan: TownRecordsPlan, rng: Rng): PresidiumMeetingRecord[] {
  // Every draw first, in plan order, before the seeding moment is looked at.
  const draws = plan.meetings.map((m) => m.decisions.map((d) => ({ notes: d.progress.map(() => rng.next()), close: rng.next() })));
  const term = (cx.doc.terms ?? []).at(-1)?.number ?? 18;
  return plan.meetings.map((m, i) => {
    const a = cx.activity(m.activity);
    const held = a.status === 'held';
    const attendance = attendeesOf(cx, m, held, a.invitations);
    const record: Omit<PresidiumMeetingRecord, 'minutes'> = {
      code: `M${String(i + 1).padStart(3, '0')}`,
      term,
      ordinal: plan.firstOrdinal + i,
      title: m.title,
      date: chinaDay(Date.parse(a.startAt)),
      startTime: clock(a.startAt),
      endTime: clock(a.endAt),
      place: a.place,
      presider: cx.text('@chair'),
      attendees: attendance.text,
      status: held ? 'held' : 'planned',
      activity: a.code,
      agenda: m.agenda.map((x) => ({ title: x.title, presenter: cx.text(x.presenter), notes: held ? x.result : '' })),
      decisions: held ? m.decisions.map((d, j) => decisionAsOf(cx, d, j + 1, draws[i][j])) : [],
    };
    return { ...record, minutes: held ? minutesOf(cx, m, record, attendance) : '' };
  });
}
