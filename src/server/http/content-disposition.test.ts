import { describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition, rfc5987 } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('keeps a Chinese name in filename* and an ASCII fallback in filename', () => {
    expect(contentDisposition('代表名册.xlsx', { ascii: 'deputies.xlsx' })).toBe(
      `attachment; filename="deputies.xlsx"; filename*=UTF-8''${encodeURIComponent('代表名册.xlsx')}`,
    );
    expect(contentDisposition('a.png', { inline: true })).toMatch(/^inline; filename="a\.png"; /);
  });

  it('never lets a name end the header or add a parameter', () => {
    for (const name of ['a\r\nSet-Cookie: x=1\r\n.pdf', 'a"; filename="evil.html', "x'();*!.pdf", '..\\..\\x\u0000.pdf', 'a\uD800b.pdf']) {
      const h = contentDisposition(name, { ascii: name });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that none are there
      expect(h).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(h).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    }
  });

  it('percent-encodes what encodeURIComponent leaves and RFC 5987 does not allow', () => {
    expect(rfc5987("a'b(c)*")).toBe('a%27b%28c%29%2A');
    expect(asciiFallback('../..')).toBe('_..');
    expect(asciiFallback('名册')).toBe('__');
    expect(asciiFallback('')).toBe('download');
  });
});
