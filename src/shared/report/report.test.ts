import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_KEYS } from './catalogue.ts';
import { DEFAULT_TEMPLATE } from './default-template.ts';
import { compareBodies, charDiff } from './diff.ts';
import { chineseNumber, draft, keptSections } from './draft.ts';
import { type Facts, countFact, isEmptyFact, recordHref } from './facts.ts';
import { type TemplateSet, fillText, formatFact, pathField, segmentsOf, templateProblems, tokensOf } from './template.ts';

const meta = { townName: '青山镇', periodLabel: '2026年', yearLabel: '2026年', nextPeriodLabel: '2027年' };
const f = (value: Facts[string]['value'], ids: string[] = []): Facts[string] => ({ value, ids, label: '' });

describe('formatting facts in sentences', () => {
  it('numbers, shares, lists and dates', () => {
    expect(formatFact(f(1967), 'k', undefined)).toBe('1,967');
    expect(formatFact(f(0.9523), 'k', 'pct')).toBe('95.2%');
    expect(formatFact(f(1), 'k', 'pct')).toBe('100.0%');
    expect(formatFact(f(['交通', '卫生', '城建']), 'k', '、')).toBe('交通、卫生、城建');
    expect(formatFact(f(['交通', '卫生']), 'k', undefined)).toBe('交通、卫生');
    expect(formatFact(f('2026-04-28'), 'k', 'date')).toBe('2026年4月28日');
  });
  it('a missing fact shows as 〔key〕 so a reviewer sees it', () => {
    expect(formatFact(undefined, 'x.y', undefined)).toBe('〔x.y〕');
    expect(fillText('共{{a}}次、{{b}}人', { a: f(3) })).toBe('共3次、〔b〕人');
  });
  it('cuts a text into plain parts and figures with their record ids', () => {
    const facts = { 'receptions.held': f(11, ['reception:1', 'reception:2']) };
    expect(segmentsOf('全年接待{{receptions.held}}次。', facts)).toEqual([
      { text: '全年接待' },
      { text: '11', key: 'receptions.held', ids: ['reception:1', 'reception:2'] },
      { text: '次。' },
    ]);
    expect(tokensOf('{{a}}{{ b |pct}}{{a}}')).toEqual(['a', 'b']);
  });
  it('empty means 0, empty list, null or missing', () => {
    expect(isEmptyFact(f(0))).toBe(true);
    expect(isEmptyFact(f([]))).toBe(true);
    expect(isEmptyFact(f(null))).toBe(true);
    expect(isEmptyFact(undefined)).toBe(true);
    expect(isEmptyFact(f(0.5))).toBe(false);
    expect(isEmptyFact(countFact('x', ['a:1']))).toBe(false);
  });
  it('record references open their pages', () => {
    expect(recordHref('activity:01ABC')).toBe('/activities/01ABC');
    expect(recordHref('suggestion:S1')).toBe('/suggestions/S1');
    expect(recordHref('nonsense')).toBeNull();
  });
});

const small: TemplateSet = {
  title: '{town}{period}工作总结',
  lead: [{ text: '{period}，工作如下。' }],
  sections: [
    { key: 'work', heading: '主要工作', level: 1, sentences: [] },
    { key: 'a', heading: '接待', level: 2, when: ['receptions.held'], sentences: [{ when: ['receptions.held'], text: '接待{{receptions.held}}次。' }] },
    { key: 'b', heading: '检查', level: 2, when: ['inspections.held'], sentences: [{ text: '检查{{inspections.held}}次。' }] },
    {
      key: 'c',
      heading: '建议',
      level: 2,
      when: ['suggestions.total'],
      sentences: [{ text: '建议{{suggestions.total}}件。' }, { when: ['suggestions.gradeA'], text: 'A类{{suggestions.gradeA}}件。' }],
    },
    { key: 'c1', heading: '小项', level: 3, when: ['suggestions.total'], sentences: [{ text: '细节。' }] },
    { key: 'gaps', heading: '不足', level: 1, sentences: [{ text: '还有差距。' }] },
  ],
};

