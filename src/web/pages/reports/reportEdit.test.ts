import { describe, expect, it } from 'vitest';
import type { ReportBody } from '../../../shared/report/draft.ts';
import { ApiError } from '../../api/client.ts';
import { insertAt, insertParagraph, moveParagraph, newParagraphId, paragraphProblems, removeParagraph, templateProblemPath, tokenFor } from './reportEdit.ts';

const body: ReportBody = {
  title: 'T',
  paragraphs: [
    { id: 'lead', kind: 'lead', text: 'a' },
    { id: 'h-work', kind: 'h1', text: '一、' },
    { id: 's-work', kind: 'body', text: 'b' },
  ],
};

describe('report editor rules', () => {
  it('inserts a token at the cursor or in place of a selection, clamping odd positions', () => {
    expect(insertAt('共件', 1, 1, '{{x}}')).toEqual({ text: '共{{x}}件', caret: 6 });
    expect(insertAt('共XX件', 1, 3, '{{x}}')).toEqual({ text: '共{{x}}件', caret: 6 });
    expect(insertAt('ab', null, null, '{{x}}')).toEqual({ text: 'ab{{x}}', caret: 7 });
    expect(insertAt('ab', 9, 2, '{{x}}').text).toBe('ab{{x}}');
  });

  it('writes tokens with the format of the fact kind', () => {
    expect(tokenFor({ key: 'a', kind: 'count' })).toBe('{{a}}');
    expect(tokenFor({ key: 'a', kind: 'rate' })).toBe('{{a|pct}}');
    expect(tokenFor({ key: 'a', kind: 'list' })).toBe('{{a|、}}');
    expect(tokenFor({ key: 'a', kind: 'date' })).toBe('{{a|date}}');
  });

  it('adds, moves and removes paragraphs; a move past an end changes nothing; new ids are unique', () => {
    const added = insertParagraph(body, 0, 'body', 1);
    expect(added.paragraphs.map((p) => p.id)).toEqual(['lead', 'p-1', 'h-work', 's-work']);
    expect(newParagraphId(added, 1)).toBe('p-1-1');
    expect(moveParagraph(body, 0, -1)).toBe(body);
    expect(moveParagraph(body, 2, 1)).toBe(body);
    expect(moveParagraph(body, 0, 1).paragraphs.map((p) => p.id)).toEqual(['h-work', 'lead', 's-work']);
    expect(removeParagraph(body, 1).paragraphs.map((p) => p.id)).toEqual(['lead', 's-work']);
  });

  it('maps a refused save to its paragraph', () => {
    const e = new ApiError(400, 'VALIDATION', 'x', { issues: [{ field: 'body.body.paragraphs[2].text', message: '未知的数据项 q' }] });
    expect([...paragraphProblems(e)]).toEqual([[2, '未知的数据项 q']]);
    expect(paragraphProblems(new Error('x')).size).toBe(0);
  });

  it('puts a template problem back on its field', () => {
    expect(templateProblemPath('body.body.lead[1].text', '导语第 2 句：未知的数据项 q')).toEqual({ name: ['lead', 1, 'text'], message: '未知的数据项 q' });
    expect(templateProblemPath('body.body.sections[2].sentences[0].text', '第 3 节（依法开好人民代表大会）第 1 句：{{ 与 }} 不成对')).toEqual({
      name: ['sections', 2, 'sentences', 0, 'text'],
      message: '{{ 与 }} 不成对',
    });
    expect(templateProblemPath('body.body.sections[2].sentences[3].when', 'x')?.name).toEqual(['sections', 2, 'sentences', 3, 'when']);
    expect(templateProblemPath('body.body.sections[0].key', '第 1 节（x）：编号为空或重复')).toEqual({
      name: ['sections', 0, 'heading'],
      message: '编号为空或重复',
    });
    expect(templateProblemPath('body.body.title', '标题不能为空')).toEqual({ name: ['title'], message: '标题不能为空' });
    expect(templateProblemPath('body.name', '别的问题')).toBeNull();
  });
});
