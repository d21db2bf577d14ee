import JSZip from 'jszip';
import { type DocParagraph, contentTypesXml, coreXml, documentRelsXml, documentXml, footerXml, packageRelsXml, settingsXml, stylesXml } from './docx.parts.ts';

export type { DocParagraph } from './docx.parts.ts';

/** A .docx in the GB/T 9704 layout from a title and paragraphs whose figures are already filled in. */
export async function buildDocx(doc: { title: string; paragraphs: readonly DocParagraph[] }, now = new Date()): Promise<Buffer> {
  const zip = new JSZip();
  const created = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  zip.file('[Content_Types].xml', contentTypesXml());
  zip.file('_rels/.rels', packageRelsXml());
  zip.file('docProps/core.xml', coreXml(doc.title, created));
  zip.file('word/_rels/document.xml.rels', documentRelsXml());
  zip.file('word/document.xml', documentXml([{ kind: 'title', text: doc.title }, ...doc.paragraphs]));
  zip.file('word/styles.xml', stylesXml());
  zip.file('word/settings.xml', settingsXml());
  zip.file('word/footer1.xml', footerXml('odd'));
  zip.file('word/footer2.xml', footerXml('even'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
