import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { buildDocx } from './docx.build.ts';

/*
 * The .docx is checked by parsing its XML (every part must be well-formed) and reading the layout back:
 * page size, margins, grid, the fonts and sizes of the title, headings and body, the page-number footers.
 */

type El = { name: string; attrs: Record<string, string>; children: El[]; text: string };

function parse(xml: string): El {
  const p = new SaxesParser({ xmlns: false });
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  p.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
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
const one = (el: El, name: string): El => {
  const found = all(el, name);
  if (found.length === 0) throw new Error(`no ${name}`);
  return found[0];
};
const textOf = (el: El): string =>
  all(el, 'w:t')
    .map((t) => t.text)
    .join('');

async function open(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const part = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`missing ${name}`);
    return parse(await f.async('string'));
  };
  return { zip, part };
}

const sample = {
  title: '青山镇人大主席团2026年工作总结',
  paragraphs: [
    { kind: 'lead' as const, text: '2026年，镇人大主席团依法履职。' },
    { kind: 'h1' as const, text: '一、2026年主要工作和成效' },
    { kind: 'h2' as const, text: '（一）依法开好人民代表大会' },
    { kind: 'body' as const, heading: '1. 加强培训。', text: '组织培训3次、120人次。' },
    { kind: 'body' as const, text: 'A & B <c> "d" =1+1\u0007 end' },
    { kind: 'signature' as const, text: '青山镇人大主席团' },
  ],
};

