#!/usr/bin/env node
// The `renda` command. The server and CLI are TypeScript run through tsx (esbuild), so there is no
// separate compile step between `npm ci` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/renda.ts');
