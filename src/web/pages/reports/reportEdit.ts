import type { FactInfo } from '../../../shared/report/catalogue.ts';
import type { Paragraph, ParagraphKind, ReportBody } from '../../../shared/report/draft.ts';
import { ApiError } from '../../api/client.ts';

/*
 * Pure helpers of the report editor: paragraph operations, inserting a {{key}} token at the cursor, and
 * mapping the server's field problems back to paragraphs and template fields. No React here, so the rules
 * are unit-tested (reportEdit.test.ts).
 */

/** A paragraph id that is new in this body (ids stay stable across edits, so versions compare by them). */
export function newParagraphId(body: ReportBody, now = Date.now()): string {
  const taken = new Set(body.paragraphs.map((p) => p.id));
  let n = 0;
  for (;;) {
    const id = `p-${now.toString(36)}${n ? `-${n}` : ''}`;
    if (!taken.has(id)) return id;
    n++;
  }
}

export function insertParagraph(body: ReportBody, after: number, kind: ParagraphKind, now = Date.now()): ReportBody {
  const p: Paragraph = { id: newParagraphId(body, now), kind, text: '' };
  const paragraphs = [...body.paragraphs];
  paragraphs.splice(after + 1, 0, p);
  return { ...body, paragraphs };
}

export function removeParagraph(body: ReportBody, i: number): ReportBody {
  return { ...body, paragraphs: body.paragraphs.filter((_, j) => j !== i) };
}

/** Swap paragraph i with its neighbour; a move past either end leaves the body as it is. */
export function moveParagraph(body: ReportBody, i: number, delta: -1 | 1): ReportBody {
  const j = i + delta;
  if (j < 0 || j >= body.paragraphs.length) return body;
  const paragraphs = [...body.paragraphs];
  [paragraphs[i], paragraphs[j]] = [paragraphs[j], paragraphs[i]];
  return { ...body, paragraphs };
}

export function patchParagraph(body: ReportBody, i: number, patch: Partial<Paragraph>): ReportBody {
  return { ...body, paragraphs: body.paragraphs.map((p, j) => (j === i ? { ...p, ...patch } : p)) };
}

/** The token a fact is written with: rates as percentages, lists joined with 、, dates in Chinese. */
export function tokenFor(f: Pick<FactInfo, 'key' | 'kind'>): string {
  if (f.kind === 'rate') return `{{${f.key}|pct}}`;
  if (f.kind === 'list') return `{{${f.key}|、}}`;
  if (f.kind === 'date') return `{{${f.key}|date}}`;
  return `{{${f.key}}}`;
}

/** Put `token` in place of the selection [start, end); the caret goes after it. */
export function insertAt(text: string, start: number | null | undefined, end: number | null | undefined, token: string): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start ?? text.length, text.length));
  const e = Math.max(s, Math.min(end ?? s, text.length));
  return { text: text.slice(0, s) + token + text.slice(e), caret: s + token.length };
}

/** The paragraph problems of a refused save: `body.body.paragraphs[3].text` → 3 → message. */
export function paragraphProblems(err: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues) {
    const m = /paragraphs\[(\d+)\]/.exec(issue.field);
    if (m && !out.has(Number(m[1]))) out.set(Number(m[1]), issue.message);
  }
  return out;
}

export type TemplateFieldPath = (string | number)[];

/**
 * Where a template problem belongs in the template form. The server names each problem's field
 * (`body.body.sections[2].sentences[0].text`, shared/report/template.ts templateProblems) and says it in words
 * with the place ("第 3 节（…）第 1 句：未知的数据项 x"); under its field the place goes without saying, so only
 * the words after it are shown. A section's key has no field of its own: its problem shows under the heading.
 * Null: not a template field; show it above the form.
 */
export function templateProblemPath(field: string, message: string): { name: TemplateFieldPath; message: string } | null {
  if (!field.startsWith('body.body.')) return null;
  const name: TemplateFieldPath = [];
  for (const m of field.slice('body.body.'.length).matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) name.push(m[1] ?? Number(m[2]));
  if (name.length === 0) return null;
  if (name.at(-1) === 'key') name[name.length - 1] = 'heading';
  const at = message.indexOf('：');
  return { name, message: at >= 0 ? message.slice(at + 1) : message };
}
