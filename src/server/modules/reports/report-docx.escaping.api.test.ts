import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, setupApi } from '../../../../test/app.ts';

/*
 * A report's stored text comes out of the .docx as literal text. The text is stored through the API
 * (PATCH /reports/:id) with markup that would close the run and open another (</w:t>…), entities,
 * a script tag, CDATA and comment terminators, quotes and every control character; then every XML part
 * of the exported file must pass a strict XML parser (saxes, which exceljs also uses), and the words read
 * back must be the stored ones — minus only the characters XML 1.0 cannot carry.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const CONTROLS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const INJECT = '</w:t></w:r><w:r><w:t>注入</w:t></w:r><w:r><w:t xml:space="preserve">';
const HOSTILE_TITLE = `<script>alert(1)</script> & "标题" '单引号' ]]> -->`;
const HOSTILE_TEXT = `${INJECT} A &amp; B &lt;c&gt; <w:p/> <!-- x --> <![CDATA[y]]> ${CONTROLS}\uFFFE\uFFFF 结束`;
const HOSTILE_HEADING = `1. <b>粗体</b>&nbsp;`;

type El = { name: string; attrs: Record<string, string>; children: El[]; text: string };

/** A strict parse: any well-formedness error throws. */
function parseStrict(xml: string): El {
  const p = new SaxesParser({ xmlns: true });
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => {
    const el: El = {
      name: t.name,
      attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])),
      children: [],
      text: '',
    };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  p.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  p.on('closetag', () => {
    stack.pop();
  });
  p.write(xml).close();
  return root.children[0];
}
const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
const textOf = (el: El): string =>
  all(el, 'w:t')
    .map((t) => t.text)
    .join('');

let t: TestCtx;
beforeAll(async () => {
  t = await setupApi();
});
afterAll(async () => t.close());

describe('report .docx export', () => {
  it('writes stored markup, entities, script tags and control characters as literal text in well-formed XML', async () => {
    const admin = await t.as('town_admin');
    const created = await admin.post('/api/v1/reports', { kind: 'year', year: 2026 });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    const paragraphs = [
      { id: 'p1', kind: 'body', text: HOSTILE_TEXT },
      { id: 'p2', kind: 'body', heading: HOSTILE_HEADING, text: '=1+1 @SUM(A1)' },
      { id: 'p3', kind: 'h1', text: HOSTILE_TITLE },
    ];
    const edited = await admin.patch(`/api/v1/reports/${r.id}`, { version: r.version, body: { title: HOSTILE_TITLE, paragraphs } });
    expect(edited.statusCode, edited.body).toBe(200);

    const res = await admin.request({ method: 'GET', url: `/api/v1/reports/${r.id}/export.docx` });
    expect(res.statusCode, res.body).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const parts = Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    expect(parts).toContain('word/document.xml');
    // Every part parses strictly — the file opens.
    const parsed = new Map<string, El>();
    for (const name of parts) parsed.set(name, parseStrict((await zip.file(name)?.async('string')) as string));

    const doc = parsed.get('word/document.xml') as El;
    const paras = all(doc, 'w:p');
    // Title + the three paragraphs: the injected </w:t></w:r><w:r> made no extra runs or paragraphs.
    expect(paras).toHaveLength(4);
    expect(paras.map((p) => all(p, 'w:r').length)).toEqual([1, 1, 2, 1]);
    expect(all(doc, 'script')).toHaveLength(0);
    expect(all(doc, 'b')).toHaveLength(0);
    expect(textOf(paras[0])).toBe(HOSTILE_TITLE);
    // XML end-of-line handling reads a CR as LF; everything else is as stored.
    expect(textOf(paras[1])).toBe(HOSTILE_TEXT.replace(NOT_XML, '').replace(/\r\n?/g, '\n'));
    expect(textOf(paras[2])).toBe(`${HOSTILE_HEADING}=1+1 @SUM(A1)`);
    expect(textOf(paras[3])).toBe(HOSTILE_TITLE);
    // The raw XML holds the markup escaped, never as markup.
    const raw = (await zip.file('word/document.xml')?.async('string')) as string;
    expect(raw).toContain('&lt;/w:t&gt;&lt;/w:r&gt;');
    expect(raw).toContain('A &amp;amp; B &amp;lt;c&amp;gt;');
    expect(raw).not.toContain('<script>');
    // The title is in the document properties too, escaped there as well.
    expect(all(parsed.get('docProps/core.xml') as El, 'dc:title')[0].text).toBe(HOSTILE_TITLE);
  });
});
