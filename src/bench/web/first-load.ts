import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/*
 * What a browser must download before the first page can run: the entry script of index.html, the modules
 * it preloads (vite writes <link rel="modulepreload"> for the entry's static imports) and the stylesheets.
 * Routes are imported lazily (src/web/routes.tsx), so their chunks are not part of it. Sizes are gzip -9 of
 * the built files, which is what a reverse proxy with gzip sends (brotli would be smaller).
 */

export type FirstLoad = { files: { file: string; kind: 'js' | 'css'; bytes: number; gzip: number }[]; jsGzip: number; cssGzip: number; lazyChunks: number };

/** The assets index.html loads at once, in document order (pure: parses the HTML text). */
export function firstLoadAssets(html: string): { file: string; kind: 'js' | 'css' }[] {
  const out: { file: string; kind: 'js' | 'css' }[] = [];
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/g)) {
    const attrs = m[2];
    const src = /\b(?:src|href)="([^"]+)"/.exec(attrs)?.[1];
    if (!src || /^https?:/.test(src)) continue;
    if (m[1] === 'script' && /type="module"/.test(attrs)) out.push({ file: src, kind: 'js' });
    else if (m[1] === 'link' && /rel="modulepreload"/.test(attrs)) out.push({ file: src, kind: 'js' });
    else if (m[1] === 'link' && /rel="stylesheet"/.test(attrs)) out.push({ file: src, kind: 'css' });
  }
  return out;
}

export function measureFirstLoad(distDir: string): FirstLoad {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const assets = firstLoadAssets(html);
  const files = assets.map((a) => {
    const data = fs.readFileSync(path.join(distDir, a.file.replace(/^\//, '')));
    return { ...a, bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
  });
  const loaded = new Set(assets.map((a) => path.basename(a.file)));
  const lazyChunks = fs.readdirSync(path.join(distDir, 'assets')).filter((f) => f.endsWith('.js') && !loaded.has(f)).length;
  const sum = (kind: 'js' | 'css') => files.filter((f) => f.kind === kind).reduce((n, f) => n + f.gzip, 0);
  return { files, jsGzip: sum('js'), cssGzip: sum('css'), lazyChunks };
}
