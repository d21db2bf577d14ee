/* The head of each county's audit chain (see the migration 20261207_0240_audit_chain and modules/audit/audit.chain.ts). */

export interface AuditChainTable {
  /** The county id, or 'system' for events without a county. */
  chain: string;
  /** The seq of the last event appended to the chain. */
  seq: number;
  /** That event's hash (the genesis hash, 64 zeros, before the first). */
  lastHash: string;
}

export interface AuditChainTables {
  auditChain: AuditChainTable;
}
