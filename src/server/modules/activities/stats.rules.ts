import { attendanceRate, chinaDateOf } from './activities.rules.ts';

/*
 * The report figures that are sums of the per-activity rows the statistics query already returns:
 * activities by month (stacked by kind) and the training topics. Counts are additive, so summing
 * activity rows gives the same numbers a second grouped query would, and the month of an activity is
 * the China month of its start (as in the duty record), which needs no dialect-specific SQL.
 */

export type Counts = { invited: number; present: number; late: number; onLeave: number; absent: number };
export type ActivityCounts = Counts & { activityId: string; title: string; startAt: string; kindId: string; kindName: string; countsAs: string };

/** Person-times (人次) of attendance: every present or late deputy at every activity. */
export const attendedOf = (c: Pick<Counts, 'present' | 'late'>) => c.present + c.late;

/** The months YYYY-MM from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const zero = (): Counts => ({ invited: 0, present: 0, late: 0, onLeave: 0, absent: 0 });
const add = (a: Counts, b: Counts) => {
  a.invited += b.invited;
  a.present += b.present;
  a.late += b.late;
  a.onLeave += b.onLeave;
  a.absent += b.absent;
};

export type MonthRow = Counts & {
  month: string;
  activities: number;
  attended: number;
  rate: number | null;
  /** Activities of the month per kind, in the order the kinds were first met (the rows come by start). */
  kinds: { kindId: string; kindName: string; activities: number }[];
};

/** Every month of the range, empty ones included (a chart shows the gap), with its activities by kind. */
export function byMonth(rows: readonly ActivityCounts[], from: string, to: string): MonthRow[] {
  const months = new Map(monthsBetween(from, to).map((m) => [m, { counts: zero(), activities: 0, kinds: new Map<string, { kindId: string; kindName: string; activities: number }>() }]));
  for (const r of rows) {
    const acc = months.get(chinaDateOf(r.startAt).slice(0, 7));
    if (!acc) continue;
    acc.activities += 1;
    add(acc.counts, r);
    const k = acc.kinds.get(r.kindId) ?? { kindId: r.kindId, kindName: r.kindName, activities: 0 };
    k.activities += 1;
    acc.kinds.set(r.kindId, k);
  }
  return [...months].map(([month, acc]) => ({
    month,
    activities: acc.activities,
    ...acc.counts,
    attended: attendedOf(acc.counts),
    rate: attendanceRate(acc.counts),
    kinds: [...acc.kinds.values()],
  }));
}

export type TrainingTopic = Counts & { activityId: string; title: string; date: string; kindName: string; attended: number; rate: number | null };

/** The trainings held (kinds counted as training), in date order, with the person-times each drew. */
export function trainingTopics(rows: readonly ActivityCounts[]): TrainingTopic[] {
  return rows
    .filter((r) => r.countsAs === 'training')
    .map((r) => ({
      activityId: r.activityId,
      title: r.title,
      date: chinaDateOf(r.startAt),
      kindName: r.kindName,
      invited: r.invited,
      present: r.present,
      late: r.late,
      onLeave: r.onLeave,
      absent: r.absent,
      attended: attendedOf(r),
      rate: attendanceRate(r),
    }));
}
