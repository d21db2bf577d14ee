import type { Facts } from './facts.ts';
import { type TemplateSection, type TemplateSet, applies } from './template.ts';

/*
 * The draft of a report from a template and the facts, pure. The body keeps the {{key}} tokens — the
 * figures stay live while staff edit, and are filled in only when shown, exported or frozen. Sections
 * whose facts are all empty are left out, and the numbering (一、 （一） 1.) is given after leaving out, so
 * the report never reads "（三）" after "（一）".
 */

export type ParagraphKind = 'title' | 'lead' | 'h1' | 'h2' | 'body';
export type Paragraph = {
  /** Stable across edits, so versions can be compared paragraph by paragraph. */
  id: string;
  kind: ParagraphKind;
  /** A level-3 heading runs in at the start of its paragraph: "1. 加强代表培训。" then the text. */
  heading?: string;
  text: string;
};
export type ReportBody = { title: string; paragraphs: Paragraph[] };

export type DraftMeta = { townName: string; periodLabel: string; yearLabel: string; nextPeriodLabel: string };

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never go past 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

export function headingNumber(level: 1 | 2 | 3, n: number): string {
  if (level === 1) return `${chineseNumber(n)}、`;
  if (level === 2) return `（${chineseNumber(n)}）`;
  return `${n}. `;
}

/** {town}, {period}, {year}, {nextPeriod} in headings and texts: the report's own words, not facts. */
export function fillMeta(text: string, meta: DraftMeta): string {
  return text
    .replaceAll('{town}', meta.townName)
    .replaceAll('{period}', meta.periodLabel)
    .replaceAll('{year}', meta.yearLabel)
    .replaceAll('{nextPeriod}', meta.nextPeriodLabel);
}

/** Which sections stay: its own `when` holds, and it has a sentence that applies or a kept subsection. */
export function keptSections(sections: readonly TemplateSection[], facts: Facts): boolean[] {
  const own = sections.map((s) => applies(s.when, facts) && s.sentences.some((x) => applies(x.when, facts)));
  const kept = [...own];
  // A heading with no sentences of its own stays when any deeper section under it stays.
  for (let i = sections.length - 1; i >= 0; i--) {
    if (kept[i] || !applies(sections[i].when, facts)) continue;
    for (let j = i + 1; j < sections.length && sections[j].level > sections[i].level; j++) {
      if (kept[j]) {
        kept[i] = true;
        break;
      }
    }
  }
  return kept;
}

export function draft(t: TemplateSet, facts: Facts, meta: DraftMeta): ReportBody {
  const paragraphs: Paragraph[] = [];
  const join = (ss: readonly { when?: string[]; text: string }[]) =>
    ss
      .filter((s) => applies(s.when, facts))
      .map((s) => fillMeta(s.text, meta))
      .join('');
  const lead = join(t.lead);
  if (lead) paragraphs.push({ id: 'lead', kind: 'lead', text: lead });
  const kept = keptSections(t.sections, facts);
  const counters = [0, 0, 0];
  t.sections.forEach((sec, i) => {
    if (!kept[i]) return;
    counters[sec.level - 1]++;
    for (let l = sec.level; l < 3; l++) counters[l] = 0;
    const number = headingNumber(sec.level, counters[sec.level - 1]);
    const heading = fillMeta(sec.heading, meta);
    const text = join(sec.sentences);
    if (sec.level === 3) {
      paragraphs.push({ id: `s-${sec.key}`, kind: 'body', heading: `${number}${heading}`, text });
      return;
    }
    paragraphs.push({ id: `h-${sec.key}`, kind: sec.level === 1 ? 'h1' : 'h2', text: `${number}${heading}` });
    if (text) paragraphs.push({ id: `s-${sec.key}`, kind: 'body', text });
  });
  return { title: fillMeta(t.title, meta), paragraphs };
}
