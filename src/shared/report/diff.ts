import type { Paragraph, ReportBody } from './draft.ts';

/*
 * Comparing two versions of a report, pure: paragraphs are matched by their stable ids in order (a longest
 * common subsequence), a matched pair whose text differs is "changed" with a character diff inside it, and
 * the rest are "added" or "removed".
 */

export type CharOp = { op: 'same' | 'added' | 'removed'; text: string };
export type ParagraphChange =
  | { op: 'same'; a: Paragraph; b: Paragraph }
  | { op: 'changed'; a: Paragraph; b: Paragraph; chars: CharOp[] }
  | { op: 'added'; b: Paragraph }
  | { op: 'removed'; a: Paragraph };

/** Indices of a longest common subsequence of a and b under `eq`. */
function lcs<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = eq(a[i], b[j]) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(a[i], b[j])) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Longer texts than this are shown as replaced whole: the table would be too large for a page request. */
const CHAR_DIFF_LIMIT = 3000;

export function charDiff(a: string, b: string): CharOp[] {
  const ca = [...a];
  const cb = [...b];
  if (ca.length > CHAR_DIFF_LIMIT || cb.length > CHAR_DIFF_LIMIT) {
    return [
      { op: 'removed', text: a },
      { op: 'added', text: b },
    ];
  }
  const out: CharOp[] = [];
  const push = (op: CharOp['op'], ch: string) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += ch;
    else out.push({ op, text: ch });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of lcs(ca, cb, (x, y) => x === y)) {
    while (i < pi) push('removed', ca[i++]);
    while (j < pj) push('added', cb[j++]);
    push('same', ca[i]);
    i++;
    j++;
  }
  while (i < ca.length) push('removed', ca[i++]);
  while (j < cb.length) push('added', cb[j++]);
  return out;
}

const fullText = (p: Paragraph) => `${p.heading ?? ''}${p.text}`;

export function compareBodies(a: ReportBody, b: ReportBody): { titleChanged: boolean; changes: ParagraphChange[] } {
  const pa = a.paragraphs;
  const pb = b.paragraphs;
  const out: ParagraphChange[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of lcs(pa, pb, (x, y) => x.id === y.id)) {
    while (i < pi) out.push({ op: 'removed', a: pa[i++] });
    while (j < pj) out.push({ op: 'added', b: pb[j++] });
    const x = pa[i++];
    const y = pb[j++];
    if (fullText(x) === fullText(y) && x.kind === y.kind) out.push({ op: 'same', a: x, b: y });
    else out.push({ op: 'changed', a: x, b: y, chars: charDiff(fullText(x), fullText(y)) });
  }
  while (i < pa.length) out.push({ op: 'removed', a: pa[i++] });
  while (j < pb.length) out.push({ op: 'added', b: pb[j++] });
  return { titleChanged: a.title !== b.title, changes: out };
}
