import { CHAR_SPACING_TWIPS, FONTS, FOOTER_FROM_EDGE, LINE_PITCH, MARGIN, PAGE, PT, halfPoints } from './gbt9704.ts';

/*
 * The parts of a .docx (WordprocessingML), written as strings: a report is a title and paragraphs, so a
 * document generator library would add weight without adding anything we need. Text is escaped here, and
 * characters XML 1.0 cannot hold (control characters a user may paste) are dropped, so no stored text can
 * break the file or inject markup.
 */

export type DocParagraph = { kind: 'title' | 'lead' | 'h1' | 'h2' | 'body' | 'signature'; heading?: string; text: string };

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// biome-ignore lint/suspicious/noControlCharactersInRegex: dropping the characters XML 1.0 forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function fonts(name: string): string {
  return `<w:rFonts w:ascii="${name}" w:eastAsia="${name}" w:hAnsi="${name}" w:cs="${name}"/>`;
}

function run(text: string, font: string, pt: number, bold = false): string {
  const sz = halfPoints(pt);
  // Text in 3号 is drawn 0.25 pt closer so that 28 characters fill the 156 mm line (gbt9704.ts).
  const spacing = pt === PT.san ? `<w:spacing w:val="${CHAR_SPACING_TWIPS}"/>` : '';
  return `<w:r><w:rPr>${fonts(font)}${bold ? '<w:b/>' : ''}${spacing}<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/></w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

const exactLine = `<w:spacing w:line="${LINE_PITCH}" w:lineRule="exact" w:before="0" w:after="0"/>`;
/** Two characters of first-line indent: the paragraph style of Chinese official text. */
const indent2 = `<w:ind w:firstLineChars="200" w:firstLine="${PT.san * 20 * 2}"/>`;

export function paragraphXml(p: DocParagraph): string {
  switch (p.kind) {
    case 'title':
      // The title is set off by an empty line below it, as in printed documents.
      return `<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:line="${LINE_PITCH * 2}" w:lineRule="exact" w:before="0" w:after="${LINE_PITCH}"/></w:pPr>${run(p.text, FONTS.title, PT.er)}</w:p>`;
    case 'h1':
      return `<w:p><w:pPr>${exactLine}${indent2}<w:jc w:val="both"/><w:outlineLvl w:val="0"/></w:pPr>${run(p.text, FONTS.h1, PT.san)}</w:p>`;
    case 'h2':
      return `<w:p><w:pPr>${exactLine}${indent2}<w:jc w:val="both"/><w:outlineLvl w:val="1"/></w:pPr>${run(p.text, FONTS.h2, PT.san)}</w:p>`;
    case 'signature':
      // 落款: right-aligned, four characters in from the right edge.
      return `<w:p><w:pPr>${exactLine}<w:ind w:rightChars="400" w:right="${PT.san * 20 * 4}"/><w:jc w:val="right"/></w:pPr>${run(p.text, FONTS.body, PT.san)}</w:p>`;
    default: {
      // A third-level heading (1.) runs in at the start of its paragraph, in the body's 仿宋.
      const head = p.heading ? run(p.heading, FONTS.body, PT.san) : '';
      return `<w:p><w:pPr>${exactLine}${indent2}<w:jc w:val="both"/></w:pPr>${head}${run(p.text, FONTS.body, PT.san)}</w:p>`;
    }
  }
}

export function documentXml(paragraphs: readonly DocParagraph[]): string {
  const body = paragraphs.map(paragraphXml).join('');
  const sect =
    `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>` +
    `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${MARGIN.top}" w:right="${MARGIN.outside}" w:bottom="${MARGIN.bottom}" w:left="${MARGIN.inside}" w:header="851" w:footer="${FOOTER_FROM_EDGE}" w:gutter="0"/>` +
    `<w:pgNumType w:start="1"/><w:docGrid w:type="lines" w:linePitch="${LINE_PITCH}"/></w:sectPr>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${sect}</w:body></w:document>`;
}

/** "— N —" in 4号 宋体; odd pages on the right, even on the left, one character in from the edge. */
export function footerXml(side: 'odd' | 'even'): string {
  const sz = halfPoints(PT.si);
  const rpr = `<w:rPr>${fonts(FONTS.pageNumber)}<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/></w:rPr>`;
  const t = (s: string) => `<w:r>${rpr}<w:t xml:space="preserve">${s}</w:t></w:r>`;
  const fld = (type: string) => `<w:r>${rpr}<w:fldChar w:fldCharType="${type}"/></w:r>`;
  const ind = side === 'odd' ? `<w:ind w:right="${PT.si * 20}"/>` : `<w:ind w:left="${PT.si * 20}"/>`;
  const jc = side === 'odd' ? 'right' : 'left';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr>${ind}<w:jc w:val="${jc}"/></w:pPr>` +
    `${t('— ')}${fld('begin')}<w:r>${rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>${fld('separate')}${t('1')}${fld('end')}${t(' —')}</w:p></w:ftr>`
  );
}

export function stylesXml(): string {
  const sz = halfPoints(PT.san);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>${fonts(FONTS.body)}` +
    `<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:snapToGrid w:val="1"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>`
  );
}

export function settingsXml(): string {
  // Odd and even pages have their own footers; margins mirror so the binding side is always 28 mm.
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="${W}"><w:mirrorMargins/><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;
}

export function contentTypesXml(): string {
  const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/word/document.xml" ContentType="${wml}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="${wml}.styles+xml"/>` +
    `<Override PartName="/word/settings.xml" ContentType="${wml}.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="${wml}.footer+xml"/>` +
    `<Override PartName="/word/footer2.xml" ContentType="${wml}.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`
  );
}

export function packageRelsXml(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`
  );
}

export function documentRelsXml(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="${R}/settings" Target="settings.xml"/>` +
    `<Relationship Id="rIdFooterOdd" Type="${R}/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="${R}/footer" Target="footer2.xml"/></Relationships>`
  );
}

export function coreXml(title: string, createdIso: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>人大工作台</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${createdIso}</dcterms:created></cp:coreProperties>`
  );
}
