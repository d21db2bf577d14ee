import type { z } from 'zod';
import { type Ctx, townOf } from '../../http/principal.ts';
import { queryTerms } from '../../lib/search-text.ts';
import { rankDuplicates } from './duplicates.rules.ts';
import { duplicateCandidates } from './duplicates.repo.ts';
import { type RankedPage, matterHits, mattersByIds, suggestionHits, suggestionsByIds } from './search.repo.ts';
import { mergeRanked, snippetOf } from './search.rules.ts';
import type { DuplicatesQuery, SearchItem, SearchQuery } from './search.schemas.ts';

const NONE: RankedPage = { hits: [], total: 0 };

/**
 * One search box over suggestions and reception matters, best match first. Admins search the whole town;
 * a liaison sees every suggestion of the town (as the suggestions list does) but only the receptions of
 * their own station. The town and station come from the session, never from the query.
 */
export async function searchUseCase(
  ctx: Ctx,
  q: z.infer<typeof SearchQuery>,
): Promise<{ items: z.infer<typeof SearchItem>[]; total: number; page: number; pageSize: number }> {
  const townId = townOf(ctx);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const terms = queryTerms(q.q);
  if (terms.length === 0) return { items: [], total: 0, page, pageSize };
  const types = new Set(q.types ? q.types.split(',') : ['suggestion', 'reception']);
  const p = ctx.principal;
  // A liaison without a station (an account not set up yet) sees no receptions rather than all of them.
  const liaison = p.role === 'liaison';
  const stationId = liaison ? p.stationId : null;
  const wantMatters = types.has('reception') && (!liaison || stationId !== null);
  // The top (offset + size) of each kind is enough to cut this page out of the merged ranking.
  const need = page * pageSize;
  const s = types.has('suggestion') ? await suggestionHits(ctx.db, townId, terms, p.userId, need) : NONE;
  const m = wantMatters ? await matterHits(ctx.db, townId, terms, stationId, need) : NONE;
  const pageHits = mergeRanked([s.hits, m.hits], (page - 1) * pageSize, pageSize);

  const [suggestions, matters] = await Promise.all([
    suggestionsByIds(
      ctx.db,
      townId,
      pageHits.filter((h) => h.type === 'suggestion').map((h) => h.key),
    ),
    mattersByIds(
      ctx.db,
      townId,
      pageHits.filter((h) => h.type === 'reception').map((h) => h.key),
    ),
  ]);
  const sById = new Map(suggestions.map((x) => [x.id, x]));
  const mById = new Map(matters.map((x) => [x.id, x]));
  const items: z.infer<typeof SearchItem>[] = [];
  for (const h of pageHits) {
    if (h.type === 'suggestion') {
      const x = sById.get(h.key);
      if (!x) continue;
      items.push({
        type: 'suggestion',
        id: x.id,
        code: x.code,
        title: x.title,
        snippet: snippetOf([x.content, x.grounds, x.proposal], terms),
        date: h.date,
        state: x.state,
      });
    } else {
      const x = mById.get(h.key);
      if (!x) continue;
      items.push({
        type: 'reception',
        id: x.receptionId,
        matterId: x.id,
        code: x.code,
        title: `${x.stationName} · ${x.category}`,
        snippet: snippetOf([x.content, x.routingNote], terms),
        date: x.date,
      });
    }
  }
  return { items, total: s.total + m.total, page, pageSize };
}

/**
 * Likely duplicates of a suggestion being written or registered: the town's open items and those of
 * the last year, scored by shared character pairs (duplicates.rules.ts); below the threshold nothing
 * shows, so an unrelated matter never looks like a duplicate.
 */
export async function duplicatesUseCase(ctx: Ctx, q: z.infer<typeof DuplicatesQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const title = q.title ?? '';
  const content = q.content ?? '';
  if (!title && !content) return { items: [] };
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const candidates = await duplicateCandidates(ctx.db, townId, since, q.excludeId);
  const ranked = rankDuplicates({ title, content }, candidates);
  return { items: ranked.map((r) => ({ id: r.id, code: r.code, title: r.title, state: r.state, score: r.score })) };
}
