import { type Fact, type Facts, isEmptyFact } from './facts.ts';

/*
 * Report templates, pure. A template set is an ordered list of sections, each with sentences; a sentence's
 * text holds placeholders for facts:
 *   {{key}}       a number with thousands separators (1,967), or a text fact as it is
 *   {{key|pct}}   a share 0–1 as a percentage with one decimal (95.2%)
 *   {{key|、}}    a list fact joined with 、 (any separator after the bar; "|，" works too)
 *   {{key|date}}  an ISO date as 2026年4月28日
 * A section or sentence with `when` facts is left out when ALL of them are empty (0, [], null, missing):
 * an area with no records is not written as zeros.
 */

export type TemplateSentence = { when?: string[]; text: string };
export type TemplateSection = {
  key: string;
  /** The heading without its number: numbering (一、 （一） 1.) is added on output, so no gaps appear. */
  heading: string;
  level: 1 | 2 | 3;
  when?: string[];
  sentences: TemplateSentence[];
};
export type TemplateSet = { title: string; lead: TemplateSentence[]; sections: TemplateSection[] };

export const TOKEN = /\{\{\s*([A-Za-z0-9_.:-]+)\s*(?:\|([^}]*))?\}\}/g;

/** The fact keys a text uses, in order, without repeats. */
export function tokensOf(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(TOKEN)) if (!keys.includes(m[1])) keys.push(m[1]);
  return keys;
}

export function applies(when: readonly string[] | undefined, facts: Facts): boolean {
  if (!when || when.length === 0) return true;
  return when.some((k) => !isEmptyFact(facts[k]));
}

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A share 0–1 as a percentage with one decimal: 0.9523 → "95.2%". */
export const pctText = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

/** How one fact reads in a sentence with the given format; a missing fact reads as 〔key〕 so it shows up in review. */
export function formatFact(f: Fact | undefined, key: string, format: string | undefined): string {
  if (!f || f.value === null) return `〔${key}〕`;
  const v = f.value;
  const fmt = format?.trim();
  if (fmt === 'pct') {
    if (typeof v !== 'number') return `〔${key}〕`;
    return pctText(v);
  }
  if (fmt === 'date') {
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v) : null;
    return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : String(v);
  }
  if (Array.isArray(v)) return v.join(format !== undefined && format !== '' ? format : '、');
  if (typeof v === 'number') return nf.format(v);
  return v;
}

/** Every token of a text replaced by its figure (used for exports and frozen text). */
export function fillText(text: string, facts: Facts): string {
  return text.replace(TOKEN, (_m, key: string, format: string | undefined) => formatFact(facts[key], key, format));
}

export type Segment = { text: string } | { text: string; key: string; ids: string[] };

/** A text cut into plain parts and figures, so a page can show each figure as a link to its records. */
export function segmentsOf(text: string, facts: Facts): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    const f = facts[m[1]];
    out.push({ text: formatFact(f, m[1], m[2]), key: m[1], ids: f?.ids ?? [] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * A problem of a template: `path` is where it is in the template (["sections", 2, "sentences", 0, "text"]),
 * so the server can name the field and the form put the message under it; `message` says it in words with
 * the place ("第 3 节（…）第 1 句：未知的数据项 x") for wherever it is shown on its own.
 */
export type TemplateProblem = { path: (string | number)[]; message: string; where: string };

/** Problems of a template set, each naming where it is; unknown fact keys are reported against `known`. */
export function templateProblems(t: TemplateSet, known: ReadonlySet<string>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (path: (string | number)[], where: string, what: string) => problems.push({ path, where, message: where === '' ? what : `${where}：${what}` });
  if (t.title.trim() === '') add(['title'], '', '标题不能为空');
  const seen = new Set<string>();
  const check = (path: (string | number)[], where: string, text: string) => {
    for (const k of tokensOf(text)) if (!known.has(k)) add(path, where, `未知的数据项 ${k}`);
    const open = (text.match(/\{\{/g) ?? []).length;
    const close = (text.match(/\}\}/g) ?? []).length;
    if (open !== close) add(path, where, '{{ 与 }} 不成对');
  };
  for (const [i, s] of t.lead.entries()) check(['lead', i, 'text'], `导语第 ${i + 1} 句`, s.text);
  for (const [i, sec] of t.sections.entries()) {
    const where = `第 ${i + 1} 节（${sec.heading || '无标题'}）`;
    if (sec.key.trim() === '' || seen.has(sec.key)) add(['sections', i, 'key'], where, '编号为空或重复');
    seen.add(sec.key);
    if (sec.heading.trim() === '') add(['sections', i, 'heading'], where, '标题不能为空');
    for (const k of sec.when ?? []) if (!known.has(k)) add(['sections', i, 'when'], where, `条件中未知的数据项 ${k}`);
    for (const [j, s] of sec.sentences.entries()) {
      const at = `${where}第 ${j + 1} 句`;
      check(['sections', i, 'sentences', j, 'text'], at, s.text);
      for (const k of s.when ?? []) if (!known.has(k)) add(['sections', i, 'sentences', j, 'when'], at, `条件中未知的数据项 ${k}`);
    }
  }
  return problems;
}

/** A path as a field name: ["sections", 2, "when"] → "sections[2].when". */
export function pathField(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
