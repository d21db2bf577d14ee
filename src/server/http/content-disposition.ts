/*
 * The Content-Disposition of a download. The real name (Chinese, from a user or a record) travels only
 * in filename* (RFC 5987/6266), percent-encoded to its attr-chars, so no quote, semicolon, CR or LF from
 * a name can end the header or add another; the plain filename= is an ASCII fallback with everything
 * outside a safe set replaced, for old clients.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * ! unencoded, which attr-char does not all allow. */
export function rfc5987(value: string): string {
  // Lone surrogates would make encodeURIComponent throw; they become U+FFFD first.
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A fallback name of letters, digits, dot, dash and underscore only. */
export function asciiFallback(name: string): string {
  const clean = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 100);
  return clean || 'download';
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` (or inline). */
export function contentDisposition(fileName: string, opts: { ascii?: string; inline?: boolean } = {}): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in a file name
  const name = fileName.replace(/[\u0000-\u001f\u007f]/g, '');
  return `${opts.inline ? 'inline' : 'attachment'}; filename="${asciiFallback(opts.ascii ?? name)}"; filename*=UTF-8''${rfc5987(name)}`;
}
