import { describe, expect, it } from 'vitest';
import { cleanFileName, kindsMessage, sniffKind } from './files.rules.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('sniffKind: the type comes from the bytes', () => {
  it('recognises images and PDF whatever the name says', () => {
    expect(sniffKind(bytes([0xff, 0xd8, 0xff, 0xe0]), 'a.pdf')).toBe('jpeg');
    expect(sniffKind(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'x')).toBe('png');
    expect(sniffKind(bytes('%PDF-1.7\n'), 'minutes.docx')).toBe('pdf');
  });

  it('tells Word, Excel and PowerPoint apart by the part names inside the zip', () => {
    expect(sniffKind(bytes(ZIP, '....[Content_Types].xml....word/document.xml'), 'a.xlsx')).toBe('docx');
    expect(sniffKind(bytes(ZIP, '....[Content_Types].xml....xl/workbook.xml'), 'a')).toBe('xlsx');
    expect(sniffKind(bytes(ZIP, '....[Content_Types].xml....ppt/presentation.xml'), 'a')).toBe('pptx');
  });

  it('refuses a plain zip, an unknown OLE file and anything else', () => {
    expect(sniffKind(bytes(ZIP, 'evil.exe'), 'a.docx')).toBeNull();
    expect(sniffKind(bytes(OLE, 'x'), 'setup.msi')).toBeNull();
    expect(sniffKind(bytes('MZ\x90\x00'), 'a.pdf')).toBeNull();
    expect(sniffKind(bytes('<html>'), 'a.png')).toBeNull();
    expect(sniffKind(Buffer.alloc(0), 'a.pdf')).toBeNull();
  });

  it('takes the old Office formats by extension among the three that share the OLE header', () => {
    expect(sniffKind(bytes(OLE, 'x'), '旧文件.DOC')).toBe('doc');
    expect(sniffKind(bytes(OLE, 'x'), 'a.xls')).toBe('xls');
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment, drops unsafe characters and sets the real extension', () => {
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\x\\会议纪要.jpg', 'pdf')).toBe('会议纪要.pdf');
    expect(cleanFileName('a<b>:"c|?*\u0000.png', 'png')).toBe('abc.png');
    expect(cleanFileName('.hidden', 'pdf')).toBe('文件.pdf');
    expect(cleanFileName('', 'jpeg')).toBe('文件.jpg');
    expect(cleanFileName('photo.jpeg', 'jpeg')).toBe('photo.jpeg');
    expect(cleanFileName('长'.repeat(300), 'docx')).toHaveLength(105);
  });
});

describe('kindsMessage', () => {
  it('names the accepted kinds in Chinese', () => {
    expect(kindsMessage(['jpeg', 'png'])).toBe('须为 JPEG 或 PNG 文件');
    expect(kindsMessage(['pdf'])).toBe('须为 PDF 文件');
    expect(kindsMessage(['pdf', 'docx', 'doc'])).toBe('须为 PDF 或 Word 文件');
  });
});
