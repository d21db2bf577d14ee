import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { GENESIS_HASH, SYSTEM_CHAIN, auditHash, chainOf } from './audit.chain.ts';

/*
 * `renda audit verify`: walks every county's chain in seq order, a page at a time (keyset on seq, id; never
 * the whole table in memory), recomputes each event's hash and compares the links. What each problem means:
 *
 * - edited: the event's stored fields no longer hash to its stored hash (someone changed a field);
 * - deleted: seq jumps (events missing before this one), or its prev_hash is not the hash of the event
 *   before it;
 * - deleted_tail: the head (audit_chain) says the chain is longer than its last event;
 * - unhashed: events no writer chained (inserted around the app);
 * - head: the head row is missing, behind the events, or its hash is not the last event's.
 *
 * A verified chain proves only that it is consistent with itself and its head row; see docs/audit.md for
 * what it cannot detect (a whole tail rewritten with fresh hashes) and how anchoring the head helps.
 */

export type AuditProblemKind = 'edited' | 'deleted' | 'deleted_tail' | 'duplicate' | 'unhashed' | 'head';

export type AuditProblem = {
  kind: AuditProblemKind;
  chain: string;
  /** The event the problem shows on (for `deleted`, the first event after the gap). */
  id: string | null;
  seq: number | null;
  message: string;
};

export type ChainSummary = { chain: string; seq: number; lastHash: string; rows: number };

export type AuditVerification = {
  /** Chains walked. */
  chains: number;
  /** Events checked (hashed ones; unhashed ones are counted in their own problem). */
  rows: number;
  problems: AuditProblem[];
  /** Each chain's head as stored (for anchoring: `renda audit verify --print-head`). */
  heads: ChainSummary[];
};

const PAGE = 1000;
/** Unhashed events named one by one; past this many, one problem gives the count. */
const UNHASHED_NAMED = 20;

export async function verifyAuditChain(db: Kysely<DB>, opts: { pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? PAGE;
  const problems: AuditProblem[] = [];
  const heads = await db.selectFrom('auditChain').select(['chain', 'seq', 'lastHash']).orderBy('chain').execute();
  // Chains that have events but lost their head row are walked too (and reported).
  const eventChains = await db.selectFrom('auditEvent').select('countyId').distinct().where('hash', 'is not', null).execute();
  const chains = new Set([...heads.map((h) => h.chain), ...eventChains.map((r) => chainOf(r.countyId))]);
  const headOf = new Map(heads.map((h) => [h.chain, h]));

  let rows = 0;
  const summaries: ChainSummary[] = [];
  for (const chain of [...chains].sort()) {
    const walked = await walkChain(db, chain, pageSize, problems);
    rows += walked.rows;
    const head = headOf.get(chain);
    if (!head) {
      problems.push({ kind: 'head', chain, id: null, seq: null, message: `链 ${chain} 没有链头记录（audit_chain 行被删除）` });
      continue;
    }
    summaries.push({ chain, seq: Number(head.seq), lastHash: head.lastHash, rows: walked.rows });
    if (Number(head.seq) > walked.lastSeq) {
      problems.push({
        kind: 'deleted_tail',
        chain,
        id: null,
        seq: walked.lastSeq + 1,
        message: `链 ${chain} 末尾缺少事件：链头序号 ${head.seq}，最后一条事件序号 ${walked.lastSeq}（序号 ${walked.lastSeq + 1}${Number(head.seq) > walked.lastSeq + 1 ? `–${head.seq}` : ''} 被删除）`,
      });
    } else if (Number(head.seq) < walked.lastSeq) {
      problems.push({
        kind: 'head',
        chain,
        id: null,
        seq: walked.lastSeq,
        message: `链 ${chain} 的事件序号 ${walked.lastSeq} 超过链头序号 ${head.seq}（绕过应用写入）`,
      });
    } else if (head.lastHash !== walked.lastHash) {
      problems.push({ kind: 'head', chain, id: null, seq: walked.lastSeq, message: `链 ${chain} 链头哈希与最后一条事件（序号 ${walked.lastSeq}）的哈希不符` });
    }
  }

  const unhashed = await db
    .selectFrom('auditEvent')
    .select(['id', 'countyId', 'seq'])
    .where('hash', 'is', null)
    .orderBy('id')
    .limit(UNHASHED_NAMED + 1)
    .execute();
  for (const u of unhashed.slice(0, UNHASHED_NAMED)) {
    problems.push({ kind: 'unhashed', chain: chainOf(u.countyId), id: u.id, seq: u.seq, message: `事件 ${u.id} 没有哈希（未经应用写入）` });
  }
  if (unhashed.length > UNHASHED_NAMED) {
    const { n } = await db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('hash', 'is', null)
      .executeTakeFirstOrThrow();
    problems.push({ kind: 'unhashed', chain: '*', id: null, seq: null, message: `共 ${Number(n)} 条事件没有哈希，只列出了前 ${UNHASHED_NAMED} 条` });
  }
  return { chains: chains.size, rows, problems, heads: summaries };
}

/** One chain, in (seq, id) pages. Continues from each event's stored hash, so one edit is one problem. */
async function walkChain(db: Kysely<DB>, chain: string, pageSize: number, problems: AuditProblem[]) {
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let rows = 0;
  let after: { seq: number; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('auditEvent')
      .selectAll()
      .where('hash', 'is not', null)
      .where((eb) => (chain === SYSTEM_CHAIN ? eb('countyId', 'is', null) : eb('countyId', '=', chain)))
      .orderBy('seq')
      .orderBy('id')
      .limit(pageSize);
    if (after) {
      const c = after;
      q = q.where((eb) => eb.or([eb('seq', '>', c.seq), eb.and([eb('seq', '=', c.seq), eb('id', '>', c.id)])]));
    }
    const page = await q.execute();
    for (const e of page) {
      const seq = Number(e.seq);
      rows++;
      if (seq <= lastSeq) {
        problems.push({ kind: 'duplicate', chain, id: e.id, seq, message: `事件 ${e.id} 的序号 ${seq} 与前一条重复（绕过应用写入）` });
      } else if (seq > lastSeq + 1) {
        const missing = seq - lastSeq - 1;
        problems.push({
          kind: 'deleted',
          chain,
          id: e.id,
          seq,
          message: `链 ${chain} 在事件 ${e.id}（序号 ${seq}）之前缺少 ${missing} 条事件（序号 ${lastSeq + 1}${missing > 1 ? `–${seq - 1}` : ''} 被删除）`,
        });
      } else if (e.prevHash !== lastHash) {
        problems.push({ kind: 'deleted', chain, id: e.id, seq, message: `事件 ${e.id}（序号 ${seq}）的前一哈希与前一条事件不符（之前的事件被删除或替换）` });
      }
      const expected = auditHash(e.prevHash ?? '', {
        id: e.id,
        countyId: e.countyId,
        townId: e.townId,
        actorUserId: e.actorUserId,
        actorName: e.actorName,
        actorRole: e.actorRole,
        at: e.at,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        summary: e.summary,
        changes: e.changes,
        requestId: e.requestId,
        ip: e.ip,
        seq,
      });
      if (expected !== e.hash) {
        problems.push({ kind: 'edited', chain, id: e.id, seq, message: `事件 ${e.id}（序号 ${seq}）的内容与其哈希不符（被修改）` });
      }
      lastSeq = Math.max(lastSeq, seq);
      lastHash = e.hash as string;
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1];
    after = { seq: Number(last?.seq), id: last?.id as string };
  }
  return { rows, lastSeq, lastHash };
}
