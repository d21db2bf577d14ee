import { importVsRaw } from './import-vs-raw.ts';
const r = await importVsRaw((process.argv[2] ?? 'sqlite') as any, 'postgres://postgres@127.0.0.1:5432/test', (process.argv[3] ?? 'town') as any, 0, 20261207);
const { countsA, countsB, rows, ...rest } = r;
console.log(rest, rows);
for (const k of new Set([...Object.keys(countsA), ...Object.keys(countsB)])) if (countsA[k] !== countsB[k]) console.log('DIFF', k, countsA[k], countsB[k]);
