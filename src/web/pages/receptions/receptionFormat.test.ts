import { describe, expect, it } from 'vitest';
import type { Matter } from '../../api/receptions.ts';
import { awaitsSuggestion, defaultReceptionDate, firstChars, receptionBody, routingSummary, suggestionLink, timeRange } from './receptionFormat.ts';

const LABEL = { on_spot: '当场答复', village: '转村(居)委会', suggestion: '转为建议', county_deputy: '转县人大代表', not_accepted: '不予受理' } as const;

describe('reception formatting', () => {
  it('sums up the routings, most first, leaving out those that did not occur', () => {
    expect(routingSummary({ on_spot: 1, village: 0, suggestion: 2, county_deputy: 0, not_accepted: 1 }, (r) => LABEL[r])).toBe(
      '转为建议 2 · 当场答复 1 · 不予受理 1',
    );
    expect(routingSummary({ on_spot: 0, village: 0, suggestion: 0, county_deputy: 0, not_accepted: 0 }, (r) => LABEL[r])).toBe('');
  });

  it('links a matter to a new suggestion with its words, the title cut at 30 characters', () => {
    const m: Pick<Matter, 'id' | 'content' | 'category' | 'village'> = {
      id: 'M1',
      content: '村口到镇上的路段没有路灯，晚上出行很不安全，希望尽快安装路灯并定期维护，保障群众夜间出行',
      category: '交通',
      village: { id: 'V1', name: '东风村' },
    };
    const url = new URL(suggestionLink(m), 'http://x');
    expect(url.pathname).toBe('/suggestions/new');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sourceType: 'reception',
      sourceId: 'M1',
      title: '村口到镇上的路段没有路灯，晚上出行很不安全，希望尽快安装路灯',
      content: m.content,
      category: '交通',
      villageId: 'V1',
    });
    expect([...(url.searchParams.get('title') ?? '')]).toHaveLength(30);
    expect(new URL(suggestionLink({ ...m, village: null }), 'http://x').searchParams.has('villageId')).toBe(false);
    expect(firstChars(' 路灯\n不亮 ', 30)).toBe('路灯 不亮');
  });

  it('offers the button only for a matter routed to a suggestion that has none yet', () => {
    expect(awaitsSuggestion({ routing: 'suggestion', suggestion: null })).toBe(true);
    expect(awaitsSuggestion({ routing: 'suggestion', suggestion: { id: 's', code: '2026-001', state: 'draft' } })).toBe(false);
    expect(awaitsSuggestion({ routing: 'village', suggestion: null })).toBe(false);
  });

  it('defaults the date to the latest reception day up to today, else today', () => {
    expect(defaultReceptionDate(['2026-03-09', '2026-03-19', '2026-04-09'], '2026-03-25')).toBe('2026-03-19');
    expect(defaultReceptionDate(['2026-03-09', '2026-03-19'], '2026-03-19')).toBe('2026-03-19');
    expect(defaultReceptionDate(['2026-04-09'], '2026-03-25')).toBe('2026-03-25');
    expect(defaultReceptionDate([], '2026-03-25')).toBe('2026-03-25');
  });

  it('builds the body: text trimmed, empty optional fields as null, a matter counts one visitor unless told', () => {
    const body = receptionBody({
      stationId: 'S',
      date: '2026-03-19',
      startTime: '',
      place: '  ',
      notes: ' 备注 ',
      deputyIds: ['D1'],
      matters: [{ category: ' 交通 ', content: ' 路灯 ', routing: 'on_spot', visitorPhone: ' ', visitorName: ' 王 ' }],
    });
    expect(body).toEqual({
      stationId: 'S',
      date: '2026-03-19',
      startTime: null,
      endTime: null,
      place: null,
      activityId: null,
      deputyIds: ['D1'],
      notes: '备注',
      matters: [
        {
          id: null,
          visitorName: '王',
          visitorPhone: null,
          visitorCount: 1,
          villageId: null,
          category: '交通',
          content: '路灯',
          routing: 'on_spot',
          routingNote: '',
        },
      ],
    });
  });

  it('writes the time range', () => {
    expect(timeRange({ startTime: '09:00', endTime: '11:30' })).toBe('09:00–11:30');
    expect(timeRange({ startTime: '09:00', endTime: null })).toBe('09:00');
    expect(timeRange({ startTime: null, endTime: null })).toBe('');
  });
});
