import { describe, expect, it } from 'vitest';
import { firstLoadAssets } from './first-load.ts';

describe('first-load assets of index.html', () => {
  it('takes the module entry, its preloads and stylesheets, not other links', () => {
    const html = `<html><head>
      <link rel="icon" href="/favicon.svg">
      <script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/react-b.js">
      <link rel="stylesheet" crossorigin href="/assets/index-c.css">
      <script src="https://example.org/x.js"></script>
    </head></html>`;
    expect(firstLoadAssets(html)).toEqual([
      { file: '/assets/index-a.js', kind: 'js' },
      { file: '/assets/react-b.js', kind: 'js' },
      { file: '/assets/index-c.css', kind: 'css' },
    ]);
  });
});
