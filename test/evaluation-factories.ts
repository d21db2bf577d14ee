import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { makeDeputy } from './factories.ts';

/* Builders for duty reports and peer / voter reviews (issue 6). */

/** Further deputies in office at a station, D101, D102 … with the given names. */
export async function makeStationDeputies(db: Kysely<DB>, townId: string, termId: string, stationId: string, names: readonly string[], prefix = 'D1') {
  const out = [];
  for (let i = 0; i < names.length; i++) {
    out.push(await makeDeputy(db, townId, termId, { code: `${prefix}${String(i + 1).padStart(2, '0')}`, name: names[i], stationId }));
  }
  return out;
}
