import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE, freshDatabase } from '../../test/db.ts';
import type { Database } from '../server/db/kysely.ts';
import type { Ctx } from '../server/http/principal.ts';
import { recordAudits } from '../server/modules/audit/audit.repo.ts';
import { auditVerify } from './audit.commands.ts';

/* `renda audit verify` on this run's engine: what it prints and its exit code. */

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  const ctx = {
    db: database.db,
    requestId: 'cli',
    ip: '',
    principal: { userId: 'cli', username: 'cli', displayName: 'cli', role: 'county_admin', countyId: 'C1', townId: null },
  } as unknown as Ctx;
  await recordAudits(
    database.db,
    ctx,
    [1, 2, 3].map((i) => ({ entity: 'town', entityId: `t${i}`, action: 'create', summary: `新增乡镇 ${i}` })),
  );
});
afterAll(async () => database.close());

async function run(printHead: boolean) {
  const lines: string[] = [];
  const code = await auditVerify(database.db, { printHead }, (l) => lines.push(l));
  return { code, lines };
}

describe(`renda audit verify (${TEST_ENGINE})`, () => {
  it('exits 0 on a clean log, with the counts and (--print-head) each chain head', async () => {
    const head = await database.db.selectFrom('auditChain').select('lastHash').where('chain', '=', 'C1').executeTakeFirstOrThrow();
    const { code, lines } = await run(true);
    expect(code).toBe(0);
    expect(lines).toEqual(['审计链 chains: 1  事件 rows: 3  问题 problems: 0', `head C1 seq=3 hash=${head.lastHash}`, '审计日志完整 OK']);
  });

  it('exits 1 and prints the problem when an event was edited', async () => {
    // As an attacker with database access would: drop the append-only trigger, then edit.
    if (TEST_ENGINE === 'postgres') await sql`drop trigger audit_event_no_change on audit_event`.execute(database.db);
    else await sql`drop trigger audit_event_no_update`.execute(database.db);
    const { id } = await database.db.selectFrom('auditEvent').select('id').where('seq', '=', 2).executeTakeFirstOrThrow();
    await database.db.updateTable('auditEvent').set({ summary: '改' }).where('id', '=', id).execute();
    const { code, lines } = await run(false);
    expect(code).toBe(1);
    expect(lines[0]).toBe('审计链 chains: 1  事件 rows: 3  问题 problems: 1');
    expect(lines[1]).toMatch(new RegExp(`^\\[edited\\] .*${id}`));
    expect(lines.at(-1)).toBe('审计日志校验未通过 FAILED');
  });
});
