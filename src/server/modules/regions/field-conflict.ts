import { ConflictError, fieldLabel } from '../../http/errors.ts';

/** 409 naming the field, the way db/unique.ts answers for codes: "编码 “V01” 已存在". */
export function fieldConflict(field: string, message: string): ConflictError {
  return new ConflictError(`${fieldLabel(field)}：${message}`, { issues: [{ field, message }] });
}
