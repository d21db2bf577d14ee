import type { DraftMeta, Paragraph, ReportBody } from '../../../shared/report/draft.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { fillText, tokensOf } from '../../../shared/report/template.ts';
import type { DocParagraph } from './docx/docx.parts.ts';

/* The rules of work reports that are not about templates: periods, body limits, the filled text, Markdown. */

export type PeriodInput = { kind: 'year' | 'half' | 'custom'; year?: number; half?: 1 | 2; from?: string; to?: string };
export type Period = { from: string; to: string; meta: Omit<DraftMeta, 'townName'> };

export const MAX_SPAN_DAYS = 366 * 5;

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The dates and the words of a period. Returns the field and message of the first problem instead. */
export function periodOf(p: PeriodInput): Period | { field: string; message: string } {
  if (p.kind === 'year' || p.kind === 'half') {
    if (!p.year) return { field: 'body.year', message: '请填写年度' };
    const y = p.year;
    if (p.kind === 'year') return { from: `${y}-01-01`, to: `${y}-12-31`, meta: { periodLabel: `${y}年`, yearLabel: `${y}年`, nextPeriodLabel: `${y + 1}年` } };
    if (p.half !== 1 && p.half !== 2) return { field: 'body.half', message: '请选择上半年或下半年' };
    return p.half === 1
      ? { from: `${y}-01-01`, to: `${y}-06-30`, meta: { periodLabel: `${y}年上半年`, yearLabel: `${y}年`, nextPeriodLabel: '下半年' } }
      : { from: `${y}-07-01`, to: `${y}-12-31`, meta: { periodLabel: `${y}年下半年`, yearLabel: `${y}年`, nextPeriodLabel: `${y + 1}年` } };
  }
  if (!p.from) return { field: 'body.from', message: '请填写开始日期' };
  if (!p.to) return { field: 'body.to', message: '请填写结束日期' };
  if (p.from > p.to) return { field: 'body.to', message: '结束日期不能早于开始日期' };
  const days = (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000;
  if (days > MAX_SPAN_DAYS) return { field: 'body.to', message: '期间不能超过 5 年' };
  return {
    from: p.from,
    to: p.to,
    meta: { periodLabel: `${cnDate(p.from)}至${cnDate(p.to)}`, yearLabel: `${p.from.slice(0, 4)}年`, nextPeriodLabel: '下一阶段' },
  };
}

export const MAX_PARAGRAPHS = 400;
export const MAX_PARAGRAPH_CHARS = 5000;

/** The first problem of an edited body, naming the paragraph: too many, too long, or an unknown figure. */
export function bodyProblem(body: ReportBody, known: ReadonlySet<string>): { field: string; message: string } | null {
  if (body.title.trim() === '') return { field: 'body.body.title', message: '标题不能为空' };
  if (body.paragraphs.length > MAX_PARAGRAPHS) return { field: 'body.body.paragraphs', message: `段落不能超过 ${MAX_PARAGRAPHS} 个` };
  const ids = new Set<string>();
  for (const [i, p] of body.paragraphs.entries()) {
    const field = `body.body.paragraphs[${i}].text`;
    if (ids.has(p.id)) return { field: `body.body.paragraphs[${i}].id`, message: '段落编号重复' };
    ids.add(p.id);
    if (p.text.length + (p.heading?.length ?? 0) > MAX_PARAGRAPH_CHARS) return { field, message: `每段不能超过 ${MAX_PARAGRAPH_CHARS} 个字` };
    for (const k of [...tokensOf(p.text), ...tokensOf(p.heading ?? '')]) if (!known.has(k)) return { field, message: `未知的数据项 ${k}` };
  }
  return null;
}

/** The paragraphs with every figure written in, as exports and frozen copies show them. */
export function filledParagraphs(body: ReportBody, facts: Facts): DocParagraph[] {
  return body.paragraphs.map((p: Paragraph) => ({
    kind: p.kind === 'title' ? 'body' : p.kind,
    ...(p.heading ? { heading: fillText(p.heading, facts) } : {}),
    text: fillText(p.text, facts),
  }));
}

/** Markdown sees stored text as text: its syntax characters are escaped. */
export function mdText(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function markdownOf(title: string, paragraphs: readonly DocParagraph[]): string {
  const lines = [`# ${mdText(title)}`, ''];
  for (const p of paragraphs) {
    if (p.kind === 'h1') lines.push(`## ${mdText(p.text)}`, '');
    else if (p.kind === 'h2') lines.push(`### ${mdText(p.text)}`, '');
    else lines.push(`${p.heading ? `**${mdText(p.heading)}**` : ''}${mdText(p.text)}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name from a title: what Windows and phones refuse is replaced. */
export function fileNameOf(title: string, ext: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not hold
  const unsafe = /[\\/:*?"<>|\u0000-\u001f]/g;
  const base = title.replace(unsafe, '_').trim().slice(0, 80) || 'report';
  return `${base}.${ext}`;
}

/** A date range as a period: a whole calendar year or half reads as such ("2026年上半年"), else as dates. */
export function rangePeriod(from: string, to: string): Period | { field: string; message: string } {
  const y = from.slice(0, 4);
  if (to.slice(0, 4) === y) {
    if (from === `${y}-01-01` && to === `${y}-12-31`) return periodOf({ kind: 'year', year: Number(y) });
    if (from === `${y}-01-01` && to === `${y}-06-30`) return periodOf({ kind: 'half', year: Number(y), half: 1 });
    if (from === `${y}-07-01` && to === `${y}-12-31`) return periodOf({ kind: 'half', year: Number(y), half: 2 });
  }
  return periodOf({ kind: 'custom', from, to });
}
