import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TERMINAL } from '../suggestions/suggestion.machine.ts';

/** Enough of a content for the comparison; contents of 10,000 characters do not need reading whole. */
const CONTENT_CHARS = 2000;
/** A town raises 15–45 suggestions a session; this bounds the work even for a county-sized town. */
const MAX_CANDIDATES = 1000;

/**
 * The suggestions a new one could duplicate: of the town, still open (any age), or finished within the
 * last year (`since`, a UTC timestamp); never drafts, withdrawn or merged ones (already gone into
 * another). Newest first, bounded.
 */
export function duplicateCandidates(db: Kysely<DB>, townId: string, since: string, excludeId?: string) {
  let q = db
    .selectFrom('suggestion as s')
    .select(['s.id', 's.code', 's.title', 's.state', sql<string>`substr(${sql.ref('s.content')}, 1, ${CONTENT_CHARS})`.as('content')])
    .where('s.townId', '=', townId)
    .where('s.state', 'not in', ['draft', 'withdrawn', 'merged'])
    .where((eb) => eb.or([eb('s.state', 'not in', TERMINAL), eb('s.updatedAt', '>=', since)]));
  if (excludeId) q = q.where('s.id', '!=', excludeId);
  return q.orderBy('s.updatedAt', 'desc').limit(MAX_CANDIDATES).execute();
}
