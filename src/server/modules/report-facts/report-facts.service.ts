import type { Kysely } from 'kysely';
import type { Facts } from '../../../shared/report/facts.ts';
import type { DB } from '../../db/schema.ts';
import type { FactRange } from './area.ts';
import { AREAS } from './areas.ts';
import { gapFacts } from './gaps.facts.ts';

/**
 * All the facts of one town for one period (docs/report-facts.md). The areas run concurrently; each is a
 * handful of set queries, so the time does not grow with the number of towns in the database.
 */
export async function townFacts(db: Kysely<DB>, townId: string, range: FactRange, now = new Date()): Promise<Facts> {
  const parts = await Promise.all(AREAS.map((area) => area(db, townId, range, now)));
  const facts: Facts = Object.assign({}, ...parts);
  // Shortcomings are judged on the figures the other areas computed, so they run after them.
  return Object.assign(facts, gapFacts(facts));
}
