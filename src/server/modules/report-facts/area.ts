import type { Kysely } from 'kysely';
import type { Facts } from '../../../shared/report/facts.ts';
import type { DB } from '../../db/schema.ts';

/** A period of China calendar dates, both ends included. */
export type FactRange = { from: string; to: string };

/**
 * One area's facts for a town and period: set queries only (never one per record), every fact with the
 * ids of the records it counts. Registered in areas.ts; keys documented in docs/report-facts.md.
 */
export type AreaFacts = (db: Kysely<DB>, townId: string, range: FactRange, now: Date) => Promise<Facts>;
