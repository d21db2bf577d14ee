import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../lib/mask.ts';
import {
  bracketPath,
  canSeeVisitorPhone,
  canWriteStation,
  issueMessage,
  matterLine,
  mattersProblems,
  monthsBetween,
  planMatters,
  timesProblems,
} from './receptions.rules.ts';

describe('who may write and who sees a visitor’s phone', () => {
  it('admins for every station; a liaison for their own only; deputies and handlers never', () => {
    expect(canWriteStation({ role: 'town_admin', stationId: null }, 's1')).toBe(true);
    expect(canWriteStation({ role: 'county_admin', stationId: null }, 's1')).toBe(true);
    expect(canWriteStation({ role: 'liaison', stationId: 's1' }, 's1')).toBe(true);
    expect(canWriteStation({ role: 'liaison', stationId: 's2' }, 's1')).toBe(false);
    expect(canWriteStation({ role: 'liaison', stationId: null }, 's1')).toBe(false);
    expect(canSeeVisitorPhone({ role: 'deputy', stationId: null }, 's1')).toBe(false);
    expect(canSeeVisitorPhone({ role: 'handler', stationId: null }, 's1')).toBe(false);
  });
});

describe('checks that need no database', () => {
  it('a reception is not in the future, and ends after it starts', () => {
    expect(timesProblems({ date: '2026-03-09', startTime: '09:00', endTime: '11:00' }, '2026-03-09')).toEqual([]);
    expect(timesProblems({ date: '2026-03-10' }, '2026-03-09')).toEqual([{ field: 'body.date', message: '接待日期不能晚于今天（2026-03-09）' }]);
    expect(timesProblems({ date: '2026-03-09', startTime: '11:00', endTime: '11:00' }, '2026-03-09')).toEqual([
      { field: 'body.endTime', message: '结束时间应晚于开始时间' },
    ]);
    expect(timesProblems({ date: '2026-03-09', startTime: '11:00', endTime: null }, '2026-03-09')).toEqual([]);
  });

  it('a matter not accepted needs its reason; every such matter is named by its index', () => {
    expect(
      mattersProblems([
        { routing: 'on_spot' },
        { routing: 'not_accepted', routingNote: '  ' },
        { routing: 'not_accepted', routingNote: '涉诉' },
        { routing: 'not_accepted' },
      ]).map((i) => i.field),
    ).toEqual(['body.matters[1].routingNote', 'body.matters[3].routingNote']);
  });
});

describe('lining up the matters sent on PUT with the stored ones', () => {
  const stored = [
    { id: 'm1', seq: 1, routing: 'on_spot' as const, suggestionId: null },
    { id: 'm2', seq: 2, routing: 'suggestion' as const, suggestionId: 's9', suggestionCode: '2026-009' },
    { id: 'm3', seq: 3, routing: 'village' as const, suggestionId: null },
  ];

  it('kept matters keep their ids in the new order; new ones get none; left-out ones are removed', () => {
    const plan = planMatters(stored, [{ id: 'm2', routing: 'suggestion' }, { routing: 'on_spot' }, { id: 'm1', routing: 'village' }]);
    expect(plan).toEqual({ ids: ['m2', null, 'm1'], removed: ['m3'], issues: [] });
  });

  it('a matter turned into a suggestion cannot be left out, nor routed elsewhere', () => {
    const left = planMatters(stored, [{ id: 'm1', routing: 'on_spot' }]);
    expect(left.issues).toEqual([{ field: 'body.matters', message: '第 2 项事项已转为建议 2026-009，不能删除' }]);
    const moved = planMatters(stored, [
      { id: 'm1', routing: 'on_spot' },
      { id: 'm2', routing: 'village' },
    ]);
    expect(moved.issues).toEqual([{ field: 'body.matters[1].routing', message: '该事项已转为建议 2026-009，去向不能更改' }]);
  });

  it('an id of another reception, or the same id twice, is named by its index', () => {
    const plan = planMatters(stored, [
      { id: 'x', routing: 'on_spot' },
      { id: 'm2', routing: 'suggestion' },
      { id: 'm2', routing: 'suggestion' },
    ]);
    expect(plan.issues.map((i) => i.field)).toEqual(['body.matters[0].id', 'body.matters[2].id']);
  });
});

describe('words and paths', () => {
  it('writes array indexes in brackets, as the service names fields', () => {
    expect(bracketPath('body', '/matters/2/content')).toBe('body.matters[2].content');
    expect(bracketPath('body', '/deputyIds/0')).toBe('body.deputyIds[0]');
    expect(bracketPath('querystring', '/from')).toBe('querystring.from');
    expect(bracketPath('body', '')).toBe('body');
  });

  it('names a matter’s field by its place in the list, from 1', () => {
    expect(issueMessage({ field: 'body.matters[2].content', message: '必填' })).toBe('接待事项第 3 项的反映内容：必填');
    expect(issueMessage({ field: 'body.matters[0]', message: '无效' })).toBe('接待事项第 1 项：无效');
    expect(issueMessage({ field: 'body.deputyIds[1]', message: '代表不存在或不属于本镇' })).toBe('值班代表：代表不存在或不属于本镇');
    expect(issueMessage({ field: 'body.category', message: '必填' })).toBe('类别：必填');
  });

  it('a matter on one line, the phone masked', () => {
    const m = {
      seq: 2,
      visitorName: '王大爷',
      visitorPhone: '13812345678',
      visitorCount: 3,
      village: '东风村',
      category: '交通',
      content: '路灯不亮',
      routing: 'not_accepted' as const,
      routingNote: '不属本镇',
    };
    expect(matterLine(m, maskPhone)).toBe('2. 王大爷 138****5678 3人 东风村 交通：路灯不亮 → 不予受理（不属本镇）');
    expect(matterLine({ ...m, visitorName: '', visitorPhone: null, visitorCount: 1, village: null, routing: 'on_spot', routingNote: '' }, maskPhone)).toBe(
      '2. 交通：路灯不亮 → 当场答复',
    );
  });

  it('every month of a period, across a year end, capped at five years', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
    expect(monthsBetween('2020-01-01', '2030-12-31')).toHaveLength(60);
  });
});
