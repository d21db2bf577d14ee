import { analyze } from '../bench.volume.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { hashPassword } from '../../server/lib/password.ts';
import { type WorkbookActor, WorkbookError, importWorkbook } from '../../server/modules/workbook/workbook.import.ts';
import type { WorkbookDocument } from '../../server/modules/workbook/workbook.document.ts';
import { SIZES, type SizeName } from './sizes.ts';
import { generateTownDocument } from './town-document.ts';

/*
 * Loads a bench size into a database through the workbook importer, town by town: each town is generated,
 * imported in its own transaction and dropped before the next, so memory holds one town whatever the size.
 */

/** The password of every bench town's admin account (bt0001-admin …). */
export const BENCH_PASSWORD = 'Bench@2026';

const BENCH_ACTOR: WorkbookActor = { userId: 'bench', username: 'bench', displayName: '基准测试数据', role: 'county_admin' };

export type LoadResult = {
  towns: number;
  /** Rows written per table (the records and the lists inside them; audit events not included). */
  rows: Record<string, number>;
  seconds: number;
};

const sum = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0);

/** The rows one town document writes, by table: what the database must hold for the town after the import. */
export function documentRows(doc: WorkbookDocument): Record<string, number> {
  const suggestions = doc.suggestions ?? [];
  const of = <T>(xs: readonly T[] | undefined, f: (x: T) => number) => sum((xs ?? []).map(f));
  return {
    village: doc.villages?.length ?? 0,
    term: doc.terms?.length ?? 0,
    constituency: doc.constituencies?.length ?? 0,
    constituencyVillage: of(doc.constituencies, (c) => c.villages.length),
    station: doc.stations?.length ?? 0,
    stationVillage: of(doc.stations, (s) => s.villages.length),
    handlingUnit: doc.units?.length ?? 0,
    deputy: doc.deputies?.length ?? 0,
    appUser: doc.users?.length ?? 0,
    activityKind: doc.activityKinds?.length ?? 0,
    activity: doc.activities?.length ?? 0,
    activityInvitation: of(doc.activities, (a) => a.invitations.length),
    reception: doc.receptions?.length ?? 0,
    receptionDeputy: of(doc.receptions, (r) => r.deputies.length),
    receptionMatter: of(doc.receptions, (r) => r.matters.length),
    suggestion: suggestions.length,
    suggestionSponsor: of(suggestions, (s) => s.sponsors.length),
    suggestionUnit: of(suggestions, (s) => s.units.length),
    suggestionEvent: of(suggestions, (s) => s.events.length),
    suggestionReply: of(suggestions, (s) => s.replies.length),
    suggestionRating: of(suggestions, (s) => s.ratings.length),
    suggestionRequest: of(suggestions, (s) => s.requests.length),
    suggestionConsultation: of(suggestions, (s) => s.consultations.length),
    finding: doc.findings?.length ?? 0,
    rectificationNotice: doc.rectificationNotices?.length ?? 0,
    noticeFinding: of(doc.rectificationNotices, (n) => n.findings.length),
  };
}

export const totalRows = (rows: Record<string, number>) => sum(Object.values(rows));

const rate = (rows: number, seconds: number) => (seconds > 0 ? Math.round(rows / seconds) : 0);

/**
 * Writes every town of `size` into `db` (migrated). Returns the number of towns, the rows written per table and
 * the seconds spent (generation included: it is a small part, and the loader is what users wait for).
 * `opts.towns` loads only the first N towns of the size (to sample a large size); `opts.passwordHash` skips
 * hashing BENCH_PASSWORD.
 */
export async function loadSize(
  db: Kysely<DB>,
  size: SizeName,
  seed: number,
  progress: (line: string) => void = () => {},
  opts: { towns?: number; passwordHash?: string } = {},
): Promise<LoadResult> {
  const towns = Math.min(SIZES[size].towns, opts.towns ?? Number.POSITIVE_INFINITY);
  // One hash for every account: scrypt is slow on purpose.
  const passwordHash = opts.passwordHash ?? (await hashPassword(BENCH_PASSWORD));
  const rows: Record<string, number> = {};
  const started = performance.now();
  for (let i = 0; i < towns; i++) {
    const t0 = performance.now();
    let doc: WorkbookDocument | null = generateTownDocument(seed, size, i, passwordHash);
    const t1 = performance.now();
    const counts = documentRows(doc);
    try {
      await importWorkbook(db, doc, BENCH_ACTOR);
    } catch (e) {
      if (e instanceof WorkbookError) {
        const issues = ((e as { details?: { issues?: { field: string; message: string }[] } }).details?.issues ?? []).slice(0, 10);
        throw new Error(`bench: town ${doc.town.code} was refused: ${e.message}\n${issues.map((x) => `  ${x.field}  ${x.message}`).join('\n')}`);
      }
      throw e;
    }
    const { code, name } = doc.town;
    doc = null; // one town in memory at a time
    const t2 = performance.now();
    for (const [k, n] of Object.entries(counts)) rows[k] = (rows[k] ?? 0) + n;
    const n = totalRows(counts);
    progress(
      `${code} ${name}: ${n.toLocaleString('en-US')} rows, generated ${((t1 - t0) / 1000).toFixed(2)} s, imported ${((t2 - t1) / 1000).toFixed(2)} s (${rate(n, (t2 - t1) / 1000).toLocaleString('en-US')} rows/s)`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await analyze(db);
  const all = totalRows(rows);
  progress(`${size}: ${towns} towns, ${all.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${rate(all, seconds).toLocaleString('en-US')} rows/s)`);
  return { towns, rows, seconds };
}