describe('the draft', () => {
  it('leaves out the areas with no records and numbers the rest without gaps', () => {
    const facts: Facts = { 'receptions.held': f(0), 'inspections.held': f(2), 'suggestions.total': f(5), 'suggestions.gradeA': f(0) };
    const body = draft(small, facts, meta);
    expect(body.title).toBe('青山镇2026年工作总结');
    expect(body.paragraphs.map((p) => [p.kind, p.heading ?? '', p.text])).toEqual([
      ['lead', '', '2026年，工作如下。'],
      ['h1', '', '一、主要工作'],
      ['h2', '', '（一）检查'],
      ['body', '', '检查{{inspections.held}}次。'],
      ['h2', '', '（二）建议'],
      ['body', '', '建议{{suggestions.total}}件。'],
      ['body', '1. 小项', '细节。'],
      ['h1', '', '二、不足'],
      ['body', '', '还有差距。'],
    ]);
    expect(body.paragraphs.some((p) => p.text.includes('接待'))).toBe(false);
  });
  it('drops a heading whose subsections are all left out', () => {
    const kept = keptSections(small.sections, {});
    expect(kept).toEqual([false, false, false, false, false, true]);
  });
  it('the catalogue in code lists exactly the keys of docs/report-facts.md', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/report-facts.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\| (.*?) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([^`]+)`/g)].map((k) => k[1])));
    expect([...FACT_KEYS].sort()).toEqual([...documented].sort());
  });
  it('counts in Chinese', () => {
    expect([1, 9, 10, 11, 20, 21].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十一']);
  });
  it('the built-in template names only documented facts', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/report-facts.md'), 'utf8');
    const known = new Set([...doc.matchAll(/`([a-zA-Z]+\.[A-Za-z0-9.]+)`/g)].map((m) => m[1]));
    // "a / b" rows list two keys; the regex above takes each backticked key.
    expect(templateProblems(DEFAULT_TEMPLATE, known).map((p) => p.message)).toEqual([]);
  });
  it('the built-in template, with every fact present, writes every section', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/report-facts.md'), 'utf8');
    const facts: Facts = {};
    for (const m of doc.matchAll(/`([a-zA-Z]+\.[A-Za-z0-9.]+)`/g)) facts[m[1]] = f(3, ['x:1']);
    const body = draft(DEFAULT_TEMPLATE, facts, meta);
    expect(body.paragraphs.filter((p) => p.kind === 'h1').map((p) => p.text)).toEqual(['一、2026年主要工作和成效', '二、存在的不足', '三、2027年工作打算']);
    expect(body.paragraphs.filter((p) => p.kind === 'h2')).toHaveLength(10);
    const text = body.paragraphs.map((p) => fillText(p.text, facts)).join('');
    expect(text).not.toMatch(/〔/);
  });
  it('reports unknown facts and unpaired braces, naming where', () => {
    const bad: TemplateSet = { title: '', lead: [{ text: '{{nope}}' }], sections: [{ key: 'x', heading: 'H', level: 2, sentences: [{ text: '{{a' }] }] };
    const problems = templateProblems(bad, new Set(['a']));
    expect(problems.map((p) => p.message)).toEqual(['标题不能为空', '导语第 1 句：未知的数据项 nope', '第 1 节（H）第 1 句：{{ 与 }} 不成对']);
    expect(problems.map((p) => pathField(p.path))).toEqual(['title', 'lead[0].text', 'sections[0].sentences[0].text']);
    const whenBad: TemplateSet = {
      title: 'T',
      lead: [],
      sections: [{ key: 'x', heading: 'H', level: 2, when: ['q'], sentences: [{ when: ['r'], text: 't' }] }],
    };
    expect(templateProblems(whenBad, new Set()).map((p) => pathField(p.path))).toEqual(['sections[0].when', 'sections[0].sentences[0].when']);
  });
});

describe('comparing versions', () => {
  it('matches paragraphs by id and diffs the changed ones by character', () => {
    const a = {
      title: 'T',
      paragraphs: [
        { id: 'p1', kind: 'body' as const, text: '接待群众11次。' },
        { id: 'p2', kind: 'body' as const, text: '旧段落' },
      ],
    };
    const b = {
      title: 'T',
      paragraphs: [
        { id: 'p1', kind: 'body' as const, text: '接待群众12次。' },
        { id: 'p3', kind: 'body' as const, text: '新段落' },
      ],
    };
    const d = compareBodies(a, b);
    expect(d.titleChanged).toBe(false);
    expect(d.changes.map((c) => c.op)).toEqual(['changed', 'removed', 'added']);
    const changed = d.changes[0];
    expect(changed.op === 'changed' && changed.chars).toEqual([
      { op: 'same', text: '接待群众1' },
      { op: 'removed', text: '1' },
      { op: 'added', text: '2' },
      { op: 'same', text: '次。' },
    ]);
  });
  it('identical bodies are all same; a very long text is replaced whole', () => {
    const a = { title: 'T', paragraphs: [{ id: 'p1', kind: 'body' as const, text: 'x' }] };
    expect(compareBodies(a, a).changes.map((c) => c.op)).toEqual(['same']);
    const long = 'a'.repeat(4000);
    expect(charDiff(long, `${long}b`)).toHaveLength(2);
  });
});
