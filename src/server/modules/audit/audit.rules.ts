/** Pure helpers for audit events: which fields changed, with personal data masked. */

/** Fields never written into the audit log in clear. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'csrfToken']);

export type Changes = Record<string, [unknown, unknown]>;

export type Masker = (field: string, value: unknown) => unknown;

/**
 * The fields that differ between before and after, as {field: [before, after]}.
 * `before` undefined means a create, `after` undefined a delete. Bookkeeping fields are left out.
 */
export function diffChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  mask: Masker = (_f, v) => v,
): Changes {
  const skip = new Set(['version', 'updatedAt', 'createdAt']);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Changes = {};
  for (const k of keys) {
    if (skip.has(k)) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (SECRET_FIELDS.has(k)) {
      out[k] = ['***', '***'];
      continue;
    }
    out[k] = [b === undefined ? null : mask(k, b), a === undefined ? null : mask(k, a)];
  }
  return out;
}
