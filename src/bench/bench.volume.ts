import { type Kysely, sql } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { newId } from '../server/lib/ids.ts';
import { searchText } from '../server/lib/search-text.ts';
import { appendAuditRows } from '../server/modules/audit/audit.repo.ts';
import { DEFAULT_CATEGORIES_FOR_BENCH, PHRASES } from './bench.words.ts';

/*
 * Volume on top of the demo town 青石镇 so the lists are measured at the size of years of a busy
 * town, not at demo size: suggestions with sponsors, offices and history, receptions with matters,
 * and audit events. Rows are written directly in large multi-row inserts (the benchmark measures
 * reading; writing through the services row by row would take minutes and measure nothing).
 */

export type Volume = { suggestions: number; receptions: number; mattersPerReception: number; auditEvents: number };

export function volumeFor(scale: number): Volume {
  return { suggestions: 5_000 * scale, receptions: 2_000 * scale, mattersPerReception: 5, auditEvents: 100_000 * scale };
}

const BATCH = 500;

async function insertChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** A small deterministic generator, so two runs measure the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATES = ['submitted', 'registered', 'assigned', 'handling', 'replied', 'rehandling', 'following', 'closed', 'closed', 'closed'] as const;

export async function addVolume(db: Kysely<DB>, townCode: string, v: Volume, progress: (line: string) => void): Promise<void> {
  const town = await db.selectFrom('town').select(['id', 'countyId']).where('code', '=', townCode).executeTakeFirstOrThrow();
  const deputies = (await db.selectFrom('deputy').select(['id', 'name']).where('townId', '=', town.id).execute()).slice(0, 160);
  const units = await db.selectFrom('handlingUnit').select('id').where('townId', '=', town.id).execute();
  const stations = await db.selectFrom('station').select('id').where('townId', '=', town.id).execute();
  const villages = await db.selectFrom('village').select('id').where('townId', '=', town.id).execute();
  if (!deputies.length || !units.length || !stations.length) throw new Error(`bench: town ${townCode} has no deputies, units or stations`);
  const r = rng(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ts = new Date().toISOString();

  const rows = [];
  const sponsors = [];
  const units2 = [];
  const events = [];
  for (let i = 0; i < v.suggestions; i++) {
    const year = 2022 + (i % 5);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const state = STATES[i % STATES.length];
    const lead = pick(deputies);
    const title = `${pick(PHRASES)}（${i + 1}）`;
    const content = `${pick(PHRASES)}，${pick(PHRASES)}。`;
    const category = pick(DEFAULT_CATEGORIES_FOR_BENCH);
    const assigned = state !== 'submitted' && state !== 'registered';
    const id = newId();
    rows.push({
      id,
      townId: town.id,
      code: `B${year}-${String(i + 1).padStart(5, '0')}`,
      year,
      kind: 'suggestion' as const,
      title,
      content,
      sourceType: 'deputy' as const,
      category,
      villageId: villages.length ? pick(villages).id : null,
      state,
      pending: null,
      assignedOn: assigned ? `${year}-${month}-10` : null,
      dueDate: assigned ? `${year}-${month}-28` : null,
      searchText: searchText(title, content, category, lead.name),
      createdAt: ts,
      updatedAt: ts,
    });
    sponsors.push({ suggestionId: id, deputyId: lead.id, townId: town.id, role: 'lead' as const });
    const co = pick(deputies);
    if (co.id !== lead.id) sponsors.push({ suggestionId: id, deputyId: co.id, townId: town.id, role: 'co' as const });
    if (assigned) units2.push({ suggestionId: id, unitId: pick(units).id, townId: town.id, role: 'lead' as const });
    for (const [k, to] of [
      ['submit', 'submitted'],
      ['register', 'registered'],
      ['assign', 'assigned'],
    ] as const)
      events.push({ id: newId(), townId: town.id, suggestionId: id, type: k, fromState: null, toState: to, round: 1, actorUserId: null, at: ts });
  }
  await insertChunks(rows, (c) => db.insertInto('suggestion').values(c).execute());
  await insertChunks(sponsors, (c) => db.insertInto('suggestionSponsor').values(c).execute());
  await insertChunks(units2, (c) => db.insertInto('suggestionUnit').values(c).execute());
  await insertChunks(events, (c) => db.insertInto('suggestionEvent').values(c).execute());
  progress(`  ${rows.length} suggestions, ${sponsors.length} sponsors, ${events.length} events`);

  const receptions = [];
  const onDuty = [];
  const matters = [];
  for (let i = 0; i < v.receptions; i++) {
    const id = newId();
    const date = `${2022 + (i % 5)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    receptions.push({ id, townId: town.id, code: `BR${String(i + 1).padStart(6, '0')}`, stationId: pick(stations).id, date, createdAt: ts, updatedAt: ts });
    const d = pick(deputies);
    onDuty.push({ receptionId: id, deputyId: d.id, townId: town.id });
    for (let m = 0; m < v.mattersPerReception; m++) {
      const content = `${pick(PHRASES)}。`;
      const category = pick(DEFAULT_CATEGORIES_FOR_BENCH);
      matters.push({
        id: newId(),
        townId: town.id,
        receptionId: id,
        seq: m + 1,
        category,
        content,
        routing: 'on_spot' as const,
        searchText: searchText(content, category),
        createdAt: ts,
        updatedAt: ts,
      });
    }
  }
  await insertChunks(receptions, (c) => db.insertInto('reception').values(c).execute());
  await insertChunks(onDuty, (c) => db.insertInto('receptionDeputy').values(c).execute());
  await insertChunks(matters, (c) => db.insertInto('receptionMatter').values(c).execute());
  progress(`  ${receptions.length} receptions, ${matters.length} matters`);

  const audits = [];
  for (let i = 0; i < v.auditEvents; i++) {
    const at = new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString();
    audits.push({
      id: newId(),
      countyId: town.countyId,
      townId: town.id,
      actorUserId: null,
      actorName: '基准测试',
      actorRole: 'town_admin',
      at,
      entity: 'suggestion',
      entityId: newId(),
      action: 'update',
      summary: `更新建议 ${i}`,
      changes: null,
      requestId: null,
      ip: null,
    });
  }
  // Through the audit writer's append (not a bare insert), so the volume is hash-chained like real events
  // and `renda audit verify` passes on a bench database; hashing 100,000 events in JS takes well under a second.
  await appendAuditRows(db, audits);
  progress(`  ${audits.length} audit events`);
  await analyze(db);
}

/**
 * Table statistics after a bulk load, as autovacuum (PostgreSQL) or a maintenance run would leave them. Without
 * them the planner guesses: measured on PostgreSQL, the town's text search took 358 ms (a scan by town that
 * re-tokenised every row) before ANALYZE and 2 ms after (the GIN index).
 */
export async function analyze(db: Kysely<DB>): Promise<void> {
  await sql`analyze`.execute(db);
}
