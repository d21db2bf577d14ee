// Build the web app when dist/web is missing or older than its sources, so that
// `npm ci && npm start` works on a fresh clone and a second start does not rebuild.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'web', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const srcTime = Math.max(newest(path.join(root, 'src', 'web')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < srcTime) {
  console.log('building the web app (构建前端)…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
