import { describe, expect, it } from 'vitest';
import { type ActivityCounts, byMonth, monthsBetween, trainingTopics } from './stats.rules.ts';

const row = (over: Partial<ActivityCounts> & { startAt: string }): ActivityCounts => ({
  activityId: over.startAt,
  title: 'x',
  kindId: 'k1',
  kindName: '培训学习',
  countsAs: 'training',
  invited: 0,
  present: 0,
  late: 0,
  onLeave: 0,
  absent: 0,
  ...over,
});

describe('monthsBetween', () => {
  it('lists every month, across a year end, both ends included', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2025-03-01', '2025-03-31')).toEqual(['2025-03']);
  });
});

describe('byMonth', () => {
  it('places an activity in the China month of its start and sums the counts', () => {
    const rows = [
      row({ startAt: '2025-01-31T16:30:00.000Z', invited: 2, present: 1, late: 1 }), // Feb 1st 00:30 China
      row({ startAt: '2025-02-10T01:00:00.000Z', kindId: 'k2', kindName: '视察', countsAs: 'inspection', invited: 3, absent: 2, onLeave: 1 }),
      row({ startAt: '2025-02-20T01:00:00.000Z', invited: 1, present: 1 }),
    ];
    const months = byMonth(rows, '2025-01-01', '2025-03-31');
    expect(months.map((m) => [m.month, m.activities, m.invited, m.attended, m.rate])).toEqual([
      ['2025-01', 0, 0, 0, null],
      ['2025-02', 3, 6, 3, 0.6],
      ['2025-03', 0, 0, 0, null],
    ]);
    expect(months[1].kinds).toEqual([
      { kindId: 'k1', kindName: '培训学习', activities: 2 },
      { kindId: 'k2', kindName: '视察', activities: 1 },
    ]);
  });

  it('leaves out rows outside the months of the range', () => {
    expect(byMonth([row({ startAt: '2024-12-31T15:59:00.000Z' })], '2025-01-01', '2025-01-31')[0].activities).toBe(0);
  });
});

describe('trainingTopics', () => {
  it('keeps trainings only, with the China date and person-times (present + late)', () => {
    const topics = trainingTopics([
      row({ startAt: '2025-03-31T15:30:00.000Z', title: '代表法', invited: 4, present: 2, late: 1, onLeave: 1 }),
      row({ startAt: '2025-04-02T01:00:00.000Z', countsAs: 'meeting', title: '例会' }),
    ]);
    expect(topics).toEqual([
      { activityId: '2025-03-31T15:30:00.000Z', title: '代表法', date: '2025-03-31', kindName: '培训学习', invited: 4, present: 2, late: 1, onLeave: 1, absent: 0, attended: 3, rate: 1 },
    ]);
  });
});
