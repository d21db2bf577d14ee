import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../server/db/kysely.ts';
import type { SizeName } from '../generate/sizes.ts';
import { type FileSizePoint, type TownCountPoint, memoryByFileSize, memoryByTownCount } from './import-memory.ts';
import { IMPORT_RATIO_TARGET, type ImportVsRaw, importVsRaw } from './import-vs-raw.ts';

/*
 * Runs measurement 4 on one engine and prints its table:
 *   node --expose-gc --import tsx src/bench/import/import.run.ts [sqlite|postgres] [size] [--no-memory]
 * Results go to bench/results/import-<engine>-<size>-<date>.json.
 */

const MB = 1024 * 1024;
const f = (n: number, d = 2) => n.toFixed(d);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

export type ImportBench = { ratio: ImportVsRaw; byFileSize?: FileSizePoint[]; byTowns?: TownCountPoint[] };

export async function runImportBench(
  engine: Engine,
  pgUrl: string,
  size: SizeName,
  seed: number,
  memory: boolean,
  print: (line: string) => void,
): Promise<ImportBench> {
  const ratio = await importVsRaw(engine, pgUrl, size, 0, seed);
  print(`workbook import vs raw batched insert (${engine}, ${size}, ${ratio.town}, ${f(ratio.jsonBytes / MB)} MB JSON)`);
  print('rows      import s  raw s   import rows/s  raw rows/s  ratio (target ≥ 0.5)');
  print(
    `${int(ratio.totalRows).padEnd(9)} ${f(ratio.importSeconds).padEnd(9)} ${f(ratio.rawSeconds).padEnd(7)} ${int(ratio.importRowsPerSecond).padEnd(14)} ${int(ratio.rawRowsPerSecond).padEnd(11)} ${f(ratio.ratio)} ${ratio.ratio >= IMPORT_RATIO_TARGET ? 'met' : 'NOT met'}`,
  );
  print(`  raw copy: ${ratio.statements} statements; ${ratio.cycles.length ? `FK cycle ${ratio.cycles.join(', ')}: checks relaxed` : 'FK checks on'}`);
  const out: ImportBench = { ratio };
  if (memory) {
    out.byFileSize = await memoryByFileSize(engine, pgUrl, seed);
    print('memory by file size (one town, first N years of county size; peak heapUsed+external above baseline)');
    for (const p of out.byFileSize) {
      print(
        `  ${p.years} y  ${f(p.jsonBytes / MB)} MB JSON  import ${f(p.importSeconds)} s  peak +${f(p.peakBytes / MB, 1)} MB  (${f(p.bytesPerJsonByte, 1)} MB per MB)`,
      );
    }
    out.byTowns = await memoryByTownCount(engine, pgUrl, seed);
    print('memory by number of towns (loader, county size, one town document at a time)');
    for (const p of out.byTowns) print(`  ${String(p.towns).padStart(2)} towns  ${f(p.seconds, 1)} s  peak +${f(p.peakBytes / MB, 1)} MB`);
  }
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const engine = (process.argv[2] ?? 'sqlite') as Engine;
  const size = (process.argv[3] ?? 'county') as SizeName;
  const pgUrl = process.env.DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const result = await runImportBench(engine, pgUrl, size, 20261207, !process.argv.includes('--no-memory'), (l) => console.log(l));
  fs.mkdirSync('bench/results', { recursive: true });
  const file = path.join('bench/results', `import-${engine}-${size}-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