describe('the work report as .docx (GB/T 9704-2012)', () => {
  it('is a well-formed package with every part', async () => {
    const { zip, part } = await open(await buildDocx(sample));
    for (const name of [
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
      'word/styles.xml',
      'word/settings.xml',
      'word/footer1.xml',
      'word/footer2.xml',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
    ]) {
      expect(zip.file(name), name).not.toBeNull();
      await part(name); // parses, or throws on malformed XML
    }
  });

  it('lays out A4 with the standard margins and 22 lines × 28 characters', async () => {
    const { part } = await open(await buildDocx(sample));
    const doc = await part('word/document.xml');
    const pgSz = one(doc, 'w:pgSz').attrs;
    expect([pgSz['w:w'], pgSz['w:h']]).toEqual(['11906', '16838']); // 210 × 297 mm
    const m = one(doc, 'w:pgMar').attrs;
    // top 37 mm, binding side 28 mm (left, mirrored on even pages), outer 26 mm, bottom 35 mm.
    expect([m['w:top'], m['w:left'], m['w:right'], m['w:bottom']]).toEqual(['2098', '1587', '1474', '1984']);
    const twipsToMm = (t: string) => (Number(t) * 25.4) / 1440;
    expect(210 - twipsToMm(m['w:left']) - twipsToMm(m['w:right'])).toBeCloseTo(156, 0); // text block width
    expect(297 - twipsToMm(m['w:top']) - twipsToMm(m['w:bottom'])).toBeCloseTo(225, 0); // text block height
    const grid = one(doc, 'w:docGrid').attrs;
    expect(grid['w:type']).toBe('lines');
    expect(Math.floor((225 * 1440) / 25.4 / Number(grid['w:linePitch']))).toBe(22);
    // Every body line is set at that pitch exactly.
    const body = all(doc, 'w:p')[4];
    expect(one(body, 'w:spacing').attrs).toMatchObject({ 'w:line': grid['w:linePitch'], 'w:lineRule': 'exact' });
    // A 3号 character (16 pt) plus the run's spacing (twentieths of a point): 28 of them fill 156 mm.
    const r = all(body, 'w:r')[1];
    const pitchPt = Number(one(r, 'w:sz').attrs['w:val']) / 2 + Number(all(r, 'w:spacing')[0].attrs['w:val']) / 20;
    expect(Math.floor(((156 / 25.4) * 72) / pitchPt)).toBe(28);
    const settings = await part('word/settings.xml');
    expect(all(settings, 'w:mirrorMargins')).toHaveLength(1);
    expect(all(settings, 'w:evenAndOddHeaders')).toHaveLength(1);
  });

  it('sets the title, the heading levels and the body in their fonts and sizes', async () => {
    const { part } = await open(await buildDocx(sample));
    const doc = await part('word/document.xml');
    const paras = all(doc, 'w:p');
    const runFont = (p: El, i = 0) => {
      const r = all(p, 'w:r')[i];
      return { font: one(r, 'w:rFonts').attrs['w:eastAsia'], pt: Number(one(r, 'w:sz').attrs['w:val']) / 2, text: textOf(r) };
    };
    expect(runFont(paras[0])).toEqual({ font: '方正小标宋简体', pt: 22, text: sample.title }); // 2号
    expect(one(paras[0], 'w:jc').attrs['w:val']).toBe('center');
    expect(runFont(paras[1]).font).toBe('仿宋_GB2312'); // lead: body text
    expect(runFont(paras[2])).toEqual({ font: '黑体', pt: 16, text: '一、2026年主要工作和成效' });
    expect(runFont(paras[3])).toEqual({ font: '楷体_GB2312', pt: 16, text: '（一）依法开好人民代表大会' });
    expect(runFont(paras[4], 0)).toEqual({ font: '仿宋_GB2312', pt: 16, text: '1. 加强培训。' }); // 1. in 仿宋
    expect(runFont(paras[4], 1)).toEqual({ font: '仿宋_GB2312', pt: 16, text: '组织培训3次、120人次。' }); // 3号 仿宋
    expect(one(paras[4], 'w:ind').attrs['w:firstLineChars']).toBe('200');
    expect(one(paras[4], 'w:spacing').attrs).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(one(paras[6], 'w:jc').attrs['w:val']).toBe('right');
  });

  it('keeps stored text as text: markup escaped, control characters dropped', async () => {
    const { zip, part } = await open(await buildDocx(sample));
    const doc = await part('word/document.xml');
    expect(textOf(all(doc, 'w:p')[5])).toBe('A & B <c> "d" =1+1 end');
    const raw = await zip.file('word/document.xml')?.async('string');
    expect(raw).toContain('A &amp; B &lt;c&gt;');
  });

  it('numbers pages "— N —" in 4号, odd pages right and even pages left', async () => {
    const { part } = await open(await buildDocx(sample));
    const doc = await part('word/document.xml');
    const refs = all(doc, 'w:footerReference').map((r) => [r.attrs['w:type'], r.attrs['r:id']]);
    expect(refs).toEqual([
      ['default', 'rIdFooterOdd'],
      ['even', 'rIdFooterEven'],
    ]);
    const rels = await part('word/_rels/document.xml.rels');
    const target = (id: string) => all(rels, 'Relationship').find((r) => r.attrs.Id === id)?.attrs.Target;
    const odd = await part(`word/${target('rIdFooterOdd')}`);
    const even = await part(`word/${target('rIdFooterEven')}`);
    expect(one(odd, 'w:jc').attrs['w:val']).toBe('right');
    expect(one(even, 'w:jc').attrs['w:val']).toBe('left');
    for (const f of [odd, even]) {
      expect(textOf(f)).toBe('— 1 —');
      expect(one(f, 'w:instrText').text.trim()).toBe('PAGE');
      expect(Number(one(f, 'w:sz').attrs['w:val']) / 2).toBe(14); // 4号
    }
  });

  // LibreOffice is not part of the test machine's required installs; where `soffice` is on the PATH, the
  // file must convert to PDF (a check that a real word processor opens it).
  const soffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice']).stdout?.toString().trim();
  it.skipIf(!soffice)(
    'converts to PDF with LibreOffice headless (skipped where soffice is not installed)',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-'));
      const file = path.join(dir, 'report.docx');
      fs.writeFileSync(file, await buildDocx(sample));
      execFileSync(soffice as string, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
      const pdf = fs.readFileSync(path.join(dir, 'report.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      fs.rmSync(dir, { recursive: true, force: true });
    },
    180_000,
  );
});
