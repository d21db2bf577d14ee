import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../../server/db/kysely.ts';
import type { WorkbookDocument } from '../../server/modules/workbook/workbook.document.ts';
import { importWorkbook, readWorkbookText } from '../../server/modules/workbook/workbook.import.ts';
import { benchDatabase } from '../bench.database.ts';
import { hashPassword } from '../../server/lib/password.ts';
import { BENCH_PASSWORD, loadSize } from '../generate/load.ts';
import { yearsOf } from '../generate/sizes.ts';
import { generateTownDocument } from '../generate/town-document.ts';
import { BENCH_ACTOR_IMPORT } from './actor.ts';

/*
 * Issue 8, measurement 4, second half: memory while importing. The JS heap (heapUsed + external) is sampled
 * every 20 ms during the import; the result is the peak above the baseline taken just before it (after a
 * full GC when node runs with --expose-gc). Samples land between the import's awaits, so a peak inside one
 * synchronous step (JSON.parse, the zod parse) can be missed: the figures are a lower bound.
 */

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Runs `work` while sampling memory; answers the peak above the baseline in bytes. */
export async function peakAbove<T>(work: () => Promise<T>): Promise<{ value: T; peakBytes: number; baselineBytes: number }> {
  gc();
  const baselineBytes = heapNow();
  let peak = baselineBytes;
  const timer = setInterval(() => {
    peak = Math.max(peak, heapNow());
  }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, heapNow());
    return { value, peakBytes: peak - baselineBytes, baselineBytes };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The first `years` years of a multi-year town document: the dated records (activities, receptions,
 * suggestions, findings, notices) of later years are dropped; the organisation stays. Earlier records never
 * point at later ones, so the cut document is valid (the importer would refuse it otherwise).
 */
export function firstYears(doc: WorkbookDocument, years: number): WorkbookDocument {
  const last = yearsOf('county')[0] + years - 1;
  const upTo = (date: string | null | undefined) => date != null && Number(date.slice(0, 4)) <= last;
  const d = doc as WorkbookDocument & Record<string, any>;
  return {
    ...d,
    activities: (d.activities ?? []).filter((a: { startAt: string }) => upTo(a.startAt)),
    receptions: (d.receptions ?? []).filter((r: { date: string }) => upTo(r.date)),
    suggestions: (d.suggestions ?? []).filter((s: { year: number }) => s.year <= last),
    findings: (d.findings ?? []).filter((f: { foundOn: string }) => upTo(f.foundOn)),
    rectificationNotices: (d.rectificationNotices ?? []).filter((n: { issuedOn: string }) => upTo(n.issuedOn)),
  } as WorkbookDocument;
}

export type FileSizePoint = { years: number; jsonBytes: number; importSeconds: number; peakBytes: number; bytesPerJsonByte: number };

/**
 * One town's document cut to 1, 2, 3 and 5 years, each written to a file and imported as `renda import`
 * does (read the file, JSON.parse, import) into a fresh database, memory sampled from the read on.
 */
export async function memoryByFileSize(engine: Engine, pgUrl: string, seed: number, years: readonly number[] = [1, 2, 3, 5]): Promise<FileSizePoint[]> {
  const full = generateTownDocument(seed, 'county', 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-import-mem-'));
  const out: FileSizePoint[] = [];
  try {
    for (const y of years) {
      const file = path.join(dir, `town-${y}y.json`);
      fs.writeFileSync(file, JSON.stringify(firstYears(full, y)));
      const jsonBytes = fs.statSync(file).size;
      const d = await benchDatabase(engine, pgUrl);
      try {
        const t0 = performance.now();
        const { peakBytes } = await peakAbove(() => importWorkbook(d.db, readWorkbookText(fs.readFileSync(file, 'utf8')), BENCH_ACTOR_IMPORT));
        out.push({ years: y, jsonBytes, importSeconds: (performance.now() - t0) / 1000, peakBytes, bytesPerJsonByte: peakBytes / jsonBytes });
      } finally {
        await d.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export type TownCountPoint = { towns: number; seconds: number; peakBytes: number };

/** The multi-town loader (one town document at a time) at `county` size for 1, 5, 10 towns: the peak must not grow. */
export async function memoryByTownCount(engine: Engine, pgUrl: string, seed: number, counts: readonly number[] = [1, 5, 10]): Promise<TownCountPoint[]> {
  const out: TownCountPoint[] = [];
  // Hashed once outside the measurement, as the loader itself does.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (const towns of counts) {
    const d = await benchDatabase(engine, pgUrl);
    try {
      const { value, peakBytes } = await peakAbove(() => loadSize(d.db, 'county', seed, () => {}, { towns, passwordHash }));
      out.push({ towns, seconds: value.seconds, peakBytes });
    } finally {
      await d.close();
    }
  }
  return out;
}
