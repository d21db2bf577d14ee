import type { DataSource } from '../load/throughput.run.ts';
import { BENCH_PASSWORD, loadSize } from './load.ts';
import type { SizeName } from './sizes.ts';
import { townCode } from './sizes.ts';
import { adminUsername } from './town-document.ts';

/** The generator as the throughput run's data: every town of `size`; the reads are about the first town, as its admin. */
export function generatedSource(size: SizeName, seed: number): DataSource {
  return {
    label: `generated ${size} (seed ${seed})`,
    async load(db, log) {
      await loadSize(db, size, seed, (line) => log(`  ${line}`));
      return { townCode: townCode(0), username: adminUsername(0), password: BENCH_PASSWORD };
    },
  };
}
