import { describe, expect, it } from 'vitest';
import type { Reply } from '../../api/suggestions.ts';
import {
  addDays,
  addMonths,
  byDue,
  categoryProblem,
  chinaTime,
  chinaToday,
  dueLook,
  eventKey,
  fileSize,
  gradeProblems,
  gradeText,
  holidayProblems,
  latestReply,
  moveItem,
  orderActions,
  parsePrefill,
  primaryAction,
  sortHolidays,
  titleFromContent,
} from './suggestionFormat.ts';

const GRADES = [
  { code: 'A', label: '已解决或基本解决', followUp: false },
  { code: 'B', label: '正在解决或列入规划', followUp: true },
];

describe('dates', () => {
  it('counts China days and times', () => {
    expect(chinaToday(Date.parse('2026-06-30T16:30:00Z'))).toBe('2026-07-01');
    expect(chinaTime('2026-06-30T16:30:00.000Z')).toBe('2026-07-01 00:30');
    expect(chinaTime(null)).toBe('—');
  });
  it('adds months as the server does, keeping to the month end', () => {
    expect(addMonths('2026-03-15', 3)).toBe('2026-06-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
  });
});

describe('due badges', () => {
  it('marks overdue items red with the days late', () => {
    expect(dueLook({ daysLeft: -3, overdue: true, dueSoon: false })).toEqual({ key: 'overdue', days: 3, tone: 'bad' });
  });
  it('marks today and the soon window amber', () => {
    expect(dueLook({ daysLeft: 0, overdue: false, dueSoon: true })?.key).toBe('today');
    expect(dueLook({ daysLeft: 5, overdue: false, dueSoon: true })).toEqual({ key: 'soon', days: 5, tone: 'warn' });
  });
  it('shows the days left otherwise, and nothing without a due', () => {
    expect(dueLook({ daysLeft: 40, overdue: false, dueSoon: false })).toEqual({ key: 'left', days: 40, tone: 'info' });
    expect(dueLook(null)).toBeNull();
  });
});

describe('actions', () => {
  it('keeps exactly the server list, in a steady order', () => {
    expect(orderActions(['publish', 'reply', 'consult', 'zzz'])).toEqual(['consult', 'reply', 'publish', 'zzz']);
    expect(orderActions(['register', 'edit', 'withdraw'])).toEqual(['edit', 'register', 'withdraw']);
    expect(orderActions([])).toEqual([]);
  });
  it('picks the main step of the state (a waiting request before the reply)', () => {
    expect(primaryAction(['consult', 'decide-extension', 'reply', 'key'])).toBe('decide-extension');
    expect(primaryAction(['withdraw', 'merge', 'register', 'not-accept'])).toBe('register');
    expect(primaryAction(['consult', 'reply', 'request-extension'])).toBe('reply');
    expect(primaryAction(['key', 'publish'])).toBeNull();
  });
  it('labels hyphenated and underscored events alike', () => {
    expect(eventKey('request-return')).toBe('request_return');
    expect(eventKey('not_accept')).toBe('not_accept');
  });
});

describe('prefill from the address', () => {
  it('reads what a reception page hands over', () => {
    const sp = new URLSearchParams({
      sourceType: 'reception',
      sourceId: 'M1',
      title: ' 路灯坏了 ',
      content: '村口路灯坏了三个月',
      category: '城建',
      villageId: 'V1',
    });
    expect(parsePrefill(sp)).toEqual({
      sourceType: 'reception',
      sourceId: 'M1',
      title: '路灯坏了',
      content: '村口路灯坏了三个月',
      category: '城建',
      villageId: 'V1',
    });
  });
  it('drops unknown source types and a source id without a type', () => {
    expect(parsePrefill(new URLSearchParams({ sourceType: 'email', sourceId: 'X' }))).toEqual({});
    expect(parsePrefill(new URLSearchParams({ sourceId: 'X' }))).toEqual({});
    expect(parsePrefill(new URLSearchParams(`title=${'a'.repeat(300)}`)).title).toHaveLength(200);
  });
  it('makes a title from the first sentence', () => {
    expect(titleFromContent('村口路灯坏了。请尽快修理')).toBe('村口路灯坏了');
    expect(titleFromContent('长'.repeat(50), 10)).toBe(`${'长'.repeat(9)}…`);
  });
});

describe('replies and grades', () => {
  const r = (round: number, repliedOn: string): Reply => ({
    id: `${round}${repliedOn}`,
    round,
    unit: { id: 'u', name: '交通办' },
    grade: 'B',
    gradeLabel: '正在解决或列入规划',
    content: '',
    file: null,
    repliedOn,
    dueDate: repliedOn,
    onTime: true,
  });
  it('finds the latest reply', () => {
    expect(latestReply([r(1, '2026-05-01'), r(2, '2026-04-01')])?.round).toBe(2);
    expect(latestReply([r(1, '2026-05-01'), r(1, '2026-06-01')])?.repliedOn).toBe('2026-06-01');
    expect(latestReply([])).toBeNull();
  });
  it('names a grade with its label', () => {
    expect(gradeText('B', GRADES)).toBe('B 正在解决或列入规划');
    expect(gradeText('Z', GRADES)).toBe('Z');
    expect(gradeText(null, GRADES)).toBe('—');
    expect(gradeText('A', undefined, '已解决')).toBe('A 已解决');
  });
  it('writes file sizes', () => {
    expect(fileSize(500)).toBe('500 B');
    expect(fileSize(12_800)).toBe('13 KB');
    expect(fileSize(1_572_864)).toBe('1.5 MB');
  });
});

describe('the office work list', () => {
  it('puts the soonest due first and undated last', () => {
    const items = [
      { code: 'J3', dueDate: null },
      { code: 'J2', dueDate: '2026-09-01' },
      { code: 'J1', dueDate: '2026-08-01' },
      { code: 'J0', dueDate: '2026-09-01' },
    ];
    expect(byDue(items).map((i) => i.code)).toEqual(['J1', 'J0', 'J2', 'J3']);
  });
});

describe('settings edits', () => {
  it('moves a category', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });
  it('checks a new category', () => {
    expect(categoryProblem(' ', ['交通'])).toBe('empty');
    expect(categoryProblem('交通', ['交通'])).toBe('duplicate');
    expect(categoryProblem('长'.repeat(21), [])).toBe('long');
    expect(categoryProblem('水利', ['交通'])).toBeNull();
  });
  it('checks grades by row', () => {
    expect(gradeProblems([...GRADES, { code: 'A', label: '', followUp: false }])).toEqual([
      { row: 2, field: 'code', problem: 'duplicate' },
      { row: 2, field: 'label', problem: 'empty' },
    ]);
  });
  it('checks and sorts a year of holidays', () => {
    const items = [
      { date: '2026-10-01', kind: 'holiday' as const, name: '国庆节' },
      { date: '2025-12-31', kind: 'holiday' as const, name: '' },
      { date: '2026-10-01', kind: 'holiday' as const, name: '' },
      { date: '2026-09-27', kind: 'workday' as const, name: '国庆调休' },
    ];
    expect(holidayProblems(2026, items)).toEqual([
      { row: 1, problem: 'year' },
      { row: 2, problem: 'duplicate' },
    ]);
    expect(sortHolidays(items).map((h) => h.date)).toEqual(['2025-12-31', '2026-09-27', '2026-10-01', '2026-10-01']);
  });
});
