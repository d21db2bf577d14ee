import { describe, expect, it } from 'vitest';
import { DIGEST_KIND, planReminders, reminderKind } from './reminders.rules.ts';

const today = '2026-11-28';

describe('reminderKind', () => {
  it('overdue after the due day, due soon within the window (the day itself included), else nothing', () => {
    expect(reminderKind('2026-11-27', today, 14)).toEqual({ kind: 'suggestion_overdue', daysLeft: -1 });
    expect(reminderKind('2026-11-28', today, 14)).toEqual({ kind: 'suggestion_due_soon', daysLeft: 0 });
    expect(reminderKind('2026-12-12', today, 14)).toEqual({ kind: 'suggestion_due_soon', daysLeft: 14 });
    expect(reminderKind('2026-12-13', today, 14)).toBeNull();
    expect(reminderKind('2026-12-01', today, 2)).toBeNull();
  });
});

describe('planReminders', () => {
  const items = [
    { id: 's1', townId: 'A', code: '2026-001', title: '修路灯', dueDate: '2026-11-20', leadUnitId: 'u1' },
    { id: 's2', townId: 'A', code: '2026-002', title: '修桥', dueDate: '2026-12-01', leadUnitId: 'u1' },
    { id: 's3', townId: 'A', code: '2026-003', title: '远期', dueDate: '2027-02-01', leadUnitId: 'u2' },
    { id: 's4', townId: 'B', code: '2026-001', title: '乙镇', dueDate: '2026-11-28', leadUnitId: null },
  ];
  const who = {
    handlersByUnit: new Map([
      ['u1', ['h1', 'h2']],
      ['u2', ['h3']],
    ]),
    adminsByTown: new Map([
      ['A', ['a1']],
      ['B', ['b1']],
    ]),
    soonDaysByTown: new Map([['B', 1]]),
  };
  const rows = planReminders(items, today, who);

  it('reminds every handler of the lead office once per item, with a key of the item and the day', () => {
    const handler = rows.filter((r) => r.kind !== DIGEST_KIND);
    expect(handler.map((r) => [r.userId, r.entityId, r.kind, r.dedupeKey])).toEqual([
      ['h1', 's1', 'suggestion_overdue', 'remind:s1:2026-11-28'],
      ['h2', 's1', 'suggestion_overdue', 'remind:s1:2026-11-28'],
      ['h1', 's2', 'suggestion_due_soon', 'remind:s2:2026-11-28'],
      ['h2', 's2', 'suggestion_due_soon', 'remind:s2:2026-11-28'],
    ]);
    expect(handler[0]).toMatchObject({ townId: 'A', title: '建议 2026-001 已逾期 8 天（答复期限 2026-11-20）', body: '修路灯', link: '/suggestions/s1' });
    expect(handler[2].title).toBe('建议 2026-002 将于 3 天后到期（2026-12-01）');
  });

  it('gives each town administrator one summary a day, within the town’s own window', () => {
    const digests = rows.filter((r) => r.kind === DIGEST_KIND);
    expect(digests).toEqual([
      {
        townId: 'A',
        userId: 'a1',
        kind: DIGEST_KIND,
        title: '督办提醒：1 件已逾期，1 件即将到期',
        body: '已逾期：2026-001；即将到期：2026-002',
        link: '/supervision',
        dedupeKey: 'remind-digest:A:2026-11-28',
      },
      {
        townId: 'B',
        userId: 'b1',
        kind: DIGEST_KIND,
        title: '督办提醒：1 件即将到期',
        body: '即将到期：2026-001',
        link: '/supervision',
        dedupeKey: 'remind-digest:B:2026-11-28',
      },
    ]);
  });

  it('says "today" for an item due today, and nothing when nothing is due', () => {
    const r = planReminders([{ ...items[3], leadUnitId: 'u2' }], today, who);
    expect(r.find((x) => x.userId === 'h3')?.title).toBe('建议 2026-001 今天到期，请及时答复');
    expect(planReminders([items[2]], today, who)).toEqual([]);
  });

  it('lists at most ten codes in a summary', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `x${i}`,
      townId: 'A',
      code: `2026-${100 + i}`,
      title: 't',
      dueDate: '2026-11-01',
      leadUnitId: null,
    }));
    const d = planReminders(many, today, who).find((r) => r.kind === DIGEST_KIND);
    expect(d?.body).toMatch(/2026-109 等 12 件$/);
  });
});
