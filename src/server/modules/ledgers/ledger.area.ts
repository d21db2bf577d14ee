import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import type { AnySheet } from './ledger.writer.ts';

/** The period of a ledger: China dates, their UTC bounds [fromIso, toIsoExclusive), and the clock. */
export type LedgerRange = { from: string; to: string; fromIso: string; toIsoExclusive: string; now: string };

export const AREAS = ['activities', 'receptions', 'suggestions', 'findings', 'appraisals', 'points'] as const;
export type AreaKey = (typeof AREAS)[number];

/** One area's ledger: its sheets (rows read in batches) and the data-row count of each sheet for the period. */
export type LedgerArea = {
  area: Exclude<AreaKey, 'points'>;
  label: string;
  sheetNames: readonly string[];
  counts(db: Kysely<DB>, townId: string, r: LedgerRange): Promise<number[]>;
  sheets(ctx: Ctx, townId: string, r: LedgerRange): AnySheet[];
};

/** Sums come back as text from PostgreSQL (bigint) and as numbers from SQLite. */
export const num = (v: unknown): number => Number(v ?? 0);
