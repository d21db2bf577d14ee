import { type Kysely, sql } from 'kysely';
import { type ChainHead, GENESIS_HASH, auditHash, chainOf } from '../../modules/audit/audit.chain.ts';

/*
 * The audit log becomes append-only and hash-chained (docs/audit.md).
 *
 * - audit_event gains seq, prev_hash, hash: each event's place in its county's chain, the previous event's
 *   hash and its own (modules/audit/audit.chain.ts). Nullable only so that this migration can add them to
 *   existing rows; every writer (modules/audit/audit.repo.ts) sets them.
 * - audit_chain holds each chain's head (last seq and hash): the row writers lock to append, and what
 *   `renda audit verify` compares the last event against (a deleted tail shows as head.seq > last seq).
 * - The existing events are chained here, oldest first (at, id), in pages, so that they verify too.
 * - Triggers then refuse UPDATE and DELETE on audit_event (and TRUNCATE on PostgreSQL). This stops the app
 *   and a careless operator; someone who owns the database can drop a trigger, which is what the chain
 *   (and anchoring its head outside the database) is for.
 *
 * The hash function is imported, not copied: it is a stored format that may never change anyway.
 */

const PAGE = 1000;

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('audit_event').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_event').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_event').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('audit_chain')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  // The verifier walks a chain by (county, seq).
  await db.schema.createIndex('audit_event_chain_idx').on('audit_event').columns(['county_id', 'seq']).execute();

  // On PostgreSQL the migrator already runs this in a transaction; on SQLite it does not, and one
  // transaction makes the per-row updates fast and all-or-nothing.
  if (db.isTransaction) await backfill(db);
  else await db.transaction().execute((trx) => backfill(trx));

  if (isPostgres(db)) {
    await sql`
      create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '审计日志只能追加，不能修改或删除（%）', tg_op using errcode = 'P0001';
      end
      $$`.execute(db);
    await sql`create trigger audit_event_no_change before update or delete on audit_event
      for each row execute function audit_event_append_only()`.execute(db);
    await sql`create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_append_only()`.execute(db);
    return;
  }
  await sql`create trigger audit_event_no_update before update on audit_event
    begin select raise(abort, '审计日志只能追加，不能修改（UPDATE）'); end`.execute(db);
  await sql`create trigger audit_event_no_delete before delete on audit_event
    begin select raise(abort, '审计日志只能追加，不能删除（DELETE）'); end`.execute(db);
}

type Row = {
  id: string;
  county_id: string | null;
  town_id: string | null;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string;
  at: string;
  entity: string;
  entity_id: string;
  action: string;
  summary: string;
  changes: string | null;
  request_id: string | null;
  ip: string | null;
};

/** Chain every existing event, oldest first, a page at a time (keyset on (at, id), never the whole table). */
async function backfill(db: Kysely<any>): Promise<void> {
  const raw = db.withoutPlugins();
  const pg = isPostgres(db);
  const heads = new Map<string, ChainHead>();
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = raw
      .selectFrom('audit_event')
      .select([
        'id',
        'county_id',
        'town_id',
        'actor_user_id',
        'actor_name',
        'actor_role',
        'at',
        'entity',
        'entity_id',
        'action',
        'summary',
        'changes',
        'request_id',
        'ip',
      ])
      .orderBy('at')
      .orderBy('id')
      .limit(PAGE);
    if (after) {
      const c = after;
      q = q.where((eb) => eb.or([eb('at', '>', c.at), eb.and([eb('at', '=', c.at), eb('id', '>', c.id)])]));
    }
    const rows = (await q.execute()) as Row[];
    if (!rows.length) break;
    const updates = rows.map((r) => {
      const chain = chainOf(r.county_id);
      const head = heads.get(chain) ?? { seq: 0, lastHash: GENESIS_HASH };
      const seq = head.seq + 1;
      const hash = auditHash(head.lastHash, {
        id: r.id,
        countyId: r.county_id,
        townId: r.town_id,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        at: r.at,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        summary: r.summary,
        changes: r.changes,
        requestId: r.request_id,
        ip: r.ip,
        seq,
      });
      heads.set(chain, { seq, lastHash: hash });
      return { id: r.id, seq, prevHash: head.lastHash, hash };
    });
    if (pg) {
      // One statement per page: the arrays are bound parameters, unnested side by side.
      await sql`
        update audit_event as a set seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
        from unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.seq)}::int[],
                    ${updates.map((u) => u.prevHash)}::text[], ${updates.map((u) => u.hash)}::text[])
             as u(id, seq, prev_hash, hash)
        where a.id = u.id`.execute(raw);
    } else {
      // SQLite in one transaction: a prepared statement per row is as fast as anything cleverer.
      for (const u of updates) {
        await raw.updateTable('audit_event').set({ seq: u.seq, prev_hash: u.prevHash, hash: u.hash }).where('id', '=', u.id).execute();
      }
    }
    const last = rows[rows.length - 1] as Row;
    after = { at: last.at, id: last.id };
  }
  const chains = [...heads.entries()].map(([chain, h]) => ({ chain, seq: h.seq, last_hash: h.lastHash }));
  for (let i = 0; i < chains.length; i += 500)
    await raw
      .insertInto('audit_chain')
      .values(chains.slice(i, i + 500))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists audit_event_no_truncate on audit_event`.execute(db);
    await sql`drop trigger if exists audit_event_no_change on audit_event`.execute(db);
    await sql`drop function if exists audit_event_append_only()`.execute(db);
  } else {
    await sql`drop trigger if exists audit_event_no_update`.execute(db);
    await sql`drop trigger if exists audit_event_no_delete`.execute(db);
  }
  await db.schema.dropIndex('audit_event_chain_idx').execute();
  await db.schema.dropTable('audit_chain').execute();
  await db.schema.alterTable('audit_event').dropColumn('hash').execute();
  await db.schema.alterTable('audit_event').dropColumn('prev_hash').execute();
  await db.schema.alterTable('audit_event').dropColumn('seq').execute();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}
