import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { verifyAuditChain } from '../server/modules/audit/audit.verify.ts';
import { openCliDatabase } from './open-db.ts';

export type AuditVerifyOptions = { printHead?: boolean };

/**
 * The work of `renda audit verify`, apart from opening the database so that tests run it on either
 * engine: prints the counts, each problem and (--print-head) each chain's head; returns the exit code.
 */
export async function auditVerify(db: Kysely<DB>, opts: AuditVerifyOptions, print: (line: string) => void): Promise<number> {
  const r = await verifyAuditChain(db);
  print(`审计链 chains: ${r.chains}  事件 rows: ${r.rows}  问题 problems: ${r.problems.length}`);
  for (const p of r.problems) print(`[${p.kind}] ${p.message}`);
  if (opts.printHead) {
    // One line per chain: what to copy into the backup manifest or the yearly report as the anchor.
    for (const h of r.heads) print(`head ${h.chain} seq=${h.seq} hash=${h.lastHash}`);
  }
  print(r.problems.length ? '审计日志校验未通过 FAILED' : '审计日志完整 OK');
  return r.problems.length ? 1 : 0;
}

/** `renda audit`: checks on the audit log (docs/audit.md). */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志 audit log');
  audit
    .command('verify')
    .description('校验审计日志的哈希链 verify the audit log hash chains (exit 1 on any problem)')
    .option('--print-head', '打印每条链的链头（序号和哈希），供外部留存 print each chain head for anchoring')
    .action(async (opts: AuditVerifyOptions) => {
      const database = await openCliDatabase();
      try {
        process.exitCode = await auditVerify(database.db, opts, (line) => console.log(line));
      } catch (err) {
        console.error(err instanceof Error ? err.message : err);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
