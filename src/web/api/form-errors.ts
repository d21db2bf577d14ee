import type { FormInstance } from 'antd';
import { ApiError } from './client.ts';

type NamePath = (string | number)[];

/** 'body.members[2].deputyId' -> ['members', 2, 'deputyId']: the server's field path as an antd name path. */
export function issueFieldPath(field: string): NamePath {
  const parts: NamePath = [];
  for (const seg of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
  return parts;
}

/**
 * Show the server's field problems next to the fields of an antd form. `fields` lists the names the
 * form has (top-level); `rename` maps a server field to a form field where they differ. Returns true
 * when at least one problem landed on a field, so the caller only needs a toast for the rest.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fields: readonly string[], rename: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || err.issues.length === 0) return false;
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const issue of err.issues) {
    const path = issueFieldPath(issue.field);
    const head = path[0];
    if (typeof head !== 'string') continue;
    const name: NamePath = [rename[head] ?? head, ...path.slice(1)];
    if (!fields.includes(name[0] as string)) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField.values()]);
  form.scrollToField([...byField.values()][0].name, { block: 'center' });
  return true;
}
