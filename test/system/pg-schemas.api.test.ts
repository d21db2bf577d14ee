import { expect, it } from 'vitest';
import { freshDatabase } from '../db.ts';

// Several migrated schemas in one PostgreSQL database (one per test file here; one per partition in a
// large deployment) must not see each other's migration tables. On SQLite each is its own file.
it('migrates several fresh databases side by side, also concurrently', async () => {
  const a = await freshDatabase();
  const b = await freshDatabase();
  const [c, d] = await Promise.all([freshDatabase(), freshDatabase()]);
  for (const x of [a, b, c, d]) {
    const n = await x.db.selectFrom('county').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    await x.close();
  }
});
