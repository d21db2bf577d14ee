import type { FileKind } from '../../db/schema.ts';

/*
 * What a file is, judged by its bytes and not by its name: a renamed .exe does not pass as a .pdf.
 * The kinds a congress office handles: photos (JPEG, PNG), PDF, Word/Excel/PowerPoint (both the
 * current zip-based formats and the old OLE ones). Nothing is unpacked here; the size limit is checked
 * before any of this, and a zip-based Office file is then checked against zip bombs (lib/zip-guard.ts).
 */

export type { FileKind };

export const MIME: Record<FileKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

export const IMAGE_KINDS: readonly FileKind[] = ['jpeg', 'png'];
export const DOCUMENT_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'];
export const ALL_KINDS: readonly FileKind[] = [...IMAGE_KINDS, ...DOCUMENT_KINDS];

/** Chinese names of the kinds for error messages: "须为 JPEG、PNG 或 PDF 文件". */
export const KIND_LABEL: Record<FileKind, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  pdf: 'PDF',
  docx: 'Word (.docx)',
  xlsx: 'Excel (.xlsx)',
  pptx: 'PowerPoint (.pptx)',
  doc: 'Word (.doc)',
  xls: 'Excel (.xls)',
  ppt: 'PowerPoint (.ppt)',
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/**
 * The kind of a file from its first bytes. Zip and OLE containers say only "an Office file"; which one
 * is told by the part names inside a zip (word/, xl/, ppt/ — stored uncompressed in the central and
 * local headers) and, for the old OLE formats, by the extension among the three that share the header.
 */
export function sniffKind(bytes: Buffer, fileName: string): FileKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return 'png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP)) {
    if (bytes.indexOf('[Content_Types].xml', 0, 'latin1') < 0) return null;
    if (bytes.indexOf('word/', 0, 'latin1') >= 0) return 'docx';
    if (bytes.indexOf('xl/', 0, 'latin1') >= 0) return 'xlsx';
    if (bytes.indexOf('ppt/', 0, 'latin1') >= 0) return 'pptx';
    return null;
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE)) {
    const ext = extOf(fileName);
    return ext === 'doc' || ext === 'xls' || ext === 'ppt' ? ext : null;
  }
  return null;
}

/**
 * A file name safe to store and to send back: the last path segment only, no control characters,
 * no characters that Windows forbids, at most 120 characters, and the extension of what the file
 * really is (a PDF uploaded as "x.jpg" is stored as "x.pdf").
 */
export function cleanFileName(name: string, kind: FileKind): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,8}$/, '').replace(/^\.+/, '').slice(0, 100) || '文件';
  const ext = kind === 'jpeg' ? (extOf(base) === 'jpeg' ? 'jpeg' : 'jpg') : kind;
  return `${stem}.${ext}`;
}

/** "须为 JPEG 或 PNG 文件" from the kinds a use accepts. */
export function kindsMessage(kinds: readonly FileKind[]): string {
  const names = [...new Set(kinds.map((k) => KIND_LABEL[k].split(' ')[0]))];
  return names.length === 1 ? `须为 ${names[0]} 文件` : `须为 ${names.slice(0, -1).join('、')} 或 ${names.at(-1)} 文件`;
}
